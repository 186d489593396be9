#include "client/editor/process_editor.h"

#include "client/session/session.h"

#include "workflow/expression/expression.h"
#include "workflow/layout/layout.h"
#include "workflow/model/definition_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace tongban::client {

namespace {

using workflow::Bounds;
using workflow::FlowKind;
using workflow::NodeKind;
using workflow::Point;
using workflow::ProcessDefinition;

/// Enough steps back for a working session; older ones go.
constexpr std::size_t kUndoDepth = 200;

double snap(double value) { return std::round(value / kEditorGrid) * kEditorGrid; }

EditRefusal refusal(std::string zh, std::string en) { return {std::move(zh), std::move(en)}; }

std::string limitText(const std::optional<workflow::TimeLimit>& limit)
{
    return limit ? std::to_string(limit->amount) + " " + workflow::toString(limit->unit) : std::string();
}

EditRefusal unreadableLimit(const std::string& value)
{
    return refusal("时限“" + value + "”无法识别，请写成“5 个工作日”“3 个自然日”或“8 个工作小时”",
                   "the limit '" + value + "' does not read; write '5 workingDays', '3 naturalDays' or '8 workingHours'");
}


const char* idPrefix(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Start:
        return "start";
    case NodeKind::End:
        return "end";
    case NodeKind::Task:
        return "task";
    case NodeKind::ParallelGateway:
        return "parallel";
    case NodeKind::ExclusiveGateway:
        return "exclusive";
    case NodeKind::InclusiveGateway:
        return "inclusive";
    }
    return "node";
}

const char* defaultName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Start:
        return "开始";
    case NodeKind::End:
        return "办结";
    case NodeKind::Task:
        return "新环节";
    default:
        return "";
    }
}

void reroute(ProcessDefinition& model, const std::set<std::size_t>& moved)
{
    for (std::size_t f = 0; f < model.flows().size(); ++f)
        if (moved.contains(model.source(f)) || moved.contains(model.target(f)))
            model.flow(f).waypoints = workflow::route(*model.nodes()[model.source(f)].bounds, *model.nodes()[model.target(f)].bounds);
}

double distanceToSegment(Point p, Point a, Point b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double length = dx * dx + dy * dy;
    const double t = length == 0 ? 0 : std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

bool contains(const Bounds& b, Point p) { return p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height; }

} // namespace

std::expected<ProcessDefinition, EditRefusal> publishDraft(Session& session, const ProcessEditor& editor)
{
    const auto role = session.user().role;
    if (role != store::Role::Designer && role != store::Role::Administrator)
        return std::unexpected(refusal("只有流程设计人员可以发布流程，请切换为流程设计人员后发布。",
                                       "Only designers publish processes. Switch to a designer to publish."));
    if (session.connected())
        return std::unexpected(refusal("连接服务器时暂不能从本机发布流程：请断开连接，在本机工作区发布。",
                                       "Processes cannot be published from this desktop while it is connected to a "
                                       "server yet: disconnect to publish in the desktop's own workspace."));
    if (!editor.validation().ok())
        return std::unexpected(refusal("流程有错误：请先更正所有标红的问题再发布。",
                                       "The process has errors: correct every finding marked red, then publish."));
    auto published = editor.model();
    published.status = workflow::DefinitionStatus::Published;
    const auto done = session.store().publishDefinition(published, session.actor(), session.now());
    if (!done)
        return std::unexpected(refusal("未发布：" + done.error().message, "Not published: " + done.error().message));
    return published;
}

std::optional<workflow::TimeLimit> readLimitText(const std::string& text)
{
    int amount = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(begin, end, amount);
    if (error != std::errc{} || amount < 1)
        return std::nullopt;
    std::string unit(rest, end);
    unit.erase(0, unit.find_first_not_of(' '));
    static const std::map<std::string, workflow::LimitUnit, std::less<>> kUnits{
        {"", workflow::LimitUnit::WorkingDays},          {"个工作日", workflow::LimitUnit::WorkingDays},
        {"工作日", workflow::LimitUnit::WorkingDays},     {"个自然日", workflow::LimitUnit::NaturalDays},
        {"自然日", workflow::LimitUnit::NaturalDays},     {"天", workflow::LimitUnit::NaturalDays},
        {"个工作小时", workflow::LimitUnit::WorkingHours}, {"工作小时", workflow::LimitUnit::WorkingHours}};
    if (const auto known = kUnits.find(unit); known != kUnits.end())
        return workflow::TimeLimit{amount, known->second};
    if (const auto parsed = workflow::limitUnitFromString(unit))
        return workflow::TimeLimit{amount, *parsed};
    return std::nullopt;
}

