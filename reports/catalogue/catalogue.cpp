#include "reports/catalogue/catalogue.h"

#include "reports/catalogue/department_efficiency.h"
#include "reports/catalogue/evaluations.h"
#include "reports/catalogue/rectifications.h"
#include "reports/catalogue/throughput.h"
#include "reports/catalogue/warnings.h"
#include "workflow/calendar/calendar.h"

#include <algorithm>
#include <stdexcept>

namespace tongban::reports {

const std::vector<CatalogueEntry>& reportCatalogue()
{
    static const std::vector<CatalogueEntry> reports{
        {"summary", "办件情况汇总", "Period summary",
         "办件情况汇总: accepted, completed, on time, early, overdue, open; working days taken; by one thing, lead "
         "department and channel"},
        {"throughput", "一件事办理时长分布", "One-thing throughput",
         "一件事办理时长分布: per one thing, working days taken (mean, median, 90th percentile, longest, distribution) "
         "and the share that needed a supplement"},
        {"efficiency", "部门办件效能", "Department efficiency",
         "部门办件效能: lead departments ranked by on-time rate and working days taken, beside the previous period of "
         "the same length"},
        {"warnings", "预警督办情况", "Warnings",
         "预警督办情况: red and yellow steps and cases at the end of --to (or now), by department, with the working days "
         "over or left and the urges received"},
        {"evaluations", "好差评情况", "Evaluations",
         "好差评情况: evaluations by level, channel and responsible department; 好评率, 差评率, 主动评价率; the reasons "
         "given most"},
        {"rectification", "差评整改情况", "Rectification",
         "差评整改情况: loops opened, closed, on time, revisited and satisfied; 差评整改率, 回访率; working days to close; "
         "open loops by age; by owning department"},
    };
    return reports;
}

const CatalogueEntry* findReport(std::string_view key)
{
    const auto& reports = reportCatalogue();
    const auto found = std::ranges::find(reports, key, &CatalogueEntry::key);
    return found == reports.end() ? nullptr : &*found;
}

ReportDocument makeReport(store::Store& store, std::string_view key, const ReportScope& scope,
                          workflow::Instant now)
{
    const auto& calendar = store.workingCalendar();
    const auto madeAt = workflow::formatLocalMinute(calendar, now);
    const auto at = reportInstant(scope, now, calendar);
    if (key == "summary")
        return periodSummary(periodFigures(store, scope), scope, madeAt);
    if (key == "throughput")
        return throughputReport(throughputFigures(store, scope), scope, madeAt);
    if (key == "efficiency")
        return efficiencyReport(efficiencyFigures(store, scope), scope, madeAt);
    if (key == "warnings")
        return warningsReport(warningFigures(store, scope, at), scope, madeAt);
    if (key == "evaluations")
        return evaluationsReport(evaluationFigures(store, scope, at), scope, madeAt);
    if (key == "rectification")
        return rectificationReport(rectificationFigures(store, scope, at), scope, madeAt);
    throw std::invalid_argument("there is no report '" + std::string(key) + "'");
}

} // namespace tongban::reports
