// A published definition prepared for running: flat arrays, parsed conditions.
#pragma once

#include "workflow/analysis/validator.h"
#include "workflow/expression/expression.h"
#include "workflow/model/process_definition.h"

#include <boost/dynamic_bitset.hpp>

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tongban::workflow {

/// Built only from a definition that validates without errors, so the runtime
/// never meets a malformed graph or an unparsable condition. Immutable and
/// shared by every case pinned to its version.
class ExecutableProcess {
public:
    struct NodeInfo {
        NodeKind kind = NodeKind::Task;
        std::vector<std::uint32_t> in;    ///< incoming sequence flows
        std::vector<std::uint32_t> out;   ///< outgoing sequence flows
        std::optional<std::uint32_t> defaultFlow;
        std::optional<std::uint32_t> rejectionFlow;
        std::optional<std::uint32_t> matchingSplit;  ///< inclusive joins: the split they close
    };

    /// Validates and prepares; on any error returns every diagnostic.
    static std::expected<std::shared_ptr<const ExecutableProcess>, Diagnostics>
    compile(const ProcessDefinition& definition);

    const ProcessDefinition& definition() const { return m_definition; }
    const NodeInfo& node(std::uint32_t index) const { return m_nodes[index]; }
    std::uint32_t nodeCount() const { return static_cast<std::uint32_t>(m_nodes.size()); }
    std::uint32_t flowCount() const { return static_cast<std::uint32_t>(m_flowTarget.size()); }
    std::uint32_t flowTarget(std::uint32_t flow) const { return m_flowTarget[flow]; }
    std::uint32_t flowSource(std::uint32_t flow) const { return m_flowSource[flow]; }
    const Expression* condition(std::uint32_t flow) const
    {
        return m_conditions[flow] ? &*m_conditions[flow] : nullptr;
    }
    std::uint32_t startFlow() const { return m_startFlow; }
    /// The index of the node with this id, in constant time.
    std::optional<std::uint32_t> nodeIndex(std::string_view id) const;
    /// The return flow from `node` to `target`, if the definition has one.
    std::optional<std::uint32_t> returnFlow(std::uint32_t node, std::uint32_t target) const;
    /// Nodes a return to `target` re-runs: everything downstream of it on sequence flows.
    const boost::dynamic_bitset<>& downstreamOf(std::uint32_t target) const { return m_downstream[target]; }
    const std::optional<CriticalPath>& criticalPath() const { return m_criticalPath; }

private:
    explicit ExecutableProcess(ProcessDefinition definition);

    ProcessDefinition m_definition;
    std::vector<NodeInfo> m_nodes;
    std::vector<std::uint32_t> m_flowSource, m_flowTarget;
    std::vector<std::optional<Expression>> m_conditions;
    std::vector<boost::dynamic_bitset<>> m_downstream;
    std::uint32_t m_startFlow = 0;
    std::optional<CriticalPath> m_criticalPath;
    std::unordered_map<std::string, std::uint32_t> m_nodeIndex;
};

} // namespace tongban::workflow
