#include "workflow/bpmn/bpmn.h"
#include "workflow/bpmn/element_copy.h"
#include "workflow/bpmn/namespaces.h"

#include "workflow/layout/layout.h"

#include <Poco/SAX/AttributesImpl.h>
#include <Poco/XML/XMLWriter.h>

#include <charconv>
#include <map>
#include <sstream>

namespace tongban::workflow::bpmn {

namespace {

// Poco's writer takes namespaces as std::string.
const std::string kModel(ns::kModel);
const std::string kBpmnDi(ns::kBpmnDi);
const std::string kDc(ns::kDc);
const std::string kDi(ns::kDi);
const std::string kXsi(ns::kXsi);
const std::string kTongban(ns::kTongban);

/// The shortest text that reads back as the same number.
std::string number(double value)
{
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, value);
    return error == std::errc{} ? std::string(text, end) : std::string("0");
}

std::string limitText(const TimeLimit& limit) { return std::to_string(limit.amount) + " " + toString(limit.unit); }

const char* elementOf(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Start:
        return "startEvent";
    case NodeKind::End:
        return "endEvent";
    case NodeKind::Task:
        return "userTask";
    case NodeKind::ParallelGateway:
        return "parallelGateway";
    case NodeKind::ExclusiveGateway:
        return "exclusiveGateway";
    case NodeKind::InclusiveGateway:
        return "inclusiveGateway";
    }
    return "task";
}

/// Each namespace other tools' attributes and elements use, with the first prefix they gave it.
std::map<std::string, std::string> vendorPrefixes(const ProcessDefinition& definition)
{
    std::map<std::string, std::string> prefixes;  ///< namespace → prefix
    const auto collect = [&](const BpmnExtensions& extensions) {
        for (const auto& attribute : extensions.attributes)
            prefixes.emplace(attribute.namespaceUri, attribute.name.substr(0, attribute.name.find(':')));
        for (const auto& element : extensions.elements)
            for (const auto& [prefix, uri] : prefixesOf(element))
                prefixes.emplace(uri, prefix);
    };
    collect(definition.bpmnExtensions);
    for (const auto& node : definition.nodes())
        collect(node.bpmnExtensions);
    for (const auto& flow : definition.flows())
        collect(flow.bpmnExtensions);
    return prefixes;
}

/// Elements and attributes in the four namespaces a BPMN file speaks, and
/// other tools' besides, written through Poco's XMLWriter.
class Writer {
public:
    Writer(std::ostream& out, const std::map<std::string, std::string>& prefixesOfTools)
        : m_xml(out, Poco::XML::XMLWriter::WRITE_XML_DECLARATION | Poco::XML::XMLWriter::PRETTY_PRINT)
    {
        m_xml.setNewLine("\n");
        m_xml.setIndent("  ");
        m_xml.startDocument();
        std::map<std::string, std::string> declared{{"bpmn", kModel}, {"bpmndi", kBpmnDi}, {"dc", kDc},
                                                    {"di", kDi},      {"xsi", kXsi},       {"tongban", kTongban}};
        // Declared once at the root, as the tools do; a prefix already taken is declared where it is used.
        for (const auto& [uri, prefix] : prefixesOfTools)
            declared.emplace(prefix, uri);
        for (const auto& [prefix, uri] : declared)
            m_xml.startPrefixMapping(prefix, uri);
    }

    struct Attribute {
        const std::string* ns;
        std::string name;
        std::string value;
    };
    using Attributes = std::vector<Attribute>;

