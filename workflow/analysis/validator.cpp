// validate(): structure, conditions, returns and rejections, then the deeper checks.
#include "workflow/analysis/validator.h"

#include "workflow/analysis/checks.h"
#include "workflow/expression/expression.h"
#include "workflow/model/enum_names.h"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace tongban::workflow {

namespace analysis {

ModelView::ModelView(const ProcessDefinition& def)
    : definition(def), sequenceOut(def.nodes().size()), sequenceIn(def.nodes().size()),
      rejectionIn(def.nodes().size())
{
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph sequenceGraph(def.nodes().size());
    for (std::size_t f = 0; f < def.flows().size(); ++f) {
        const auto kind = def.flows()[f].kind;
        if (kind == FlowKind::Sequence) {
            sequenceOut[def.source(f)].push_back(f);
            sequenceIn[def.target(f)].push_back(f);
            boost::add_edge(def.source(f), def.target(f), sequenceGraph);
        } else if (kind == FlowKind::Rejection) {
            rejectionIn[def.target(f)].push_back(f);
        }
    }
    std::size_t starts = 0;
    for (std::size_t n = 0; n < def.nodes().size(); ++n) {
        if (def.nodes()[n].kind == NodeKind::Start) {
            ++starts;
            start = n;
        }
    }
    if (starts != 1)
        start.reset();
    onMainPath.assign(def.nodes().size(), false);
    if (start) {
        std::vector<std::size_t> stack{*start};
        onMainPath[*start] = true;
        while (!stack.empty()) {
            const auto current = stack.back();
            stack.pop_back();
            for (auto f : sequenceOut[current])
                if (!onMainPath[def.target(f)]) {
                    onMainPath[def.target(f)] = true;
                    stack.push_back(def.target(f));
                }
        }
    }
    std::vector<std::size_t> order;
    try {
        boost::topological_sort(sequenceGraph, std::back_inserter(order));
    } catch (const boost::not_a_dag&) {
        acyclic = false;
    }
}

void addFinding(Diagnostics& out, Severity severity, std::string code, std::string element, std::string zh,
                std::string en)
{
    out.push_back(Diagnostic{severity, std::move(code), std::move(element), {std::move(zh), std::move(en)}});
}

} // namespace analysis

namespace {

using analysis::addFinding;
using analysis::ModelView;

/// A typed limit beyond any real procedure (30000 for 30 working days), named
/// with what it is the limit of.
void checkLength(const TimeLimit& limit, const std::string& element, const std::string& whatZh,
                    const std::string& whatEn, Diagnostics& out)
{
    if (!isTooLong(limit))
        return;
    static constexpr std::pair<LimitUnit, const char*> kUnitsZh[] = {
        {LimitUnit::WorkingDays, "个工作日"}, {LimitUnit::NaturalDays, "个自然日"}, {LimitUnit::WorkingHours, "个工作小时"}};
    static constexpr std::pair<LimitUnit, const char*> kUnitsEn[] = {
        {LimitUnit::WorkingDays, "working days"}, {LimitUnit::NaturalDays, "natural days"},
        {LimitUnit::WorkingHours, "working hours"}};
    const auto amount = std::to_string(limit.amount);
    const auto longest = std::to_string(kLongestLimitWorkingDays);
    addFinding(out, Severity::Error, "limit.too-long", element,
               whatZh + " " + amount + " " + nameIn(kUnitsZh, limit.unit) + "过长：时限最多 " + longest + " 个工作日",
               whatEn + " of " + amount + " " + nameIn(kUnitsEn, limit.unit) + " is longer than any procedure: a limit is at most " +
                   longest + " working days");
}

using AllFlowsGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

std::vector<bool> reachable(const AllFlowsGraph& graph, const std::vector<std::size_t>& roots, bool backwards)
{
    std::vector<bool> seen(boost::num_vertices(graph), false);
    auto visit = [&](const auto& g) {
        std::vector<boost::default_color_type> colours(boost::num_vertices(graph), boost::white_color);
        auto colourMap = boost::make_iterator_property_map(colours.begin(), boost::get(boost::vertex_index, g));
        boost::queue<std::size_t> queue;
        for (auto root : roots) {
            if (colours[root] == boost::white_color)
                boost::breadth_first_visit(g, root, queue, boost::default_bfs_visitor{}, colourMap);
        }
        for (std::size_t n = 0; n < colours.size(); ++n)
            seen[n] = colours[n] != boost::white_color;
    };
    if (backwards)
        visit(boost::make_reverse_graph(graph));
    else
        visit(graph);
    return seen;
}

void checkStructure(const ModelView& view, Diagnostics& out)
{
    const auto& def = view.definition;
    const auto& nodes = def.nodes();
    std::vector<std::size_t> starts, ends;
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (nodes[n].kind == NodeKind::Start) starts.push_back(n);
        if (nodes[n].kind == NodeKind::End) ends.push_back(n);
    }
    if (starts.empty())
        addFinding(out, Severity::Error, "start.count", "", "流程没有开始节点", "the process has no start node");
    for (std::size_t i = 1; i < starts.size(); ++i)
        addFinding(out, Severity::Error, "start.count", nodes[starts[i]].id,
                   "流程只能有一个开始节点，'" + nodes[starts[i]].id + "' 多余",
                   "a process has exactly one start; '" + nodes[starts[i]].id + "' is one too many");
    if (ends.empty())
        addFinding(out, Severity::Error, "end.missing", "", "流程没有结束节点", "the process has no end node");

