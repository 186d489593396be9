#include "reports/catalogue/rectifications.h"

#include "reports/catalogue/evaluation_sql.h"
#include "workflow/calendar/calendar.h"
#include "workflow/evaluation/metrics.h"
#include "workflow/evaluation/rectification.h"

#include <algorithm>
#include <map>

namespace tongban::reports {

using namespace sql;
namespace loop = workflow::rectification;

RectificationFigures rectificationFigures(store::ReportQueries& store, const ReportScope& scope, workflow::Instant at)
{
    const auto& calendar = store.workingCalendar();
    const OfficeMinutes office(calendar, store.dialect());
    const EvaluationQuery query(store, scope, at);
    const auto& parameters = query.parameters();
    const auto& now = query.at();
    RectificationFigures figures;
    figures.at = at;
    figures.atText = workflow::formatLocalMinute(calendar, at);

    const auto node = [](std::string_view id) { return "'" + std::string(id) + "'"; };
    const std::string late = "t.closed_at <= " + now + " AND t.closed_at > t.due_key OR (t.closed_at IS NULL OR t.closed_at > " +
                             now + ") AND " + now + " > t.due_key";
    // A one thing or region in scope reaches a loop through the case whose evaluation opened it.
    const std::string throughCase = query.caseFilter().empty()
                                        ? std::string()
                                        : " AND EXISTS (SELECT 1 FROM evaluations x JOIN cases c ON c.number = x.case_number"
                                          " WHERE x.rectification_case = r.number" + query.caseFilter() + ")";
    // Each loop until the report's instant, with what became of it by then;
    // its owner is the department its verification step is assigned to.
    const std::string loops =
        ", loops AS (SELECT * FROM (SELECT r.accepted_at AS opened,"
        " CASE WHEN r.ended_at <= " + now + " THEN r.ended_at END AS closed,"
        " COALESCE((SELECT MIN(t.department) FROM tasks t WHERE t.case_id = r.id AND t.node = " + node(loop::kVerify) +
        "), '') AS department,"
        " CASE WHEN e.id IS NOT NULL AND e.excluded = 0 THEN 1 ELSE 0 END AS counted,"
        " CASE WHEN EXISTS (SELECT 1 FROM evaluations x WHERE x.rectification_case = r.number) THEN 0 ELSE 1 END AS by_hand,"
        " CASE WHEN EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = r.id AND t.node = " + node(loop::kRevisit) +
        " AND t.closed_at <= " + now + ") THEN 1 ELSE 0 END AS revisited,"
        " CASE WHEN EXISTS (SELECT 1 FROM journal j WHERE j.case_id = r.id AND " +
        query.stepSetTrue(std::string(loop::kSatisfied)) + ") THEN 1 ELSE 0 END AS satisfied,"
        " CASE WHEN EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = r.id AND (" + late + ")) THEN 0 ELSE 1 END AS on_time"
        " FROM cases r LEFT JOIN rated e ON e.rectification_case = r.number AND e.follow_up_of IS NULL"
        " WHERE r.definition_key = '" + std::string(workflow::kRectificationKey) + "' AND r.accepted_at <= " + now +
        throughCase + ") l WHERE 1 = 1" + query.departmentIs("l.department") + ")";
    const std::string with = "WITH " + query.rated() + loops;

    const std::string closedCounted = "counted = 1 AND closed IS NOT NULL";
    const auto groups = store.reportQuery(
        with + " SELECT department,"
               " SUM(CASE WHEN opened >= $1 AND opened < $2 THEN 1 ELSE 0 END),"
               " SUM(CASE WHEN opened >= $1 AND opened < $2 AND by_hand = 1 THEN 1 ELSE 0 END),"
               " SUM(counted),"
               " SUM(CASE WHEN " + closedCounted + " THEN 1 ELSE 0 END),"
               " SUM(CASE WHEN " + closedCounted + " AND on_time = 1 THEN 1 ELSE 0 END),"
               " SUM(CASE WHEN counted = 1 AND revisited = 1 THEN 1 ELSE 0 END),"
               " SUM(CASE WHEN " + closedCounted + " AND revisited = 1 AND satisfied = 1 THEN 1 ELSE 0 END),"
               " SUM(CASE WHEN closed IS NULL THEN 1 ELSE 0 END)"
               " FROM loops GROUP BY department",
        parameters);
    for (const auto& row : groups) {
        DepartmentRectifications department;
        department.department = text(row[0]);
        department.opened = integer(row[1]);
        department.rectifications = integer(row[3]);
        department.closed = integer(row[4]);
        department.closedOnTime = integer(row[5]);
        department.revisited = integer(row[6]);
        department.satisfied = integer(row[7]);
        department.open = integer(row[8]);
        figures.opened += department.opened;
        figures.openedByHand += integer(row[2]);
        figures.rectifications += department.rectifications;
        figures.closed += department.closed;
        figures.closedOnTime += department.closedOnTime;
        figures.revisited += department.revisited;
        figures.satisfied += department.satisfied;
        if (department.opened || department.rectifications || department.open)
            figures.departments.push_back(std::move(department));
    }
    std::ranges::stable_sort(figures.departments, [](const DepartmentRectifications& a, const DepartmentRectifications& b) {
        return a.open != b.open ? a.open > b.open : a.opened > b.opened;
    });

    // Working days from opening to closing, counted by office minutes.
    MinutesTaken taking;
    for (const auto& row : store.reportQuery(with + " SELECT " + office.before("closed") + " - " + office.before("opened") +
                                                 " AS minutes, COUNT(*) FROM loops WHERE " + closedCounted +
                                                 " GROUP BY minutes",
                                             parameters))
        taking[integer(row[0])] += integer(row[1]);
    figures.closing = summarise(taking, calendar.officeMinutesPerDay());

    // The open loops by working days since they were opened.
    const auto& perDay = office.perDay();
    const std::string age = "(" + office.before(now) + " - " + office.before("opened") + ")";
    for (const auto& row : store.reportQuery(with + " SELECT CASE WHEN " + age + " <= " + perDay + " THEN 0 WHEN " + age +
                                                 " <= 5 * " + perDay + " THEN 1 WHEN " + age + " <= 15 * " + perDay +
                                                 " THEN 2 ELSE 3 END AS bucket, COUNT(*) FROM loops WHERE closed IS NULL"
                                                 " GROUP BY bucket",
                                             parameters))
        figures.openByAge.at(static_cast<std::size_t>(integer(row[0]))) += integer(row[1]);
    return figures;
}

ReportDocument rectificationReport(const RectificationFigures& figures, const ReportScope& scope,
                                   const std::string& madeAt)
{
    ReportDocument report;
    report.title = "差评整改情况";
    report.parameters = scopeParameters(scope);
    report.parameters.emplace_back("统计截至", figures.atText);
    report.madeAt = madeAt;
    report.definitions = {
        "新开整改：统计期间内至统计截至时刻开启的整改，含差评自动开启和督查发现、投诉人工开启。",
        "差评整改：统计期间内计入评价的差评（申诉成立的不计）开启的整改；以下比率均以其为准。",
        "差评整改率 = 至统计截至时刻已闭环的差评整改 ÷ 差评整改数。",
        "按时整改率 = 每个环节（核实、申诉复核、整改答复、回访）都在时限内完成的已闭环整改 ÷ 已闭环整改。",
        "回访率 = 至统计截至时刻已回访评价人的差评整改 ÷ 差评整改数。",
        "回访满意率 = 最后一次回访评价人表示满意并闭环的整改 ÷ 已回访的整改。",
        "整改时长：从开启到闭环的办公时间，按工作日计。",
        "在办整改账龄：统计截至时刻仍未闭环的整改（不论何时开启、何种来源），按开启以来的工作日分段。",
        "部门：整改的责任部门（谁办理、谁负责）；选定一件事或区划时只含由该范围办件的差评开启的整改。",
    };
    const auto& time = figures.closing;
    std::int64_t open = 0;
    for (const auto count : figures.openByAge)
        open += count;

    Section overall{"总体情况", {}};
    if (figures.opened == 0 && figures.rectifications == 0 && open == 0)
        overall.blocks.emplace_back(Paragraph{"统计期间内没有整改，统计截至时刻也没有在办的整改。"});
    overall.blocks.emplace_back(Table{
        "主要指标",
        {"指标", "数值"},
        {{Cell::of("新开整改"), Cell::count(figures.opened)},
         {Cell::of("其中督查、投诉开启"), Cell::count(figures.openedByHand)},
         {Cell::of("差评整改"), Cell::count(figures.rectifications)},
         {Cell::of("已闭环"), Cell::count(figures.closed)},
         {Cell::of("按时闭环"), Cell::count(figures.closedOnTime)},
         {Cell::of("差评整改率"), Cell::ratio(figures.closed, figures.rectifications)},
         {Cell::of("按时整改率"), Cell::ratio(figures.closedOnTime, figures.closed)},
         {Cell::of("已回访"), Cell::count(figures.revisited)},
         {Cell::of("回访率"), Cell::ratio(figures.revisited, figures.rectifications)},
         {Cell::of("回访满意"), Cell::count(figures.satisfied)},
         {Cell::of("回访满意率"), Cell::ratio(figures.satisfied, figures.revisited)},
         {Cell::of("平均整改时长（工作日）"), time.cases ? Cell::number(time.meanDays, 2) : Cell::empty()},
         {Cell::of("整改时长 90% 分位（工作日）"), time.cases ? Cell::number(time.p90Days, 2) : Cell::empty()},
         {Cell::of("在办整改"), Cell::count(open)}}});
    report.sections.push_back(std::move(overall));

    Section ages{"在办整改账龄", {}};
    Table ageTable{"在办整改（截至 " + figures.atText + "）", {"开启以来（工作日）", "件数"}, {}};
    Chart ageChart{Chart::Kind::Bar, "在办整改账龄", {}, {{"件数", {}}}, "件"};
    for (std::size_t bucket = 0; bucket < figures.openByAge.size(); ++bucket) {
        ageTable.rows.push_back({Cell::of(workflow::kAgeBuckets[bucket]), Cell::count(figures.openByAge[bucket])});
        ageChart.categories.emplace_back(workflow::kAgeBuckets[bucket]);
        ageChart.series[0].values.push_back(static_cast<double>(figures.openByAge[bucket]));
    }
    ages.blocks.emplace_back(std::move(ageTable));
    if (open > 0)
        ages.blocks.emplace_back(std::move(ageChart));
    report.sections.push_back(std::move(ages));

    Section byDepartment{"按责任部门", {}};
    Table departments{"各部门整改情况",
                      {"部门", "新开整改", "差评整改", "已闭环", "差评整改率", "按时整改率", "回访率", "在办"},
                      {}};
    for (const auto& entry : figures.departments)
        departments.rows.push_back({Cell::of(entry.department), Cell::count(entry.opened), Cell::count(entry.rectifications),
                                    Cell::count(entry.closed), Cell::ratio(entry.closed, entry.rectifications),
                                    Cell::ratio(entry.closedOnTime, entry.closed), Cell::ratio(entry.revisited, entry.rectifications),
                                    Cell::count(entry.open)});
    byDepartment.blocks.emplace_back(std::move(departments));
    report.sections.push_back(std::move(byDepartment));
    return report;
}

} // namespace tongban::reports
