// Events to and from the compact JSON bodies kept in the journal.
#pragma once

#include "workflow/json/json_document.h"
#include "workflow/runtime/event.h"
#include "workflow/runtime/executable_process.h"

#include <expected>
#include <string>

namespace tongban::workflow {

/// The body of an event, naming nodes and flows by id. Who acted and when
/// are kept beside it (journal columns), not inside.
std::string writeEventBody(const ExecutableProcess& process, const Event& event);

/// Reads an event of the given type (eventName()) written by writeEventBody.
std::expected<Event, json::JsonError> readEvent(const ExecutableProcess& process, std::string_view type,
                                                std::string_view body, Actor actor, Instant at);

} // namespace tongban::workflow
