// Reader and writer of the definition JSON format.
#include "workflow/model/definition_json.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <set>

namespace tongban::workflow {

namespace {

using json::JsonFormatError;
using json::ObjectReader;

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
    throw JsonFormatError{json::JsonError{0, 0, path, message}};
}

} // namespace

TimeLimit readTimeLimit(ObjectReader reader)
{
    TimeLimit limit;
    limit.amount = reader.requireInt("amount");
    if (limit.amount < 0)
        fail(reader.memberPath("amount"), "a time limit cannot be negative");
    const auto unitText = reader.optionalString("unit", "workingDays");
    const auto unit = limitUnitFromString(unitText);
    if (!unit)
        fail(reader.memberPath("unit"), "unknown unit '" + unitText + "' (workingDays, naturalDays or workingHours)");
    limit.unit = *unit;
    reader.finish();
    return limit;
}

namespace {

std::optional<TimeLimit> readOptionalLimit(ObjectReader& parent, const std::string& key)
{
    if (auto object = parent.optionalObject(key))
        return readTimeLimit(*object);
    return std::nullopt;
}

Diagnostic readerFinding(std::string code, std::string element, std::string zh, std::string en)
{
    return Diagnostic{Severity::Error, std::move(code), std::move(element), {std::move(zh), std::move(en)}};
}

std::string readId(ObjectReader& reader)
{
    auto id = reader.requireString("id");
    if (id.empty())
        fail(reader.memberPath("id"), "must not be empty");
    return id;
}

/// Other BPMN tools' attributes and extension elements that an import kept.
BpmnExtensions readBpmnExtensions(ObjectReader& owner)
{
    BpmnExtensions extensions;
    auto reader = owner.optionalObject("bpmnExtensions");
    if (!reader)
        return extensions;
    auto attributes = reader->optionalArray("attributes");
    for (std::size_t i = 0; i < attributes->size(); ++i) {
        ObjectReader attribute = json::asObject(attributes->get(static_cast<unsigned>(i)),
                                                reader->memberPath("attributes") + "[" + std::to_string(i) + "]");
        BpmnAttribute read{attribute.requireString("namespace"), attribute.requireString("name"), attribute.requireString("value")};
        const auto colon = read.name.find(':');
        if (read.namespaceUri.empty() || colon == 0 || colon == std::string::npos || colon + 1 == read.name.size())
            fail(attribute.path(), "another tool's attribute needs its namespace and its name with a prefix, such as "
                                   "'camunda:assignee', not '" + read.name + "'");
        attribute.finish();
        extensions.attributes.push_back(std::move(read));
    }
    extensions.elements = reader->optionalStrings("elements");
    for (std::size_t i = 0; i < extensions.elements.size(); ++i)
        if (const auto why = whyNotOneXmlElement(extensions.elements[i]))
            fail(reader->memberPath("elements") + "[" + std::to_string(i) + "]", *why);
    reader->finish();
    return extensions;
}

Diagnostic duplicateId(const std::string& id)
{
    return readerFinding("id.duplicate", id, "标识 '" + id + "' 重复使用", "id '" + id + "' is used more than once");
}

LoadedDefinition readDocument(const Poco::Dynamic::Var& root)
{
    LoadedDefinition loaded;
    ProcessDefinition& definition = loaded.definition;
    ObjectReader document = json::asObject(root, "");

    const auto format = document.requireString("format");
    if (format != kDefinitionFormat)
        fail("format", "unsupported format '" + format + "' (this version reads " +
                           std::string(kDefinitionFormat) + ")");
    definition.key = document.requireString("key");
    if (definition.key.empty())
        fail("key", "must not be empty");
    definition.name = document.optionalString("name");
    definition.documentation = document.optionalString("documentation");
    definition.version = document.optionalInt("version").value_or(1);
    if (definition.version < 1)
        fail("version", "versions start at 1");
    const auto status = document.optionalString("status", "draft");
    if (status != "draft" && status != "published")
        fail("status", "expected 'draft' or 'published', not '" + status + "'");
    definition.promisedLimit = readOptionalLimit(document, "promisedLimit");
    definition.legalLimit = readOptionalLimit(document, "legalLimit");
    definition.bpmnExtensions = readBpmnExtensions(document);

    if (auto fields = document.optionalObject("fields")) {
        std::vector<std::string> names;
        fields->object()->getNames(names);
        for (const auto& name : names) {
            ObjectReader field = fields->requireObject(name);
            FieldDeclaration declaration;
            const auto typeText = field.requireString("type");
            const auto type = fieldTypeFromString(typeText);
            if (!type)
                fail(field.memberPath("type"), "unknown type '" + typeText + "' (boolean, number or string)");
            declaration.type = *type;
            auto values = field.optionalArray("values");
            for (std::size_t i = 0; i < values->size(); ++i) {
                if (!values->get(i).isString())
                    fail(field.memberPath("values") + "[" + std::to_string(i) + "]", "expected a string");
                declaration.allowedValues.push_back(values->get(i).extract<std::string>());
            }
            if (!declaration.allowedValues.empty() && declaration.type != FieldType::String)
                fail(field.memberPath("values"), "only string fields take a list of values");
            field.finish();
            definition.fields.emplace(name, std::move(declaration));
        }
        fields->finish();
    }

    std::set<std::string> ids;
    auto nodes = document.requireArray("nodes");
    for (std::size_t i = 0; i < nodes->size(); ++i) {
        ObjectReader reader = json::asObject(nodes->get(i), "nodes[" + std::to_string(i) + "]");
        Node node;
        node.id = readId(reader);
        const auto typeText = reader.requireString("type");
        const auto kind = nodeKindFromString(typeText);
        if (!kind)
            fail(reader.memberPath("type"), "unknown node type '" + typeText + "'");
        node.kind = *kind;
        node.name = reader.optionalString("name");
        node.documentation = reader.optionalString("documentation");
        if (auto bounds = reader.optionalObject("bounds")) {
            node.bounds = Bounds{bounds->requireNumber("x"), bounds->requireNumber("y"), bounds->requireNumber("width"),
                                 bounds->requireNumber("height")};
            bounds->finish();
        }
        if (node.kind == NodeKind::Task) {
            node.department = reader.optionalString("department");
            node.role = reader.optionalString("role");
            node.matter = reader.optionalString("matter");
            node.formSection = reader.optionalString("formSection");
            node.timeLimit = readOptionalLimit(reader, "timeLimit");
        }
        node.bpmnExtensions = readBpmnExtensions(reader);
        reader.finish();
        if (!ids.insert(node.id).second) {
            loaded.diagnostics.push_back(duplicateId(node.id));
            continue;
        }
        definition.addNode(std::move(node));
    }

    auto flows = document.requireArray("flows");
    for (std::size_t i = 0; i < flows->size(); ++i) {
        ObjectReader reader = json::asObject(flows->get(i), "flows[" + std::to_string(i) + "]");
        Flow flow;
        flow.id = readId(reader);
        const auto from = reader.requireString("from");
        const auto to = reader.requireString("to");
        flow.name = reader.optionalString("name");
        const auto kindText = reader.optionalString("kind", "sequence");
        const auto kind = flowKindFromString(kindText);
        if (!kind)
            fail(reader.memberPath("kind"), "unknown flow kind '" + kindText + "' (sequence, return or rejection)");
        flow.kind = *kind;
        flow.condition = reader.optionalString("condition");
        flow.isDefault = reader.optionalBool("default", false);
        flow.documentation = reader.optionalString("documentation");
        auto waypoints = reader.optionalArray("waypoints");
        for (std::size_t w = 0; w < waypoints->size(); ++w) {
            const auto path = reader.memberPath("waypoints") + "[" + std::to_string(w) + "]";
            const auto point = waypoints->getArray(static_cast<unsigned>(w));
            if (!point || point->size() != 2 || !point->get(0).isNumeric() || !point->get(1).isNumeric())
                fail(path, "expected [x, y]");
            flow.waypoints.push_back({point->get(0).convert<double>(), point->get(1).convert<double>()});
        }
        flow.bpmnExtensions = readBpmnExtensions(reader);
        reader.finish();
        if (!ids.insert(flow.id).second) {
            loaded.diagnostics.push_back(duplicateId(flow.id));
            continue;
        }
        const auto source = definition.findNode(from);
        const auto target = definition.findNode(to);
        if (!source || !target) {
            const auto& missing = source ? to : from;
            loaded.diagnostics.push_back(readerFinding(
                "flow.unknown-node", flow.id, "连线 '" + flow.id + "' 指向不存在的节点 '" + missing + "'",
                "flow '" + flow.id + "' names node '" + missing + "', which does not exist"));
            continue;
        }
        definition.addFlow(std::move(flow), *source, *target);
    }
    document.finish();
    definition.status = status == "published" ? DefinitionStatus::Published : DefinitionStatus::Draft;
    return loaded;
}

Poco::JSON::Object::Ptr newObject()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

void setIfNotEmpty(Poco::JSON::Object::Ptr object, const std::string& key, const std::string& value)
{
    if (!value.empty())
        object->set(key, value);
}

void setBpmnExtensions(Poco::JSON::Object::Ptr object, const BpmnExtensions& extensions)
{
    if (extensions.empty())
        return;
    auto kept = newObject();
    if (!extensions.attributes.empty()) {
        Poco::JSON::Array::Ptr attributes = new Poco::JSON::Array;
        for (const auto& attribute : extensions.attributes) {
            auto entry = newObject();
            entry->set("namespace", attribute.namespaceUri);
            entry->set("name", attribute.name);
            entry->set("value", attribute.value);
            attributes->add(entry);
        }
        kept->set("attributes", attributes);
    }
    if (!extensions.elements.empty()) {
        Poco::JSON::Array::Ptr elements = new Poco::JSON::Array;
        for (const auto& element : extensions.elements)
            elements->add(element);
        kept->set("elements", elements);
    }
    object->set("bpmnExtensions", kept);
}

} // namespace