    void start(const std::string& ns, const std::string& name, const Attributes& attributes = {},
               const BpmnExtensions& kept = {})
    {
        auto converted = convert(attributes);
        for (const auto& attribute : kept.attributes) {
            const auto colon = attribute.name.find(':');
            converted.addAttribute(attribute.namespaceUri, attribute.name.substr(colon + 1), attribute.name, "CDATA",
                                   attribute.value);
        }
        m_xml.startElement(ns, name, {}, converted);
    }
    void end(const std::string& ns, const std::string& name) { m_xml.endElement(ns, name, {}); }
    void empty(const std::string& ns, const std::string& name, const Attributes& attributes)
    {
        m_xml.emptyElement(ns, name, {}, convert(attributes));
    }
    void text(const std::string& ns, const std::string& name, const std::string& content, const Attributes& attributes = {})
    {
        start(ns, name, attributes);
        m_xml.characters(content);
        end(ns, name);
    }
    /// The extension elements of the element just started, with `more` of Tongban's own before them.
    template <typename Own>
    void extensionElements(const BpmnExtensions& kept, Own&& more)
    {
        start(kModel, "extensionElements");
        more();
        for (const auto& element : kept.elements)
            copyElement(element, m_xml);
        end(kModel, "extensionElements");
    }
    void extensionElements(const BpmnExtensions& kept)
    {
        if (!kept.elements.empty())
            extensionElements(kept, [] {});
    }
    void finish() { m_xml.endDocument(); }

private:
    static Poco::XML::AttributesImpl convert(const Attributes& attributes)
    {
        Poco::XML::AttributesImpl converted;
        for (const auto& [ns, name, value] : attributes)
            if (!value.empty())
                converted.addAttribute(ns ? *ns : std::string(), name, {}, "CDATA", value);
        return converted;
    }

    Poco::XML::XMLWriter m_xml;
};

} // namespace

