// Report 4, evaluations (好差评情况): the evaluations of a period by level,
// channel and the department that answers for them; 好评率, 差评率 and
// 主动评价率; the reasons given most often. Counted in the database by the
// rules of docs/engine/evaluations.md: follow-ups apart, evaluations an upheld
// appeal excludes left out of the rates, unrated cases counted as the centre's
// setting says.
#pragma once

#include "reports/catalogue/period_summary.h"
#include "workflow/evaluation/evaluation.h"

#include <array>

namespace tongban::reports {

/// Counted evaluations of the department that answers for them (谁办理、谁负责).
struct DepartmentEvaluations {
    std::string department;
    std::int64_t counted = 0;
    std::int64_t good = 0;
    std::int64_t bad = 0;
};

struct EvaluationFigures {
    workflow::Instant at{};  ///< the instant the figures are as of
    std::string atText;      ///< that instant in local time, "2026-11-30 17:30"
    std::int64_t counted = 0;  ///< first evaluations in the period, less those excluded, plus defaulted ones
    std::int64_t good = 0;     ///< 好评: 非常满意, 满意, 基本满意
    std::int64_t bad = 0;      ///< 差评: 不满意, 非常不满意
    std::int64_t excludedByAppeal = 0;
    std::int64_t defaulted = 0;  ///< unrated when the window closed, counted as 基本满意 by setting
    std::int64_t followUps = 0;  ///< 追评
    std::int64_t endedCases = 0;      ///< cases that ended in the period
    std::int64_t evaluatedCases = 0;  ///< of those, evaluated at least once
    std::array<std::int64_t, 5> byLevel{};  ///< counted, by level 1 (非常不满意) … 5 (非常满意)
    std::vector<std::pair<workflow::EvaluationChannel, std::int64_t>> byChannel;  ///< counted evaluations given
    std::vector<DepartmentEvaluations> departments;                              ///< most 差评 first
    std::vector<std::pair<std::string, std::int64_t>> reasonTags;                ///< of counted evaluations, most given first
};

/// The figures for evaluations given, and cases ended, from the start of the
/// period until `at`.
EvaluationFigures evaluationFigures(store::ReportQueries& store, const ReportScope& scope, workflow::Instant at,
                                    const workflow::EvaluationSettings& settings = {});
ReportDocument evaluationsReport(const EvaluationFigures& figures, const ReportScope& scope, const std::string& madeAt,
                                 const workflow::EvaluationSettings& settings = {});

} // namespace tongban::reports
