// Soundness of the sequence-flow graph: reduce, then explore what is left.
//
// Step 1 applies soundness-preserving reduction rules until none applies:
// series (a node with one way in and one way out disappears), duplicate
// flows between a split and a join of the same kind merge, and adjacent
// gateways of the same kind fuse. Block-structured models reduce to a single
// flow from the start to the (virtual) end and are sound.
// Step 2 looks for a structural proof of a dead parallel join (an input that
// only an exit of an exclusive choice feeds, while another exit feeds another
// input), which needs no exploration however many states the model has.
// Step 3 explores the token game of whatever did not reduce, breadth first,
// with conditions abstracted into free choices, and reports the first state
// that deadlocks, puts two tokens on one flow, or ends with tokens left.
// What is left undecided is an error: an unproved model is not published.
// See docs/engine/validation.md for the argument and the limits.
#include "workflow/analysis/checks.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <set>
#include <unordered_set>

namespace tongban::workflow::analysis {

namespace {

enum class Kind { Start, Sink, Pass, And, Xor, Or };

struct ReducedNode {
    Kind kind = Kind::Pass;
    std::size_t original = 0;
    bool alive = true;
    std::vector<std::size_t> in, out;
};

struct ReducedEdge {
    std::size_t from = 0, to = 0;
    std::size_t lastOriginal = 0;  ///< the original node just before `to`, for messages
    std::optional<std::size_t> mergedAt;  ///< the first original merge this edge was fused into
    bool alive = true;
};

constexpr std::size_t kStateBudget = 100000;
/// Beyond this many flows left after reduction, exploring is not attempted.
constexpr std::size_t kExplorableFlows = 4000;
constexpr std::size_t kMaxInclusiveFanOut = 12;

class Reducer {
public:
    explicit Reducer(const ModelView& view) : m_view(view)
    {
        const auto& def = view.definition;
        const auto count = def.nodes().size();
        const auto& inMain = view.onMainPath;
        m_nodes.resize(count + 1);
        for (std::size_t n = 0; n < count; ++n) {
            m_nodes[n].original = n;
            m_nodes[n].alive = inMain[n];
            switch (def.nodes()[n].kind) {
            case NodeKind::Start: m_nodes[n].kind = Kind::Start; break;
            case NodeKind::ParallelGateway: m_nodes[n].kind = Kind::And; break;
            case NodeKind::ExclusiveGateway: m_nodes[n].kind = Kind::Xor; break;
            case NodeKind::InclusiveGateway: m_nodes[n].kind = Kind::Or; break;
            // An end with several ways in merges them like an exclusive gateway.
            case NodeKind::End: m_nodes[n].kind = Kind::Xor; break;
            default: m_nodes[n].kind = Kind::Pass; break;
            }
        }
        m_sink = count;
        m_nodes[m_sink].kind = Kind::Sink;
        for (std::size_t n = 0; n < count; ++n) {
            if (!inMain[n])
                continue;
            for (auto f : view.sequenceOut[n])
                addEdge(n, def.target(f), n);
            if (def.nodes()[n].kind == NodeKind::End)
                addEdge(n, m_sink, n);
        }
    }

    /// Applies the rules until none applies; true when only start -> end is left.
    bool reduce()
    {
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t n = 0; n < m_nodes.size(); ++n) {
                if (!m_nodes[n].alive || m_nodes[n].kind == Kind::Start)
                    continue;
                changed = series(n) || duplicates(n) || adjacentSplits(n) || adjacentJoins(n) || changed;
            }
        }
        const auto& start = m_nodes[*m_view.start];
        return start.out.size() == 1 && m_edges[start.out[0]].to == m_sink && m_nodes[m_sink].in.size() == 1;
    }

    std::vector<ReducedNode> m_nodes;
    std::vector<ReducedEdge> m_edges;
    std::size_t m_sink = 0;

private:
    void addEdge(std::size_t from, std::size_t to, std::size_t lastOriginal)
    {
        m_edges.push_back({from, to, lastOriginal, std::nullopt, true});
        m_nodes[from].out.push_back(m_edges.size() - 1);
        m_nodes[to].in.push_back(m_edges.size() - 1);
    }
    static void erase(std::vector<std::size_t>& list, std::size_t value)
    {
        list.erase(std::find(list.begin(), list.end(), value));
    }
    bool gateway(std::size_t n) const
    {
        const auto kind = m_nodes[n].kind;
        return kind == Kind::And || kind == Kind::Xor || kind == Kind::Or;
    }
    Kind joinKind(std::size_t n) const { return m_nodes[n].kind == Kind::Sink ? Kind::Xor : m_nodes[n].kind; }