    AllFlowsGraph graph(nodes.size());
    for (std::size_t f = 0; f < def.flows().size(); ++f)
        boost::add_edge(def.source(f), def.target(f), graph);
    if (!starts.empty()) {
        const auto fromStart = reachable(graph, {starts.front()}, false);
        for (std::size_t n = 0; n < nodes.size(); ++n)
            if (!fromStart[n])
                addFinding(out, Severity::Error, "node.unreachable", nodes[n].id,
                           "从开始节点无法到达 '" + nodes[n].id + "'",
                           "'" + nodes[n].id + "' cannot be reached from the start");
    }
    if (!ends.empty()) {
        const auto toEnd = reachable(graph, ends, true);
        for (std::size_t n = 0; n < nodes.size(); ++n)
            if (!toEnd[n])
                addFinding(out, Severity::Error, "node.dead-end", nodes[n].id,
                           "'" + nodes[n].id + "' 无法到达任何结束节点",
                           "no end can be reached from '" + nodes[n].id + "'");
    }

    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const auto& node = nodes[n];
        const auto in = view.sequenceIn[n].size();
        const auto out_ = view.sequenceOut[n].size();
        const auto allIn = boost::in_degree(n, graph);
        const auto allOut = boost::out_degree(n, graph);
        switch (node.kind) {
        case NodeKind::Start:
            if (allIn > 0)
                addFinding(out, Severity::Error, "start.incoming", node.id, "开始节点不能有流入连线",
                           "the start node cannot have incoming flows");
            if (out_ != 1 || allOut != out_)
                addFinding(out, Severity::Error, "start.outgoing", node.id, "开始节点应恰有一条流出连线",
                           "the start node needs exactly one outgoing sequence flow");
            break;
        case NodeKind::End:
            if (allOut > 0)
                addFinding(out, Severity::Error, "end.outgoing", node.id, "结束节点不能有流出连线",
                           "an end node cannot have outgoing flows");
            break;
        case NodeKind::Task:
            if (out_ != 1)
                addFinding(out, Severity::Error, "task.outgoing", node.id,
                           "环节 '" + node.id + "' 应恰有一条流出的顺序连线（分支请用网关）",
                           "task '" + node.id + "' needs exactly one outgoing sequence flow (use a gateway to branch)");
            if (in > 1)
                addFinding(out, Severity::Error, "task.incoming", node.id,
                           "环节 '" + node.id + "' 有多条流入的顺序连线（汇合请用网关）",
                           "task '" + node.id + "' has several incoming sequence flows (use a gateway to merge)");
            if (node.department.empty())
                addFinding(out, Severity::Error, "task.department-missing", node.id,
                           "环节 '" + node.id + "' 未指定办理部门", "task '" + node.id + "' names no department");
            if (const auto field = departmentField(node)) {
                const auto declared = view.definition.fields.find(*field);
                if (declared == view.definition.fields.end() || declared->second.type != FieldType::String)
                    addFinding(out, Severity::Error, "task.department-field", node.id,
                               "环节 '" + node.id + "' 的办理部门取自字段 " + std::string(*field) + "，该字段须声明为文本",
                               "task '" + node.id + "' takes its department from field " + std::string(*field) +
                                   ", which must be declared as a string");
            }
            if (!node.timeLimit)
                addFinding(out, Severity::Warning, "task.time-limit-missing", node.id,
                           "环节 '" + node.id + "' 未设时限", "task '" + node.id + "' has no time limit");
            else
                checkLength(*node.timeLimit, node.id, "环节 '" + node.id + "' 的时限", "the limit of task '" + node.id + "'",
                               out);
            break;
        default:
            if (in > 1 && out_ > 1)
                addFinding(out, Severity::Error, "gateway.mixed", node.id,
                           "网关 '" + node.id + "' 同时分支和汇合，请拆成两个网关",
                           "gateway '" + node.id + "' both splits and joins; use two gateways");
            else if (in <= 1 && out_ <= 1)
                addFinding(out, Severity::Warning, "gateway.pass-through", node.id,
                           "网关 '" + node.id + "' 既不分支也不汇合",
                           "gateway '" + node.id + "' neither splits nor joins");
            break;
        }
    }
}

