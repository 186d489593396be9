// Process definition storage: nodes and flows kept in vectors, mirrored in a Boost graph.
#include "workflow/model/process_definition.h"

#include "workflow/model/enum_names.h"

#include <algorithm>
#include <stdexcept>

namespace tongban::workflow {

std::optional<std::size_t> ProcessDefinition::findNode(std::string_view id) const
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].id == id)
            return i;
    return std::nullopt;
}

std::optional<std::size_t> ProcessDefinition::findFlow(std::string_view id) const
{
    for (std::size_t i = 0; i < m_flows.size(); ++i)
        if (m_flows[i].id == id)
            return i;
    return std::nullopt;
}

std::size_t ProcessDefinition::addNode(Node node)
{
    requireDraft();
    m_nodes.push_back(std::move(node));
    boost::add_vertex(m_graph);
    return m_nodes.size() - 1;
}

std::size_t ProcessDefinition::addFlow(Flow flow, std::size_t from, std::size_t to)
{
    requireDraft();
    if (from >= m_nodes.size() || to >= m_nodes.size())
        throw std::logic_error("flow '" + flow.id + "' connects a node that does not exist");
    m_flows.push_back(std::move(flow));
    m_endpoints.emplace_back(from, to);
    boost::add_edge(from, to, EdgeData{m_flows.size() - 1}, m_graph);
    return m_flows.size() - 1;
}

void ProcessDefinition::removeNode(std::size_t index)
{
    requireDraft();
    for (std::size_t f = m_flows.size(); f-- > 0;) {
        if (m_endpoints[f].first == index || m_endpoints[f].second == index) {
            m_flows.erase(m_flows.begin() + static_cast<std::ptrdiff_t>(f));
            m_endpoints.erase(m_endpoints.begin() + static_cast<std::ptrdiff_t>(f));
        }
    }
    m_nodes.erase(m_nodes.begin() + static_cast<std::ptrdiff_t>(index));
    for (auto& [from, to] : m_endpoints) {
        if (from > index) --from;
        if (to > index) --to;
    }
    rebuildGraph();
}

void ProcessDefinition::removeFlow(std::size_t index)
{
    requireDraft();
    m_flows.erase(m_flows.begin() + static_cast<std::ptrdiff_t>(index));
    m_endpoints.erase(m_endpoints.begin() + static_cast<std::ptrdiff_t>(index));
    rebuildGraph();
}

void ProcessDefinition::retarget(std::size_t flowIndex, std::size_t newTarget)
{
    requireDraft();
    if (newTarget >= m_nodes.size())
        throw std::logic_error("flow '" + m_flows[flowIndex].id + "' cannot point at a missing node");
    m_endpoints[flowIndex].second = newTarget;
    rebuildGraph();
}

Node& ProcessDefinition::node(std::size_t index)
{
    requireDraft();
    return m_nodes.at(index);
}

Flow& ProcessDefinition::flow(std::size_t index)
{
    requireDraft();
    return m_flows.at(index);
}

void ProcessDefinition::requireDraft() const
{
    if (status == DefinitionStatus::Published)
        throw std::logic_error("definition '" + key + "' version " + std::to_string(version) +
                               " is published and cannot be edited; start a new version");
}

void ProcessDefinition::rebuildGraph()
{
    m_graph = Graph(m_nodes.size());
    for (std::size_t f = 0; f < m_flows.size(); ++f)
        boost::add_edge(m_endpoints[f].first, m_endpoints[f].second, EdgeData{f}, m_graph);
}

namespace {
constexpr std::pair<NodeKind, const char*> kNodeKinds[] = {
    {NodeKind::Start, "start"},
    {NodeKind::End, "end"},
    {NodeKind::Task, "task"},
    {NodeKind::ParallelGateway, "parallelGateway"},
    {NodeKind::ExclusiveGateway, "exclusiveGateway"},
    {NodeKind::InclusiveGateway, "inclusiveGateway"},
};
constexpr std::pair<FlowKind, const char*> kFlowKinds[] = {
    {FlowKind::Sequence, "sequence"},
    {FlowKind::Return, "return"},
    {FlowKind::Rejection, "rejection"},
};
constexpr std::pair<FieldType, const char*> kFieldTypes[] = {
    {FieldType::Boolean, "boolean"},
    {FieldType::Number, "number"},
    {FieldType::String, "string"},
};
} // namespace

const char* toString(NodeKind kind) { return nameIn(kNodeKinds, kind); }
std::optional<NodeKind> nodeKindFromString(std::string_view text) { return valueIn(kNodeKinds, text); }
const char* toString(FlowKind kind) { return nameIn(kFlowKinds, kind); }
std::optional<FlowKind> flowKindFromString(std::string_view text) { return valueIn(kFlowKinds, text); }
const char* toString(FieldType type) { return nameIn(kFieldTypes, type); }
std::optional<FieldType> fieldTypeFromString(std::string_view text) { return valueIn(kFieldTypes, text); }

bool isGateway(NodeKind kind)
{
    return kind == NodeKind::ParallelGateway || kind == NodeKind::ExclusiveGateway ||
           kind == NodeKind::InclusiveGateway;
}

std::optional<std::string_view> departmentField(const Node& node)
{
    if (!node.department.starts_with('$'))
        return std::nullopt;
    return std::string_view(node.department).substr(1);
}

} // namespace tongban::workflow
