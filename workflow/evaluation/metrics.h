// The evaluation and rectification figures supervisors are judged by, as
// docs/engine/evaluations.md defines them. Pure functions of facts the store
// provides, so reports and tests compute them the same way.
#pragma once

#include "workflow/calendar/calendar.h"
#include "workflow/evaluation/evaluation.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow {

/// An evaluation and whether an upheld appeal excludes it from the rates.
struct EvaluationFacts {
    Evaluation evaluation;
    bool excludedByAppeal = false;
};

/// What became of one rectification.
struct RectificationFacts {
    std::string caseNumber;
    std::int64_t evaluationId = 0;  ///< 0 when a supervisor opened it by hand
    std::string department;
    Instant openedAt{};
    std::optional<Instant> closedAt;  ///< the loop closed (after a revisit, or an upheld appeal)
    bool appealUpheld = false;
    bool revisited = false;  ///< the evaluator was revisited at least once
    bool satisfied = false;  ///< the last revisit found the evaluator satisfied
    bool onTime = true;      ///< every verify, reply and revisit task was done by its due time
};

/// A case that ended, for 主动评价率 and the unrated policy.
struct EndedCase {
    std::string number;
    Instant endedAt{};
};

struct EvaluationMetrics {
    std::map<EvaluationLevel, int> byLevel;      ///< counted evaluations, defaulted ones included
    std::map<EvaluationChannel, int> byChannel;  ///< counted evaluations actually given
    int counted = 0;   ///< first evaluations not excluded by an upheld appeal, plus defaulted ones
    int good = 0;      ///< 好评: levels 5, 4, 3
    int bad = 0;       ///< 差评: levels 2, 1
    int excludedByAppeal = 0;
    int defaulted = 0;  ///< cases unrated when their window closed, counted as 基本满意 by setting
    int followUps = 0;

    int endedCases = 0;
    int evaluatedCases = 0;

    int rectifications = 0;  ///< opened by a counted 差评
    int closed = 0;
    int closedOnTime = 0;
    int revisited = 0;
    int satisfiedAfterRevisit = 0;
    std::vector<double> closedWorkingDays;  ///< each closed rectification, opened to closed

    /// Open rectifications (any source) by age in working days: ≤1, 2–5, 6–15, over 15.
    std::array<int, 4> openByAge{};

    std::optional<double> goodRate() const;            ///< 好评率 = good ÷ counted
    std::optional<double> badRate() const;             ///< 差评率 = bad ÷ counted
    std::optional<double> activeRate() const;          ///< 主动评价率 = evaluated cases ÷ ended cases
    std::optional<double> rectificationRate() const;   ///< 差评整改率 = closed ÷ rectifications
    std::optional<double> onTimeRate() const;          ///< 按时整改率 = closed on time ÷ closed
    std::optional<double> revisitRate() const;         ///< 回访率 = revisited ÷ rectifications
    std::optional<double> satisfactionRate() const;    ///< satisfied at the last revisit ÷ revisited
    std::optional<double> averageWorkingDays() const;  ///< of closed rectifications
    std::optional<double> percentileWorkingDays(double share) const;  ///< nearest rank, share in (0, 1]
};

inline constexpr const char* kAgeBuckets[] = {"≤1", "2–5", "6–15", ">15"};

/// The figures as of `at`, for evaluations given and cases ended from `since`
/// on. Earlier evaluations still make their cases evaluated, and open
/// rectifications are aged whenever they were opened.
EvaluationMetrics computeEvaluationMetrics(const std::vector<EvaluationFacts>& evaluations,
                                           const std::vector<RectificationFacts>& rectifications,
                                           const std::vector<EndedCase>& endedCases, const Calendar& calendar,
                                           Instant at, const EvaluationSettings& settings,
                                           Instant since = Instant::min());

} // namespace tongban::workflow
