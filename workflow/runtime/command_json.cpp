#include "workflow/runtime/command_json.h"

#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"

namespace tongban::workflow {

namespace {

using Object = Poco::JSON::Object::Ptr;

Object dataJson(const CaseData& data)
{
    Object object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [key, value] : data)
        object->set(key, toJson(value));
    return object;
}

CaseData readData(json::ObjectReader& reader, const std::string& key)
{
    CaseData data;
    const auto object = reader.optionalObject(key);
    if (!object)
        return data;
    for (const auto& [name, value] : *object->object()) {
        const auto read = valueFromJson(value);
        if (!read)
            json::failAt(object->memberPath(name), "a case value is text, a number, true or false, or a list of texts");
        data[name] = *read;
    }
    return data;
}

TaskNumber readTask(json::ObjectReader& reader)
{
    const int task = reader.requireInt("task");
    if (task < 1)
        json::failAt(reader.memberPath("task"), "a task number is 1 or more");
    return static_cast<TaskNumber>(task);
}

struct Writer {
    Object object;
    void operator()(const StartCase&) {}
    void operator()(const ClaimTask& c) { object->set("task", c.task); }
    void operator()(const ReleaseTask& c) { object->set("task", c.task); }
    void operator()(const ReassignTask& c)
    {
        object->set("task", c.task);
        if (!c.assignee.empty())
            object->set("assignee", c.assignee);
        object->set("reason", c.reason);
    }
    void operator()(const CompleteTask& c)
    {
        object->set("task", c.task);
        object->set("outcome", toString(c.outcome));
        if (!c.reason.empty())
            object->set("reason", c.reason);
        if (!c.returnTo.empty())
            object->set("returnTo", c.returnTo);
        if (!c.dataPatch.empty())
            object->set("data", dataJson(c.dataPatch));
    }
    void operator()(const RequestSupplement& c)
    {
        Poco::JSON::Array::Ptr materials = new Poco::JSON::Array;
        for (const auto& material : c.materials)
            materials->add(material);
        object->set("materials", materials);
        object->set("note", c.note);
        if (!c.repeatReason.empty())
            object->set("repeatReason", c.repeatReason);
    }
    void operator()(const StartSpecialProcedure& c)
    {
        object->set("procedure", toString(c.procedure));
        object->set("limit", timeLimitJson(c.limit));
        object->set("note", c.note);
    }
    void operator()(const ResumeCase& c) { object->set("note", c.note); }
    void operator()(const UrgeCase& c)
    {
        object->set("level", toString(c.level));
        if (c.task)
            object->set("task", *c.task);
        object->set("note", c.note);
    }
    void operator()(const WithdrawCase& c) { object->set("reason", c.reason); }
    void operator()(const CancelCase& c) { object->set("reason", c.reason); }
};

struct TypeName {
    const char* operator()(const StartCase&) const { return "startCase"; }
    const char* operator()(const ClaimTask&) const { return "claimTask"; }
    const char* operator()(const ReleaseTask&) const { return "releaseTask"; }
    const char* operator()(const ReassignTask&) const { return "reassignTask"; }
    const char* operator()(const CompleteTask&) const { return "completeTask"; }
    const char* operator()(const RequestSupplement&) const { return "requestSupplement"; }
    const char* operator()(const StartSpecialProcedure&) const { return "startSpecialProcedure"; }
    const char* operator()(const ResumeCase&) const { return "resumeCase"; }
    const char* operator()(const UrgeCase&) const { return "urgeCase"; }
    const char* operator()(const WithdrawCase&) const { return "withdrawCase"; }
    const char* operator()(const CancelCase&) const { return "cancelCase"; }
};

} // namespace

const char* commandTypeName(const CommandAction& action) { return std::visit(TypeName{}, action); }

Object commandActionJson(const CommandAction& action)
{
    Object object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    object->set("type", commandTypeName(action));
    Writer writer{object};
    std::visit(writer, action);
    return object;
}

CommandAction readCommandAction(json::ObjectReader& reader)
{
    const auto type = reader.requireString("type");
    if (type == "claimTask")
        return ClaimTask{readTask(reader)};
    if (type == "releaseTask")
        return ReleaseTask{readTask(reader)};
    if (type == "reassignTask") {
        ReassignTask reassign;
        reassign.task = readTask(reader);
        reassign.assignee = reader.optionalString("assignee");
        reassign.reason = reader.requireString("reason");
        return reassign;
    }
    if (type == "completeTask") {
        CompleteTask complete;
        complete.task = readTask(reader);
        complete.outcome = reader.requireEnum("outcome", outcomeFromString, "outcome");
        complete.reason = reader.optionalString("reason");
        complete.returnTo = reader.optionalString("returnTo");
        complete.dataPatch = readData(reader, "data");
        return complete;
    }
    if (type == "requestSupplement") {
        RequestSupplement supplement{reader.optionalStrings("materials"), reader.optionalString("note"),
                                     reader.optionalString("repeatReason")};
        if (supplement.materials.empty())
            json::failAt(reader.memberPath("materials"), "a supplement names at least one material");
        return supplement;
    }
    if (type == "startSpecialProcedure") {
        StartSpecialProcedure procedure;
        procedure.procedure = reader.requireEnum("procedure", pauseKindFromString, "special procedure");
        if (procedure.procedure == PauseKind::Supplement)
            json::failAt(reader.memberPath("procedure"), "a supplement is asked for with requestSupplement");
        procedure.limit = readTimeLimit(reader.requireObject("limit"));
        procedure.note = reader.optionalString("note");
        return procedure;
    }
    if (type == "resumeCase")
        return ResumeCase{reader.optionalString("note")};
    if (type == "urgeCase") {
        UrgeCase urge;
        urge.level = reader.requireEnum("level", urgeLevelFromString, "urge level");
        if (reader.has("task"))
            urge.task = readTask(reader);
        urge.note = reader.optionalString("note");
        return urge;
    }
    if (type == "withdrawCase")
        return WithdrawCase{reader.requireString("reason")};
    if (type == "cancelCase")
        return CancelCase{reader.requireString("reason")};
    json::failAt(reader.memberPath("type"), "unknown command type '" + type + "'");
}

} // namespace tongban::workflow
