// Report 6, one-thing throughput (一件事办理时长分布): for each one thing, the
// cases completed in the period, how long they took in working days (mean,
// median, 90th percentile, longest, and the distribution), and the share that
// needed a supplement (补正) on the way.
#pragma once

#include "reports/catalogue/period_summary.h"

namespace tongban::reports {

struct OneThingThroughput {
    std::string name;
    ProcessingTime time;
    std::vector<std::int64_t> histogram;  ///< cases by whole working days taken
    std::int64_t supplemented = 0;        ///< of the completed cases, those asked for a supplement at least once
};

struct ThroughputFigures {
    std::vector<OneThingThroughput> oneThings;  ///< by name
};

ThroughputFigures throughputFigures(store::ReportQueries& store, const ReportScope& scope);
ReportDocument throughputReport(const ThroughputFigures& figures, const ReportScope& scope, const std::string& madeAt);

} // namespace tongban::reports
