#include "workflow/evaluation/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace tongban::workflow {

namespace {

std::optional<double> share(int part, int whole)
{
    return whole == 0 ? std::nullopt : std::optional<double>(static_cast<double>(part) / whole);
}

double workingDays(const Calendar& calendar, Instant from, Instant to)
{
    return static_cast<double>(calendar.officeMinutesBetween(from, to)) / calendar.officeMinutesPerDay();
}

std::size_t ageBucket(double days)
{
    if (days <= 1)
        return 0;
    if (days <= 5)
        return 1;
    if (days <= 15)
        return 2;
    return 3;
}

} // namespace

std::optional<double> EvaluationMetrics::goodRate() const { return share(good, counted); }
std::optional<double> EvaluationMetrics::badRate() const { return share(bad, counted); }
std::optional<double> EvaluationMetrics::activeRate() const { return share(evaluatedCases, endedCases); }
std::optional<double> EvaluationMetrics::rectificationRate() const { return share(closed, rectifications); }
std::optional<double> EvaluationMetrics::onTimeRate() const { return share(closedOnTime, closed); }
std::optional<double> EvaluationMetrics::revisitRate() const { return share(revisited, rectifications); }
std::optional<double> EvaluationMetrics::satisfactionRate() const { return share(satisfiedAfterRevisit, revisited); }

std::optional<double> EvaluationMetrics::averageWorkingDays() const
{
    if (closedWorkingDays.empty())
        return std::nullopt;
    return std::accumulate(closedWorkingDays.begin(), closedWorkingDays.end(), 0.0) /
           static_cast<double>(closedWorkingDays.size());
}

std::optional<double> EvaluationMetrics::percentileWorkingDays(double fraction) const
{
    if (closedWorkingDays.empty() || fraction <= 0 || fraction > 1)
        return std::nullopt;
    auto sorted = closedWorkingDays;
    std::ranges::sort(sorted);
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

EvaluationMetrics computeEvaluationMetrics(const std::vector<EvaluationFacts>& evaluations,
                                           const std::vector<RectificationFacts>& rectifications,
                                           const std::vector<EndedCase>& endedCases, const Calendar& calendar,
                                           Instant at, const EvaluationSettings& settings, Instant since)
{
    EvaluationMetrics metrics;
    std::set<std::string> evaluatedCases;
    std::set<std::int64_t> countedBad;
    for (const auto& facts : evaluations) {
        const auto& evaluation = facts.evaluation;
        if (evaluation.followUpOf) {
            metrics.followUps += evaluation.at >= since ? 1 : 0;
            continue;
        }
        evaluatedCases.insert(evaluation.caseNumber);
        if (evaluation.at < since)
            continue;
        if (facts.excludedByAppeal) {
            ++metrics.excludedByAppeal;
            continue;
        }
        ++metrics.counted;
        ++metrics.byLevel[evaluation.level];
        ++metrics.byChannel[evaluation.channel];
        if (isBad(evaluation.level)) {
            ++metrics.bad;
            countedBad.insert(evaluation.id);
        } else {
            ++metrics.good;
        }
    }
    for (const auto& ended : endedCases) {
        if (ended.endedAt > at || ended.endedAt < since)
            continue;
        ++metrics.endedCases;
        if (evaluatedCases.contains(ended.number)) {
            ++metrics.evaluatedCases;
            continue;
        }
        const bool windowClosed = ended.endedAt + std::chrono::days{settings.windowDays} < at;
        if (windowClosed && settings.unrated == UnratedPolicy::CountsAsBasicallySatisfied) {
            ++metrics.defaulted;
            ++metrics.counted;
            ++metrics.good;
            ++metrics.byLevel[EvaluationLevel::BasicallySatisfied];
        }
    }
    for (const auto& rectification : rectifications) {
        if (!rectification.closedAt || *rectification.closedAt > at) {
            if (rectification.openedAt <= at)
                ++metrics.openByAge[ageBucket(workingDays(calendar, rectification.openedAt, at))];
            continue;
        }
        if (!countedBad.contains(rectification.evaluationId))
            continue;
        ++metrics.closed;
        if (rectification.onTime)
            ++metrics.closedOnTime;
        metrics.closedWorkingDays.push_back(workingDays(calendar, rectification.openedAt, *rectification.closedAt));
    }
    for (const auto& rectification : rectifications) {
        if (!countedBad.contains(rectification.evaluationId))
            continue;
        if (rectification.revisited && rectification.openedAt <= at) {
            ++metrics.revisited;
            if (rectification.satisfied && rectification.closedAt && *rectification.closedAt <= at)
                ++metrics.satisfiedAfterRevisit;
        }
    }
    metrics.rectifications = static_cast<int>(countedBad.size());
    return metrics;
}

} // namespace tongban::workflow
