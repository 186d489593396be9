// Serialisation of events.
#include "workflow/runtime/event_json.h"

#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace tongban::workflow {

namespace {

using json::JsonFormatError;
using json::ObjectReader;
using Object = Poco::JSON::Object::Ptr;

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
    throw JsonFormatError{json::JsonError{0, 0, path, message}};
}

class Writer {
public:
    explicit Writer(const ExecutableProcess& process)
        : m_def(process.definition()), m_object(new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER)) {}

    std::string text() const { return json::stringify(m_object, 0); }

    void operator()(const CaseStarted& e)
    {
        m_object->set("caseId", e.caseId);
        m_object->set("definitionKey", e.definitionKey);
        m_object->set("definitionVersion", e.definitionVersion);
        m_object->set("data", data(e.data));
        m_object->set("produced", flows(e.produced));
    }
    void operator()(const TaskOpened& e)
    {
        m_object->set("task", e.task);
        m_object->set("node", node(e.node));
        if (e.consumed)
            m_object->set("consumed", flow(*e.consumed));
    }
    void operator()(const TaskClaimed& e)
    {
        m_object->set("task", e.task);
        m_object->set("user", e.user);
    }
    void operator()(const TaskReleased& e) { m_object->set("task", e.task); }
    void operator()(const TaskReassigned& e)
    {
        m_object->set("task", e.task);
        if (!e.from.empty())
            m_object->set("from", e.from);
        if (!e.to.empty())
            m_object->set("to", e.to);
        m_object->set("reason", e.reason);
    }
    void operator()(const TaskCompleted& e)
    {
        m_object->set("task", e.task);
        m_object->set("node", node(e.node));
        m_object->set("outcome", toString(e.outcome));
        if (!e.reason.empty())
            m_object->set("reason", e.reason);
        if (!e.dataPatch.empty())
            m_object->set("data", data(e.dataPatch));
        m_object->set("produced", flows(e.produced));
    }
    void operator()(const TaskReturned& e)
    {
        m_object->set("task", e.task);
        m_object->set("node", node(e.node));
        m_object->set("target", node(e.target));
        m_object->set("reason", e.reason);
        if (!e.dataPatch.empty())
            m_object->set("data", data(e.dataPatch));
    }
    void operator()(const WorkDiscarded& e)
    {
        Poco::JSON::Array::Ptr tasks = new Poco::JSON::Array;
        for (auto task : e.tasks)
            tasks->add(task);
        m_object->set("tasks", tasks);
        m_object->set("flows", flows(e.flows));
    }
    void operator()(const GatewayPassed& e)
    {
        m_object->set("node", node(e.node));
        m_object->set("consumed", flows(e.consumed));
        m_object->set("produced", flows(e.produced));
        if (e.branchesOpened > 0)
            m_object->set("branchesOpened", e.branchesOpened);
    }
    void operator()(const CasePaused& e)
    {
        m_object->set("kind", toString(e.kind));
        if (!e.materials.empty()) {
            Poco::JSON::Array::Ptr materials = new Poco::JSON::Array;
            for (const auto& material : e.materials)
                materials->add(material);
            m_object->set("materials", materials);
        }
        if (e.limit)
            m_object->set("limit", timeLimitJson(*e.limit));
        if (!e.note.empty())
            m_object->set("note", e.note);
        if (!e.repeatReason.empty())
            m_object->set("repeatReason", e.repeatReason);
    }
    void operator()(const CaseResumed& e)
    {
        if (!e.note.empty())
            m_object->set("note", e.note);
    }
    void operator()(const CaseUrged& e)
    {
        m_object->set("level", toString(e.level));
        if (e.task)
            m_object->set("task", *e.task);
        m_object->set("note", e.note);
    }
    void operator()(const EndReached& e)
    {
        m_object->set("node", node(e.node));
        m_object->set("consumed", flow(e.consumed));
    }
    void operator()(const CaseEnded& e)
    {
        m_object->set("status", toString(e.status));
        if (!e.reason.empty())
            m_object->set("reason", e.reason);
    }

private:
    const std::string& node(std::uint32_t index) const { return m_def.nodes()[index].id; }
    const std::string& flow(std::uint32_t index) const { return m_def.flows()[index].id; }
    Poco::JSON::Array::Ptr flows(const FlowList& list) const
    {
        Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
        for (auto f : list)
            array->add(flow(f));
        return array;
    }
    static Object data(const CaseData& values)
    {
        Object object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& [path, value] : values)
            object->set(path, toJson(value));
        return object;
    }

    const ProcessDefinition& m_def;
    Object m_object;
};

class Reader {
public:
    Reader(const ExecutableProcess& process, ObjectReader& reader) : m_process(process), m_reader(reader) {}