    bool series(std::size_t n)
    {
        auto& node = m_nodes[n];
        if (node.kind == Kind::Sink || node.in.size() != 1 || node.out.size() != 1)
            return false;
        const auto first = node.in[0], second = node.out[0];
        const auto next = m_edges[second].to;
        m_edges[first].to = next;
        m_edges[first].lastOriginal = m_edges[second].lastOriginal;
        std::replace(m_nodes[next].in.begin(), m_nodes[next].in.end(), second, first);
        m_edges[second].alive = false;
        node.alive = false;
        node.in.clear();
        node.out.clear();
        return true;
    }

    bool duplicates(std::size_t n)
    {
        auto& node = m_nodes[n];
        if (!gateway(n))
            return false;
        for (std::size_t i = 0; i < node.out.size(); ++i) {
            for (std::size_t j = i + 1; j < node.out.size(); ++j) {
                const auto a = node.out[i], b = node.out[j];
                const auto to = m_edges[a].to;
                if (m_edges[b].to != to || joinKind(to) != node.kind)
                    continue;
                m_edges[b].alive = false;
                erase(node.out, b);
                erase(m_nodes[to].in, b);
                return true;
            }
        }
        return false;
    }

    bool adjacentSplits(std::size_t n)
    {
        auto& node = m_nodes[n];
        if (!gateway(n))
            return false;
        for (auto e : node.out) {
            const auto next = m_edges[e].to;
            if (next == n || !gateway(next) || m_nodes[next].kind != node.kind || m_nodes[next].in.size() != 1)
                continue;
            erase(node.out, e);
            m_edges[e].alive = false;
            for (auto g : m_nodes[next].out) {
                m_edges[g].from = n;
                node.out.push_back(g);
            }
            m_nodes[next].alive = false;
            m_nodes[next].in.clear();
            m_nodes[next].out.clear();
            return true;
        }
        return false;
    }

    bool adjacentJoins(std::size_t n)
    {
        auto& node = m_nodes[n];
        if (!gateway(n) || node.out.size() != 1)
            return false;
        const auto e = node.out[0];
        const auto next = m_edges[e].to;
        if (joinKind(next) != node.kind || (m_nodes[next].kind != Kind::Sink && !gateway(next)))
            return false;
        erase(m_nodes[next].in, e);
        m_edges[e].alive = false;
        for (auto g : node.in) {
            m_edges[g].to = next;
            if (!m_edges[g].mergedAt)
                m_edges[g].mergedAt = node.original;
            m_nodes[next].in.push_back(g);
        }
        node.alive = false;
        node.in.clear();
        node.out.clear();
        return true;
    }

    const ModelView& m_view;
};

class Explorer {
public:
    Explorer(const ModelView& view, const Reducer& reduced, Diagnostics& out)
        : m_view(view), m_nodes(reduced.m_nodes), m_edges(reduced.m_edges), m_sink(reduced.m_sink), m_out(out)
    {
        computeUpstream();
    }

    void run()
    {
        std::vector<std::uint8_t> initial(m_edges.size(), 0);
        for (auto e : m_nodes[*m_view.start].out)
            initial[e] = 1;
        std::unordered_set<std::string> seen;
        std::deque<std::vector<std::uint8_t>> queue;
        seen.insert(key(initial));
        queue.push_back(std::move(initial));
        while (!queue.empty() && m_reported.size() < 8) {
            if (seen.size() > kStateBudget) {
                addFinding(m_out, Severity::Error, "soundness.undecided", "",
                           "流程状态过多，未能在限度内证明其正确性，不能发布（可保存为草稿；请改为结构化模型）",
                           "too many states to prove soundness within the limit, so it cannot be published (it can "
                           "be saved as a draft); make the model block-structured");
                return;
            }
            const auto state = std::move(queue.front());
            queue.pop_front();
            if (!synchronised(state))
                continue;
            bool anyEnabled = false;
            for (std::size_t n = 0; n < m_nodes.size(); ++n) {
                if (!m_nodes[n].alive || m_nodes[n].kind == Kind::Start)
                    continue;
                for (auto& next : fire(n, state)) {
                    anyEnabled = true;
                    if (seen.insert(key(next)).second)
                        queue.push_back(std::move(next));
                }
            }
            if (!anyEnabled && std::any_of(state.begin(), state.end(), [](auto t) { return t > 0; }))
                reportDeadlock(state);
        }
    }

private:
    static std::string key(const std::vector<std::uint8_t>& state) { return {state.begin(), state.end()}; }