ProcessEditor::ProcessEditor(ProcessDefinition draft) : m_model(std::move(draft))
{
    if (m_model.status == workflow::DefinitionStatus::Published) {
        m_model.status = workflow::DefinitionStatus::Draft;
        ++m_model.version;
    }
    workflow::completeLayout(m_model);
    m_validation = workflow::validate(m_model);
}

ProcessDefinition ProcessEditor::blank(const std::string& key, const std::string& name)
{
    ProcessDefinition model;
    model.key = key;
    model.name = name;
    const auto start = model.addNode({"start", defaultName(NodeKind::Start), NodeKind::Start});
    const auto end = model.addNode({"end", defaultName(NodeKind::End), NodeKind::End});
    model.addFlow({"flow-1", {}, FlowKind::Sequence, {}, false}, start, end);
    workflow::layOut(model);
    // Room between the two for the steps to come.
    model.node(end).bounds->x += 400;
    model.flow(0).waypoints = workflow::route(*model.nodes()[start].bounds, *model.nodes()[end].bounds);
    return model;
}

std::vector<std::string> ProcessEditor::criticalPath() const
{
    std::vector<std::string> ids;
    if (m_validation.criticalPath)
        for (const auto node : m_validation.criticalPath->nodes)
            ids.push_back(m_model.nodes()[node].id);
    return ids;
}

template <typename Change>
auto ProcessEditor::edit(const std::string& name, Change&& change) -> decltype(change(std::declval<ProcessDefinition&>()))
{
    ProcessDefinition candidate = m_model;
    using Result = decltype(change(candidate));
    const auto keep = [&] {
        m_undo.push_back({++m_lastSerial, name, std::move(m_model), candidate});
        if (m_undo.size() > kUndoDepth) {
            m_baseStep = m_undo.front().serial;
            m_undo.erase(m_undo.begin());
        }
        m_redo.clear();
        m_model = std::move(candidate);
        changed();
    };
    if constexpr (std::is_void_v<Result>) {
        change(candidate);
        keep();
    } else {
        auto result = change(candidate);
        if (result)
            keep();
        return result;
    }
}

void ProcessEditor::changed()
{
    ++m_revision;
    m_validation = workflow::validate(m_model);
}

std::string ProcessEditor::freshId(const std::string& prefix) const
{
    for (std::size_t n = m_model.nodes().size() + m_model.flows().size();; ++n) {
        auto id = prefix + "-" + std::to_string(n);
        if (!m_model.findNode(id) && !m_model.findFlow(id))
            return id;
    }
}

std::string ProcessEditor::addNode(NodeKind kind, Point centre)
{
    const auto id = freshId(idPrefix(kind));
    edit("Add", [&](ProcessDefinition& model) {
        workflow::Node node{id, defaultName(kind), kind};
        auto bounds = workflow::defaultSize(kind);
        bounds.x = snap(centre.x - bounds.width / 2);
        bounds.y = snap(centre.y - bounds.height / 2);
        node.bounds = bounds;
        model.addNode(std::move(node));
    });
    return id;
}

std::expected<std::string, EditRefusal> ProcessEditor::connect(const std::string& from, const std::string& to)
{
    const auto source = m_model.findNode(from);
    const auto target = m_model.findNode(to);
    if (!source || !target)
        return std::unexpected(refusal("没有节点 " + (source ? to : from), "there is no node " + (source ? to : from)));
    if (*source == *target)
        return std::unexpected(refusal("连线不能首尾相同", "a flow cannot lead back into the node it leaves"));
    if (m_model.nodes()[*source].kind == NodeKind::End)
        return std::unexpected(refusal("结束节点之后不能再有连线", "nothing follows an end"));
    if (m_model.nodes()[*target].kind == NodeKind::Start)
        return std::unexpected(refusal("不能连到开始节点", "nothing leads into the start"));
    for (std::size_t f = 0; f < m_model.flows().size(); ++f)
        if (m_model.source(f) == *source && m_model.target(f) == *target)
            return std::unexpected(refusal("这两个节点之间已有连线", "these two nodes are already connected"));
    const auto id = freshId("flow");
    return edit("Connect", [&](ProcessDefinition& model) -> std::expected<std::string, EditRefusal> {
        workflow::Flow flow{id, {}, FlowKind::Sequence, {}, false};
        flow.waypoints = workflow::route(*model.nodes()[*source].bounds, *model.nodes()[*target].bounds);
        model.addFlow(std::move(flow), *source, *target);
        return id;
    });
}