    Event::Variant read(std::string_view type)
    {
        if (type == "caseStarted") {
            CaseStarted e;
            e.caseId = m_reader.requireString("caseId");
            e.definitionKey = m_reader.requireString("definitionKey");
            e.definitionVersion = m_reader.requireInt("definitionVersion");
            e.data = data("data");
            e.produced = flows("produced");
            e.flowCount = m_process.flowCount();
            e.nodeCount = m_process.nodeCount();
            return e;
        }
        if (type == "taskOpened") {
            TaskOpened e;
            e.task = task("task");
            e.node = node("node");
            if (m_reader.has("consumed"))
                e.consumed = flowId("consumed", m_reader.requireString("consumed"));
            else
                m_reader.optionalString("consumed");
            return e;
        }
        if (type == "taskClaimed")
            return TaskClaimed{task("task"), m_reader.requireString("user")};
        if (type == "taskReleased")
            return TaskReleased{task("task")};
        if (type == "taskReassigned") {
            TaskReassigned e;
            e.task = task("task");
            e.from = m_reader.optionalString("from");
            e.to = m_reader.optionalString("to");
            e.reason = m_reader.requireString("reason");
            return e;
        }
        if (type == "taskCompleted") {
            TaskCompleted e;
            e.task = task("task");
            e.node = node("node");
            e.outcome = m_reader.requireEnum("outcome", outcomeFromString, "outcome");
            e.reason = m_reader.optionalString("reason");
            if (m_reader.has("data"))
                e.dataPatch = data("data");
            else
                m_reader.optionalString("data");  // absent: no patch
            e.produced = flows("produced");
            return e;
        }
        if (type == "taskReturned") {
            TaskReturned e{task("task"), node("node"), node("target"), m_reader.requireString("reason"), {}};
            if (m_reader.has("data"))
                e.dataPatch = data("data");
            else
                m_reader.optionalString("data");  // absent: nothing recorded
            return e;
        }
        if (type == "workDiscarded") {
            WorkDiscarded e;
            auto tasks = m_reader.requireArray("tasks");
            for (std::size_t i = 0; i < tasks->size(); ++i) {
                if (!tasks->get(i).isInteger())
                    fail(m_reader.memberPath("tasks"), "expected task numbers");
                e.tasks.push_back(tasks->get(i).convert<TaskNumber>());
            }
            e.flows = flows("flows");
            return e;
        }
        if (type == "gatewayPassed") {
            GatewayPassed e;
            e.node = node("node");
            e.consumed = flows("consumed");
            e.produced = flows("produced");
            e.branchesOpened = static_cast<std::uint16_t>(m_reader.optionalInt("branchesOpened").value_or(0));
            return e;
        }
        if (type == "casePaused") {
            CasePaused e;
            e.kind = m_reader.requireEnum("kind", pauseKindFromString, "pause kind");
            auto materials = m_reader.optionalArray("materials");
            for (std::size_t i = 0; i < materials->size(); ++i)
                e.materials.push_back(materials->getElement<std::string>(static_cast<unsigned>(i)));
            if (auto limit = m_reader.optionalObject("limit"))
                e.limit = readTimeLimit(*limit);
            e.note = m_reader.optionalString("note");
            e.repeatReason = m_reader.optionalString("repeatReason");
            return e;
        }
        if (type == "caseResumed")
            return CaseResumed{m_reader.optionalString("note")};
        if (type == "caseUrged") {
            CaseUrged e;
            e.level = m_reader.requireEnum("level", urgeLevelFromString, "level");
            if (m_reader.has("task"))
                e.task = task("task");
            else
                m_reader.optionalInt("task");
            e.note = m_reader.requireString("note");
            return e;
        }
        if (type == "endReached")
            return EndReached{node("node"), flowId("consumed", m_reader.requireString("consumed"))};
        if (type == "caseEnded")
            return CaseEnded{m_reader.requireEnum("status", caseStatusFromString, "status"), m_reader.optionalString("reason")};
        fail("", "unknown event type '" + std::string(type) + "'");
    }

private:
    TaskNumber task(const std::string& key)
    {
        const auto number = m_reader.requireInt(key);
        if (number < 1)
            fail(m_reader.memberPath(key), "task numbers start at 1");
        return static_cast<TaskNumber>(number);
    }
    std::uint32_t node(const std::string& key)
    {
        const auto id = m_reader.requireString(key);
        const auto found = m_process.definition().findNode(id);
        if (!found)
            fail(m_reader.memberPath(key), "unknown node '" + id + "'");
        return static_cast<std::uint32_t>(*found);
    }
    std::uint32_t flowId(const std::string& key, const std::string& id)
    {
        const auto found = m_process.definition().findFlow(id);
        if (!found)
            fail(m_reader.memberPath(key), "unknown flow '" + id + "'");
        return static_cast<std::uint32_t>(*found);
    }
    FlowList flows(const std::string& key)
    {
        FlowList list;
        auto array = m_reader.requireArray(key);
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (!array->get(i).isString())
                fail(m_reader.memberPath(key), "expected flow ids");
            list.push_back(flowId(key, array->get(i).extract<std::string>()));
        }
        return list;
    }
    CaseData data(const std::string& key)
    {
        CaseData values;
        auto object = m_reader.requireObject(key);
        std::vector<std::string> names;
        object.object()->getNames(names);
        for (const auto& name : names) {
            auto value = valueFromJson(object.object()->get(name));
            if (!value)
                fail(object.memberPath(name), "expected null, a boolean, a number or a string");
            values.emplace(name, std::move(*value));
        }
        return values;
    }

    const ExecutableProcess& m_process;
    ObjectReader& m_reader;
};

} // namespace

std::string writeEventBody(const ExecutableProcess& process, const Event& event)
{
    Writer writer(process);
    std::visit(writer, event.what);
    return writer.text();
}

std::expected<Event, json::JsonError> readEvent(const ExecutableProcess& process, std::string_view type,
                                                std::string_view body, Actor actor, Instant at)
{
    auto root = json::parse(body);
    if (!root)
        return std::unexpected(root.error());
    try {
        auto reader = json::asObject(*root, "");
        Event event{Reader(process, reader).read(type), std::move(actor), at};
        reader.finish();
        return event;
    } catch (const JsonFormatError& e) {
        return std::unexpected(e.error);
    } catch (const Poco::Exception& e) {
        return std::unexpected(json::JsonError{0, 0, std::string(type), e.displayText()});
    }
}

} // namespace tongban::workflow
