#include "workflow/bpmn/bpmn.h"
#include "workflow/bpmn/namespaces.h"
#include "workflow/bpmn/element_copy.h"
#include "workflow/bpmn/rework_loops.h"
#include "workflow/bpmn/vendor_extensions.h"

#include "workflow/layout/layout.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/LexicalHandler.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <ranges>
#include <set>
#include <sstream>

namespace tongban::workflow::bpmn {

namespace {

using ns::kBpmnDi;
using ns::kDc;
using ns::kDi;
using ns::kModel;
using ns::kXml;
using ns::kXsi;

/// The file is refused: thrown by the reading (each callback catches it
/// before it reaches the parser) and by building the definition, which
/// names the place in the file when it knows it.
struct Refusal {
    std::string message;
    int line = 0;
    int column = 0;
};

/// A flow node as the file declares it, before it is mapped onto the model.
struct FileNode {
    int line = 0;
    int column = 0;
    std::string type;  ///< the BPMN element's local name
    std::string id;
    std::string name;
    std::string process;
    std::string insideActivity;  ///< the sub-process it belongs to, if any
    std::string documentation;
    std::string defaultFlow;
    std::string attachedTo;  ///< boundary events
    std::vector<std::string> eventDefinitions;
    std::map<std::string, std::string> extension;  ///< tongban:* attributes
    VendorExtensions vendor;
};

struct FileFlow {
    int line = 0;
    int column = 0;
    std::string id;
    std::string name;
    std::string process;
    std::string insideActivity;
    std::string source;
    std::string target;
    std::string condition;
    std::string conditionLanguage;
    std::string documentation;
    std::map<std::string, std::string> extension;
    VendorExtensions vendor;
};

struct FileProcess {
    std::string id;
    std::string name;
    std::string documentation;
    std::map<std::string, std::string> extension;
    std::vector<std::pair<std::string, FieldDeclaration>> fields;
    VendorExtensions vendor;
};

/// Something in the file that is not imported as it stands.
struct Skipped {
    std::string type;
    std::string id;
    std::string process;
    std::string insideActivity;
    std::string processRef;  ///< a participant's (pool's) process
};

const std::set<std::string, std::less<>> kActivities{
    "task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "businessRuleTask",
    "callActivity", "subProcess", "adHocSubProcess", "transaction"};
const std::set<std::string, std::less<>> kFlowNodes{
    "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    "parallelGateway", "exclusiveGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"};
const std::set<std::string, std::less<>> kContainers{"subProcess", "adHocSubProcess", "transaction"};

/// Reads the file as a stream of elements. Refuses a DOCTYPE (and with it
/// every entity trick), and nesting deeper than the limit.
class Handler : public Poco::XML::DefaultHandler, public Poco::XML::LexicalHandler {
public:
    explicit Handler(std::size_t maxDepth) : m_maxDepth(maxDepth) {}

    std::vector<FileProcess> processes;
    std::vector<FileNode> nodes;
    std::vector<FileFlow> flows;
    std::vector<Skipped> skipped;
    std::map<std::string, std::string> laneOf;  ///< flow node id → the innermost lane's name
    std::map<std::string, Bounds> shapes;
    std::map<std::string, std::vector<Point>> edges;

    /// The first refusal. A callback does not throw: an exception would cross
    /// expat's C frames, which then cannot free what they were building; the
    /// callbacks after a refusal do nothing, and the parse ends with it.
    std::optional<BpmnError> failure;

    void setDocumentLocator(const Poco::XML::Locator* locator) override { m_locator = locator; }
    int line() const { return m_locator ? m_locator->getLineNumber() : 0; }
    int column() const { return m_locator ? m_locator->getColumnNumber() : 0; }

    void startDTD(const Poco::XML::XMLString&, const Poco::XML::XMLString&, const Poco::XML::XMLString&) override
    {
        guarded([&] {
            throw Refusal{"a document type declaration (DOCTYPE) is not accepted in BPMN files"};
        });
    }
    void endDTD() override {}
    void startEntity(const Poco::XML::XMLString&) override {}
    void endEntity(const Poco::XML::XMLString&) override {}
    void startCDATA() override {}
    void endCDATA() override {}
    void comment(const Poco::XML::XMLChar[], int, int) override {}

    void startElement(const Poco::XML::XMLString& uri, const Poco::XML::XMLString& local, const Poco::XML::XMLString& qname,
                      const Poco::XML::Attributes& attributes) override
    {
        guarded([&] {
            if (m_stack.size() >= m_maxDepth)
                throw Refusal{"elements are nested more than " + std::to_string(m_maxDepth) + " deep"};
            if (m_stack.empty() && (uri != kModel || local != "definitions"))
                throw Refusal{"not a BPMN 2.0 file: the root element is '" + local + "', not bpmn:definitions"};
            m_stack.push_back({uri, local, attribute(attributes, "id")});
            m_text.clear();
            if (!m_copy && uri != kTongbanNamespace)
                if (auto* owner = extensionsOwner())
                    m_copy = std::make_unique<Copy>(owner, KeptElement{qname, attribute(attributes, "event"), {}});
            if (m_copy)
                m_copy->copier.start(uri, local, qname, attributes);
            else if (uri == kModel)
                startModelElement(local, attributes);
            else if (uri == kBpmnDi && (local == "BPMNShape" || local == "BPMNEdge"))
                m_diElement = attribute(attributes, "bpmnElement");
            else if (uri == kDc && local == "Bounds" && parent().local == "BPMNShape" && !m_diElement.empty())
                shapes[m_diElement] = Bounds{number(attributes, "x"), number(attributes, "y"), number(attributes, "width"),
                                             number(attributes, "height")};
            else if (uri == kDi && local == "waypoint" && parent().local == "BPMNEdge" && !m_diElement.empty())
                edges[m_diElement].push_back({number(attributes, "x"), number(attributes, "y")});
            else if (uri == kTongbanNamespace && local == "field" && inProcessExtensions())
                startField(attributes);
        });
    }

    void endElement(const Poco::XML::XMLString& uri, const Poco::XML::XMLString& local, const Poco::XML::XMLString& qname) override
    {
        guarded([&] {
            if (m_copy)
                endCopy(uri, local, qname);
            else if (uri == kModel)
                endModelElement(local);
            else if (uri == kTongbanNamespace && local == "value" && !processes.empty() && !processes.back().fields.empty())
                addAllowedValue(processes.back().fields.back());
            m_stack.pop_back();
            if (!m_activities.empty() && m_activities.back().second == m_stack.size())
                m_activities.pop_back();
            m_text.clear();
        });
    }

    void characters(const Poco::XML::XMLChar text[], int start, int length) override
    {
        guarded([&] {
            if (m_copy)
                m_copy->copier.characters(text + start, static_cast<std::size_t>(length));
            else
                m_text.append(text + start, static_cast<std::size_t>(length));
        });
    }

private:
    template <typename Work>
    void guarded(Work&& work)
    {
        if (failure)
            return;
        try {
            work();
        } catch (const Refusal& refusal) {
            failure = BpmnError{line(), column(), refusal.message};
        } catch (const Poco::Exception& error) {
            failure = BpmnError{line(), column(), error.displayText()};
        } catch (const std::logic_error& error) {
            failure = BpmnError{0, 0, error.what()};
        }
    }

    struct Frame {
        std::string uri;
        std::string local;
        std::string id;
    };

    const Frame& parent() const { return m_stack[m_stack.size() - 2]; }
    bool inProcess() const { return !m_process.empty(); }
    bool inProcessExtensions() const
    {
        return m_stack.size() >= 3 && m_stack[m_stack.size() - 2].local == "extensionElements" &&
               m_stack[m_stack.size() - 3].local == "process";
    }
    std::string activity() const { return m_activities.empty() ? std::string() : m_activities.back().first; }

    /// Where an element goes that stands in the extensionElements of a flow node, a sequence flow or a process.
    VendorExtensions* extensionsOwner()
    {
        if (m_stack.size() < 3)
            return nullptr;
        const auto& container = m_stack[m_stack.size() - 2];
        const auto& owner = m_stack[m_stack.size() - 3];
        if (container.uri != kModel || container.local != "extensionElements" || owner.uri != kModel)
            return nullptr;
        if (owner.local == "process" && inProcess())
            return &processes.back().vendor;
        if (owner.local == "sequenceFlow" && !flows.empty() && flows.back().id == owner.id)
            return &flows.back().vendor;
        if (!nodes.empty() && nodes.back().id == owner.id && nodes.back().type == owner.local)
            return &nodes.back().vendor;
        return nullptr;
    }

    void endCopy(const std::string& uri, const std::string& local, const std::string& qname)
    {
        m_copy->copier.end(uri, local, qname);
        if (!m_copy->copier.closed())
            return;
        m_copy->writer.endFragment();
        m_copy->kept.xml = m_copy->text.str();
        m_copy->owner->elements.push_back(std::move(m_copy->kept));
        m_copy.reset();
    }

    /// Attributes in the namespaces of other tools, as the file wrote them, in the
    /// order of their names, which is the order Poco's writer gives them back in.
    static std::vector<BpmnAttribute> vendorAttributes(const Poco::XML::Attributes& attributes)
    {
        std::vector<BpmnAttribute> found;
        for (int i = 0; i < attributes.getLength(); ++i) {
            const auto& uri = attributes.getURI(i);
            if (!uri.empty() && uri != kModel && uri != kTongbanNamespace && uri != kXsi && uri != kXml)
                found.push_back({uri, attributes.getQName(i), attributes.getValue(i)});
        }
        std::ranges::sort(found, {}, &BpmnAttribute::name);
        return found;
    }

    static std::string attribute(const Poco::XML::Attributes& attributes, const char* name)
    {
        for (int i = 0; i < attributes.getLength(); ++i)
            if (attributes.getURI(i).empty() && attributes.getLocalName(i) == name)
                return attributes.getValue(i);
        return {};
    }

    static std::map<std::string, std::string> extension(const Poco::XML::Attributes& attributes)
    {
        std::map<std::string, std::string> values;
        for (int i = 0; i < attributes.getLength(); ++i)
            if (attributes.getURI(i) == kTongbanNamespace)
                values[attributes.getLocalName(i)] = attributes.getValue(i);
        return values;
    }

    static double number(const Poco::XML::Attributes& attributes, const char* name)
    {
        const auto text = attribute(attributes, name);
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc{} || end != text.data() + text.size())
            throw Refusal{std::string("the diagram's '") + name + "' is '" + text + "', not a number"};
        return value;
    }

    void startModelElement(const std::string& local, const Poco::XML::Attributes& attributes)
    {
        const auto id = attribute(attributes, "id");
        // Every lane is pushed, wherever it is, since every lane's end pops one.
        if (local == "lane") {
            m_lanes.push_back(attribute(attributes, "name"));
            return;
        }
        if (local == "process") {
            m_process = id;
            processes.push_back({id, attribute(attributes, "name"), {}, extension(attributes), {}, {vendorAttributes(attributes), {}}});
        } else if (!inProcess()) {
            // Collaborations: participants (pools), message flows, and the like.
            if (local == "messageFlow" || local == "participant" || local == "conversation" || local == "choreography")
                skipped.push_back({local, id, {}, {}, attribute(attributes, "processRef")});
        } else if (kActivities.contains(local) || kFlowNodes.contains(local)) {
            FileNode node{line(), column(), local, id, attribute(attributes, "name"), m_process, activity(), {},
                          attribute(attributes, "default"), attribute(attributes, "attachedToRef"), {}, extension(attributes),
                          {vendorAttributes(attributes), {}}};
            nodes.push_back(std::move(node));
            if (kContainers.contains(local))
                m_activities.emplace_back(id, m_stack.size() - 1);
        } else if (local == "sequenceFlow") {
            flows.push_back({line(), column(), id, attribute(attributes, "name"), m_process, activity(), attribute(attributes, "sourceRef"),
                             attribute(attributes, "targetRef"), {}, {}, {}, extension(attributes), {vendorAttributes(attributes), {}}});
        } else if (local == "conditionExpression" && !flows.empty() && parent().id == flows.back().id) {
            flows.back().conditionLanguage = attribute(attributes, "language");
        } else if (local.ends_with("EventDefinition") && !nodes.empty() && parent().id == nodes.back().id) {
            nodes.back().eventDefinitions.push_back(local);
        } else if (local == "textAnnotation" || local == "association" || local == "dataObject" ||
                   local == "dataObjectReference" || local == "dataStoreReference" || local == "group" ||
                   local == "dataInputAssociation" || local == "dataOutputAssociation" ||
                   local == "multiInstanceLoopCharacteristics" || local == "standardLoopCharacteristics") {
            skipped.push_back({local, id.empty() ? parent().id : id, m_process, activity(), {}});
        }
    }

    void endModelElement(const std::string& local)
    {
        if (local == "process") {
            m_process.clear();
        } else if (local == "lane") {
            m_lanes.pop_back();
        } else if (local == "flowNodeRef" && !m_lanes.empty()) {
            laneOf[trimmed(m_text)] = m_lanes.back();
        } else if (local == "conditionExpression" && !flows.empty() && parent().id == flows.back().id) {
            flows.back().condition = trimmed(m_text);
        } else if (local == "documentation") {
            const auto& owner = parent();
            if (owner.local == "process" && !processes.empty())
                processes.back().documentation = trimmed(m_text);
            else if (!nodes.empty() && owner.id == nodes.back().id)
                nodes.back().documentation = trimmed(m_text);
            else if (!flows.empty() && owner.id == flows.back().id)
                flows.back().documentation = trimmed(m_text);
        }
    }

    void startField(const Poco::XML::Attributes& attributes)
    {
        const auto name = attribute(attributes, "name");
        const auto typeText = attribute(attributes, "type");
        const auto type = fieldTypeFromString(typeText);
        if (name.empty() || !type)
            throw Refusal{"tongban:field needs a name and a type (boolean, number or string), not '" + name + "' '" +
                          typeText + "'"};
        processes.back().fields.push_back({name, FieldDeclaration{*type, {}}});
    }

    /// As in the JSON format: a list of values closes a string field; a number or a yes/no cannot take one.
    void addAllowedValue(std::pair<std::string, FieldDeclaration>& field) const
    {
        if (field.second.type != FieldType::String)
            throw Refusal{"tongban:field '" + field.first + "': only string fields take a list of values"};
        field.second.allowedValues.push_back(m_text);
    }

    static std::string trimmed(const std::string& text)
    {
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos)
            return {};
        return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    }