    void computeUpstream()
    {
        // upstream[e][g]: a token on g can still reach edge e.
        m_upstream.assign(m_edges.size(), std::vector<bool>(m_edges.size(), false));
        for (std::size_t e = 0; e < m_edges.size(); ++e) {
            if (!m_edges[e].alive)
                continue;
            std::vector<std::size_t> stack{e};
            while (!stack.empty()) {
                const auto current = stack.back();
                stack.pop_back();
                for (auto g : m_nodes[m_edges[current].from].in) {
                    if (!m_upstream[e][g]) {
                        m_upstream[e][g] = true;
                        stack.push_back(g);
                    }
                }
            }
        }
    }

    std::string originalId(std::size_t reducedNode, std::size_t viaEdge) const
    {
        const auto n = reducedNode == m_sink ? m_edges[viaEdge].lastOriginal : m_nodes[reducedNode].original;
        return m_view.node(n).id;
    }

    void report(const std::string& code, const std::string& element, std::string zh, std::string en)
    {
        if (!m_reported.insert(code + "/" + element).second)
            return;
        addFinding(m_out, Severity::Error, code, element, std::move(zh), std::move(en));
    }

    /// False (and reported) when a node that does not synchronise holds two
    /// tokens at once: an exclusive merge, a task or an end.
    bool synchronised(const std::vector<std::uint8_t>& state)
    {
        for (std::size_t n = 0; n < m_nodes.size(); ++n) {
            const auto& node = m_nodes[n];
            if (!node.alive || node.kind == Kind::And || node.kind == Kind::Or || node.kind == Kind::Start)
                continue;
            std::vector<std::size_t> marked;
            for (auto e : node.in)
                for (int t = 0; t < state[e]; ++t)
                    marked.push_back(e);
            if (marked.size() < 2)
                continue;
            const auto& first = m_edges[marked[0]];
            const auto& second = m_edges[marked[1]];
            if (n == m_sink && !(first.mergedAt && first.mergedAt == second.mergedAt)) {
                const auto id = m_view.node(first.lastOriginal).id;
                report("soundness.improper-completion", id, "办件到达结束 '" + id + "' 时，其他分支仍在办理",
                       "the case reaches end '" + id + "' while other branches still hold work");
                return false;
            }
            const auto id = m_view.node(n == m_sink ? *first.mergedAt : node.original).id;
            report("soundness.lack-of-synchronisation", id,
                   "缺少同步：两个并发的分支同时到达 '" + id + "'，而它不是汇合网关",
                   "lack of synchronisation: two concurrent branches reach '" + id + "', which does not join them");
            return false;
        }
        return true;
    }

    void reportDeadlock(const std::vector<std::uint8_t>& state)
    {
        bool named = false;
        for (std::size_t n = 0; n < m_nodes.size(); ++n) {
            if (!m_nodes[n].alive || m_nodes[n].in.size() < 2)
                continue;
            const bool waiting = std::any_of(m_nodes[n].in.begin(), m_nodes[n].in.end(), [&](auto e) { return state[e] > 0; });
            if (!waiting)
                continue;
            const auto id = originalId(n, m_nodes[n].in[0]);
            report("soundness.deadlock", id, "死锁：汇合 '" + id + "' 等待的分支永远不会到达",
                   "deadlock: join '" + id + "' waits for a branch that can never arrive");
            named = true;
        }
        if (!named)
            report("soundness.deadlock", "", "死锁：办件可能停住而无法结束", "deadlock: a case can stop without reaching an end");
    }

