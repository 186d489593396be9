// Serialisation of case state.
#include "workflow/runtime/case_state_json.h"

#include "workflow/model/definition_json.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Timestamp.h>

namespace tongban::workflow {

namespace {

using json::JsonFormatError;

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
    throw JsonFormatError{json::JsonError{0, 0, path, message}};
}

Poco::JSON::Object::Ptr newObject()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::uint32_t nodeIndex(const ExecutableProcess& process, const std::string& id, const std::string& path)
{
    auto node = process.definition().findNode(id);
    if (!node)
        fail(path, "unknown node '" + id + "'");
    return static_cast<std::uint32_t>(*node);
}

Instant readInstant(json::ObjectReader& reader, const std::string& key)
{
    const auto text = reader.requireString(key);
    auto instant = parseInstant(text);
    if (!instant)
        fail(reader.memberPath(key), "not an instant: '" + text + "'");
    return *instant;
}

CaseState readDocument(const ExecutableProcess& process, const Poco::Dynamic::Var& root)
{
    const auto& def = process.definition();
    auto reader = json::asObject(root, "");
    const auto format = reader.requireString("format");
    if (format != kCaseStateFormat)
        fail("format", "unsupported case format '" + format + "' (this version reads " +
                           std::string(kCaseStateFormat) + ")");
    CaseState state;
    state.caseId = reader.requireString("caseId");
    state.definitionKey = reader.requireString("definitionKey");
    state.definitionVersion = reader.requireInt("definitionVersion");
    if (state.definitionKey != def.key || state.definitionVersion != def.version)
        fail("definitionKey", "the case runs on " + state.definitionKey + " version " +
                                  std::to_string(state.definitionVersion) + ", not on " + def.key + " version " +
                                  std::to_string(def.version));
    state.status = reader.requireEnum("status", caseStatusFromString, "status");
    state.refused = reader.optionalBool("refused", false);
    const auto version = reader.requireInt("version");
    if (version < 0)
        fail("version", "cannot be negative");
    state.version = static_cast<std::uint64_t>(version);
    if (reader.has("startedAt"))
        state.startedAt = readInstant(reader, "startedAt");
    else
        reader.optionalString("startedAt");
    if (reader.has("endedAt"))
        state.endedAt = readInstant(reader, "endedAt");
    else
        reader.optionalString("endedAt");

    auto data = reader.requireObject("data");
    std::vector<std::string> names;
    data.object()->getNames(names);
    for (const auto& name : names) {
        auto value = valueFromJson(data.object()->get(name));
        if (!value)
            fail(data.memberPath(name), "expected null, a boolean, a number or a string");
        state.data.emplace(name, std::move(*value));
    }

    auto& marking = state.marking;
    if (state.status != CaseStatus::NotStarted) {
        marking.flowTokens.assign(process.flowCount(), 0);
        marking.branchesOpened.assign(process.nodeCount(), 0);
    }
    auto tokens = reader.requireObject("tokens");
    names.clear();
    tokens.object()->getNames(names);
    for (const auto& name : names) {
        auto flow = def.findFlow(name);
        if (!flow || marking.flowTokens.empty())
            fail(tokens.memberPath(name), "unknown flow '" + name + "'");
        marking.flowTokens[*flow] = static_cast<std::uint16_t>(tokens.requireInt(name));
    }
    auto branches = reader.requireObject("branchesOpened");
    names.clear();
    branches.object()->getNames(names);
    for (const auto& name : names) {
        const auto node = nodeIndex(process, name, branches.memberPath(name));
        if (marking.branchesOpened.empty())
            fail(branches.memberPath(name), "a case that has not started opens no branches");
        marking.branchesOpened[node] = static_cast<std::uint16_t>(branches.requireInt(name));
    }
    auto tasks = reader.requireArray("openTasks");
    for (std::size_t i = 0; i < tasks->size(); ++i) {
        auto task = json::asObject(tasks->get(i), "openTasks[" + std::to_string(i) + "]");
        OpenTask open;
        const auto number = task.requireInt("number");
        if (number < 1)
            fail(task.memberPath("number"), "task numbers start at 1");
        open.number = static_cast<TaskNumber>(number);
        open.node = nodeIndex(process, task.requireString("node"), task.memberPath("node"));
        open.openedAt = readInstant(task, "openedAt");
        open.assignee = task.optionalString("assignee");
        task.finish();
        marking.openTasks.push_back(open);
    }
    auto pauses = reader.optionalArray("pauses");
    for (std::size_t i = 0; i < pauses->size(); ++i) {
        auto entry = json::asObject(pauses->get(i), "pauses[" + std::to_string(i) + "]");
        Pause pause;
        pause.kind = entry.requireEnum("kind", pauseKindFromString, "pause kind");
        pause.from = readInstant(entry, "from");
        if (entry.has("to"))
            pause.to = readInstant(entry, "to");
        else
            entry.optionalString("to");
        if (auto limit = entry.optionalObject("limit"))
            pause.limit = readTimeLimit(*limit);
        entry.finish();
        state.pauses.push_back(pause);
    }
    auto urges = reader.optionalArray("urges");
    for (std::size_t i = 0; i < urges->size(); ++i) {
        auto entry = json::asObject(urges->get(i), "urges[" + std::to_string(i) + "]");
        UrgeRecord urge;
        urge.level = entry.requireEnum("level", urgeLevelFromString, "level");
        if (auto task = entry.optionalInt("task"))
            urge.task = static_cast<TaskNumber>(*task);
        urge.at = readInstant(entry, "at");
        entry.finish();
        state.urges.push_back(urge);
    }
    const auto nextTask = reader.requireInt("nextTask");
    if (nextTask < 1)
        fail("nextTask", "task numbers start at 1");
    marking.nextTask = static_cast<TaskNumber>(nextTask);
    tokens.finish();
    branches.finish();
    reader.finish();
    return state;
}

} // namespace

