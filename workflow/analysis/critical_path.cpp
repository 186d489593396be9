// Longest path in the acyclic part of the model, on Boost.Graph's topological sort.
#include "workflow/analysis/critical_path.h"

#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <iterator>

namespace tongban::workflow {

std::optional<CriticalPath> criticalPath(const ProcessDefinition& definition)
{
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const auto& nodes = definition.nodes();
    Graph graph(nodes.size());
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        if (definition.flows()[f].kind != FlowKind::Return)
            boost::add_edge(definition.source(f), definition.target(f), graph);

    std::optional<std::size_t> start;
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (nodes[n].kind == NodeKind::Start) {
            if (start)
                return std::nullopt;
            start = n;
        }
    }
    if (!start)
        return std::nullopt;

    std::vector<std::size_t> reverseOrder;
    try {
        boost::topological_sort(graph, std::back_inserter(reverseOrder));
    } catch (const boost::not_a_dag&) {
        return std::nullopt;
    }

    constexpr double kUnreached = -1;
    std::vector<double> longest(nodes.size(), kUnreached);
    std::vector<std::size_t> previous(nodes.size(), nodes.size());
    longest[*start] = 0;
    auto weight = [&](std::size_t n) { return nodes[n].timeLimit ? inWorkingDays(*nodes[n].timeLimit) : 0.0; };
    for (auto it = reverseOrder.rbegin(); it != reverseOrder.rend(); ++it) {
        const std::size_t n = *it;
        if (longest[n] == kUnreached)
            continue;
        const double through = longest[n] + weight(n);
        for (auto [e, end] = boost::out_edges(n, graph); e != end; ++e) {
            const std::size_t next = boost::target(*e, graph);
            if (through > longest[next]) {
                longest[next] = through;
                previous[next] = n;
            }
        }
    }

    std::optional<std::size_t> best;
    for (std::size_t n = 0; n < nodes.size(); ++n)
        if (nodes[n].kind == NodeKind::End && longest[n] != kUnreached && (!best || longest[n] > longest[*best]))
            best = n;
    if (!best)
        return std::nullopt;

    CriticalPath path;
    path.workingDays = longest[*best];
    for (std::size_t n = *best; n != nodes.size(); n = previous[n])
        path.nodes.push_back(n);
    std::reverse(path.nodes.begin(), path.nodes.end());
    return path;
}

} // namespace tongban::workflow