    /// The successor states when node n fires in `state` (empty when it cannot).
    std::vector<std::vector<std::uint8_t>> fire(std::size_t n, const std::vector<std::uint8_t>& state)
    {
        const auto& node = m_nodes[n];
        std::vector<std::vector<std::uint8_t>> consumed;
        const auto joinAs = node.kind == Kind::Sink ? Kind::Xor : node.kind;
        if (node.in.size() == 1 || joinAs == Kind::Xor || joinAs == Kind::Pass) {
            for (auto e : node.in) {
                if (state[e] == 0)
                    continue;
                auto next = state;
                --next[e];
                consumed.push_back(std::move(next));
            }
        } else if (joinAs == Kind::And) {
            if (std::all_of(node.in.begin(), node.in.end(), [&](auto e) { return state[e] > 0; })) {
                auto next = state;
                for (auto e : node.in)
                    --next[e];
                consumed.push_back(std::move(next));
            }
        } else if (orJoinEnabled(node, state)) {
            auto next = state;
            for (auto e : node.in)
                if (next[e] > 0)
                    --next[e];
            consumed.push_back(std::move(next));
        }
        if (consumed.empty())
            return {};

        std::vector<std::vector<std::uint8_t>> results;
        if (node.kind == Kind::Sink) {
            for (std::size_t i = 0; i < consumed.size(); ++i) {
                const auto& after = consumed[i];
                if (std::any_of(after.begin(), after.end(), [](auto t) { return t > 0; })) {
                    const auto via = firstMarkedIn(node, state);
                    const auto id = m_view.node(m_edges[via].lastOriginal).id;
                    report("soundness.improper-completion", id,
                           "办件到达结束 '" + id + "' 时，其他分支仍在办理",
                           "the case reaches end '" + id + "' while other branches still hold work");
                    continue;
                }
                results.push_back(after);
            }
            return results;
        }

        const auto splitAs = node.out.size() == 1 ? Kind::And : node.kind;
        std::vector<std::vector<std::size_t>> choices;
        if (splitAs == Kind::And || splitAs == Kind::Pass) {
            choices.push_back(node.out);
        } else if (splitAs == Kind::Xor) {
            for (auto e : node.out)
                choices.push_back({e});
        } else {
            if (node.out.size() > kMaxInclusiveFanOut) {
                choices.push_back(node.out);
            } else {
                for (std::size_t mask = 1; mask < (std::size_t{1} << node.out.size()); ++mask) {
                    std::vector<std::size_t> subset;
                    for (std::size_t i = 0; i < node.out.size(); ++i)
                        if (mask & (std::size_t{1} << i))
                            subset.push_back(node.out[i]);
                    choices.push_back(std::move(subset));
                }
            }
        }
        for (const auto& base : consumed) {
            for (const auto& choice : choices) {
                auto next = base;
                bool safe = true;
                for (auto e : choice) {
                    if (next[e] > 0) {
                        const auto target = m_edges[e].to;
                        const auto id = originalId(target, e);
                        if (target == m_sink)
                            report("soundness.improper-completion", id,
                                   "办件到达结束 '" + id + "' 时，其他分支仍在办理",
                                   "the case reaches end '" + id + "' while other branches still hold work");
                        else
                            report("soundness.lack-of-synchronisation", id,
                                   "缺少同步：两个并发的分支同时到达 '" + id + "'，而它不是汇合网关",
                                   "lack of synchronisation: two concurrent branches reach '" + id +
                                       "', which does not join them");
                        safe = false;
                        break;
                    }
                    next[e] = 1;
                }
                if (safe)
                    results.push_back(std::move(next));
            }
        }
        return results;
    }

    std::size_t firstMarkedIn(const ReducedNode& node, const std::vector<std::uint8_t>& state) const
    {
        for (auto e : node.in)
            if (state[e] > 0)
                return e;
        return node.in.front();
    }

    bool orJoinEnabled(const ReducedNode& node, const std::vector<std::uint8_t>& state) const
    {
        bool any = false;
        for (auto e : node.in)
            any = any || state[e] > 0;
        if (!any)
            return false;
        for (auto e : node.in) {
            if (state[e] > 0)
                continue;
            for (std::size_t g = 0; g < state.size(); ++g)
                if (state[g] > 0 && m_upstream[e][g])
                    return false;
        }
        return true;
    }

    const ModelView& m_view;
    const std::vector<ReducedNode>& m_nodes;
    const std::vector<ReducedEdge>& m_edges;
    std::size_t m_sink;
    Diagnostics& m_out;
    std::vector<std::vector<bool>> m_upstream;
    std::set<std::string> m_reported;
};

/// A structural proof of deadlock, independent of how many states the model
/// has: input `b` of a parallel join is dominated by exit `d` of an exclusive
/// choice, and another exit of that choice lets a token reach another input
/// `a` without waiting anywhere. When the choice takes that exit, `a` holds a
/// token and `b` never receives one, so the join never fires.
class DeadJoinProver {
public:
    explicit DeadJoinProver(const ModelView& view)
        : m_view(view), m_dominance(computeFlowDominance(view)), m_reachedFrom(view.definition.flows().size())
    {
    }

