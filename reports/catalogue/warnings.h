// Report 2, warnings (预警督办): every red (overdue, paused or not) and yellow
// (due within a working day) step and case at the report's instant, the
// department that answers for it, how far over or how little is left in
// working days, and the urges (催办, 督办) the case has received; counted by
// department.
#pragma once

#include "reports/catalogue/period_summary.h"

namespace tongban::reports {

struct WarningLine {
    std::string caseNumber;
    std::string oneThing;
    std::string step;        ///< empty for a case's own limit
    std::string department;  ///< the step's; for a case, the department of its oldest open step
    workflow::Instant dueAt{};
    double workingDays = 0;  ///< over the limit when red, left when yellow
    std::int64_t urges = 0;
    bool paused = false;  ///< red while its case is paused (已暂停·已超期)
};

struct DepartmentWarnings {
    std::string department;
    std::int64_t redSteps = 0;
    std::int64_t yellowSteps = 0;
};

struct WarningFigures {
    workflow::Instant at{};
    std::string atText;  ///< the instant in local time, "2026-11-30 17:30"
    std::vector<WarningLine> redSteps, yellowSteps, redCases, yellowCases;  ///< most urgent first
    std::vector<DepartmentWarnings> departments;                            ///< most red steps first
};

/// The warnings at `at`; the scope's department and one thing narrow them, its period is not used.
WarningFigures warningFigures(store::Store& store, const ReportScope& scope, workflow::Instant at);
ReportDocument warningsReport(const WarningFigures& figures, const ReportScope& scope, const std::string& madeAt);

} // namespace tongban::reports
