// What the reports share to aggregate in the database: the period as
// instants, the scope's filters, office time in SQL, reading figures back,
// and the processing time of completed cases counted by office minutes.
#pragma once

#include "reports/catalogue/period_summary.h"

#include <map>
#include <string>
#include <vector>

namespace tongban::reports::sql {

using store::ReportValue;

/// SQLite does not type the columns of expressions, so numbers may come back
/// as their text: these read a figure however it came.
double real(const ReportValue& value);
std::int64_t integer(const ReportValue& value);
std::string text(const ReportValue& value);

/// SQL for office time of the store's calendar, the same count as
/// Calendar::officeMinutesBetween: working days before an instant's local day
/// in full (report_days), and that day's office time up to it.
class OfficeMinutes {
public:
    OfficeMinutes(const workflow::Calendar& calendar, store::SqlDialect dialect);
    /// Office minutes from the start of report_days up to the instant in `column`.
    std::string before(const std::string& column) const;
    /// The local day of an instant, as report_days numbers them.
    std::string dayOf(const std::string& column) const;
    /// Office minutes of the instant's day up to it, were that day a working day.
    std::string officeTimeOfDay(const std::string& column) const;
    const std::string& perDay() const { return m_perDay; }

private:
    store::SqlDialect m_dialect;
    std::string m_offset;
    std::string m_perDay;
    std::vector<workflow::OfficePeriod> m_periods;
};

/// A report's query context: the period as parameters $1 (its first instant)
/// and $2 (the instant after it), the scope's filters on cases `c` after them.
struct Period {
    Period(store::ReportQueries& store, const ReportScope& scope);
    std::int64_t begin = 0;
    std::int64_t end = 0;
    std::string offset;  ///< seconds east of UTC, as SQL text
    std::vector<ReportValue> parameters;
    std::string filter;  ///< " AND …" on cases `c`, or empty
    /// Cases `c` completed (granted) in the period.
    std::string completedIn() const { return "c.status = 'completed' AND c.ended_at >= $1 AND c.ended_at < $2"; }
};

/// The period, department, one thing and region a report states it covers.
std::vector<std::pair<std::string, std::string>> scopeParameters(const ReportScope& scope);

/// Completed cases counted by the office minutes they took, pauses left out.
using MinutesTaken = std::map<std::int64_t, std::int64_t>;

/// The cases completed in the period, by one thing, counted by minutes taken.
std::map<std::string, MinutesTaken> completedCaseTimes(store::ReportQueries& store, const Period& period,
                                                       const OfficeMinutes& office);

/// Mean, median, 90th percentile and longest of a frequency table, in working days.
ProcessingTime summarise(const MinutesTaken& taken, double minutesPerDay);

/// Cases by whole working days taken: [0, 1), [1, 2), …
std::vector<std::int64_t> histogramByDay(const MinutesTaken& taken, std::int64_t minutesPerDay);

} // namespace tongban::reports::sql
