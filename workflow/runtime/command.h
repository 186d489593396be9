// Commands: everything that changes a case.
#pragma once

#include "workflow/runtime/case_state.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

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

/// A supervisor gives an open task to another officer of its department, or
/// back to the department's inbox (empty `assignee`), with the reason: the
/// officer who claimed it is away, or the work must move on.
struct ReassignTask {
    TaskNumber task = 0;
    std::string assignee;
    std::string reason;
};

/// Asks the applicant, once and completely (一次性告知), for the materials that
/// are missing or deficient; the case's clocks stop until it is resumed. A
/// second notice for the same case breaks the promise to tell everything at
/// once: it is refused unless it says why (`repeatReason`), and who may give
/// one is the centre's policy, decided where the command is authorised. A
/// first notice gives no such reason.
struct RequestSupplement {
    std::vector<std::string> materials;
    std::string note;
    std::string repeatReason;
};

/// Starts a special procedure (检验, 鉴定, 专家评审, 听证 ...) that the limit
/// does not count; it has a limit of its own.
struct StartSpecialProcedure {
    PauseKind procedure = PauseKind::Inspection;
    TimeLimit limit;
    std::string note;
};

/// Ends the current pause: the materials arrived, or the procedure ended.
struct ResumeCase {
    std::string note;
};

/// A supervisor urges (催办) or supervises (督办) a case or one of its tasks.
struct UrgeCase {
    UrgeLevel level = UrgeLevel::Urge;
    std::optional<TaskNumber> task;
    std::string note;
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
    std::variant<StartCase, ClaimTask, ReleaseTask, ReassignTask, CompleteTask, RequestSupplement,
                 StartSpecialProcedure, ResumeCase, UrgeCase, WithdrawCase, CancelCase>
        action;
    Actor actor;
    Instant at{};
    std::optional<std::uint64_t> expectedVersion;  ///< refused with a conflict when stale
};

const char* toString(Outcome outcome);
std::optional<Outcome> outcomeFromString(std::string_view text);

} // namespace tongban::workflow
