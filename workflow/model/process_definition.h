// The process definition: a versioned directed graph of nodes and flows.
#pragma once

#include "workflow/model/bpmn_extensions.h"
#include "workflow/model/time_limit.h"

#include <boost/graph/adjacency_list.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow {

enum class NodeKind { Start, End, Task, ParallelGateway, ExclusiveGateway, InclusiveGateway };

/// Sequence flows carry the normal route; return flows (退回) loop back to an
/// earlier task; a rejection flow routes a task's refusal somewhere else than
/// the end of the case (不予许可 by default).
enum class FlowKind { Sequence, Return, Rejection };

enum class FieldType { Boolean, Number, String };

/// A case-data field that conditions may read. Declared fields are required
/// when a case starts, so that a condition never meets a missing value.
struct FieldDeclaration {
    FieldType type = FieldType::String;
    std::vector<std::string> allowedValues;  ///< for strings: the closed set of answers, if any
};

/// Diagram coordinates, as BPMN DI draws them: x to the right, y downwards.
struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Bounds {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    friend bool operator==(const Bounds&, const Bounds&) = default;
};

struct Node {
    std::string id;
    std::string name;
    NodeKind kind = NodeKind::Task;
    std::string documentation;
    std::optional<Bounds> bounds;  ///< where a diagram draws it, when it has been placed
    // Task properties; empty for other kinds.
    /// A department code, or `$` and a declared string field whose value at
    /// the time the task opens names the department ("$rectification.department").
    std::string department;
    std::string role;
    std::string matter;
    std::string formSection;
    std::optional<TimeLimit> timeLimit;
    BpmnExtensions bpmnExtensions;
};

struct Flow {
    std::string id;
    std::string name;
    FlowKind kind = FlowKind::Sequence;
    std::string condition;  ///< expression source; empty when unconditional
    bool isDefault = false;
    std::string documentation;
    std::vector<Point> waypoints;  ///< the line a diagram draws, source to target; empty when not drawn
    BpmnExtensions bpmnExtensions;
};

enum class DefinitionStatus { Draft, Published };

/// A process definition. The graph's vertex and edge indices are stable: the
/// vertex index is the node's position in `nodes()`, and every edge carries
/// the index of its flow in `flows()`. A published definition is never edited:
/// the editing functions refuse to change it.
class ProcessDefinition {
public:
    struct EdgeData { std::size_t flow = 0; };
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                        boost::no_property, EdgeData>;

    ProcessDefinition() = default;

    std::string key;
    std::string name;
    std::string documentation;
    int version = 1;
    DefinitionStatus status = DefinitionStatus::Draft;
    std::optional<TimeLimit> promisedLimit;  ///< 承诺时限 of the OneThing
    std::optional<TimeLimit> legalLimit;     ///< 法定时限
    std::map<std::string, FieldDeclaration, std::less<>> fields;
    BpmnExtensions bpmnExtensions;  ///< other tools' attributes and extension elements of the process

    const std::vector<Node>& nodes() const { return m_nodes; }
    const std::vector<Flow>& flows() const { return m_flows; }
    const Graph& graph() const { return m_graph; }

    /// Source and target node index of a flow.
    std::size_t source(std::size_t flow) const { return m_endpoints[flow].first; }
    std::size_t target(std::size_t flow) const { return m_endpoints[flow].second; }

    std::optional<std::size_t> findNode(std::string_view id) const;
    std::optional<std::size_t> findFlow(std::string_view id) const;

    /// Adds a node and returns its index. Throws std::logic_error when published.
    std::size_t addNode(Node node);
    /// Adds a flow between two existing node indices. Throws std::logic_error
    /// when published or when an index is out of range.
    std::size_t addFlow(Flow flow, std::size_t from, std::size_t to);
    /// Removes a node and every flow touching it; indices after it shift down.
    void removeNode(std::size_t node);
    /// Removes one flow; flow indices after it shift down.
    void removeFlow(std::size_t flow);
    /// Points an existing flow at a new target node.
    void retarget(std::size_t flow, std::size_t newTarget);
    Node& node(std::size_t index);
    Flow& flow(std::size_t index);

private:
    void requireDraft() const;
    void rebuildGraph();

    std::vector<Node> m_nodes;
    std::vector<Flow> m_flows;
    std::vector<std::pair<std::size_t, std::size_t>> m_endpoints;
    Graph m_graph;
};

const char* toString(NodeKind kind);
std::optional<NodeKind> nodeKindFromString(std::string_view text);
const char* toString(FlowKind kind);
std::optional<FlowKind> flowKindFromString(std::string_view text);
const char* toString(FieldType type);
std::optional<FieldType> fieldTypeFromString(std::string_view text);

bool isGateway(NodeKind kind);

/// The field a task's department is taken from, when it is written `$field`.
std::optional<std::string_view> departmentField(const Node& node);

} // namespace tongban::workflow
