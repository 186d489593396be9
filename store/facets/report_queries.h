// What reports aggregate in the database with: read-only queries in the
// store's SQL dialect, and the calendar office time is counted by.
#pragma once

#include "store/records/engine_names.h"
#include "store/records/report_rows.h"

#include <string>
#include <vector>

namespace tongban::store {

class ReportQueries {
public:
    virtual ~ReportQueries() = default;

    /// Runs a report's aggregation in the database: one read-only SELECT (or
    /// WITH … SELECT) written for dialect(), with parameters $1, $2 …. It may
    /// read `report_days (day, working, working_before)`: every local day from
    /// 1990 to 2100 as days since 1970-01-01, whether it is a working day of
    /// the store's calendar, and how many working days came before it, so that
    /// office time between two instants is counted in SQL. Throws StoreError
    /// for anything but a SELECT, and when the query fails.
    virtual std::vector<ReportRow> reportQuery(const std::string& select, const std::vector<ReportValue>& parameters) = 0;
    /// The SQL the database speaks, for the few places where report queries differ.
    virtual SqlDialect dialect() const = 0;
    /// The calendar the store counts working days by.
    virtual const Calendar& workingCalendar() const = 0;
};

} // namespace tongban::store
