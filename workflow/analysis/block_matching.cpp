// Dominators, post-dominators and the matching of parallel and inclusive blocks.
#include "workflow/analysis/checks.h"

#include <boost/graph/dominator_tree.hpp>
#include <boost/graph/reverse_graph.hpp>

namespace tongban::workflow::analysis {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

template <typename G>
std::vector<std::optional<std::size_t>> immediateDominators(const G& graph, std::size_t root, std::size_t realNodes)
{
    const auto count = boost::num_vertices(graph);
    std::vector<Vertex> dominator(count, boost::graph_traits<G>::null_vertex());
    auto index = boost::get(boost::vertex_index, graph);
    auto dominatorMap = boost::make_iterator_property_map(dominator.begin(), index);
    boost::lengauer_tarjan_dominator_tree(graph, boost::vertex(root, graph), dominatorMap);
    std::vector<std::optional<std::size_t>> result(realNodes);
    for (std::size_t n = 0; n < realNodes; ++n)
        if (dominator[n] != boost::graph_traits<G>::null_vertex() && dominator[n] < realNodes)
            result[n] = dominator[n];
    return result;
}

const char* kindZh(NodeKind kind) { return kind == NodeKind::ParallelGateway ? "并行" : "包容"; }
const char* kindEn(NodeKind kind) { return kind == NodeKind::ParallelGateway ? "parallel" : "inclusive"; }

} // namespace

bool Dominance::dominates(std::size_t a, std::size_t b) const
{
    for (std::optional<std::size_t> n = b; n; n = idom[*n])
        if (*n == a)
            return true;
    return false;
}

Dominance computeDominance(const ModelView& view)
{
    const auto& def = view.definition;
    const auto count = def.nodes().size();
    // One extra vertex: the virtual exit behind every end, so that a model
    // with several ends still has a single root for post-dominators.
    Graph graph(count + 1);
    for (std::size_t n = 0; n < count; ++n) {
        for (auto f : view.sequenceOut[n])
            boost::add_edge(n, def.target(f), graph);
        if (def.nodes()[n].kind == NodeKind::End)
            boost::add_edge(n, count, graph);
    }
    Dominance dominance;
    dominance.idom = immediateDominators(graph, *view.start, count);
    dominance.ipdom = immediateDominators(boost::make_reverse_graph(graph), count, count);
    return dominance;
}

std::vector<std::size_t> FlowDominance::dominatingFlows(std::size_t flow) const
{
    std::vector<std::size_t> flows;
    for (std::optional<std::size_t> v = nodeCount + flow; v; v = idom[*v])
        if (*v >= nodeCount)
            flows.push_back(*v - nodeCount);
    return flows;
}

FlowDominance computeFlowDominance(const ModelView& view)
{
    const auto& def = view.definition;
    const auto count = def.nodes().size();
    Graph graph(count + def.flows().size());
    for (std::size_t n = 0; n < count; ++n)
        for (auto f : view.sequenceOut[n]) {
            boost::add_edge(n, count + f, graph);
            boost::add_edge(count + f, def.target(f), graph);
        }
    return {count, immediateDominators(graph, *view.start, boost::num_vertices(graph))};
}

std::vector<std::optional<std::size_t>> checkSplitJoinMatching(const ModelView& view, const Dominance& dominance,
                                                               Diagnostics& out)
{
    const auto& nodes = view.definition.nodes();
    std::vector<std::optional<std::size_t>> matchingSplit(nodes.size());
    auto blockKind = [&](std::size_t n) {
        const auto kind = nodes[n].kind;
        return kind == NodeKind::ParallelGateway || kind == NodeKind::InclusiveGateway;
    };
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (!blockKind(n))
            continue;
        const auto kind = nodes[n].kind;
        if (view.isSplit(n)) {
            const auto join = dominance.ipdom[n];
            const bool closed = join && nodes[*join].kind == kind && view.isJoin(*join) && dominance.idom[*join] == n;
            if (!closed) {
                const std::string meets = join ? nodes[*join].id : std::string("结束");
                const std::string meetsEn = join ? "'" + nodes[*join].id + "'" : std::string("the end");
                addFinding(out, Severity::Error, "split.unmatched", nodes[n].id,
                           std::string(kindZh(kind)) + "分支 '" + nodes[n].id + "' 没有对应的" + kindZh(kind) +
                               "汇合（各分支首先在 " + meets + " 相遇）",
                           std::string(kindEn(kind)) + " split '" + nodes[n].id + "' is not closed by a matching " +
                               kindEn(kind) + " join (its branches first meet at " + meetsEn + ")");
            }
        } else if (view.isJoin(n)) {
            const auto split = dominance.idom[n];
            const bool opened = split && nodes[*split].kind == kind && view.isSplit(*split) && dominance.ipdom[*split] == n;
            if (opened) {
                matchingSplit[n] = split;
            } else if (kind == NodeKind::InclusiveGateway) {
                addFinding(out, Severity::Error, "join.unmatched", nodes[n].id,
                           "包容汇合 '" + nodes[n].id + "' 必须位于与之配对的包容分支之后",
                           "inclusive join '" + nodes[n].id + "' must stand behind its matching inclusive split");
            } else {
                addFinding(out, Severity::Error, "join.unmatched", nodes[n].id,
                           "并行汇合 '" + nodes[n].id + "' 没有与之配对的并行分支",
                           "parallel join '" + nodes[n].id + "' does not close a matching parallel split");
            }
        }
    }
    return matchingSplit;
}

} // namespace tongban::workflow::analysis