Poco::Dynamic::Var toJson(const Value& value)
{
    struct Visitor {
        Poco::Dynamic::Var operator()(std::monostate) const { return Poco::Dynamic::Var(); }
        Poco::Dynamic::Var operator()(bool b) const { return b; }
        Poco::Dynamic::Var operator()(double d) const { return d; }
        Poco::Dynamic::Var operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{}, value);
}

std::optional<Value> valueFromJson(const Poco::Dynamic::Var& value)
{
    if (value.isEmpty())
        return Value{};
    if (value.isBoolean())
        return Value{value.extract<bool>()};
    if (value.isNumeric())
        return Value{value.convert<double>()};
    if (value.isString())
        return Value{value.extract<std::string>()};
    return std::nullopt;
}

std::string formatInstant(Instant instant)
{
    const Poco::Timestamp timestamp = Poco::Timestamp::fromEpochTime(instant.time_since_epoch().count());
    return Poco::DateTimeFormatter::format(timestamp, "%Y-%m-%dT%H:%M:%SZ");
}

std::optional<Instant> parseInstant(std::string_view text)
{
    Poco::DateTime parsed;
    int zone = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, std::string(text), parsed, zone))
        return std::nullopt;
    parsed.makeUTC(zone);
    return Instant{std::chrono::seconds{parsed.timestamp().epochTime()}};
}

std::string writeCaseState(const ExecutableProcess& process, const CaseState& state)
{
    const auto& def = process.definition();
    auto root = newObject();
    root->set("format", std::string(kCaseStateFormat));
    root->set("caseId", state.caseId);
    root->set("definitionKey", state.definitionKey);
    root->set("definitionVersion", state.definitionVersion);
    root->set("status", toString(state.status));
    if (state.refused)
        root->set("refused", true);
    root->set("version", static_cast<Poco::Int64>(state.version));
    if (state.startedAt)
        root->set("startedAt", formatInstant(*state.startedAt));
    if (state.endedAt)
        root->set("endedAt", formatInstant(*state.endedAt));
    auto data = newObject();
    for (const auto& [path, value] : state.data)
        data->set(path, toJson(value));
    root->set("data", data);
    auto tokens = newObject();
    for (std::size_t f = 0; f < state.marking.flowTokens.size(); ++f)
        if (state.marking.flowTokens[f] > 0)
            tokens->set(def.flows()[f].id, state.marking.flowTokens[f]);
    root->set("tokens", tokens);
    auto branches = newObject();
    for (std::size_t n = 0; n < state.marking.branchesOpened.size(); ++n)
        if (state.marking.branchesOpened[n] > 0)
            branches->set(def.nodes()[n].id, state.marking.branchesOpened[n]);
    root->set("branchesOpened", branches);
    Poco::JSON::Array::Ptr tasks = new Poco::JSON::Array;
    for (const auto& task : state.marking.openTasks) {
        auto object = newObject();
        object->set("number", task.number);
        object->set("node", def.nodes()[task.node].id);
        object->set("openedAt", formatInstant(task.openedAt));
        if (!task.assignee.empty())
            object->set("assignee", task.assignee);
        tasks->add(object);
    }
    root->set("openTasks", tasks);
    root->set("nextTask", state.marking.nextTask);
    if (!state.pauses.empty()) {
        Poco::JSON::Array::Ptr pauses = new Poco::JSON::Array;
        for (const auto& pause : state.pauses) {
            auto object = newObject();
            object->set("kind", toString(pause.kind));
            object->set("from", formatInstant(pause.from));
            if (pause.to)
                object->set("to", formatInstant(*pause.to));
            if (pause.limit)
                object->set("limit", timeLimitJson(*pause.limit));
            pauses->add(object);
        }
        root->set("pauses", pauses);
    }
    if (!state.urges.empty()) {
        Poco::JSON::Array::Ptr urges = new Poco::JSON::Array;
        for (const auto& urge : state.urges) {
            auto object = newObject();
            object->set("level", toString(urge.level));
            if (urge.task)
                object->set("task", *urge.task);
            object->set("at", formatInstant(urge.at));
            urges->add(object);
        }
        root->set("urges", urges);
    }
    return json::stringify(root) + "\n";
}

std::expected<CaseState, json::JsonError> readCaseState(const ExecutableProcess& process, std::string_view text)
{
    auto root = json::parse(text);
    if (!root)
        return std::unexpected(root.error());
    try {
        return readDocument(process, *root);
    } catch (const JsonFormatError& e) {
        return std::unexpected(e.error);
    } catch (const Poco::Exception& e) {
        return std::unexpected(json::JsonError{0, 0, {}, e.displayText()});
    }
}

} // namespace tongban::workflow
