#include "reports/catalogue/report_sql.h"

#include "workflow/calendar/calendar.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tongban::reports::sql {

double real(const ReportValue& value)
{
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*i);
    if (const auto* s = std::get_if<std::string>(&value)) {
        double parsed = 0;
        std::from_chars(s->data(), s->data() + s->size(), parsed);
        return parsed;
    }
    return 0;
}

std::int64_t integer(const ReportValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return *i;
    return std::llround(real(value));
}

std::string text(const ReportValue& value)
{
    const auto* s = std::get_if<std::string>(&value);
    return s ? *s : std::string();
}

OfficeMinutes::OfficeMinutes(const workflow::Calendar& calendar, store::SqlDialect dialect) : m_dialect(dialect)
{
    const auto& data = calendar.data();
    m_offset = std::to_string(static_cast<long>(data.utcOffsetMinutes) * 60);
    m_perDay = std::to_string(calendar.officeMinutesPerDay());
    m_periods = data.officeHours;
}

std::string OfficeMinutes::before(const std::string& column) const
{
    return "(SELECT d.working_before * " + m_perDay + " + d.working * (" + officeTimeOfDay(column) +
           ") FROM report_days d WHERE d.day = " + dayOf(column) + ")";
}

std::string OfficeMinutes::dayOf(const std::string& column) const { return "(" + column + " + " + m_offset + ") / 86400"; }

std::string OfficeMinutes::officeTimeOfDay(const std::string& column) const
{
    const std::string local = "(" + column + " + " + m_offset + ")";
    std::string today;
    for (const auto& period : m_periods) {
        const auto minute = "(" + local + " % 86400) / 60 - " + std::to_string(period.startMinute);
        const auto length = std::to_string(period.endMinute - period.startMinute);
        today += (today.empty() ? "" : " + ") +
                 (m_dialect == store::SqlDialect::PostgreSQL ? "LEAST(GREATEST(" + minute + ", 0), " + length + ")"
                             : "MIN(MAX(" + minute + ", 0), " + length + ")");
    }
    return today.empty() ? "0" : today;
}

Period::Period(store::ReportQueries& store, const ReportScope& scope)
{
    const auto seconds = static_cast<std::int64_t>(store.workingCalendar().data().utcOffsetMinutes) * 60;
    // From the local midnight of `from` to that after `to`.
    begin = scope.from.time_since_epoch().count() * 86400 - seconds;
    end = (scope.to.time_since_epoch().count() + 1) * 86400 - seconds;
    offset = std::to_string(seconds);
    parameters = {begin, end};
    const auto add = [&](const std::string& condition, const std::string& value) {
        parameters.emplace_back(value);
        filter += " AND " + condition + "$" + std::to_string(parameters.size());
    };
    if (!scope.oneThing.empty())
        add("c.definition_key = ", scope.oneThing);
    if (!scope.region.empty())
        add("c.region = ", scope.region);
    if (!scope.department.empty()) {
        parameters.emplace_back(scope.department);
        filter += " AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department = $" +
                  std::to_string(parameters.size()) + ")";
    }
}

std::vector<std::pair<std::string, std::string>> scopeParameters(const ReportScope& scope)
{
    std::vector<std::pair<std::string, std::string>> parameters{
        {"统计期间", workflow::formatDay(scope.from) + " 至 " + workflow::formatDay(scope.to)},
        {"部门", scope.department.empty() ? "全部" : scope.department},
        {"一件事", scope.oneThing.empty() ? "全部" : scope.oneThing}};
    if (!scope.region.empty())
        parameters.emplace_back("区划", scope.region);
    return parameters;
}

std::map<std::string, MinutesTaken> completedCaseTimes(store::ReportQueries& store, const Period& period,
                                                       const OfficeMinutes& office)
{
    // Office minutes from acceptance to the end, less those spent paused
    // (补正, 特别程序): the pauses through the journal's partial indexes, the
    // two instants joined to report_days.
    const std::string resumedAt = "COALESCE((SELECT MIN(r.at) FROM journal r WHERE r.type = 'caseResumed'"
                                  " AND r.case_id = p.case_id AND r.case_version > p.case_version), e.ended_at)";
    const auto at = [&](const char* days, const std::string& column) {
        return std::string(days) + ".working_before * " + office.perDay() + " + " + days + ".working * (" +
               office.officeTimeOfDay(column) + ")";
    };
    const auto rows = store.reportQuery(
        "WITH paused AS (SELECT p.case_id, SUM(" + office.before(resumedAt) + " - " + office.before("p.at") +
            ") AS minutes FROM journal p JOIN cases e ON e.id = p.case_id WHERE p.type = 'casePaused'"
            " GROUP BY p.case_id),"
            " times AS (SELECT c.one_thing, " + at("b", "c.ended_at") + " - (" + at("a", "c.accepted_at") +
            ") - COALESCE(paused.minutes, 0) AS minutes FROM cases c"
            " JOIN report_days a ON a.day = " + office.dayOf("c.accepted_at") +
            " JOIN report_days b ON b.day = " + office.dayOf("c.ended_at") +
            " LEFT JOIN paused ON paused.case_id = c.id WHERE " + period.completedIn() + period.filter + ")"
            " SELECT one_thing, minutes, COUNT(*) FROM times GROUP BY one_thing, minutes",
        period.parameters);
    std::map<std::string, MinutesTaken> taken;
    for (const auto& row : rows)
        taken[text(row[0])][integer(row[1])] += integer(row[2]);
    return taken;
}

ProcessingTime summarise(const MinutesTaken& taken, double minutesPerDay)
{
    ProcessingTime time;
    double sum = 0;
    for (const auto& [minutes, cases] : taken) {
        time.cases += cases;
        sum += static_cast<double>(minutes) * static_cast<double>(cases);
    }
    if (time.cases == 0)
        return time;
    // The smallest value that at least the given share of cases do not exceed.
    const auto quantile = [&](std::int64_t numerator, std::int64_t denominator) {
        std::int64_t seen = 0;
        for (const auto& [minutes, cases] : taken) {
            seen += cases;
            if (seen * denominator >= time.cases * numerator)
                return static_cast<double>(minutes) / minutesPerDay;
        }
        return static_cast<double>(taken.rbegin()->first) / minutesPerDay;
    };
    time.meanDays = sum / static_cast<double>(time.cases) / minutesPerDay;
    time.p50Days = quantile(1, 2);
    time.p90Days = quantile(9, 10);
    time.maxDays = static_cast<double>(taken.rbegin()->first) / minutesPerDay;
    return time;
}

std::vector<std::int64_t> histogramByDay(const MinutesTaken& taken, std::int64_t minutesPerDay)
{
    std::vector<std::int64_t> histogram;
    for (const auto& [minutes, cases] : taken) {
        const auto day = static_cast<std::size_t>(std::max<std::int64_t>(0, minutes) / std::max<std::int64_t>(1, minutesPerDay));
        if (histogram.size() <= day)
            histogram.resize(day + 1, 0);
        histogram[day] += cases;
    }
    return histogram;
}

} // namespace tongban::reports::sql
