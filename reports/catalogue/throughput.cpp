#include "reports/catalogue/throughput.h"

#include "reports/catalogue/report_sql.h"
#include "workflow/calendar/calendar.h"

namespace tongban::reports {

using namespace sql;

ThroughputFigures throughputFigures(store::ReportQueries& store, const ReportScope& scope)
{
    const auto& calendar = store.workingCalendar();
    const auto dialect = store.dialect();
    const OfficeMinutes office(calendar, dialect);
    const Period period(store, scope);
    ThroughputFigures figures;
    for (const auto& [name, taken] : completedCaseTimes(store, period, office))
        figures.oneThings.push_back({name, summarise(taken, calendar.officeMinutesPerDay()),
                                     histogramByDay(taken, calendar.officeMinutesPerDay()), 0});
    // The kind of a pause is in its journal record's JSON.
    const std::string kind = dialect == store::SqlDialect::PostgreSQL ? "(p.body::json ->> 'kind')"
                                                                      : "json_extract(p.body, '$.kind')";
    for (const auto& row : store.reportQuery(
             "SELECT c.one_thing, COUNT(DISTINCT c.id) FROM cases c JOIN journal p ON p.case_id = c.id"
             " AND p.type = 'casePaused' WHERE " + period.completedIn() + period.filter + " AND " + kind +
                 " = 'supplement' GROUP BY c.one_thing",
             period.parameters))
        for (auto& thing : figures.oneThings)
            if (thing.name == text(row[0]))
                thing.supplemented = integer(row[1]);
    return figures;
}

ReportDocument throughputReport(const ThroughputFigures& figures, const ReportScope& scope, const std::string& madeAt)
{
    ReportDocument report;
    report.title = "一件事办理时长分布";
    report.parameters = scopeParameters(scope);
    report.madeAt = madeAt;
    report.definitions = {
        "统计对象：统计期间内办结（准予）的办件。",
        "办理时长：从受理到办结的办公时间，扣除补正和特别程序暂停的时间，按每个工作日的办公分钟数折算为工作日。",
        "中位数、90% 分位：不超过该值的办件至少占一半、九成的最小值。",
        "补正比例 = 办理中至少一次被一次性告知补正的办件 ÷ 办结件数。",
    };
    Section overview{"各一件事", {}};
    if (figures.oneThings.empty())
        overview.blocks.emplace_back(Paragraph{"统计期间内没有办结的办件。"});
    Table table{"各一件事办理时长", {"一件事", "办结", "平均", "中位数", "90% 分位", "最长", "补正比例"}, {}};
    for (const auto& thing : figures.oneThings) {
        const auto& t = thing.time;
        table.rows.push_back({Cell::of(thing.name), Cell::count(t.cases), Cell::number(t.meanDays, 2),
                              Cell::number(t.p50Days, 2), Cell::number(t.p90Days, 2), Cell::number(t.maxDays, 2),
                              Cell::ratio(thing.supplemented, t.cases)});
    }
    overview.blocks.emplace_back(std::move(table));
    report.sections.push_back(std::move(overview));
    for (const auto& thing : figures.oneThings) {
        Section section{thing.name, {}};
        section.blocks.emplace_back(Paragraph{"办结 " + std::to_string(thing.time.cases) + " 件，其中 " +
                                              std::to_string(thing.supplemented) + " 件曾补正。"});
        section.blocks.emplace_back(Chart::completedByDay(thing.name + "：办理时长分布（工作日）", thing.histogram));
        report.sections.push_back(std::move(section));
    }
    return report;
}

} // namespace tongban::reports