void ProcessEditor::move(const std::vector<std::string>& nodes, double dx, double dy)
{
    std::set<std::size_t> moved;
    for (const auto& id : nodes)
        if (const auto index = m_model.findNode(id))
            moved.insert(*index);
    if (moved.empty() || (dx == 0 && dy == 0))
        return;
    edit("Move", [&](ProcessDefinition& model) {
        for (const auto index : moved) {
            auto& bounds = *model.node(index).bounds;
            bounds.x = snap(bounds.x + dx);
            bounds.y = snap(bounds.y + dy);
        }
        reroute(model, moved);
    });
}

void ProcessEditor::remove(const std::vector<std::string>& elements)
{
    const bool any = std::ranges::any_of(elements, [&](const std::string& id) {
        return m_model.findNode(id).has_value() || m_model.findFlow(id).has_value();
    });
    if (!any)
        return;
    edit("Delete", [&](ProcessDefinition& model) {
        for (const auto& id : elements)
            if (const auto flow = model.findFlow(id))
                model.removeFlow(*flow);
        for (const auto& id : elements)
            if (const auto node = model.findNode(id))
                model.removeNode(*node);
    });
}

std::expected<void, EditRefusal> ProcessEditor::setNode(const std::string& id, NodeProperty property, const std::string& value)
{
    const auto index = m_model.findNode(id);
    if (!index)
        return std::unexpected(refusal("没有节点 " + id, "there is no node " + id));
    const bool task = m_model.nodes()[*index].kind == NodeKind::Task;
    if (!task && property != NodeProperty::Name && property != NodeProperty::Documentation)
        return std::unexpected(refusal("只有办理环节才有部门、角色、事项、表单部分和时限",
                                       "only tasks have a department, role, matter, form section and time limit"));
    std::optional<workflow::TimeLimit> limit;
    if (property == NodeProperty::TimeLimit && !value.empty()) {
        limit = readLimitText(value);
        if (!limit)
            return std::unexpected(unreadableLimit(value));
    }
    if (nodeProperty(id, property) == value)
        return {};
    return edit("Change", [&](ProcessDefinition& model) -> std::expected<void, EditRefusal> {
        auto& node = model.node(*index);
        switch (property) {
        case NodeProperty::Name:
            node.name = value;
            break;
        case NodeProperty::Department:
            node.department = value;
            break;
        case NodeProperty::Role:
            node.role = value;
            break;
        case NodeProperty::Matter:
            node.matter = value;
            break;
        case NodeProperty::FormSection:
            node.formSection = value;
            break;
        case NodeProperty::TimeLimit:
            node.timeLimit = limit;
            break;
        case NodeProperty::Documentation:
            node.documentation = value;
            break;
        }
        return {};
    });
}

std::expected<void, EditRefusal> ProcessEditor::setFlow(const std::string& id, FlowProperty property, const std::string& value)
{
    const auto index = m_model.findFlow(id);
    if (!index)
        return std::unexpected(refusal("没有连线 " + id, "there is no flow " + id));
    std::optional<FlowKind> kind;
    if (property == FlowProperty::Condition && !value.empty())
        if (const auto parsed = workflow::parseExpression(value); !parsed)
            return std::unexpected(refusal("条件第 " + std::to_string(parsed.error().column) + " 个字符处：" +
                                               parsed.error().message.zh,
                                           "condition, at character " + std::to_string(parsed.error().column) + ": " +
                                               parsed.error().message.en));
    if (property == FlowProperty::Default && value != "true" && value != "false")
        return std::unexpected(refusal("默认连线只能是 true 或 false", "default is true or false"));
    if (property == FlowProperty::Kind) {
        kind = workflow::flowKindFromString(value);
        if (!kind)
            return std::unexpected(refusal("连线类型“" + value + "”无法识别（sequence、return 或 rejection）",
                                           "unknown flow kind '" + value + "' (sequence, return or rejection)"));
    }
    if (flowProperty(id, property) == value)
        return {};
    return edit("Change", [&](ProcessDefinition& model) -> std::expected<void, EditRefusal> {
        auto& flow = model.flow(*index);
        switch (property) {
        case FlowProperty::Name:
            flow.name = value;
            break;
        case FlowProperty::Condition:
            flow.condition = value;
            break;
        case FlowProperty::Default:
            flow.isDefault = value == "true";
            // One default per split: the others leaving it lose theirs.
            if (flow.isDefault)
                for (std::size_t f = 0; f < model.flows().size(); ++f)
                    if (f != *index && model.source(f) == model.source(*index))
                        model.flow(f).isDefault = false;
            break;
        case FlowProperty::Kind:
            flow.kind = *kind;
            break;
        case FlowProperty::Documentation:
            flow.documentation = value;
            break;
        }
        return {};
    });
}