bool isConditionalSplit(const ModelView& view, std::size_t n)
{
    const auto kind = view.node(n).kind;
    return (kind == NodeKind::ExclusiveGateway || kind == NodeKind::InclusiveGateway) && view.sequenceOut[n].size() > 1;
}

void checkConditions(const ModelView& view, Diagnostics& out)
{
    const auto& def = view.definition;
    const bool strictFields = !def.fields.empty();
    const FieldTypeLookup lookup = [&def](std::string_view path) -> std::optional<FieldType> {
        auto it = def.fields.find(path);
        return it == def.fields.end() ? std::nullopt : std::optional(it->second.type);
    };
    for (std::size_t n = 0; n < def.nodes().size(); ++n) {
        const auto& node = def.nodes()[n];
        const bool conditional = isConditionalSplit(view, n);
        std::size_t defaults = 0;
        for (auto f : view.sequenceOut[n]) {
            const auto& flow = def.flows()[f];
            if (!conditional) {
                if (!flow.condition.empty())
                    addFinding(out, Severity::Error, "flow.condition-misplaced", flow.id,
                               "只有排他或包容网关分出的连线才能有条件",
                               "only flows leaving an exclusive or inclusive split carry conditions");
                if (flow.isDefault)
                    addFinding(out, Severity::Error, "flow.default-misplaced", flow.id,
                               "只有排他或包容网关分出的连线才能是默认连线",
                               "only a flow leaving an exclusive or inclusive split can be the default");
                continue;
            }
            if (flow.isDefault) {
                ++defaults;
                if (!flow.condition.empty())
                    addFinding(out, Severity::Warning, "flow.default-condition", flow.id,
                               "默认连线的条件不会被使用", "the condition of a default flow is never used");
                continue;
            }
            if (flow.condition.empty()) {
                addFinding(out, Severity::Error, "flow.condition-missing", flow.id,
                           "网关 '" + node.id + "' 分出的连线 '" + flow.id + "' 缺少条件",
                           "flow '" + flow.id + "' leaving gateway '" + node.id + "' has no condition");
                continue;
            }
            auto parsed = parseExpression(flow.condition);
            if (!parsed) {
                addFinding(out, Severity::Error, "flow.condition-syntax", flow.id,
                           "条件第 " + std::to_string(parsed.error().column) + " 个字符处：" + parsed.error().message.zh,
                           "condition, character " + std::to_string(parsed.error().column) + ": " +
                               parsed.error().message.en);
                continue;
            }
            if (auto typeError = typeCheck(*parsed, lookup, strictFields))
                addFinding(out, Severity::Error, "flow.condition-type", flow.id,
                           "条件第 " + std::to_string(typeError->column) + " 个字符处：" + typeError->message.zh,
                           "condition, character " + std::to_string(typeError->column) + ": " + typeError->message.en);
        }
        if (defaults > 1)
            addFinding(out, Severity::Error, "gateway.default-multiple", node.id,
                       "网关 '" + node.id + "' 有多条默认连线", "gateway '" + node.id + "' has more than one default flow");
    }
    for (std::size_t f = 0; f < def.flows().size(); ++f) {
        const auto& flow = def.flows()[f];
        if (flow.kind != FlowKind::Sequence && (!flow.condition.empty() || flow.isDefault))
            addFinding(out, Severity::Error, "flow.condition-misplaced", flow.id,
                       "退回和不予许可连线不能有条件或默认标记",
                       "return and rejection flows take no condition or default flag");
    }
}