    std::size_t m_maxDepth;
    const Poco::XML::Locator* m_locator = nullptr;
    std::vector<Frame> m_stack;
    std::string m_text;
    std::string m_process;
    std::string m_diElement;
    std::vector<std::string> m_lanes;
    std::vector<std::pair<std::string, std::size_t>> m_activities;  ///< open sub-processes and their depth

    /// An extension element being copied into text, until its end tag.
    struct Copy {
        Copy(VendorExtensions* into, KeptElement element) : owner(into), kept(std::move(element)) { writer.startFragment(); }
        VendorExtensions* owner;
        KeptElement kept;
        std::ostringstream text;
        Poco::XML::XMLWriter writer{text, 0};
        ElementCopier copier{writer};
    };
    std::unique_ptr<Copy> m_copy;
};

void warn(Diagnostics& out, std::string code, const std::string& element, std::string zh, std::string en)
{
    out.push_back({Severity::Warning, std::move(code), element, {std::move(zh), std::move(en)}});
}

std::optional<TimeLimit> limitOf(const std::map<std::string, std::string>& extension, const std::string& name,
                                 const std::string& element)
{
    const auto text = extension.find(name);
    if (text == extension.end())
        return std::nullopt;
    // "5 workingDays"
    const auto space = text->second.find(' ');
    int amount = 0;
    const auto [end, error] = std::from_chars(text->second.data(), text->second.data() + std::min(space, text->second.size()), amount);
    const auto unit = space == std::string::npos ? std::nullopt : limitUnitFromString(text->second.substr(space + 1));
    if (error != std::errc{} || amount < 0 || !unit)
        throw Refusal{element + ": tongban:" + name + " is '" + text->second +
                      "', not an amount and a unit such as '5 workingDays'"};
    (void)end;
    return TimeLimit{amount, *unit};
}

std::string valueOf(const std::map<std::string, std::string>& extension, const std::string& name)
{
    const auto found = extension.find(name);
    return found == extension.end() ? std::string() : found->second;
}

/// Ids are how a definition names what its flows connect, and how it is stored.
Refusal withoutId(const std::string& type, int line, int column)
{
    const bool vowel = std::string_view("aeiou").find(type.front()) != std::string_view::npos;
    return {std::string(vowel ? "an " : "a ") + type + " without an id cannot be imported: Tongban names every node and flow by its id",
            line, column};
}

/// Maps the file's elements of one process onto a definition.
BpmnImport build(Handler& file)
{
    BpmnImport result;
    auto& definition = result.definition;
    auto& out = result.diagnostics;
    // The first process with flow nodes is the one imported; a file may also
    // hold empty processes of other pools.
    const FileProcess* chosen = nullptr;
    for (const auto& process : file.processes)
        if (std::ranges::any_of(file.nodes, [&](const FileNode& node) { return node.process == process.id; })) {
            chosen = &process;
            break;
        }
    if (!chosen)
        throw Refusal{file.processes.empty() ? "the file holds no bpmn:process" : "no process in the file has a flow node"};
    for (const auto& process : file.processes)
        if (&process != chosen && std::ranges::any_of(file.nodes, [&](const FileNode& n) { return n.process == process.id; }))
            warn(out, "bpmn.other-process", process.id, "文件中的另一个流程 '" + process.id + "' 未导入（每个定义只含一个流程）",
                 "process '" + process.id + "' was not imported: a definition holds one process");

    definition.key = chosen->id;
    definition.name = chosen->name;
    definition.documentation = chosen->documentation;
    const auto& extension = chosen->extension;
    if (const auto version = valueOf(extension, "version"); !version.empty()) {
        const auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), definition.version);
        if (error != std::errc{} || end != version.data() + version.size() || definition.version < 1)
            throw Refusal{chosen->id + ": tongban:version is '" + version + "', not a version number"};
    }
    definition.promisedLimit = limitOf(extension, "promisedLimit", chosen->id);
    definition.legalLimit = limitOf(extension, "legalLimit", chosen->id);
    for (const auto& [name, declaration] : chosen->fields)
        definition.fields.insert_or_assign(name, declaration);
    definition.bpmnExtensions = keepVendorExtensions(chosen->vendor, chosen->id, out);

    std::set<std::string> ids;
    // Intermediate events we do not run: a flow through one is kept by joining its two sides.
    std::map<std::string, std::string> bridged;  ///< event id → the node its outgoing flow leads to
    for (const auto& fileNode : file.nodes) {
        if (fileNode.process != chosen->id)
            continue;
        if (!fileNode.insideActivity.empty()) {
            warn(out, "bpmn.inside-subprocess", fileNode.id,
                 "子流程 '" + fileNode.insideActivity + "' 中的 " + fileNode.type + " '" + fileNode.id + "' 未导入",
                 fileNode.type + " '" + fileNode.id + "' inside sub-process '" + fileNode.insideActivity +
                     "' was not imported");
            continue;
        }
        if (fileNode.id.empty())
            throw withoutId(fileNode.type, fileNode.line, fileNode.column);
        Node node;
        node.id = fileNode.id;
        node.name = fileNode.name;
        node.documentation = fileNode.documentation;
        const auto& type = fileNode.type;
        if (type == "startEvent" || type == "endEvent") {
            node.kind = type == "startEvent" ? NodeKind::Start : NodeKind::End;
            for (const auto& trigger : fileNode.eventDefinitions)
                warn(out, "bpmn.event-definition", node.id, "事件 '" + node.id + "' 的 " + trigger + " 未导入，按普通事件处理",
                     "the " + trigger + " of event '" + node.id + "' was not imported; it is a plain event here");
        } else if (type == "boundaryEvent" || type == "intermediateCatchEvent" || type == "intermediateThrowEvent") {
            if (type != "boundaryEvent") {
                bridged.emplace(node.id, std::string());
                continue;  // reported once it is known whether it could be bridged
            }
            warn(out, "bpmn.boundary-event", node.id,
                 "附着于 '" + fileNode.attachedTo + "' 的边界事件 '" + node.id + "' 未导入，其后的连线也未导入",
                 "boundary event '" + node.id + "' on '" + fileNode.attachedTo +
                     "' was not imported, nor the flows leaving it");
            continue;
        } else if (type == "parallelGateway") {
            node.kind = NodeKind::ParallelGateway;
        } else if (type == "exclusiveGateway" || type == "eventBasedGateway") {
            node.kind = NodeKind::ExclusiveGateway;
            if (type == "eventBasedGateway")
                warn(out, "bpmn.gateway-kind", node.id, "基于事件的网关 '" + node.id + "' 按排他网关导入",
                     "event-based gateway '" + node.id + "' was imported as an exclusive gateway");
        } else if (type == "inclusiveGateway" || type == "complexGateway") {
            node.kind = NodeKind::InclusiveGateway;
            if (type == "complexGateway")
                warn(out, "bpmn.gateway-kind", node.id, "复杂网关 '" + node.id + "' 按包容网关导入",
                     "complex gateway '" + node.id + "' was imported as an inclusive gateway");
        } else {
            node.kind = NodeKind::Task;
            if (type != "task" && type != "userTask" && type != "manualTask")
                warn(out, "bpmn.activity-as-task", node.id, type + " '" + node.id + "' 按人工办理环节导入",
                     type + " '" + node.id + "' was imported as a task worked by people");
            node.department = valueOf(fileNode.extension, "department");
            node.role = valueOf(fileNode.extension, "role");
            node.matter = valueOf(fileNode.extension, "matter");
            node.formSection = valueOf(fileNode.extension, "formSection");
            node.timeLimit = limitOf(fileNode.extension, "timeLimit", node.id);
        }
        // Tongban's own attributes first, then what another engine assigned, then the lane it is drawn in.
        Diagnostics notes;
        node.bpmnExtensions = importVendorExtensions(fileNode.vendor, node, definition, notes);
        if (node.kind == NodeKind::Task && node.department.empty())
            if (const auto lane = file.laneOf.find(node.id); lane != file.laneOf.end())
                node.department = lane->second;
        if (const auto shape = file.shapes.find(node.id); shape != file.shapes.end())
            node.bounds = shape->second;
        if (!ids.insert(node.id).second) {
            warn(out, "id.duplicate", node.id, "标识 '" + node.id + "' 重复使用，后者未导入",
                 "id '" + node.id + "' is used more than once; the later one was not imported");
            continue;
        }
        out.insert(out.end(), notes.begin(), notes.end());
        definition.addNode(std::move(node));
    }

    std::vector<const FileFlow*> flows;
    for (const auto& flow : file.flows) {
        if (flow.process != chosen->id || !flow.insideActivity.empty())
            continue;
        if (flow.id.empty())
            throw withoutId("sequenceFlow", flow.line, flow.column);
        flows.push_back(&flow);
    }
    // An event with one way in and one way out is bridged: the flow into it now leads where it led.
    std::map<std::string, std::string> onward;  ///< such an event → where its flow out leads
    for (const auto& event : bridged | std::views::keys) {
        const auto into = std::ranges::count(flows, event, &FileFlow::target);
        const auto leaving = std::ranges::find(flows, event, &FileFlow::source);
        if (into == 1 && leaving != flows.end() && std::ranges::count(flows, event, &FileFlow::source) == 1)
            onward.emplace(event, (*leaving)->target);
    }
    // Events in a row are crossed together; a row that ends at an event that cannot be crossed
    // (or runs round in a ring) bridges none of them.
    for (auto& [event, next] : bridged) {
        std::set<std::string> crossed{event};
        std::string target = onward.contains(event) ? onward.at(event) : std::string();
        while (bridged.contains(target) && crossed.insert(target).second)
            target = onward.contains(target) ? onward.at(target) : std::string();
        next = bridged.contains(target) ? std::string() : target;
    }
    for (const auto& [event, next] : bridged) {
        if (next.empty())
            warn(out, "bpmn.intermediate-event", event, "中间事件 '" + event + "' 未导入，连接它的连线也未导入",
                 "intermediate event '" + event + "' was not imported, nor the flows that touch it");
        else
            warn(out, "bpmn.intermediate-event", event, "中间事件 '" + event + "' 未导入，其前后连线已直接相连",
                 "intermediate event '" + event + "' was not imported; the flows on either side of it were joined");
    }
    std::map<std::string, std::string> defaults;  ///< flow id → the gateway it is the default of
    for (const auto& fileNode : file.nodes)
        if (!fileNode.defaultFlow.empty())
            defaults[fileNode.defaultFlow] = fileNode.id;
    for (const auto* fileFlow : flows) {
        if (bridged.contains(fileFlow->source) && !bridged.at(fileFlow->source).empty())
            continue;  // its work is done by the flow into the event
        Flow flow;
        flow.id = fileFlow->id;
        flow.name = fileFlow->name;
        flow.condition = fileFlow->condition;
        flow.documentation = fileFlow->documentation;
        flow.isDefault = defaults.contains(flow.id);
        const auto kindText = valueOf(fileFlow->extension, "kind");
        if (!kindText.empty()) {
            const auto kind = flowKindFromString(kindText);
            if (!kind)
                throw Refusal{flow.id + ": tongban:kind is '" + kindText + "', not sequence, return or rejection"};
            flow.kind = *kind;
        }
        std::string target = fileFlow->target;
        std::vector<Point> waypoints;
        if (const auto edge = file.edges.find(flow.id); edge != file.edges.end())
            waypoints = edge->second;
        if (const auto through = bridged.find(target); through != bridged.end() && !through->second.empty()) {
            target = through->second;
            waypoints.clear();  // the old line ends at the event; a new one is drawn
        }
        flow.waypoints = std::move(waypoints);
        const auto source = definition.findNode(fileFlow->source);
        const auto to = definition.findNode(target);
        if (!source || !to) {
            if (!bridged.contains(fileFlow->source) && !bridged.contains(target))
                warn(out, "bpmn.flow-not-imported", flow.id,
                     "连线 '" + flow.id + "' 连接的 '" + (source ? target : fileFlow->source) + "' 未导入，该连线也未导入",
                     "flow '" + flow.id + "' was not imported: '" + (source ? target : fileFlow->source) +
                         "' that it connects was not");
            continue;
        }
        if (!ids.insert(flow.id).second) {
            warn(out, "id.duplicate", flow.id, "标识 '" + flow.id + "' 重复使用，后者未导入",
                 "id '" + flow.id + "' is used more than once; the later one was not imported");
            continue;
        }
        flow.bpmnExtensions = keepVendorExtensions(fileFlow->vendor, flow.id, out);
        if (const auto& language = fileFlow->conditionLanguage; !language.empty())
            warn(out, "bpmn.condition-language", flow.id,
                 "连线 '" + flow.id + "' 的条件以 '" + language + "' 写成，通办不运行该语言：条件按通办的条件语言读取，导出时不再写出该语言",
                 "the condition of flow '" + flow.id + "' is written in '" + language +
                     "', which Tongban does not run: its text is read as Tongban's condition language, and the language "
                     "is not written back");
        definition.addFlow(std::move(flow), *source, *to);
    }
    if (const auto loop = importReworkLoops(definition, out)) {
        const auto closing = std::ranges::find(flows, loop->closingFlow, &FileFlow::id);
        throw Refusal{loop->message, closing == flows.end() ? 0 : (*closing)->line, closing == flows.end() ? 0 : (*closing)->column};
    }
    for (const auto& skipped : file.skipped) {
        // Only what belongs to the imported process is news; its own pool is the process itself.
        if ((!skipped.process.empty() && skipped.process != chosen->id) || skipped.processRef == chosen->id)
            continue;
        warn(out, "bpmn.not-imported", skipped.id, skipped.type + " '" + skipped.id + "' 不在可导入的范围内，未导入",
             skipped.type + " '" + skipped.id + "' is outside what Tongban imports and was not imported");
    }
    completeLayout(definition);
    if (valueOf(extension, "status") == "published")
        definition.status = DefinitionStatus::Published;
    return result;
}

} // namespace

