#include "workflow/bpmn/rework_loops.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <expected>

namespace tongban::workflow::bpmn {

namespace {

/// The sequence flows only: return and rejection flows never make a loop the engine would run.
using SequenceGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, std::size_t>;

SequenceGraph sequenceGraph(const ProcessDefinition& definition, std::optional<std::size_t> without = std::nullopt)
{
    SequenceGraph graph(definition.nodes().size());
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        if (definition.flows()[f].kind == FlowKind::Sequence && f != without)
            boost::add_edge(definition.source(f), definition.target(f), f, graph);
    return graph;
}

std::optional<std::size_t> startOf(const ProcessDefinition& definition)
{
    const auto& nodes = definition.nodes();
    const auto start = std::ranges::find(nodes, NodeKind::Start, &Node::kind);
    return start == nodes.end() ? std::nullopt : std::optional(static_cast<std::size_t>(start - nodes.begin()));
}

/// The first flow a depth-first search from the start finds going back to a node on its path.
std::optional<std::size_t> loopClosingFlow(const ProcessDefinition& definition)
{
    if (definition.nodes().empty())
        return std::nullopt;
    struct BackEdge : boost::default_dfs_visitor {
        std::optional<std::size_t>* found;
        void back_edge(SequenceGraph::edge_descriptor edge, const SequenceGraph& graph) const
        {
            if (!*found)
                *found = graph[edge];
        }
    };
    std::optional<std::size_t> found;
    const auto graph = sequenceGraph(definition);
    std::vector<boost::default_color_type> colours(boost::num_vertices(graph));
    boost::depth_first_search(graph, BackEdge{{}, &found},
                              boost::make_iterator_property_map(colours.begin(), boost::get(boost::vertex_index, graph)),
                              startOf(definition).value_or(0));
    return found;
}

/// The nodes on a loop with `node`, in the order the definition lists them.
std::vector<std::size_t> loopThrough(const ProcessDefinition& definition, std::size_t node)
{
    const auto graph = sequenceGraph(definition);
    std::vector<std::size_t> component(boost::num_vertices(graph));
    boost::strong_components(graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, graph)));
    std::vector<std::size_t> members;
    for (std::size_t n = 0; n < component.size(); ++n)
        if (component[n] == component[node])
            members.push_back(n);
    return members;
}

/// Whether every way from the start to `later` passes `earlier` once `closing` is taken out.
bool passesFirst(const ProcessDefinition& definition, std::size_t earlier, std::size_t later, std::size_t closing)
{
    const auto start = startOf(definition);
    if (!start || *start == earlier || earlier == later)
        return true;
    const auto graph = sequenceGraph(definition, closing);
    std::vector<boost::default_color_type> colours(boost::num_vertices(graph), boost::white_color);
    colours[earlier] = boost::black_color;  // a wall: what is reached past it does not count
    boost::queue<SequenceGraph::vertex_descriptor> queue;
    boost::breadth_first_visit(graph, *start, queue, boost::default_bfs_visitor{},
                               boost::make_iterator_property_map(colours.begin(), boost::get(boost::vertex_index, graph)));
    return colours[later] == boost::white_color;
}

std::vector<std::size_t> sequenceFlows(const ProcessDefinition& definition, std::size_t node, bool into)
{
    std::vector<std::size_t> flows;
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        if (definition.flows()[f].kind == FlowKind::Sequence && (into ? definition.target(f) : definition.source(f)) == node)
            flows.push_back(f);
    return flows;
}

std::string quoted(const std::string& id) { return "'" + id + "'"; }

std::string joined(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : separator) + part;
    return text;
}

/// A rework loop as BPMN draws it: split → back → (merge →) first … last → split.
struct Rework {
    std::size_t back = 0;
    std::size_t split = 0;
    std::size_t merge = 0;  ///< the first task itself when BPMN's implicit merge at a task is used
    std::size_t first = 0;
    std::size_t last = 0;
};

