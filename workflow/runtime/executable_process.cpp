// Preparing a validated definition for the runtime.
#include "workflow/runtime/executable_process.h"

namespace tongban::workflow {

ExecutableProcess::ExecutableProcess(ProcessDefinition definition) : m_definition(std::move(definition)) {}

std::expected<std::shared_ptr<const ExecutableProcess>, Diagnostics>
ExecutableProcess::compile(const ProcessDefinition& definition)
{
    auto report = validate(definition);
    if (!report.ok())
        return std::unexpected(std::move(report.diagnostics));

    std::shared_ptr<ExecutableProcess> process(new ExecutableProcess(definition));
    const auto& def = process->m_definition;
    const auto nodeCount = def.nodes().size();
    const auto flowCount = def.flows().size();
    process->m_nodes.resize(nodeCount);
    process->m_flowSource.resize(flowCount);
    process->m_flowTarget.resize(flowCount);
    process->m_conditions.resize(flowCount);
    process->m_criticalPath = report.criticalPath;
    for (std::size_t n = 0; n < nodeCount; ++n) {
        process->m_nodeIndex.emplace(def.nodes()[n].id, static_cast<std::uint32_t>(n));
        process->m_nodes[n].kind = def.nodes()[n].kind;
        if (report.matchingSplit[n])
            process->m_nodes[n].matchingSplit = static_cast<std::uint32_t>(*report.matchingSplit[n]);
    }
    for (std::uint32_t f = 0; f < flowCount; ++f) {
        const auto& flow = def.flows()[f];
        const auto from = static_cast<std::uint32_t>(def.source(f));
        const auto to = static_cast<std::uint32_t>(def.target(f));
        process->m_flowSource[f] = from;
        process->m_flowTarget[f] = to;
        switch (flow.kind) {
        case FlowKind::Sequence:
            process->m_nodes[from].out.push_back(f);
            process->m_nodes[to].in.push_back(f);
            if (flow.isDefault)
                process->m_nodes[from].defaultFlow = f;
            else if (!flow.condition.empty())
                process->m_conditions[f] = parseExpression(flow.condition).value();
            if (def.nodes()[from].kind == NodeKind::Start)
                process->m_startFlow = f;
            break;
        case FlowKind::Rejection:
            process->m_nodes[from].rejectionFlow = f;
            break;
        case FlowKind::Return:
            break;
        }
    }

    process->m_downstream.resize(nodeCount);
    for (std::uint32_t f = 0; f < flowCount; ++f) {
        if (def.flows()[f].kind != FlowKind::Return)
            continue;
        const auto target = process->m_flowTarget[f];
        auto& reach = process->m_downstream[target];
        if (reach.size() == nodeCount)
            continue;
        reach.resize(nodeCount);
        std::vector<std::uint32_t> stack{target};
        reach.set(target);
        while (!stack.empty()) {
            const auto n = stack.back();
            stack.pop_back();
            for (auto out : process->m_nodes[n].out) {
                const auto next = process->m_flowTarget[out];
                if (!reach.test(next)) {
                    reach.set(next);
                    stack.push_back(next);
                }
            }
        }
    }
    return process;
}

std::optional<std::uint32_t> ExecutableProcess::nodeIndex(std::string_view id) const
{
    const auto it = m_nodeIndex.find(std::string(id));
    if (it == m_nodeIndex.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::uint32_t> ExecutableProcess::returnFlow(std::uint32_t node, std::uint32_t target) const
{
    for (std::uint32_t f = 0; f < flowCount(); ++f)
        if (m_definition.flows()[f].kind == FlowKind::Return && m_flowSource[f] == node && m_flowTarget[f] == target)
            return f;
    return std::nullopt;
}

} // namespace tongban::workflow