    bool proveAll(Diagnostics& out)
    {
        bool found = false;
        for (std::size_t join = 0; join < m_view.definition.nodes().size(); ++join)
            found = proveDead(join, out) || found;
        return found;
    }

private:
    bool proveDead(std::size_t join, Diagnostics& out)
    {
        const auto& def = m_view.definition;
        const auto& inputs = m_view.sequenceIn[join];
        if (m_view.node(join).kind != NodeKind::ParallelGateway || inputs.size() < 2 || !m_dominance.idom[join])
            return false;
        for (auto b : inputs) {
            for (auto d : m_dominance.dominatingFlows(b)) {
                const auto choice = def.source(d);
                if (m_view.node(choice).kind != NodeKind::ExclusiveGateway || m_view.sequenceOut[choice].size() < 2)
                    continue;
                for (auto other : m_view.sequenceOut[choice]) {
                    if (other == d)
                        continue;
                    const auto& reached = reachedFrom(other);
                    const auto a = std::find_if(inputs.begin(), inputs.end(),
                                                [&](auto input) { return input != b && reached[input]; });
                    if (a == inputs.end())
                        continue;
                    const auto &joinId = m_view.node(join).id, &choiceId = m_view.node(choice).id;
                    const auto &waited = def.flows()[b].id, &arrives = def.flows()[*a].id;
                    const auto &taken = def.flows()[d].id, &otherId = def.flows()[other].id;
                    addFinding(out, Severity::Error, "soundness.deadlock", joinId,
                               "死锁：汇合 '" + joinId + "' 等待连线 '" + waited + "'，它只在 '" + choiceId +
                                   "' 选择 '" + taken + "' 时才有办件到达；而选择 '" + otherId + "' 时，'" + arrives +
                                   "' 上的办件将永远等待",
                               "deadlock: join '" + joinId + "' waits for flow '" + waited +
                                   "', which only carries work when '" + choiceId + "' takes '" + taken +
                                   "'; when it takes '" + otherId + "', the work arriving on '" + arrives +
                                   "' waits forever");
                    return true;
                }
            }
        }
        return false;
    }

    /// Every flow a token leaving on `flow` can reach by some choice without
    /// waiting: through tasks, exclusive gateways and splits, up to the first
    /// parallel or inclusive join.
    const std::vector<bool>& reachedFrom(std::size_t flow)
    {
        auto& reached = m_reachedFrom[flow];
        if (reached)
            return *reached;
        const auto& def = m_view.definition;
        reached.emplace(def.flows().size(), false);
        std::vector<std::size_t> stack{flow};
        (*reached)[flow] = true;
        while (!stack.empty()) {
            const auto target = def.target(stack.back());
            stack.pop_back();
            const auto kind = m_view.node(target).kind;
            if ((kind == NodeKind::ParallelGateway || kind == NodeKind::InclusiveGateway) &&
                m_view.sequenceIn[target].size() > 1)
                continue;
            for (auto next : m_view.sequenceOut[target])
                if (!(*reached)[next]) {
                    (*reached)[next] = true;
                    stack.push_back(next);
                }
        }
        return *reached;
    }

    const ModelView& m_view;
    FlowDominance m_dominance;
    std::vector<std::optional<std::vector<bool>>> m_reachedFrom;
};

} // namespace

void checkSoundness(const ModelView& view, Diagnostics& out)
{
    if (!view.start || !view.acyclic)
        return;
    Reducer reducer(view);
    if (reducer.reduce())
        return;
    if (DeadJoinProver(view).proveAll(out))
        return;
    const auto left = std::count_if(reducer.m_edges.begin(), reducer.m_edges.end(), [](const auto& e) { return e.alive; });
    if (static_cast<std::size_t>(left) > kExplorableFlows) {
        addFinding(out, Severity::Error, "soundness.undecided", "",
                   "模型中非结构化的部分过大，未能证明其正确性，不能发布（可保存为草稿）",
                   "the unstructured part of the model is too large to prove soundness; it cannot be published "
                   "(it can be saved as a draft)");
        return;
    }
    Explorer(view, reducer, out).run();
}

} // namespace tongban::workflow::analysis
