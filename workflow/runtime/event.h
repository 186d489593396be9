// Events: what a command did, precise enough to replay the marking exactly.
#pragma once

#include "workflow/runtime/command.h"

#include <boost/container/small_vector.hpp>

#include <variant>

namespace tongban::workflow {

using FlowList = boost::container::small_vector<std::uint32_t, 4>;
using TaskList = boost::container::small_vector<TaskNumber, 4>;

struct CaseStarted {
    std::string caseId;
    std::string definitionKey;
    int definitionVersion = 0;
    CaseData data;
    FlowList produced;
    std::uint32_t flowCount = 0;  ///< sizes of the marking, from the definition
    std::uint32_t nodeCount = 0;
};

struct TaskOpened {
    TaskNumber task = 0;
    std::uint32_t node = 0;
    std::optional<std::uint32_t> consumed;  ///< empty when re-opened by a return
};

struct TaskClaimed {
    TaskNumber task = 0;
    std::string user;
};

struct TaskReleased {
    TaskNumber task = 0;
};

struct TaskReassigned {
    TaskNumber task = 0;
    std::string from;  ///< who had claimed it; empty when nobody had
    std::string to;    ///< empty: back to the department's inbox
    std::string reason;
};

struct TaskCompleted {
    TaskNumber task = 0;
    std::uint32_t node = 0;
    Outcome outcome = Outcome::Approve;  ///< Approve or Reject
    std::string reason;
    CaseData dataPatch;
    FlowList produced;
};

struct TaskReturned {
    TaskNumber task = 0;
    std::uint32_t node = 0;
    std::uint32_t target = 0;
    std::string reason;
    CaseData dataPatch;  ///< what the returning officer recorded, kept like a completion's
};

/// Work that stops without being done: the branch a return leaves, the other
/// branches of a rejected case, everything of a withdrawn or cancelled one.
struct WorkDiscarded {
    TaskList tasks;
    FlowList flows;
};

struct GatewayPassed {
    std::uint32_t node = 0;
    FlowList consumed;
    FlowList produced;
    std::uint16_t branchesOpened = 0;  ///< inclusive splits: how many branches the join must await
};

struct CasePaused {
    PauseKind kind = PauseKind::Supplement;
    std::vector<std::string> materials;  ///< a supplement's complete list
    std::optional<TimeLimit> limit;      ///< a special procedure's limit
    std::string note;
    std::string repeatReason;            ///< why a second supplement notice was allowed
};

struct CaseResumed {
    std::string note;
};

struct CaseUrged {
    UrgeLevel level = UrgeLevel::Urge;
    std::optional<TaskNumber> task;
    std::string note;
};

struct EndReached {
    std::uint32_t node = 0;
    std::uint32_t consumed = 0;
};

struct CaseEnded {
    CaseStatus status = CaseStatus::Completed;
    std::string reason;
};

struct Event {
    using Variant = std::variant<CaseStarted, TaskOpened, TaskClaimed, TaskReleased, TaskReassigned, TaskCompleted,
                                 TaskReturned, WorkDiscarded, GatewayPassed, CasePaused, CaseResumed, CaseUrged,
                                 EndReached, CaseEnded>;
    Variant what;
    Actor actor;
    Instant at{};
};

const char* eventName(const Event& event);

} // namespace tongban::workflow
