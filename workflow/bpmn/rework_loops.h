// Loops of sequence flows in an imported model: Tongban runs rework as return
// flows (退回), so a BPMN rework loop becomes one and any other loop is refused.
#pragma once

#include "workflow/model/diagnostic.h"
#include "workflow/model/process_definition.h"

#include <optional>
#include <string>

namespace tongban::workflow::bpmn {

/// Why a loop cannot be imported, in Chinese then English on one line, and the flow that closes it.
struct LoopRefusal {
    std::string closingFlow;
    std::string message;
};

/// Turns every rework loop of `definition` — a flow from an exclusive split
/// right after a task back to an earlier task, or to an exclusive merge just
/// before it, with only tasks and exclusive gateways in the loop — into a
/// return flow from the task before the split to the task after the merge
/// (or, when they are one task, leaves the way back out), with a
/// `bpmn.rework-loop` note naming what changed. Gateways the loop no longer
/// needs go with it. Returns why the first loop of any other shape is refused.
std::optional<LoopRefusal> importReworkLoops(ProcessDefinition& definition, Diagnostics& out);

} // namespace tongban::workflow::bpmn