std::expected<Rework, Bilingual> recognise(const ProcessDefinition& definition, std::size_t back)
{
    const auto& nodes = definition.nodes();
    const auto kindOf = [&](std::size_t n) { return nodes[n].kind; };
    const auto id = [&](std::size_t n) { return quoted(nodes[n].id); };
    Rework loop{back, definition.source(back), definition.target(back), 0, 0};
    for (const auto member : loopThrough(definition, loop.split))
        if (kindOf(member) != NodeKind::Task && kindOf(member) != NodeKind::ExclusiveGateway)
            return std::unexpected(Bilingual{"循环中的 " + id(member) + " 既不是办理环节，也不是排他网关",
                                             id(member) + " in the loop is neither a task nor an exclusive gateway"});
    if (kindOf(loop.split) != NodeKind::ExclusiveGateway)
        return std::unexpected(Bilingual{"回头的连线从 " + id(loop.split) + " 出发，它不是排他网关",
                                         "the way back leaves " + id(loop.split) + ", which is not an exclusive gateway"});
    const auto intoSplit = sequenceFlows(definition, loop.split, true);
    if (intoSplit.size() != 1 || kindOf(definition.source(intoSplit.front())) != NodeKind::Task)
        return std::unexpected(Bilingual{"回头的排他网关 " + id(loop.split) + " 不是紧跟在一个办理环节之后",
                                         "the exclusive gateway " + id(loop.split) + " that goes back does not come right after a task"});
    loop.last = definition.source(intoSplit.front());
    if (kindOf(loop.merge) == NodeKind::Task) {
        loop.first = loop.merge;
    } else {
        const auto onward = sequenceFlows(definition, loop.merge, false);
        if (onward.size() != 1 || kindOf(definition.target(onward.front())) != NodeKind::Task)
            return std::unexpected(Bilingual{"回头的连线到达的 " + id(loop.merge) + " 既不是办理环节，也不是紧挨办理环节的排他合并网关",
                                             "the way back reaches " + id(loop.merge) +
                                                 ", which is neither a task nor an exclusive merge right before one"});
        loop.first = definition.target(onward.front());
    }
    if (!passesFirst(definition, loop.first, loop.last, back))
        return std::unexpected(Bilingual{"不经过 " + id(loop.first) + " 也能到达 " + id(loop.last),
                                         id(loop.last) + " can be reached without passing " + id(loop.first)});
    return loop;
}

/// What was left out, for the note: an element, or a flow with the condition it carried.
struct LeftOut {
    std::vector<std::string> zh;
    std::vector<std::string> en;

    void add(const std::string& id, const std::string& condition = {})
    {
        zh.push_back(quoted(id) + (condition.empty() ? "" : "（条件 " + condition + "）"));
        en.push_back(quoted(id) + (condition.empty() ? "" : " (" + condition + ")"));
    }
};

/// Takes out a gateway left with one flow in and one out: the flow in leads where the flow out led.
void bypass(ProcessDefinition& definition, const std::string& gatewayId, LeftOut& leftOut)
{
    const auto gateway = *definition.findNode(gatewayId);
    std::vector<std::size_t> into, onward;
    for (std::size_t f = 0; f < definition.flows().size(); ++f) {
        if (definition.target(f) == gateway)
            into.push_back(f);
        if (definition.source(f) == gateway)
            onward.push_back(f);
    }
    if (into.size() != 1 || onward.size() != 1)
        return;
    const auto& leaving = definition.flows()[onward.front()];
    leftOut.add(gatewayId);
    leftOut.add(leaving.id, leaving.condition);
    definition.retarget(into.front(), definition.target(onward.front()));
    definition.flow(into.front()).waypoints.clear();  // the old line ends at the gateway; a new one is drawn
    definition.removeNode(gateway);
}

