// Cases and their tasks as the store shows them: a new case's request, the
// views inboxes and case pages read, the warnings of deadlines, and the
// keyset cursor and counts of a department's inbox.
#pragma once

#include "store/records/engine_names.h"

#include "workflow/clock/deadline.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::store {

struct Applicant {
    std::string name;
    std::string identity;  ///< 居民身份证号 or 统一社会信用代码
};

struct NewCase {
    std::string definitionKey;
    int definitionVersion = 0;  ///< 0: the latest published version
    std::string region;         ///< six-digit code of the accepting centre
    std::string channel;        ///< 窗口, 网上, 移动端 ...
    Applicant applicant;
    CaseData data;
    Actor actor;
    Instant at{};
    /// The intake record (answers, materials, overrides and who made them),
    /// kept with the case in the same transaction; empty when there is none.
    std::string application;
};

struct CaseView {
    std::int64_t id = 0;
    std::string number;
    std::string definitionKey;
    int definitionVersion = 0;
    std::string oneThing;
    CaseStatus status = CaseStatus::Running;
    std::uint64_t version = 0;
    std::string applicantName;
    std::string applicantIdentity;
    std::string region;
    std::string channel;
    Instant acceptedAt{};
    std::optional<Instant> endedAt;
    std::optional<Instant> dueAt;  ///< from the promised limit, when the definition has one
    std::optional<Instant> pausedSince;
};

enum class TaskState { Open, Claimed, Done, Returned, Discarded };

struct TaskView {
    std::string caseNumber;
    std::int64_t caseId = 0;
    TaskNumber task = 0;
    std::string node;
    std::string name;
    std::string department;
    std::string role;
    TaskState state = TaskState::Open;
    std::string assignee;
    std::string oneThing;
    std::string applicantName;
    std::string applicantIdentity;
    Instant openedAt{};
    std::optional<Instant> dueAt;  ///< empty when the task has no limit
    std::optional<Instant> pausedSince;  ///< the case waits for a supplement or a special procedure
    std::optional<Instant> closedAt;     ///< when it was done, returned or discarded
};

/// A yellow or red task, lean enough to list by the hundred thousand: its
/// name, department and role come from the definition version its case runs on.
struct TaskWarning {
    std::int64_t caseId = 0;
    std::string caseNumber;
    TaskNumber task = 0;
    std::shared_ptr<const ExecutableProcess> process;
    std::uint32_t node = 0;
    Instant dueAt{};  ///< as it stands at the instant asked about
    std::string department;  ///< the node's, or the one its case data named
    std::optional<Instant> pausedSince;  ///< set when its case is paused: red as paused, overdue (已暂停·已超期)

    const Node& nodeInfo() const { return process->definition().nodes()[node]; }
};

/// Tasks and cases whose clocks are yellow (due soon) or red (overdue) at an
/// instant, each list in due order. A paused clock is never yellow; it is red
/// when paused, overdue, and then has `pausedSince` set (CaseView's for a case).
struct Warnings {
    std::vector<TaskWarning> overdueTasks;
    std::vector<TaskWarning> dueSoonTasks;
    std::vector<CaseView> overdueCases;
    std::vector<CaseView> dueSoonCases;
};

/// A deadline that a corrected calendar moved.
struct DeadlineChange {
    std::string caseNumber;
    std::optional<TaskNumber> task;  ///< empty for the case's promised deadline
    Instant before{};
    Instant after{};
};

/// Where the next inbox page starts (keyset paging: stable under inserts).
struct InboxCursor {
    std::int64_t dueKey = 0;
    std::int64_t caseId = 0;
    TaskNumber task = 0;
};

/// How many of a department's open tasks each inbox filter shows.
struct InboxCounts {
    std::int64_t all = 0;
    std::int64_t waiting = 0;  ///< not claimed
    std::int64_t claimed = 0;
    std::int64_t mine = 0;     ///< claimed by the user asked about
    std::int64_t dueSoon = 0;  ///< running, due from now up to `dueSoonBy`
    std::int64_t overdue = 0;  ///< running and due before now, or paused, overdue
};

struct InboxPage {
    std::vector<TaskView> tasks;
    std::optional<InboxCursor> next;
};

const char* toString(TaskState state);
std::optional<TaskState> taskStateFromString(std::string_view text);

} // namespace tongban::store
