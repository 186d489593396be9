#include "reports/catalogue/period_summary.h"

#include "reports/catalogue/report_sql.h"
#include "workflow/calendar/calendar.h"

#include <algorithm>
#include <map>

namespace tongban::reports {

using namespace sql;

workflow::Instant reportInstant(const ReportScope& scope, workflow::Instant now, const workflow::Calendar& calendar)
{
    const workflow::Instant endOfDay =
        workflow::Instant{scope.to + std::chrono::days{1}} - std::chrono::minutes{calendar.data().utcOffsetMinutes};
    return std::min(now, endOfDay);
}

PeriodFigures periodFigures(store::Store& store, const ReportScope& scope)
{
    const auto& calendar = store.workingCalendar();
    const OfficeMinutes office(calendar, store.dialect());
    const Period period(store, scope);
    const auto& parameters = period.parameters;
    const auto& filter = period.filter;
    const std::string endedIn = "c.ended_at >= $1 AND c.ended_at < $2";
    const std::string completedIn = period.completedIn();
    const std::string& off = period.offset;
    PeriodFigures figures;

    // One pass over the cases alive in the period, counted by one thing and
    // channel; the totals, the one things and the channels are sums of it.
    const auto counts = store.reportQuery(
        "SELECT c.one_thing, c.channel,"
        " SUM(CASE WHEN c.accepted_at >= $1 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN " + completedIn + " THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN " + completedIn + " AND (c.due_at IS NULL OR c.ended_at <= c.due_at) THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN " + completedIn + " AND c.due_at IS NOT NULL AND (c.ended_at + " + off + ") / 86400 < (c.due_at + " +
            off + ") / 86400 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN " + completedIn + " AND c.ended_at > c.due_at THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN c.status = 'notGranted' AND " + endedIn + " THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN c.status IN ('withdrawn', 'cancelled') AND " + endedIn + " THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN c.ended_at IS NULL OR c.ended_at >= $2 THEN 1 ELSE 0 END)"
        " FROM cases c WHERE c.accepted_at < $2 AND (c.ended_at IS NULL OR c.ended_at >= $1)" + filter +
            " GROUP BY c.one_thing, c.channel",
        parameters);
    std::map<std::string, OneThingFigures> things;
    std::map<std::string, std::int64_t> channels;
    for (const auto& row : counts) {
        auto& thing = things[text(row[0])];
        thing.name = text(row[0]);
        thing.accepted += integer(row[2]);
        thing.completed += integer(row[3]);
        thing.onTime += integer(row[4]);
        channels[text(row[1])] += integer(row[2]);
        figures.accepted += integer(row[2]);
        figures.completed += integer(row[3]);
        figures.onTime += integer(row[4]);
        figures.early += integer(row[5]);
        figures.overdue += integer(row[6]);
        figures.notGranted += integer(row[7]);
        figures.withdrawn += integer(row[8]);
        figures.openAtEnd += integer(row[9]);
    }
    for (const auto& [channel, accepted] : channels)
        if (accepted > 0)
            figures.channels.emplace_back(channel, accepted);

    // Processing time: how many completed cases took each number of office
    // minutes, per one thing; the figures follow from those tables.
    const double perDay = calendar.officeMinutesPerDay();
    const auto takingByThing = completedCaseTimes(store, period, office);
    MinutesTaken casesTaking;
    for (const auto& [thing, taken] : takingByThing)
        for (const auto& [minutes, cases] : taken)
            casesTaking[minutes] += cases;
    figures.processing = summarise(casesTaking, perDay);
    figures.leadHistogram = histogramByDay(casesTaking, calendar.officeMinutesPerDay());

    // Departments as the one things' lead departments (牵头部门) of the catalogue.
    std::map<std::string, std::string> leadOf;
    for (const auto& entry : store.oneThings())
        leadOf[entry.name] = entry.leadDepartment;
    std::map<std::string, DepartmentFigures> departments;
    std::map<std::string, MinutesTaken> takingByDepartment;
    for (auto& [name, thing] : things) {
        const auto taken = takingByThing.find(name);
        if (taken != takingByThing.end())
            thing.meanDays = summarise(taken->second, perDay).meanDays;
        if (thing.accepted || thing.completed)
            figures.oneThings.push_back(thing);
        const auto lead = leadOf.contains(name) ? leadOf[name] : std::string("（目录外）");
        auto& department = departments[lead];
        department.name = lead;
        department.accepted += thing.accepted;
        department.completed += thing.completed;
        department.onTime += thing.onTime;
        if (taken != takingByThing.end())
            for (const auto& [minutes, cases] : taken->second)
                takingByDepartment[lead][minutes] += cases;
    }
    for (auto& [lead, department] : departments) {
        department.meanDays = summarise(takingByDepartment[lead], perDay).meanDays;
        if (department.accepted || department.completed)
            figures.departments.push_back(department);
    }
    return figures;
}

ReportDocument periodSummary(const PeriodFigures& figures, const ReportScope& scope, const std::string& madeAt)
{
    ReportDocument report;
    report.title = "办件情况汇总";
    report.parameters = scopeParameters(scope);
    report.madeAt = madeAt;
    report.definitions = {
        "受理件数：统计期间内受理（创建）的办件。",
        "办结件数：统计期间内办结（准予）的办件；不予许可、撤回和作废另计。",
        "按时办结率 = 在承诺时限（到期时间）内办结的件数 ÷ 办结件数；无承诺时限的办件计为按时。",
        "提前办结率 = 在到期日之前的日期办结的件数 ÷ 办结件数。",
        "平均办理时长：从受理到办结的办公时间，扣除补正和特别程序暂停的时间，按每个工作日的办公分钟数折算为工作日。",
        "期末在办：统计期末已受理、尚未办结的办件。",
    };

    Section overall{"总体情况", {}};
    if (figures.accepted == 0 && figures.completed == 0 && figures.openAtEnd == 0)
        overall.blocks.emplace_back(Paragraph{"统计期间内没有办件。"});
    overall.blocks.emplace_back(Table{
        "主要指标",
        {"指标", "数值"},
        {{Cell::of("受理件数"), Cell::count(figures.accepted)},
         {Cell::of("办结件数"), Cell::count(figures.completed)},
         {Cell::of("按时办结"), Cell::count(figures.onTime)},
         {Cell::of("提前办结"), Cell::count(figures.early)},
         {Cell::of("逾期办结"), Cell::count(figures.overdue)},
         {Cell::of("按时办结率"), Cell::ratio(figures.onTime, figures.completed)},
         {Cell::of("提前办结率"), Cell::ratio(figures.early, figures.completed)},
         {Cell::of("不予许可"), Cell::count(figures.notGranted)},
         {Cell::of("撤回或作废"), Cell::count(figures.withdrawn)},
         {Cell::of("期末在办"), Cell::count(figures.openAtEnd)}}});
    report.sections.push_back(std::move(overall));

    Section time{"办理时长（工作日，扣除暂停）", {}};
    const auto& p = figures.processing;
    time.blocks.emplace_back(Table{"办理时长",
                                   {"统计", "工作日"},
                                   {{Cell::of("办结件数"), Cell::count(p.cases)},
                                    {Cell::of("平均"), p.cases ? Cell::number(p.meanDays, 2) : Cell::empty()},
                                    {Cell::of("中位数"), p.cases ? Cell::number(p.p50Days, 2) : Cell::empty()},
                                    {Cell::of("90% 分位"), p.cases ? Cell::number(p.p90Days, 2) : Cell::empty()},
                                    {Cell::of("最长"), p.cases ? Cell::number(p.maxDays, 2) : Cell::empty()}}});
    if (!figures.leadHistogram.empty())
        time.blocks.emplace_back(Chart::completedByDay("办理时长分布（工作日）", figures.leadHistogram));
    report.sections.push_back(std::move(time));

    // A group's row: its name, accepted, completed, on-time rate and mean working days.
    const auto groupRow = [](const GroupFigures& entry) {
        return std::vector<Cell>{Cell::of(entry.name), Cell::count(entry.accepted), Cell::count(entry.completed),
                                 Cell::ratio(entry.onTime, entry.completed),
                                 entry.completed ? Cell::number(entry.meanDays, 2) : Cell::empty()};
    };
    Section byOneThing{"按一件事", {}};
    Table things{"各一件事办件情况", {"一件事", "受理", "办结", "按时办结率", "平均办理时长（工作日）"}, {}};
    Chart thingsChart{Chart::Kind::Bar, "各一件事受理与办结", {}, {{"受理", {}}, {"办结", {}}}, "件"};
    for (const auto& entry : figures.oneThings) {
        things.rows.push_back(groupRow(entry));
        thingsChart.categories.push_back(entry.name);
        thingsChart.series[0].values.push_back(static_cast<double>(entry.accepted));
        thingsChart.series[1].values.push_back(static_cast<double>(entry.completed));
    }
    byOneThing.blocks.emplace_back(std::move(things));
    if (!thingsChart.categories.empty())
        byOneThing.blocks.emplace_back(std::move(thingsChart));
    report.sections.push_back(std::move(byOneThing));

    Section byDepartment{"按牵头部门", {}};
    Table departments{"各牵头部门办件情况", {"牵头部门", "受理", "办结", "按时办结率", "平均办理时长（工作日）"}, {}};
    for (const auto& entry : figures.departments)
        departments.rows.push_back(groupRow(entry));
    byDepartment.blocks.emplace_back(std::move(departments));
    report.sections.push_back(std::move(byDepartment));

    Section channels{"受理渠道", {}};
    Table channelTable{"各渠道受理件数", {"渠道", "受理件数", "占比"}, {}};
    Chart pie{Chart::Kind::Pie, "受理渠道构成", {}, {{"受理件数", {}}}, ""};
    for (const auto& [channel, count] : figures.channels) {
        channelTable.rows.push_back({Cell::of(channel), Cell::count(count), Cell::ratio(count, figures.accepted)});
        pie.categories.push_back(channel);
        pie.series[0].values.push_back(static_cast<double>(count));
    }
    channels.blocks.emplace_back(std::move(channelTable));
    if (!pie.categories.empty())
        channels.blocks.emplace_back(std::move(pie));
    report.sections.push_back(std::move(channels));
    return report;
}

} // namespace tongban::reports