std::expected<void, EditRefusal> ProcessEditor::setProcess(ProcessProperty property, const std::string& value)
{
    std::optional<workflow::TimeLimit> limit;
    if ((property == ProcessProperty::PromisedLimit || property == ProcessProperty::LegalLimit) && !value.empty()) {
        limit = readLimitText(value);
        if (!limit)
            return std::unexpected(unreadableLimit(value));
    }
    if (processProperty(property) == value)
        return {};
    return edit("Change", [&](ProcessDefinition& model) -> std::expected<void, EditRefusal> {
        switch (property) {
        case ProcessProperty::Name:
            model.name = value;
            break;
        case ProcessProperty::PromisedLimit:
            model.promisedLimit = limit;
            break;
        case ProcessProperty::LegalLimit:
            model.legalLimit = limit;
            break;
        case ProcessProperty::Documentation:
            model.documentation = value;
            break;
        }
        return {};
    });
}

std::string ProcessEditor::processProperty(ProcessProperty property) const
{
    switch (property) {
    case ProcessProperty::Name:
        return m_model.name;
    case ProcessProperty::PromisedLimit:
        return limitText(m_model.promisedLimit);
    case ProcessProperty::LegalLimit:
        return limitText(m_model.legalLimit);
    case ProcessProperty::Documentation:
        return m_model.documentation;
    }
    return {};
}

void ProcessEditor::layOut()
{
    edit("Lay out", [](ProcessDefinition& model) { workflow::layOut(model); });
}

std::string ProcessEditor::copy(const std::vector<std::string>& elements) const
{
    ProcessDefinition clipboard;
    clipboard.key = "clipboard";
    std::map<std::size_t, std::size_t> copied;  ///< node index in the model → in the clipboard
    for (const auto& id : elements)
        if (const auto node = m_model.findNode(id); node && !copied.contains(*node))
            copied[*node] = clipboard.addNode(m_model.nodes()[*node]);
    for (std::size_t f = 0; f < m_model.flows().size(); ++f) {
        const auto from = copied.find(m_model.source(f));
        const auto to = copied.find(m_model.target(f));
        if (from != copied.end() && to != copied.end())
            clipboard.addFlow(m_model.flows()[f], from->second, to->second);
    }
    return workflow::writeDefinition(clipboard);
}

std::expected<std::vector<std::string>, EditRefusal> ProcessEditor::paste(const std::string& clipboard, Point offset)
{
    const auto read = workflow::readDefinition(clipboard);
    if (!read || read->definition.nodes().empty())
        return std::unexpected(refusal("剪贴板中没有可粘贴的流程元素", "the clipboard holds no process elements to paste"));
    const auto& source = read->definition;
    return edit("Paste", [&](ProcessDefinition& model) -> std::expected<std::vector<std::string>, EditRefusal> {
        std::vector<std::string> added;
        std::map<std::size_t, std::size_t> placed;
        const auto unused = [&](const std::string& prefix) {
            for (std::size_t n = model.nodes().size() + model.flows().size();; ++n)
                if (auto id = prefix + "-" + std::to_string(n); !model.findNode(id) && !model.findFlow(id))
                    return id;
        };
        for (std::size_t n = 0; n < source.nodes().size(); ++n) {
            auto node = source.nodes()[n];
            node.id = unused(idPrefix(node.kind));
            auto bounds = node.bounds.value_or(workflow::defaultSize(node.kind));
            bounds.x = snap(bounds.x + offset.x);
            bounds.y = snap(bounds.y + offset.y);
            node.bounds = bounds;
            added.push_back(node.id);
            placed[n] = model.addNode(std::move(node));
        }
        std::set<std::size_t> moved;
        for (std::size_t f = 0; f < source.flows().size(); ++f) {
            auto flow = source.flows()[f];
            flow.id = unused("flow");
            added.push_back(flow.id);
            model.addFlow(std::move(flow), placed.at(source.source(f)), placed.at(source.target(f)));
        }
        for (const auto& [from, to] : placed)
            moved.insert(to);
        reroute(model, moved);
        return added;
    });
}

