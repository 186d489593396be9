// The engine: apply(state, command) -> events | error. Pure, no I/O.
//
//   auto process = ExecutableProcess::compile(definition).value();
//   CaseState state;
//   auto events = apply(*process, state, Command{StartCase{"320100-20261129-000001", data}, clerk, now});
//   if (events) evolve(state, *events);   // the store does this in one transaction
#pragma once

#include "workflow/model/bilingual.h"
#include "workflow/runtime/command.h"
#include "workflow/runtime/event.h"
#include "workflow/runtime/executable_process.h"

#include <expected>
#include <string>
#include <vector>

namespace tongban::workflow {

enum class EngineErrorCode {
    CaseAlreadyStarted,
    CaseNotRunning,
    CasePaused,
    CaseNotPaused,
    VersionConflict,
    UnknownTask,
    TaskClaimedByOther,
    TaskNotClaimed,
    ReasonRequired,
    ReturnNotAllowed,
    InvalidData,
    NoFlowMatches,
    WrongDefinition,
    UnknownDepartment,
    SupplementAlreadyRequested,
    WouldStrandCase,
};

/// Why a command was refused. It names the case, the node when there is one,
/// and the reason in Chinese and English. A refused command changes nothing.
struct EngineError {
    EngineErrorCode code = EngineErrorCode::CaseNotRunning;
    std::string caseId;
    std::string nodeId;
    Bilingual message;

    std::string describe() const;
};

using Events = std::vector<Event>;

/// What the engine asks of the workspace's directory: whether a department
/// that case data names exists, and whether a user works for a department,
/// that is, is one of its clerks or officers, who alone take its tasks.
/// The store answers from its reference data. Without a directory (a desktop
/// checking a command before it goes to the server) every non-empty code and
/// user is taken as given, and the server decides.
class Directory {
public:
    virtual ~Directory() = default;
    virtual bool hasDepartment(std::string_view code) const = 0;
    virtual bool worksFor(std::string_view user, std::string_view department) const = 0;
};

/// Decides what a command does to a case: the events, or why it is refused.
/// Runs every automatic step (gateways, ends) and stops at human tasks. A
/// command that would leave a running case with no open task is refused.
std::expected<Events, EngineError> apply(const ExecutableProcess& process, const CaseState& state,
                                         const Command& command, const Directory* directory = nullptr);

/// Applies events to a state. Events come from apply() for this state.
void evolve(CaseState& state, const Event& event);
void evolve(CaseState& state, const Events& events);

const char* toString(EngineErrorCode code);
std::optional<EngineErrorCode> engineErrorCodeFromString(std::string_view text);

} // namespace tongban::workflow
