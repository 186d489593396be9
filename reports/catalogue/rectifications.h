// Report 5, rectification (差评整改情况): the loops opened in a period, and for
// the 差评 of the period how many closed, on time, revisited and with the
// evaluator satisfied; how long closing took in working days; the loops still
// open by age; by the department that owns them. Counted in the database by
// the rules of docs/engine/evaluations.md.
#pragma once

#include "reports/catalogue/period_summary.h"

#include <array>

namespace tongban::reports {

/// The loops a department owns (谁办理、谁负责).
struct DepartmentRectifications {
    std::string department;
    std::int64_t opened = 0;          ///< opened in the period, from any source
    std::int64_t rectifications = 0;  ///< opened by the period's counted 差评
    std::int64_t closed = 0;
    std::int64_t closedOnTime = 0;
    std::int64_t revisited = 0;
    std::int64_t satisfied = 0;
    std::int64_t open = 0;  ///< still open at the report's instant, whenever opened
};

struct RectificationFigures {
    workflow::Instant at{};
    std::string atText;  ///< the instant in local time, "2026-11-30 17:30"
    std::int64_t opened = 0;        ///< loops opened in the period until `at`, from any source
    std::int64_t openedByHand = 0;  ///< of those, opened by a supervisor (督查发现, 投诉)
    std::int64_t rectifications = 0;  ///< counted 差评 of the period, each opened a loop
    std::int64_t closed = 0;          ///< of those, closed by `at`
    std::int64_t closedOnTime = 0;    ///< closed with every step done by its due time
    std::int64_t revisited = 0;       ///< the evaluator revisited at least once
    std::int64_t satisfied = 0;       ///< closed with the evaluator satisfied at the last revisit
    ProcessingTime closing;           ///< working days from opening to closing, of the closed ones
    std::array<std::int64_t, 4> openByAge{};  ///< open at `at`, any source: ≤1, 2–5, 6–15, >15 working days
    std::vector<DepartmentRectifications> departments;  ///< most open first
};

RectificationFigures rectificationFigures(store::ReportQueries& store, const ReportScope& scope, workflow::Instant at);
ReportDocument rectificationReport(const RectificationFigures& figures, const ReportScope& scope,
                                   const std::string& madeAt);

} // namespace tongban::reports