void checkReturnsAndRejections(const ModelView& view, const analysis::Dominance& dominance, Diagnostics& out)
{
    const auto& def = view.definition;
    std::vector<std::size_t> rejectionsPerTask(def.nodes().size(), 0);
    for (std::size_t f = 0; f < def.flows().size(); ++f) {
        const auto& flow = def.flows()[f];
        if (flow.kind == FlowKind::Sequence)
            continue;
        const auto from = def.source(f);
        const auto to = def.target(f);
        const auto& source = def.nodes()[from];
        const auto& target = def.nodes()[to];
        if (source.kind != NodeKind::Task) {
            addFinding(out, Severity::Error, flow.kind == FlowKind::Return ? "return.source" : "rejection.source",
                       flow.id, "退回和不予许可连线只能从环节出发",
                       "return and rejection flows can only leave a task");
            continue;
        }
        if (flow.kind == FlowKind::Return) {
            if (target.kind != NodeKind::Task)
                addFinding(out, Severity::Error, "return.target", flow.id,
                           "退回连线 '" + flow.id + "' 只能退回到环节", "return flow '" + flow.id + "' must lead to a task");
            else if (from == to || !dominance.dominates(to, from))
                addFinding(out, Severity::Error, "return.not-earlier", flow.id,
                           "退回连线 '" + flow.id + "' 的目标 '" + target.id + "' 不是 '" + source.id +
                               "' 之前必经的环节",
                           "return flow '" + flow.id + "' leads to '" + target.id + "', which is not a task that every path to '" +
                               source.id + "' passes before it");
        } else if (++rejectionsPerTask[from] > 1) {
            addFinding(out, Severity::Error, "rejection.multiple", flow.id,
                       "环节 '" + source.id + "' 有多条不予许可连线", "task '" + source.id + "' has more than one rejection flow");
        }
    }

    // A rejection is final (不予许可): every other branch is discarded and the
    // route after it serves the refusal and ends the case. So the route runs
    // alone through tasks and exclusive gateways, and meets the main path at
    // most at an end; rework is what return flows are for.
    for (std::size_t n = 0; n < def.nodes().size(); ++n) {
        if (view.rejectionIn[n].empty())
            continue;
        std::vector<bool> seen(def.nodes().size(), false);
        std::vector<std::size_t> stack{n};
        seen[n] = true;
        while (!stack.empty()) {
            const auto current = stack.back();
            stack.pop_back();
            const auto& node = view.node(current);
            const bool parallel = node.kind == NodeKind::ParallelGateway || node.kind == NodeKind::InclusiveGateway;
            if (view.onMainPath[current] && node.kind != NodeKind::End) {
                addFinding(out, Severity::Error, "rejection.rejoins", node.id,
                           "不予许可之后的路线回到了主流程的 '" + node.id +
                               "'：不予许可是最终决定，其路线只能在结束处与主流程相遇；需要重新办理请用退回连线",
                           "the route after a rejection leads back into the main path at '" + node.id +
                               "': a rejection is final and its route meets the main path at an end only; send work "
                               "back for rework with a return flow");
                break;
            }
            if (parallel && view.sequenceIn[current].size() > 1) {
                addFinding(out, Severity::Error, "rejection.join-after", node.id,
                           "不予许可之后的路线经过汇合网关 '" + node.id + "'，会永远等待",
                           "the route after a rejection passes join '" + node.id +
                               "', which would wait for discarded branches");
                break;
            }
            if (parallel && view.sequenceOut[current].size() > 1) {
                addFinding(out, Severity::Error, "rejection.split-after", node.id,
                           "不予许可之后的路线在 '" + node.id + "' 分为并发分支：一个分支结束时另一个仍在办理",
                           "the route after a rejection splits into concurrent branches at '" + node.id +
                               "': one would reach an end while the other still holds work");
                break;
            }
            for (auto f : view.sequenceOut[current]) {
                const auto next = def.target(f);
                if (!seen[next]) {
                    seen[next] = true;
                    stack.push_back(next);
                }
            }
        }
    }
}

