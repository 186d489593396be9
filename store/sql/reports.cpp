// Report queries in SQL: a read-only SELECT in the store's dialect over the
// tables and the working days of the store's calendar.
#include "store/sql/sql_store.h"

#include <algorithm>
#include <cctype>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

std::vector<ReportRow> SqlStore::reportQuery(const std::string& select, const std::vector<ReportValue>& parameters)
{
    const auto first = select.find_first_not_of(" \t\r\n(");
    std::string keyword = first == std::string::npos ? std::string() : select.substr(first, 6);
    std::ranges::transform(keyword, keyword.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if ((keyword != "select" && !keyword.starts_with("with")) || select.find(';') != std::string::npos)
        throw StoreError("a report query is one SELECT, not: " + select.substr(0, 40));
    ensureReportDays();
    return m_queries.rows(select, parameters);
}

SqlDialect SqlStore::dialect() const { return m_dialect.kind; }

const Calendar& SqlStore::workingCalendar() const { return *m_calendar; }

void SqlStore::ensureReportDays()
{
    if (m_reportDaysCalendar == m_calendar)
        return;
    m_session << "DROP TABLE IF EXISTS report_days", now;
    m_session << "CREATE TEMP TABLE report_days (day INTEGER PRIMARY KEY, working INTEGER NOT NULL,"
                 " working_before INTEGER NOT NULL)",
        now;
    // Generated integers only: one statement per thousand days rather than a round trip per day.
    Int64 before = 0;
    std::string values;
    std::size_t inStatement = 0;
    const auto flush = [&] {
        if (inStatement)
            m_session << "INSERT INTO report_days (day, working, working_before) VALUES " + values, now;
        values.clear();
        inStatement = 0;
    };
    for (Day day = m_calendar->firstDay(); day <= m_calendar->lastDay(); day += std::chrono::days{1}) {
        const bool working = m_calendar->isWorkingDay(day);
        values += (inStatement ? "," : "") + std::string("(") + std::to_string(day.time_since_epoch().count()) + "," +
                  (working ? "1" : "0") + "," + std::to_string(before) + ")";
        before += working ? 1 : 0;
        if (++inStatement == 1000)
            flush();
    }
    flush();
    m_reportDaysCalendar = m_calendar;
}

} // namespace tongban::store::sql