void importRework(ProcessDefinition& definition, const Rework& loop, Diagnostics& out)
{
    const auto idOf = [&](std::size_t n) { return definition.nodes()[n].id; };
    const Flow back = definition.flows()[loop.back];
    const auto split = idOf(loop.split), merge = idOf(loop.merge), first = idOf(loop.first), last = idOf(loop.last);
    definition.removeFlow(loop.back);
    if (first != last) {
        Flow returned;
        returned.id = back.id;
        returned.name = back.name;
        returned.kind = FlowKind::Return;
        returned.documentation = back.documentation;
        definition.addFlow(std::move(returned), *definition.findNode(last), *definition.findNode(first));
    }
    LeftOut leftOut;
    if (merge != first)
        bypass(definition, merge, leftOut);
    bypass(definition, split, leftOut);

    const auto way = "从 " + quoted(split) + " 回到 " + quoted(merge) + " 的连线 " + quoted(back.id);
    const auto wayEn = "flow " + quoted(back.id) + " from " + quoted(split) + " back to " + quoted(merge);
    Bilingual note;
    if (first != last) {
        note.zh = "返工循环：" + way + " 已导入为从 " + quoted(last) + " 退回到 " + quoted(first) + " 的退回连线，是否退回由 " +
                  quoted(last) + " 的办理人决定";
        note.en = "rework loop: " + wayEn + " was imported as a return flow from " + quoted(last) + " to " + quoted(first) +
                  "; whoever works " + quoted(last) + " decides whether the work goes back";
    } else {
        note.zh = "返工循环：" + way + " 未导入：环节 " + quoted(first) + " 由办理人办到完成为止，重办无需连线";
        note.en = "rework loop: " + wayEn + " was left out: task " + quoted(first) +
                  " stays with its officer until it is done, so redoing it needs no flow";
    }
    if (!back.condition.empty()) {
        note.zh += "（原条件 " + back.condition + "）";
        note.en += " (the condition was " + back.condition + ")";
    }
    if (!leftOut.en.empty()) {
        note.zh += "；不再需要的 " + joined(leftOut.zh, "、") + " 未导入";
        note.en += "; " + joined(leftOut.en, ", ") + ", no longer needed, " + (leftOut.en.size() > 1 ? "were" : "was") +
                   " left out";
    }
    out.push_back({Severity::Warning, "bpmn.rework-loop", back.id, std::move(note)});
}

LoopRefusal refusal(const ProcessDefinition& definition, std::size_t closing, const Bilingual& why)
{
    std::vector<std::string> members;
    for (const auto member : loopThrough(definition, definition.source(closing)))
        members.push_back(quoted(definition.nodes()[member].id));
    const auto zh = "流程中的循环经过 " + joined(members, "、") + "，不能导入：" + why.zh +
                    "。通办用退回连线表示返工：请画成办理环节之后的排他网关经一条连线回到之前的办理环节（或紧挨其前的排他合并网关），"
                    "循环中只有办理环节和排他网关；或者从退回的环节画一条退回连线（tongban:kind=\"return\"）到重办的环节。";
    const auto en = "the loop through " + joined(members, ", ") + " cannot be imported: " + why.en +
                    ". Tongban models rework as return flows: draw an exclusive split right after a task with one flow back "
                    "to an earlier task (or to an exclusive merge just before it), with only tasks and exclusive gateways "
                    "in the loop; or draw a return flow (tongban:kind=\"return\") from the task that sends the work back "
                    "to the task that redoes it.";
    return {definition.flows()[closing].id, zh + " " + en};
}

} // namespace

std::optional<LoopRefusal> importReworkLoops(ProcessDefinition& definition, Diagnostics& out)
{
    while (const auto closing = loopClosingFlow(definition)) {
        const auto loop = recognise(definition, *closing);
        if (!loop)
            return refusal(definition, *closing, loop.error());
        importRework(definition, *loop, out);
    }
    return std::nullopt;
}

} // namespace tongban::workflow::bpmn