std::string formatDays(double days)
{
    std::ostringstream text;
    text << std::round(days * 10) / 10;
    return text.str();
}

void checkLimits(const ProcessDefinition& def, const std::optional<CriticalPath>& path, Diagnostics& out)
{
    if (def.promisedLimit)
        checkLength(*def.promisedLimit, "", "承诺时限", "the promised limit", out);
    if (def.legalLimit)
        checkLength(*def.legalLimit, "", "法定时限", "the legal limit", out);
    if (def.promisedLimit && def.legalLimit && inWorkingDays(*def.promisedLimit) > inWorkingDays(*def.legalLimit))
        addFinding(out, Severity::Error, "limit.promised-above-legal", "",
                   "承诺时限超过了法定时限", "the promised limit exceeds the legal limit");
    if (def.promisedLimit && path && path->workingDays > inWorkingDays(*def.promisedLimit) + 1e-9) {
        const auto promised = formatDays(inWorkingDays(*def.promisedLimit));
        const auto needed = formatDays(path->workingDays);
        addFinding(out, Severity::Error, "limit.promised-below-critical-path", "",
                   "承诺时限 " + promised + " 个工作日短于关键路径 " + needed + " 个工作日",
                   "the promised limit of " + promised + " working days is below the critical path of " + needed +
                       " working days");
    }
}

} // namespace

ValidationReport validate(const ProcessDefinition& definition)
{
    ValidationReport report;
    ModelView view(definition);
    checkStructure(view, report.diagnostics);
    // Soundness is only meaningful on a well-formed graph; its findings would
    // repeat the structural ones in other words.
    const bool wellFormed = std::none_of(report.diagnostics.begin(), report.diagnostics.end(), [](const Diagnostic& d) {
        return d.severity == Severity::Error && d.code != "task.department-missing";
    });
    checkConditions(view, report.diagnostics);
    if (!view.acyclic) {
        addFinding(report.diagnostics, Severity::Error, "flow.cycle", "",
                   "顺序连线构成了环；回退请用退回连线",
                   "sequence flows form a cycle; a loop back must be a return flow");
        report.matchingSplit.assign(definition.nodes().size(), std::nullopt);
        return report;
    }
    if (!view.start) {
        report.matchingSplit.assign(definition.nodes().size(), std::nullopt);
        return report;
    }
    const auto dominance = analysis::computeDominance(view);
    checkReturnsAndRejections(view, dominance, report.diagnostics);
    report.matchingSplit = analysis::checkSplitJoinMatching(view, dominance, report.diagnostics);
    analysis::checkGatewayCoverage(view, report.diagnostics);
    if (wellFormed)
        analysis::checkSoundness(view, report.diagnostics);
    report.criticalPath = criticalPath(definition);
    checkLimits(definition, report.criticalPath, report.diagnostics);
    return report;
}

} // namespace tongban::workflow
