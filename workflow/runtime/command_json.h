// Commands on the wire between a desktop and the sync service: what is done to
// a case as a JSON object, {"type": "completeTask", "task": 3, ...}. Who acts
// and when are not in it: the service takes them from the signed-in user and
// its own clock.
#pragma once

#include "workflow/json/json_document.h"
#include "workflow/runtime/command.h"

#include <Poco/JSON/Object.h>

namespace tongban::workflow {

using CommandAction = decltype(Command::action);

/// The action as JSON; StartCase is not sent this way (cases are created).
Poco::JSON::Object::Ptr commandActionJson(const CommandAction& action);

/// Reads an action written by commandActionJson; a wrong type, a missing or an
/// unknown member is a JsonFormatError naming it (under `reader`'s path).
CommandAction readCommandAction(json::ObjectReader& reader);

/// "completeTask", "claimTask" …, as the JSON names the action.
const char* commandTypeName(const CommandAction& action);

} // namespace tongban::workflow
