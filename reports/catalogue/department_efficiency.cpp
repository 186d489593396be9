#include "reports/catalogue/department_efficiency.h"

#include "reports/catalogue/report_sql.h"
#include "workflow/calendar/calendar.h"

#include <algorithm>
#include <map>

namespace tongban::reports {

namespace {

double onTimeRate(const DepartmentFigures& figures)
{
    return figures.completed ? static_cast<double>(figures.onTime) / static_cast<double>(figures.completed) : 0;
}

} // namespace

EfficiencyFigures efficiencyFigures(store::Store& store, const ReportScope& scope)
{
    EfficiencyFigures figures;
    const auto length = scope.to - scope.from + std::chrono::days{1};
    figures.previous = scope;
    figures.previous.to = scope.from - std::chrono::days{1};
    figures.previous.from = figures.previous.to - length + std::chrono::days{1};
    // The summary's figures by lead department, for both periods: counted in the database.
    std::map<std::string, DepartmentEfficiency> departments;
    for (const auto& department : periodFigures(store, scope).departments)
        departments[department.name] = {department.name, department, {}};
    for (const auto& department : periodFigures(store, figures.previous).departments) {
        auto& entry = departments[department.name];
        entry.department = department.name;
        entry.before = department;
        entry.now.name = department.name;
    }
    for (auto& [name, entry] : departments)
        figures.ranking.push_back(std::move(entry));
    std::ranges::stable_sort(figures.ranking, [](const DepartmentEfficiency& a, const DepartmentEfficiency& b) {
        if (onTimeRate(a.now) != onTimeRate(b.now))
            return onTimeRate(a.now) > onTimeRate(b.now);
        return a.now.meanDays < b.now.meanDays;
    });
    return figures;
}

ReportDocument efficiencyReport(const EfficiencyFigures& figures, const ReportScope& scope, const std::string& madeAt)
{
    ReportDocument report;
    report.title = "部门办件效能";
    report.parameters = sql::scopeParameters(scope);
    report.parameters.emplace_back("对比期间", workflow::formatDay(figures.previous.from) + " 至 " +
                                                   workflow::formatDay(figures.previous.to));
    report.madeAt = madeAt;
    report.definitions = {
        "部门：一件事的牵头部门；目录外流程的办件计入“（目录外）”。",
        "按时办结率 = 在承诺时限内办结的件数 ÷ 办结件数；排名先按按时办结率从高到低，再按平均办理时长从短到长。",
        "平均办理时长：从受理到办结的办公时间，扣除暂停，按工作日计。",
        "对比期间：紧接统计期间之前、天数相同的期间；变化 = 本期 − 上期。",
    };
    const auto share = [](const DepartmentFigures& f) {
        return f.completed ? Cell::share(onTimeRate(f)) : Cell::empty();
    };
    const auto days = [](const DepartmentFigures& f) { return f.completed ? Cell::number(f.meanDays, 2) : Cell::empty(); };
    Section ranking{"排名", {}};
    if (figures.ranking.empty())
        ranking.blocks.emplace_back(Paragraph{"统计期间和对比期间都没有办件。"});
    Table table{"各部门效能排名",
                {"名次", "部门", "办结", "按时办结率", "上期", "变化（百分点）", "平均办理时长（工作日）", "上期", "变化"},
                {}};
    Chart chart{Chart::Kind::Bar, "按时办结率：本期与上期", {}, {{"本期", {}}, {"上期", {}}}, "%"};
    int place = 0;
    for (const auto& entry : figures.ranking) {
        const bool both = entry.now.completed && entry.before.completed;
        table.rows.push_back({Cell::count(++place), Cell::of(entry.department), Cell::count(entry.now.completed), share(entry.now),
                              share(entry.before),
                              both ? Cell::number((onTimeRate(entry.now) - onTimeRate(entry.before)) * 100, 1) : Cell::empty(),
                              days(entry.now), days(entry.before),
                              both ? Cell::number(entry.now.meanDays - entry.before.meanDays, 2) : Cell::empty()});
        chart.categories.push_back(entry.department);
        chart.series[0].values.push_back(onTimeRate(entry.now) * 100);
        chart.series[1].values.push_back(onTimeRate(entry.before) * 100);
    }
    ranking.blocks.emplace_back(std::move(table));
    if (!chart.categories.empty())
        ranking.blocks.emplace_back(std::move(chart));
    report.sections.push_back(std::move(ranking));
    return report;
}

} // namespace tongban::reports
