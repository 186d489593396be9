// The engine's names the store's records and facets use, brought into the
// store's namespace so that they read as the store's own.
#pragma once

#include "workflow/calendar/calendar.h"
#include "workflow/evaluation/evaluation.h"
#include "workflow/runtime/engine.h"

namespace tongban::store {

// The store keeps the engine's records under the engine's names.
using workflow::Actor;
using workflow::Calendar;
using workflow::CalendarData;
using workflow::CaseData;
using workflow::CaseState;
using workflow::CaseStatus;
using workflow::Command;
using workflow::EngineError;
using workflow::EngineErrorCode;
using workflow::Evaluation;
using workflow::Events;
using workflow::ExecutableProcess;
using workflow::Instant;
using workflow::Node;
using workflow::ProcessDefinition;
using workflow::TaskNumber;

} // namespace tongban::store