std::expected<BpmnImport, BpmnError> readBpmn(std::string_view xml, const ReadLimits& limits)
{
    if (xml.size() > limits.maxBytes)
        return std::unexpected(BpmnError{0, 0, "the file is " + std::to_string(xml.size()) + " bytes; at most " +
                                                   std::to_string(limits.maxBytes) + " are read"});
    Handler handler(limits.maxDepth);
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACE_PREFIXES, true);  // other tools' elements keep their prefixes
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    parser.setProperty(Poco::XML::XMLReader::PROPERTY_LEXICAL_HANDLER,
                       static_cast<Poco::XML::LexicalHandler*>(&handler));
    // What was refused first is the reason, not what the parser met after it (a DOCTYPE's entities, say).
    const auto refusedFirst = [&](BpmnError otherwise) {
        return std::unexpected(handler.failure.value_or(std::move(otherwise)));
    };
    try {
        parser.parseMemoryNP(xml.data(), xml.size());
        if (handler.failure)
            return std::unexpected(*handler.failure);
        return build(handler);
    } catch (const Refusal& refusal) {
        if (refusal.line > 0)
            return std::unexpected(BpmnError{refusal.line, refusal.column, refusal.message});
        return std::unexpected(BpmnError{handler.line(), handler.column(), refusal.message});
    } catch (const Poco::XML::SAXParseException& error) {
        return refusedFirst({error.getLineNumber(), error.getColumnNumber(), "not well-formed XML: " + error.message()});
    } catch (const Poco::Exception& error) {
        return refusedFirst({handler.line(), handler.column(), error.displayText()});
    } catch (const std::logic_error& error) {
        return std::unexpected(BpmnError{0, 0, error.what()});
    }
}

} // namespace tongban::workflow::bpmn
