// The read side of cases: one case, its events and tasks, the cases of an
// applicant or a definition, departments' inboxes and deadline warnings.
#pragma once

#include "store/records/cases.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tongban::store {

class CaseQueries {
public:
    virtual ~CaseQueries() = default;

    virtual std::optional<CaseView> caseByNumber(const std::string& number) = 0;
    virtual std::optional<CaseState> caseState(const std::string& number) = 0;
    /// Everything that happened to a case, who did it and when, from its
    /// journal records (the audit trail, 全流程留痕); empty when there is no such case.
    virtual Events eventsOfCase(const std::string& number) = 0;
    /// The intake record a case was created with.
    virtual std::optional<std::string> applicationOf(const std::string& caseNumber) = 0;
    /// Everyone who acted on a case, in the order they first did; the first accepted it.
    virtual std::vector<Actor> actorsOfCase(const std::string& caseNumber) = 0;

    virtual std::vector<CaseView> casesByApplicant(const std::string& identity) = 0;
    virtual std::vector<CaseView> casesOfDefinition(const std::string& key) = 0;
    /// Cases that ended before `at`, in the order they ended.
    virtual std::vector<CaseView> casesEndedBefore(Instant at) = 0;
    virtual std::uint64_t caseCount() = 0;

    virtual InboxPage inbox(const std::string& department, std::size_t pageSize,
                            std::optional<InboxCursor> after = std::nullopt) = 0;
    virtual std::vector<TaskView> claimedTasks(const std::string& user) = 0;
    /// The counts of a department's inbox filters, by the index the inbox reads.
    virtual InboxCounts inboxCounts(const std::string& department, const std::string& user, Instant now,
                                    Instant dueSoonBy) = 0;
    /// Every task a case has had, open and closed, in the order they opened.
    virtual std::vector<TaskView> tasksOfCase(const std::string& number) = 0;
    virtual std::vector<TaskView> tasksDueBefore(Instant instant, std::size_t limit) = 0;
    /// Yellow and red at `at`, for supervisors' warnings and the warnings report.
    /// Yellow here is the working-days policy; a share-of-limit policy is
    /// evaluated per case with clocksOf().
    virtual Warnings warnings(Instant at, int yellowWorkingDays = 1) = 0;
    /// A department's tasks that are paused, overdue at `at`, as warnings()
    /// lists them among the red: for an inbox to colour its paused rows.
    virtual std::vector<TaskWarning> pausedOverdueTasks(const std::string& department, Instant at) = 0;
};

} // namespace tongban::store
