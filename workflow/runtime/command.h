// Commands: everything that changes a case.
#pragma once

#include "workflow/runtime/case_state.h"

#include <optional>
#include <string>
#include <variant>

namespace tongban::workflow {

/// Who acts: a user and the department they act for.
struct Actor {
    std::string user;
    std::string department;
    friend bool operator==(const Actor&, const Actor&) = default;
};

enum class Outcome { Approve, Reject, Return };

struct StartCase {
    std::string caseId;
    CaseData data;
};

/// Completes an open task. Reject and Return need a reason; Return names the
/// earlier task (by node id) that a return flow leads to. `dataPatch` adds or
/// replaces case data from the department's form section.
struct CompleteTask {
    TaskNumber task = 0;
    Outcome outcome = Outcome::Approve;
    std::string reason;
    std::string returnTo;
    CaseData dataPatch;
};

/// An officer takes an open task of their department to work on it (签收).
struct ClaimTask {
    TaskNumber task = 0;
};

/// The officer who claimed a task puts it back into the department's inbox.
struct ReleaseTask {
    TaskNumber task = 0;
};

/// The applicant withdraws the application (撤回).
struct WithdrawCase {
    std::string reason;
};

/// The centre cancels the case (作废), e.g. when it was opened by mistake.
struct CancelCase {
    std::string reason;
};

struct Command {
    std::variant<StartCase, ClaimTask, ReleaseTask, CompleteTask, WithdrawCase, CancelCase> action;
    Actor actor;
    Instant at{};
    std::optional<std::uint64_t> expectedVersion;  ///< refused with a conflict when stale
};

const char* toString(Outcome outcome);
std::optional<Outcome> outcomeFromString(std::string_view text);

} // namespace tongban::workflow
