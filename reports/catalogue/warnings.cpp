#include "reports/catalogue/warnings.h"

#include "reports/catalogue/report_sql.h"
#include "workflow/calendar/calendar.h"

#include <algorithm>
#include <map>
#include <ranges>

namespace tongban::reports {

using namespace sql;

namespace {

/// Lines each list shows at most.
constexpr std::size_t kListed = 1000;

} // namespace

WarningFigures warningFigures(store::Store& store, const ReportScope& scope, workflow::Instant at)
{
    const auto& calendar = store.workingCalendar();
    const double perDay = calendar.officeMinutesPerDay();
    WarningFigures figures;
    figures.at = at;
    figures.atText = workflow::formatLocalMinute(calendar, at);
    const auto warnings = store.warnings(at);
    // The urges of the running cases, counted in the database through the journal's urge index.
    std::map<std::string, std::int64_t> urges;
    for (const auto& row : store.reportQuery("SELECT c.number, COUNT(*) FROM cases c JOIN journal j ON j.case_id = c.id"
                                             " AND j.type = 'caseUrged' WHERE c.status = 'running' GROUP BY c.number",
                                             {}))
        urges[text(row[0])] = integer(row[1]);
    const auto inScope = [&](const std::string& department, const std::string& definitionKey) {
        return (scope.department.empty() || department == scope.department) &&
               (scope.oneThing.empty() || definitionKey == scope.oneThing);
    };
    std::map<std::string, DepartmentWarnings> departments;
    const auto steps = [&](const std::vector<store::TaskWarning>& tasks, bool red, std::vector<WarningLine>& out) {
        for (const auto& task : tasks) {
            const auto& definition = task.process->definition();
            if (!inScope(task.department, definition.key))
                continue;
            const auto& node = task.nodeInfo();
            const double minutes = red ? static_cast<double>(calendar.officeMinutesBetween(task.dueAt, at))
                                       : static_cast<double>(calendar.officeMinutesBetween(at, task.dueAt));
            out.push_back({task.caseNumber, definition.name, node.name.empty() ? node.id : node.name, task.department,
                           task.dueAt, minutes / perDay, urges.contains(task.caseNumber) ? urges[task.caseNumber] : 0,
                           task.pausedSince.has_value()});
            auto& department = departments[task.department];
            department.department = task.department;
            (red ? department.redSteps : department.yellowSteps) += 1;
        }
    };
    steps(warnings.overdueTasks, true, figures.redSteps);
    steps(warnings.dueSoonTasks, false, figures.yellowSteps);
    // A case answers through the department of its oldest open step.
    std::map<std::string, std::string> answering;
    for (const auto& row : store.reportQuery(
             "SELECT c.number, (SELECT t.department FROM tasks t WHERE t.case_id = c.id AND t.state IN ('open', 'claimed')"
             " ORDER BY t.number LIMIT 1) FROM cases c WHERE c.status = 'running' AND c.due_at IS NOT NULL AND c.due_at <= $1",
             {std::int64_t{calendar.addOfficeMinutes(at, calendar.officeMinutesPerDay()).time_since_epoch().count()}}))
        answering[text(row[0])] = text(row[1]);
    const auto cases = [&](const std::vector<store::CaseView>& views, bool red, std::vector<WarningLine>& out) {
        for (const auto& view : views) {
            if (!view.dueAt)
                continue;
            const auto found = answering.find(view.number);
            const std::string department = found == answering.end() ? std::string() : found->second;
            if (!inScope(department, view.definitionKey))
                continue;
            const double minutes = red ? static_cast<double>(calendar.officeMinutesBetween(*view.dueAt, at))
                                       : static_cast<double>(calendar.officeMinutesBetween(at, *view.dueAt));
            out.push_back({view.number, view.oneThing, {}, department, *view.dueAt, minutes / perDay,
                           urges.contains(view.number) ? urges[view.number] : 0, view.pausedSince.has_value()});
        }
    };
    cases(warnings.overdueCases, true, figures.redCases);
    cases(warnings.dueSoonCases, false, figures.yellowCases);
    // Most urgent first: furthest over, or least left.
    const auto over = [](const WarningLine& a, const WarningLine& b) { return a.workingDays > b.workingDays; };
    const auto left = [](const WarningLine& a, const WarningLine& b) { return a.workingDays < b.workingDays; };
    std::ranges::stable_sort(figures.redSteps, over);
    std::ranges::stable_sort(figures.redCases, over);
    std::ranges::stable_sort(figures.yellowSteps, left);
    std::ranges::stable_sort(figures.yellowCases, left);
    for (auto& [name, department] : departments)
        figures.departments.push_back(department);
    std::ranges::stable_sort(figures.departments, std::greater<>(), &DepartmentWarnings::redSteps);
    return figures;
}

ReportDocument warningsReport(const WarningFigures& figures, const ReportScope& scope, const std::string& madeAt)
{
    ReportDocument report;
    report.title = "预警督办情况";
    report.parameters.emplace_back("统计时点", figures.atText);
    report.parameters.emplace_back("部门", scope.department.empty() ? "全部" : scope.department);
    report.parameters.emplace_back("一件事", scope.oneThing.empty() ? "全部" : scope.oneThing);
    report.madeAt = madeAt;
    report.definitions = {
        "红色（逾期）：统计时点已过到期时间的环节或办件；超期按办公时间折算为工作日，暂停计时的时间不计。",
        "已暂停·已超期：因补正或特别程序暂停计时、暂停前已超期或暂停中到期的，仍列为红色，状态栏注明。",
        "黄色（临近到期）：统计时点起一个工作日的办公时间内到期的环节或办件；剩余按工作日计。",
        "办件的责任部门：其最早开启、仍在办理的环节所在部门。",
        "催督办次数：该办件收到的催办和督办次数之和。",
    };
    Section summary{"按部门", {}};
    if (figures.redSteps.empty() && figures.yellowSteps.empty() && figures.redCases.empty() && figures.yellowCases.empty())
        summary.blocks.emplace_back(Paragraph{"统计时点没有红色或黄色预警。"});
    Table byDepartment{"各部门预警环节", {"部门", "红色环节", "黄色环节"}, {}};
    Chart chart{Chart::Kind::Bar, "各部门预警环节数", {}, {{"红色", {}}, {"黄色", {}}}, "个"};
    for (const auto& department : figures.departments) {
        byDepartment.rows.push_back(
            {Cell::of(department.department), Cell::count(department.redSteps), Cell::count(department.yellowSteps)});
        chart.categories.push_back(department.department);
        chart.series[0].values.push_back(static_cast<double>(department.redSteps));
        chart.series[1].values.push_back(static_cast<double>(department.yellowSteps));
    }
    summary.blocks.emplace_back(std::move(byDepartment));
    if (!chart.categories.empty())
        summary.blocks.emplace_back(std::move(chart));
    report.sections.push_back(std::move(summary));
    const auto list = [&](const std::string& heading, const std::vector<WarningLine>& lines, bool red, bool withStep) {
        Section section{heading, {}};
        Table table{heading + "清单", {"办件编号", "一件事"}, {}};
        if (withStep)
            table.columns.push_back("环节");
        table.columns.insert(table.columns.end(), {"责任部门", red ? "超期（工作日）" : "剩余（工作日）", "催督办次数"});
        if (red)
            table.columns.push_back("状态");
        // The most urgent first; a list of hundreds of thousands is no reading for anyone.
        if (lines.size() > kListed)
            section.blocks.emplace_back(Paragraph{"共 " + std::to_string(lines.size()) + " 条，此处列出最紧急的 " +
                                                  std::to_string(kListed) + " 条。"});
        for (const auto& line : lines | std::views::take(kListed)) {
            std::vector<Cell> row{Cell::of(line.caseNumber), Cell::of(line.oneThing)};
            if (withStep)
                row.push_back(Cell::of(line.step));
            row.insert(row.end(), {Cell::of(line.department), Cell::number(line.workingDays, 2), Cell::count(line.urges)});
            if (red)
                row.push_back(Cell::of(line.paused ? "已暂停·已超期" : "已超期"));
            table.rows.push_back(std::move(row));
        }
        section.blocks.emplace_back(std::move(table));
        report.sections.push_back(std::move(section));
    };
    list("红色预警环节", figures.redSteps, true, true);
    list("黄色预警环节", figures.yellowSteps, false, true);
    list("逾期办件", figures.redCases, true, false);
    list("临近到期办件", figures.yellowCases, false, false);
    return report;
}

} // namespace tongban::reports
