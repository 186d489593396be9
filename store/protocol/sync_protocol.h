// What desktops and the sync service say to each other, as JSON: a command
// in its envelope (the identifier the desktop made for it, the case, the case
// version it saw), what became of it, journal records, cases and tasks.
// Shared by the service and the client's sync, so both read what the other writes.
#pragma once

#include "workflow/runtime/command_json.h"
#include "store/store.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

namespace tongban::protocol {

struct CommandEnvelope {
    std::string id;  ///< made by the sender (a UUID); the same id is applied once
    std::string caseNumber;
    std::optional<std::uint64_t> version;  ///< the case version the sender saw; stale is refused
    workflow::CommandAction action;
};

Poco::JSON::Object::Ptr envelopeJson(const CommandEnvelope& envelope);
/// Reads an envelope; a fault is a workflow::json::JsonFormatError naming the member.
CommandEnvelope readEnvelope(workflow::json::ObjectReader& reader);

/// What became of one command: applied (with the case's new version) or refused.
struct CommandResult {
    std::string id;
    std::string caseNumber;
    bool applied = false;
    std::uint64_t version = 0;
    int status = 200;    ///< the HTTP status a refusal alone would have had: 403, 404, 409, 422
    std::string code;    ///< "stale-version", "forbidden" …
    std::string message;
};

/// A store refusal as the result of the command `id`.
CommandResult refusedResult(const std::string& id, const std::string& caseNumber, const store::Refusal& refusal);

Poco::JSON::Object::Ptr resultJson(const CommandResult& result);
CommandResult readResult(workflow::json::ObjectReader& reader);
Poco::JSON::Object::Ptr journalEntryJson(const store::JournalEntry& entry);
store::JournalEntry readJournalEntry(workflow::json::ObjectReader& reader);
Poco::JSON::Object::Ptr caseViewJson(const store::CaseView& view);
/// A case's header as caseViewJson writes it; other members (a case's tasks and data) are left alone.
store::CaseView readCaseView(workflow::json::ObjectReader& reader);
Poco::JSON::Object::Ptr taskViewJson(const store::TaskView& task);

} // namespace tongban::protocol