void ProcessEditor::undo()
{
    if (m_undo.empty())
        return;
    m_model = m_undo.back().before;
    m_redo.push_back(std::move(m_undo.back()));
    m_undo.pop_back();
    changed();
}

void ProcessEditor::redo()
{
    if (m_redo.empty())
        return;
    m_model = m_redo.back().after;
    m_undo.push_back(std::move(m_redo.back()));
    m_redo.pop_back();
    changed();
}

std::optional<std::string> ProcessEditor::elementAt(Point point) const
{
    const auto& nodes = m_model.nodes();
    for (auto node = nodes.rbegin(); node != nodes.rend(); ++node)
        if (node->bounds && contains(*node->bounds, point))
            return node->id;
    constexpr double kReach = 5;  // how near a line a click still takes it
    for (const auto& flow : m_model.flows())
        for (std::size_t i = 1; i < flow.waypoints.size(); ++i)
            if (distanceToSegment(point, flow.waypoints[i - 1], flow.waypoints[i]) <= kReach)
                return flow.id;
    return std::nullopt;
}

std::vector<std::string> ProcessEditor::nodesIn(const Bounds& area) const
{
    std::vector<std::string> inside;
    for (const auto& node : m_model.nodes())
        if (node.bounds && contains(area, {node.bounds->x, node.bounds->y}) &&
            contains(area, {node.bounds->x + node.bounds->width, node.bounds->y + node.bounds->height}))
            inside.push_back(node.id);
    return inside;
}

std::optional<EditRefusal> ProcessEditor::conditionProblem(const std::string& text) const
{
    if (text.empty())
        return std::nullopt;
    const auto parsed = workflow::parseExpression(text);
    const auto problem = parsed ? workflow::typeCheck(*parsed,
                                                      [this](std::string_view path) -> std::optional<workflow::FieldType> {
                                                          const auto field = m_model.fields.find(path);
                                                          if (field == m_model.fields.end())
                                                              return std::nullopt;
                                                          return field->second.type;
                                                      },
                                                      true)
                                : std::optional<workflow::ExpressionError>(parsed.error());
    if (!problem)
        return std::nullopt;
    return refusal("第 " + std::to_string(problem->column) + " 个字符处：" + problem->message.zh,
                   "at character " + std::to_string(problem->column) + ": " + problem->message.en);
}

std::string ProcessEditor::nodeProperty(const std::string& id, NodeProperty property) const
{
    const auto index = m_model.findNode(id);
    if (!index)
        return {};
    const auto& node = m_model.nodes()[*index];
    switch (property) {
    case NodeProperty::Name:
        return node.name;
    case NodeProperty::Department:
        return node.department;
    case NodeProperty::Role:
        return node.role;
    case NodeProperty::Matter:
        return node.matter;
    case NodeProperty::FormSection:
        return node.formSection;
    case NodeProperty::TimeLimit:
        return limitText(node.timeLimit);
    case NodeProperty::Documentation:
        return node.documentation;
    }
    return {};
}

std::string ProcessEditor::flowProperty(const std::string& id, FlowProperty property) const
{
    const auto index = m_model.findFlow(id);
    if (!index)
        return {};
    const auto& flow = m_model.flows()[*index];
    switch (property) {
    case FlowProperty::Name:
        return flow.name;
    case FlowProperty::Condition:
        return flow.condition;
    case FlowProperty::Default:
        return flow.isDefault ? "true" : "false";
    case FlowProperty::Kind:
        return workflow::toString(flow.kind);
    case FlowProperty::Documentation:
        return flow.documentation;
    }
    return {};
}

} // namespace tongban::client