std::string writeBpmn(const ProcessDefinition& original)
{
    ProcessDefinition definition = original;
    definition.status = DefinitionStatus::Draft;  // laying out edits a copy, published or not
    completeLayout(definition);
    const auto& nodes = definition.nodes();
    const auto& flows = definition.flows();
    static const std::string kNone;

    std::ostringstream out;
    Writer xml(out, vendorPrefixes(definition));
    xml.start(kModel, "definitions",
              {{&kNone, "id", "Definitions_" + definition.key},
               {&kNone, "targetNamespace", "urn:tongban:process:" + definition.key},
               {&kNone, "exporter", "Tongban"}});
    Writer::Attributes process{{&kNone, "id", definition.key},
                               {&kNone, "name", definition.name},
                               {&kNone, "isExecutable", "true"},
                               {&kTongban, "version", std::to_string(definition.version)}};
    if (original.status == DefinitionStatus::Published)
        process.push_back({&kTongban, "status", "published"});
    if (definition.promisedLimit)
        process.push_back({&kTongban, "promisedLimit", limitText(*definition.promisedLimit)});
    if (definition.legalLimit)
        process.push_back({&kTongban, "legalLimit", limitText(*definition.legalLimit)});
    xml.start(kModel, "process", process, definition.bpmnExtensions);
    if (!definition.documentation.empty())
        xml.text(kModel, "documentation", definition.documentation);
    if (!definition.fields.empty() || !definition.bpmnExtensions.elements.empty())
        xml.extensionElements(definition.bpmnExtensions, [&] {
            for (const auto& [name, declaration] : definition.fields) {
                xml.start(kTongban, "field", {{&kNone, "name", name}, {&kNone, "type", toString(declaration.type)}});
                for (const auto& value : declaration.allowedValues)
                    xml.text(kTongban, "value", value);
                xml.end(kTongban, "field");
            }
        });

    // One lane per department that works a task, in the order they first appear.
    std::vector<std::pair<std::string, std::vector<std::string>>> lanes;
    for (const auto& node : nodes) {
        if (node.kind != NodeKind::Task || node.department.empty() || departmentField(node))
            continue;
        auto lane = std::ranges::find(lanes, node.department, &std::pair<std::string, std::vector<std::string>>::first);
        if (lane == lanes.end())
            lane = lanes.insert(lanes.end(), {node.department, {}});
        lane->second.push_back(node.id);
    }
    if (!lanes.empty()) {
        xml.start(kModel, "laneSet", {{&kNone, "id", "LaneSet_" + definition.key}});
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            xml.start(kModel, "lane", {{&kNone, "id", "Lane_" + std::to_string(i + 1)}, {&kNone, "name", lanes[i].first}});
            for (const auto& id : lanes[i].second)
                xml.text(kModel, "flowNodeRef", id);
            xml.end(kModel, "lane");
        }
        xml.end(kModel, "laneSet");
    }

    std::map<std::size_t, std::string> defaults;  ///< node → its default flow
    for (std::size_t f = 0; f < flows.size(); ++f)
        if (flows[f].isDefault)
            defaults[definition.source(f)] = flows[f].id;
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const auto& node = nodes[n];
        Writer::Attributes attributes{{&kNone, "id", node.id}, {&kNone, "name", node.name}};
        if (const auto fallback = defaults.find(n); fallback != defaults.end())
            attributes.push_back({&kNone, "default", fallback->second});
        if (node.kind == NodeKind::Task) {
            attributes.push_back({&kTongban, "department", node.department});
            attributes.push_back({&kTongban, "role", node.role});
            attributes.push_back({&kTongban, "matter", node.matter});
            attributes.push_back({&kTongban, "formSection", node.formSection});
            if (node.timeLimit)
                attributes.push_back({&kTongban, "timeLimit", limitText(*node.timeLimit)});
        }
        xml.start(kModel, elementOf(node.kind), attributes, node.bpmnExtensions);
        if (!node.documentation.empty())
            xml.text(kModel, "documentation", node.documentation);
        xml.extensionElements(node.bpmnExtensions);
        // incoming and outgoing are redundant with the flows, but several tools expect them.
        for (std::size_t f = 0; f < flows.size(); ++f)
            if (definition.target(f) == n)
                xml.text(kModel, "incoming", flows[f].id);
        for (std::size_t f = 0; f < flows.size(); ++f)
            if (definition.source(f) == n)
                xml.text(kModel, "outgoing", flows[f].id);
        xml.end(kModel, elementOf(node.kind));
    }
    for (std::size_t f = 0; f < flows.size(); ++f) {
        const auto& flow = flows[f];
        Writer::Attributes attributes{{&kNone, "id", flow.id},
                                      {&kNone, "name", flow.name},
                                      {&kNone, "sourceRef", nodes[definition.source(f)].id},
                                      {&kNone, "targetRef", nodes[definition.target(f)].id}};
        if (flow.kind != FlowKind::Sequence)
            attributes.push_back({&kTongban, "kind", toString(flow.kind)});
        xml.start(kModel, "sequenceFlow", attributes, flow.bpmnExtensions);
        if (!flow.documentation.empty())
            xml.text(kModel, "documentation", flow.documentation);
        xml.extensionElements(flow.bpmnExtensions);
        if (!flow.condition.empty())
            xml.text(kModel, "conditionExpression", flow.condition, {{&kXsi, "type", "bpmn:tFormalExpression"}});
        xml.end(kModel, "sequenceFlow");
    }
    xml.end(kModel, "process");

    xml.start(kBpmnDi, "BPMNDiagram", {{&kNone, "id", "Diagram_" + definition.key}});
    xml.start(kBpmnDi, "BPMNPlane", {{&kNone, "id", "Plane_" + definition.key}, {&kNone, "bpmnElement", definition.key}});
    for (const auto& node : nodes) {
        xml.start(kBpmnDi, "BPMNShape", {{&kNone, "id", "Shape_" + node.id}, {&kNone, "bpmnElement", node.id}});
        xml.empty(kDc, "Bounds", {{&kNone, "x", number(node.bounds->x)}, {&kNone, "y", number(node.bounds->y)},
                                  {&kNone, "width", number(node.bounds->width)},
                                  {&kNone, "height", number(node.bounds->height)}});
        xml.end(kBpmnDi, "BPMNShape");
    }
    for (const auto& flow : flows) {
        xml.start(kBpmnDi, "BPMNEdge", {{&kNone, "id", "Edge_" + flow.id}, {&kNone, "bpmnElement", flow.id}});
        for (const auto& point : flow.waypoints)
            xml.empty(kDi, "waypoint", {{&kNone, "x", number(point.x)}, {&kNone, "y", number(point.y)}});
        xml.end(kBpmnDi, "BPMNEdge");
    }
    xml.end(kBpmnDi, "BPMNPlane");
    xml.end(kBpmnDi, "BPMNDiagram");
    xml.end(kModel, "definitions");
    xml.finish();
    return out.str();
}

} // namespace tongban::workflow::bpmn
