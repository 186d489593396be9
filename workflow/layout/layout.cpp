#include "workflow/layout/layout.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace tongban::workflow {

namespace {

constexpr double kLayerGap = 70;  ///< between the right edge of one layer and the left of the next
constexpr double kRowGap = 40;
constexpr double kMargin = 40;

Point centre(const Bounds& b) { return {b.x + b.width / 2, b.y + b.height / 2}; }

} // namespace

std::vector<Point> route(const Bounds& from, const Bounds& to)
{
    const Point start = centre(from);
    const Point end = centre(to);
    if (to.x >= from.x + from.width) {
        const Point out{from.x + from.width, start.y};
        const Point in{to.x, end.y};
        if (out.y == in.y)
            return {out, in};
        const double middle = (out.x + in.x) / 2;
        return {out, {middle, out.y}, {middle, in.y}, in};
    }
    const auto elbow = [](Point out, Point in) -> std::vector<Point> {
        if (out.x == in.x)
            return {out, in};
        const double middle = (out.y + in.y) / 2;
        return {out, {out.x, middle}, {in.x, middle}, in};
    };
    if (to.y >= from.y + from.height)  // below: out of the bottom, into the top
        return elbow({start.x, from.y + from.height}, {end.x, to.y});
    if (to.y + to.height <= from.y)  // above: out of the top, into the bottom
        return elbow({start.x, from.y}, {end.x, to.y + to.height});
    // Backwards (a return): under both shapes and up into the target.
    const double below = std::max(from.y + from.height, to.y + to.height) + kRowGap / 2;
    return {{start.x, from.y + from.height}, {start.x, below}, {end.x, below}, {end.x, to.y + to.height}};
}

Bounds defaultSize(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Start:
    case NodeKind::End:
        return {0, 0, 36, 36};
    case NodeKind::Task:
        return {0, 0, 100, 80};
    case NodeKind::ParallelGateway:
    case NodeKind::ExclusiveGateway:
    case NodeKind::InclusiveGateway:
        return {0, 0, 50, 50};
    }
    return {0, 0, 100, 80};
}

void layOut(ProcessDefinition& definition)
{
    const auto count = definition.nodes().size();
    if (count == 0)
        return;
    // Forward flows: everything but returns, and no flow that closes a cycle
    // found by a depth-first walk from the sources.
    std::vector<std::vector<std::size_t>> forward(count);
    std::vector<int> indegree(count, 0);
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        if (definition.flows()[f].kind != FlowKind::Return && definition.source(f) != definition.target(f))
            forward[definition.source(f)].push_back(definition.target(f));
    std::vector<int> state(count, 0);  // 0 unseen, 1 on the walk, 2 done
    std::vector<std::vector<std::size_t>> acyclic(count);
    std::vector<std::size_t> order;  // reverse post-order: a topological order of the acyclic flows
    const auto walk = [&](std::size_t root) {
        std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            if (next < forward[node].size()) {
                const auto target = forward[node][next++];
                if (state[target] == 1)
                    continue;  // a loop back: drawn, but not a layer constraint
                acyclic[node].push_back(target);
                if (state[target] == 0) {
                    state[target] = 1;
                    stack.emplace_back(target, 0);
                }
            } else {
                state[node] = 2;
                order.push_back(node);
                stack.pop_back();
            }
        }
    };
    for (std::size_t n = 0; n < count; ++n)
        if (definition.nodes()[n].kind == NodeKind::Start && state[n] == 0)
            walk(n);
    for (std::size_t n = 0; n < count; ++n)
        if (state[n] == 0)
            walk(n);
    std::ranges::reverse(order);
    std::vector<std::size_t> layer(count, 0);
    for (const auto node : order)
        for (const auto target : acyclic[node])
            layer[target] = std::max(layer[target], layer[node] + 1);

    const auto layers = *std::ranges::max_element(layer) + 1;
    std::vector<std::vector<std::size_t>> rows(layers);
    for (const auto node : order)
        rows[layer[node]].push_back(node);
    // Within a layer, follow the average row of the predecessors (one barycentre sweep).
    std::vector<double> rowOf(count, 0);
    std::vector<std::vector<std::size_t>> predecessors(count);
    for (std::size_t n = 0; n < count; ++n)
        for (const auto target : acyclic[n])
            predecessors[target].push_back(n);
    for (auto& row : rows) {
        std::vector<double> weight(row.size());
        for (std::size_t i = 0; i < row.size(); ++i) {
            const auto& from = predecessors[row[i]];
            weight[i] = from.empty() ? static_cast<double>(i)
                                     : std::accumulate(from.begin(), from.end(), 0.0,
                                                       [&](double sum, std::size_t p) { return sum + rowOf[p]; }) /
                                           static_cast<double>(from.size());
        }
        std::vector<std::size_t> index(row.size());
        std::iota(index.begin(), index.end(), 0);
        std::ranges::stable_sort(index, {}, [&](std::size_t i) { return weight[i]; });
        std::vector<std::size_t> sorted;
        for (const auto i : index)
            sorted.push_back(row[i]);
        row = std::move(sorted);
        for (std::size_t i = 0; i < row.size(); ++i)
            rowOf[row[i]] = static_cast<double>(i);
    }
    const std::size_t tallest = std::ranges::max(rows, {}, &std::vector<std::size_t>::size).size();
    const double rowHeight = defaultSize(NodeKind::Task).height + kRowGap;
    double x = kMargin;
    for (const auto& row : rows) {
        double widest = 0;
        // Centre each layer on the tallest one, so that a single path runs straight.
        const double top = kMargin + (static_cast<double>(tallest - row.size()) * rowHeight) / 2;
        for (std::size_t i = 0; i < row.size(); ++i) {
            auto size = defaultSize(definition.nodes()[row[i]].kind);
            widest = std::max(widest, size.width);
            size.y = top + static_cast<double>(i) * rowHeight + (rowHeight - kRowGap - size.height) / 2;
            size.x = x;
            definition.node(row[i]).bounds = size;
        }
        x += widest + kLayerGap;
    }
    // Nodes of one layer share the layer's centre line.
    for (const auto& row : rows) {
        double widest = 0;
        for (const auto node : row)
            widest = std::max(widest, definition.nodes()[node].bounds->width);
        for (const auto node : row)
            definition.node(node).bounds->x += (widest - definition.nodes()[node].bounds->width) / 2;
    }
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        definition.flow(f).waypoints = route(*definition.nodes()[definition.source(f)].bounds,
                                             *definition.nodes()[definition.target(f)].bounds);
}

void completeLayout(ProcessDefinition& definition)
{
    const auto& nodes = definition.nodes();
    if (std::ranges::none_of(nodes, [](const Node& node) { return node.bounds.has_value(); })) {
        layOut(definition);
        return;
    }
    double bottom = 0;
    for (const auto& node : nodes)
        if (node.bounds)
            bottom = std::max(bottom, node.bounds->y + node.bounds->height);
    double x = kMargin;
    for (std::size_t n = 0; n < nodes.size(); ++n)
        if (!nodes[n].bounds) {
            auto size = defaultSize(nodes[n].kind);
            size.x = x;
            size.y = bottom + kRowGap * 2;
            x += size.width + kLayerGap;
            definition.node(n).bounds = size;
        }
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        if (definition.flows()[f].waypoints.empty())
            definition.flow(f).waypoints = route(*nodes[definition.source(f)].bounds, *nodes[definition.target(f)].bounds);
}

} // namespace tongban::workflow
