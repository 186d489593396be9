#include "store/protocol/sync_protocol.h"

#include "workflow/runtime/case_state_json.h"

namespace tongban::protocol {

using namespace workflow;

namespace {

using Object = Poco::JSON::Object::Ptr;

Object object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

void setInstant(Object target, const std::string& key, const std::optional<Instant>& instant)
{
    if (instant)
        target->set(key, formatInstant(*instant));
}

} // namespace

Object envelopeJson(const CommandEnvelope& envelope)
{
    auto json = object();
    json->set("id", envelope.id);
    json->set("case", envelope.caseNumber);
    if (envelope.version)
        json->set("version", static_cast<Poco::UInt64>(*envelope.version));
    json->set("action", commandActionJson(envelope.action));
    return json;
}

CommandEnvelope readEnvelope(json::ObjectReader& reader)
{
    CommandEnvelope envelope;
    envelope.id = reader.requireString("id");
    if (envelope.id.empty() || envelope.id.size() > 64)
        json::failAt(reader.memberPath("id"), "a command identifier has 1 to 64 characters");
    envelope.caseNumber = reader.requireString("case");
    if (const auto version = reader.optionalNumber("version")) {
        if (*version < 0 || *version != static_cast<double>(static_cast<std::uint64_t>(*version)))
            json::failAt(reader.memberPath("version"), "a case version is a whole number, 0 or more");
        envelope.version = static_cast<std::uint64_t>(*version);
    }
    auto action = reader.requireObject("action");
    envelope.action = readCommandAction(action);
    action.finish();
    if (std::holds_alternative<StartCase>(envelope.action))
        json::failAt(reader.memberPath("action"), "cases are created, not started by a command");
    return envelope;
}

CommandResult refusedResult(const std::string& id, const std::string& caseNumber, const store::Refusal& refusal)
{
    CommandResult result{id, caseNumber, false, 0, 422, "invalid", refusal.message};
    switch (refusal.kind) {
    case store::Refusal::Kind::NotFound:
        result.status = 404;
        result.code = "case-not-found";
        break;
    case store::Refusal::Kind::Conflict:
        result.status = 409;
        result.code = refusal.engine && refusal.engine->code == EngineErrorCode::VersionConflict ? "stale-version"
                                                                                                : "conflict";
        break;
    case store::Refusal::Kind::Engine:
        result.code = refusal.engine ? toString(refusal.engine->code) : "refused";
        break;
    case store::Refusal::Kind::Invalid:
        break;
    }
    return result;
}

Object resultJson(const CommandResult& result)
{
    auto json = object();
    json->set("id", result.id);
    json->set("case", result.caseNumber);
    json->set("applied", result.applied);
    if (result.applied) {
        json->set("version", static_cast<Poco::UInt64>(result.version));
        return json;
    }
    auto error = object();
    error->set("status", result.status);
    error->set("code", result.code);
    error->set("message", result.message);
    json->set("error", error);
    return json;
}

CommandResult readResult(json::ObjectReader& reader)
{
    CommandResult result;
    result.id = reader.requireString("id");
    result.caseNumber = reader.requireString("case");
    result.applied = reader.optionalBool("applied", false);
    if (result.applied) {
        result.version = static_cast<std::uint64_t>(reader.requireNumber("version"));
        return result;
    }
    auto error = reader.requireObject("error");
    result.status = error.requireInt("status");
    result.code = error.requireString("code");
    result.message = error.requireString("message");
    error.finish();
    return result;
}

Object journalEntryJson(const store::JournalEntry& entry)
{
    auto json = object();
    json->set("seq", static_cast<Poco::UInt64>(entry.seq));
    json->set("case", entry.caseNumber);
    json->set("caseVersion", static_cast<Poco::UInt64>(entry.caseVersion));
    json->set("type", entry.type);
    json->set("actor", entry.actor.user);
    json->set("department", entry.actor.department);
    json->set("at", formatInstant(entry.at));
    json->set("body", entry.body);
    return json;
}

store::JournalEntry readJournalEntry(json::ObjectReader& reader)
{
    store::JournalEntry entry;
    entry.seq = static_cast<std::uint64_t>(reader.requireNumber("seq"));
    entry.caseNumber = reader.requireString("case");
    entry.caseVersion = static_cast<std::uint64_t>(reader.requireNumber("caseVersion"));
    entry.type = reader.requireString("type");
    entry.actor = {reader.requireString("actor"), reader.requireString("department")};
    const auto at = parseInstant(reader.requireString("at"));
    if (!at)
        json::failAt(reader.memberPath("at"), "not an RFC 3339 instant");
    entry.at = *at;
    entry.body = reader.requireString("body");
    return entry;
}

Object caseViewJson(const store::CaseView& view)
{
    auto json = object();
    json->set("number", view.number);
    json->set("definitionKey", view.definitionKey);
    json->set("definitionVersion", view.definitionVersion);
    json->set("oneThing", view.oneThing);
    json->set("status", toString(view.status));
    json->set("version", static_cast<Poco::UInt64>(view.version));
    auto applicant = object();
    applicant->set("name", view.applicantName);
    applicant->set("identity", view.applicantIdentity);
    json->set("applicant", applicant);
    json->set("region", view.region);
    json->set("channel", view.channel);
    json->set("acceptedAt", formatInstant(view.acceptedAt));
    setInstant(json, "endedAt", view.endedAt);
    setInstant(json, "dueAt", view.dueAt);
    setInstant(json, "pausedSince", view.pausedSince);
    return json;
}

store::CaseView readCaseView(json::ObjectReader& reader)
{
    const auto instant = [&](const std::string& key) -> std::optional<Instant> {
        if (!reader.has(key))
            return std::nullopt;
        const auto at = parseInstant(reader.requireString(key));
        if (!at)
            json::failAt(reader.memberPath(key), "not an RFC 3339 instant");
        return at;
    };
    store::CaseView view;
    view.number = reader.requireString("number");
    view.definitionKey = reader.requireString("definitionKey");
    view.definitionVersion = reader.requireInt("definitionVersion");
    view.oneThing = reader.optionalString("oneThing");
    view.status = reader.requireEnum("status", caseStatusFromString, "case status");
    view.version = static_cast<std::uint64_t>(reader.requireNumber("version"));
    auto applicant = reader.requireObject("applicant");
    view.applicantName = applicant.optionalString("name");
    view.applicantIdentity = applicant.optionalString("identity");
    view.region = reader.optionalString("region");
    view.channel = reader.optionalString("channel");
    const auto accepted = instant("acceptedAt");
    if (!accepted)
        json::failAt(reader.memberPath("acceptedAt"), "a case's acceptance instant is required");
    view.acceptedAt = *accepted;
    view.endedAt = instant("endedAt");
    view.dueAt = instant("dueAt");
    view.pausedSince = instant("pausedSince");
    return view;
}

Object taskViewJson(const store::TaskView& task)
{
    auto json = object();
    json->set("case", task.caseNumber);
    json->set("task", task.task);
    json->set("node", task.node);
    json->set("name", task.name);
    json->set("department", task.department);
    json->set("role", task.role);
    json->set("state", store::toString(task.state));
    json->set("assignee", task.assignee);
    json->set("openedAt", formatInstant(task.openedAt));
    setInstant(json, "dueAt", task.dueAt);
    setInstant(json, "closedAt", task.closedAt);
    return json;
}

} // namespace tongban::protocol
