// Report 1, the period summary (办件情况汇总): what was accepted and finished,
// on time, early and late, still open at the end, how long cases took in
// working days with pauses left out, by one thing, by lead department, by channel.
// Every figure is aggregated in the database (docs/reports.md says how).
#pragma once

#include "reports/document/report_document.h"
#include "store/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tongban::reports {

/// What a report covers: local days from `from` to `to`, both included, and
/// optionally one department (the cases it worked a step of), one thing
/// (definition key) or region code.
struct ReportScope {
    workflow::Day from;
    workflow::Day to;
    std::string department;
    std::string oneThing;
    std::string region;
};

/// The instant a report looks at: now, or the end of the period's last day
/// when that has passed.
workflow::Instant reportInstant(const ReportScope& scope, workflow::Instant now, const workflow::Calendar& calendar);

struct ProcessingTime {
    std::int64_t cases = 0;  ///< completed cases measured
    double meanDays = 0;     ///< working days, pauses left out
    double p50Days = 0;
    double p90Days = 0;
    double maxDays = 0;
};

/// The cases of one group: a one thing, or a lead department (牵头部门) with
/// the cases of the one things it leads.
struct GroupFigures {
    std::string name;
    std::int64_t accepted = 0;
    std::int64_t completed = 0;
    std::int64_t onTime = 0;
    double meanDays = 0;
};
using OneThingFigures = GroupFigures;
using DepartmentFigures = GroupFigures;

struct PeriodFigures {
    std::int64_t accepted = 0;    ///< cases accepted in the period
    std::int64_t completed = 0;   ///< completed (granted) in the period
    std::int64_t onTime = 0;      ///< completed by their due time
    std::int64_t early = 0;       ///< completed on a day before their due day
    std::int64_t overdue = 0;     ///< completed after their due time
    std::int64_t notGranted = 0;  ///< ended 不予许可 in the period
    std::int64_t withdrawn = 0;   ///< withdrawn or cancelled in the period
    std::int64_t openAtEnd = 0;   ///< accepted by the end and not ended by then
    ProcessingTime processing;
    std::vector<std::int64_t> leadHistogram;  ///< completed cases by whole working days taken
    std::vector<OneThingFigures> oneThings;
    std::vector<DepartmentFigures> departments;
    std::vector<std::pair<std::string, std::int64_t>> channels;  ///< accepted cases by channel
};

PeriodFigures periodFigures(store::Store& store, const ReportScope& scope);

/// The figures as a report, its parameters and definitions stated.
ReportDocument periodSummary(const PeriodFigures& figures, const ReportScope& scope, const std::string& madeAt);

} // namespace tongban::reports
