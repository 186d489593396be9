// Report 3, department efficiency (部门办件效能): the lead departments ranked by
// on-time rate and then by working days taken, each beside its figures for the
// period of the same length just before, so that the trend shows.
#pragma once

#include "reports/catalogue/period_summary.h"

namespace tongban::reports {

struct DepartmentEfficiency {
    std::string department;
    DepartmentFigures now;
    DepartmentFigures before;  ///< the previous period's; zero when it had no cases
};

struct EfficiencyFigures {
    ReportScope previous;                        ///< the period of the same length just before
    std::vector<DepartmentEfficiency> ranking;   ///< best on-time rate first, then fewest working days
};

EfficiencyFigures efficiencyFigures(store::Store& store, const ReportScope& scope);
ReportDocument efficiencyReport(const EfficiencyFigures& figures, const ReportScope& scope, const std::string& madeAt);

} // namespace tongban::reports