Poco::JSON::Object::Ptr timeLimitJson(const TimeLimit& limit)
{
    auto object = newObject();
    object->set("amount", limit.amount);
    object->set("unit", toString(limit.unit));
    return object;
}

std::expected<LoadedDefinition, json::JsonError> readDefinition(std::string_view text)
{
    auto root = json::parse(text);
    if (!root)
        return std::unexpected(root.error());
    try {
        return readDocument(*root);
    } catch (const JsonFormatError& e) {
        return std::unexpected(e.error);
    } catch (const Poco::Exception& e) {
        return std::unexpected(json::JsonError{0, 0, {}, e.displayText()});
    }
}

std::string writeDefinition(const ProcessDefinition& definition)
{
    auto root = newObject();
    root->set("format", std::string(kDefinitionFormat));
    root->set("key", definition.key);
    setIfNotEmpty(root, "name", definition.name);
    setIfNotEmpty(root, "documentation", definition.documentation);
    root->set("version", definition.version);
    root->set("status", definition.status == DefinitionStatus::Published ? "published" : "draft");
    if (definition.promisedLimit)
        root->set("promisedLimit", timeLimitJson(*definition.promisedLimit));
    if (definition.legalLimit)
        root->set("legalLimit", timeLimitJson(*definition.legalLimit));
    if (!definition.fields.empty()) {
        auto fields = newObject();
        for (const auto& [path, declaration] : definition.fields) {
            auto field = newObject();
            field->set("type", toString(declaration.type));
            if (!declaration.allowedValues.empty()) {
                Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
                for (const auto& value : declaration.allowedValues)
                    values->add(value);
                field->set("values", values);
            }
            fields->set(path, field);
        }
        root->set("fields", fields);
    }
    setBpmnExtensions(root, definition.bpmnExtensions);
    Poco::JSON::Array::Ptr nodes = new Poco::JSON::Array;
    for (const auto& node : definition.nodes()) {
        auto object = newObject();
        object->set("id", node.id);
        object->set("type", toString(node.kind));
        setIfNotEmpty(object, "name", node.name);
        setIfNotEmpty(object, "documentation", node.documentation);
        setIfNotEmpty(object, "department", node.department);
        setIfNotEmpty(object, "role", node.role);
        setIfNotEmpty(object, "matter", node.matter);
        setIfNotEmpty(object, "formSection", node.formSection);
        if (node.timeLimit)
            object->set("timeLimit", timeLimitJson(*node.timeLimit));
        if (node.bounds) {
            auto bounds = newObject();
            bounds->set("x", node.bounds->x);
            bounds->set("y", node.bounds->y);
            bounds->set("width", node.bounds->width);
            bounds->set("height", node.bounds->height);
            object->set("bounds", bounds);
        }
        setBpmnExtensions(object, node.bpmnExtensions);
        nodes->add(object);
    }
    root->set("nodes", nodes);
    Poco::JSON::Array::Ptr flows = new Poco::JSON::Array;
    for (std::size_t f = 0; f < definition.flows().size(); ++f) {
        const auto& flow = definition.flows()[f];
        auto object = newObject();
        object->set("id", flow.id);
        object->set("from", definition.nodes()[definition.source(f)].id);
        object->set("to", definition.nodes()[definition.target(f)].id);
        setIfNotEmpty(object, "name", flow.name);
        if (flow.kind != FlowKind::Sequence)
            object->set("kind", toString(flow.kind));
        setIfNotEmpty(object, "condition", flow.condition);
        if (flow.isDefault)
            object->set("default", true);
        setIfNotEmpty(object, "documentation", flow.documentation);
        if (!flow.waypoints.empty()) {
            Poco::JSON::Array::Ptr waypoints = new Poco::JSON::Array;
            for (const auto& point : flow.waypoints) {
                Poco::JSON::Array::Ptr pair = new Poco::JSON::Array;
                pair->add(point.x);
                pair->add(point.y);
                waypoints->add(pair);
            }
            object->set("waypoints", waypoints);
        }
        setBpmnExtensions(object, flow.bpmnExtensions);
        flows->add(object);
    }
    root->set("flows", flows);
    return json::stringify(root) + "\n";
}

} // namespace tongban::workflow
