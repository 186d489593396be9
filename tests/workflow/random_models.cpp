// Generator of random structured models for property tests.
#include "random_models.h"

#include "model_builder.h"

namespace tongban::workflow::testing {

namespace {

class Generator {
public:
    Generator(std::mt19937& random) : m_random(random) {}

    ProcessDefinition generate(int maxDepth)
    {
        m_builder.start();
        const auto [entry, exit] = block(maxDepth);
        m_builder.flow("start", entry);
        m_builder.end();
        if (chance(0.3)) {
            // A rejection route: one task may refuse, the refusal is served, the case ends.
            const auto refusal = name("refusal");
            m_builder.task(refusal).end("end-refused").flow(refusal, "end-refused");
            m_builder.rejectionFlow(m_firstTask, refusal);
        }
        m_builder.flow(exit, "end");
        return m_builder.build();
    }

private:
    struct Fragment {
        std::string entry, exit;
    };

    bool chance(double p) { return std::uniform_real_distribution<>(0, 1)(m_random) < p; }
    int between(int low, int high) { return std::uniform_int_distribution<>(low, high)(m_random); }
    std::string name(const std::string& prefix) { return prefix + "-" + std::to_string(++m_counter); }

    Fragment block(int depth)
    {
        if (depth <= 0)
            return taskBlock();
        switch (between(0, 6)) {
        case 0: return taskBlock();
        case 1: return sequenceBlock(depth);
        case 2: return parallelBlock(depth);
        case 3: return exclusiveBlock(depth);
        case 4: return inclusiveBlock(depth);
        case 5: return returnLoop(depth);
        default: return sequenceBlock(depth);
        }
    }

    Fragment taskBlock()
    {
        const auto id = name("task");
        m_builder.task(id, between(1, 3), "部门" + std::to_string(between(1, 5)));
        if (m_firstTask.empty())
            m_firstTask = id;
        return {id, id};
    }

    Fragment sequenceBlock(int depth)
    {
        auto first = block(depth - 1);
        auto second = block(depth - 1);
        m_builder.flow(first.exit, second.entry);
        return {first.entry, second.exit};
    }

    Fragment parallelBlock(int depth)
    {
        const auto split = name("and-split"), join = name("and-join");
        m_builder.parallel(split).parallel(join);
        for (int i = 0, n = between(2, 4); i < n; ++i) {
            auto branch = block(depth - 1);
            m_builder.flow(split, branch.entry).flow(branch.exit, join);
        }
        return {split, join};
    }

    Fragment exclusiveBlock(int depth)
    {
        const auto split = name("xor-split"), join = name("xor-join");
        const auto field = "situation.choice_" + std::to_string(++m_counter);
        m_builder.exclusive(split).exclusive(join).field(field, FieldType::Number);
        const int n = between(2, 4);
        // Half the gateways have a default flow, half intervals that provably cover every number.
        const bool exhaustive = chance(0.5);
        for (int i = 0; i < n; ++i) {
            auto branch = block(depth - 1);
            const auto low = std::to_string(i), high = std::to_string(i + 1);
            if (i == n - 1 && !exhaustive)
                m_builder.defaultFlow(split, branch.entry);
            else if (i == n - 1)
                m_builder.flow(split, branch.entry, field + " >= " + low);
            else if (i == 0)
                m_builder.flow(split, branch.entry, field + " < " + high);
            else
                m_builder.flow(split, branch.entry, field + " >= " + low + " and " + field + " < " + high);
            m_builder.flow(branch.exit, join);
        }
        return {split, join};
    }

    Fragment inclusiveBlock(int depth)
    {
        const auto split = name("or-split"), join = name("or-join");
        m_builder.inclusive(split).inclusive(join);
        const int n = between(2, 4);
        for (int i = 0; i < n; ++i) {
            auto branch = block(depth - 1);
            if (i == 0) {
                m_builder.defaultFlow(split, branch.entry);
            } else {
                const auto field = "situation.option_" + std::to_string(++m_counter);
                m_builder.field(field, FieldType::Boolean).flow(split, branch.entry, field + " == true");
            }
            m_builder.flow(branch.exit, join);
        }
        return {split, join};
    }

    Fragment returnLoop(int depth)
    {
        auto head = taskBlock();
        auto body = block(depth - 1);
        auto tail = taskBlock();
        m_builder.flow(head.exit, body.entry).flow(body.exit, tail.entry).returnFlow(tail.exit, head.entry);
        return {head.entry, tail.exit};
    }

    std::mt19937& m_random;
    ModelBuilder m_builder{"random-model"};
    int m_counter = 0;
    std::string m_firstTask;
};

std::vector<std::size_t> joinsOf(const ProcessDefinition& model)
{
    std::vector<std::size_t> inDegree(model.nodes().size(), 0);
    for (std::size_t f = 0; f < model.flows().size(); ++f)
        if (model.flows()[f].kind == FlowKind::Sequence)
            ++inDegree[model.target(f)];
    std::vector<std::size_t> joins;
    for (std::size_t n = 0; n < model.nodes().size(); ++n) {
        const auto kind = model.nodes()[n].kind;
        if ((kind == NodeKind::ParallelGateway || kind == NodeKind::InclusiveGateway) && inDegree[n] > 1)
            joins.push_back(n);
    }
    return joins;
}

std::optional<std::size_t> pickJoin(const ProcessDefinition& model, std::mt19937& random)
{
    const auto joins = joinsOf(model);
    if (joins.empty())
        return std::nullopt;
    return joins[std::uniform_int_distribution<std::size_t>(0, joins.size() - 1)(random)];
}

std::vector<std::size_t> sequenceFlows(const ProcessDefinition& model, std::size_t node, bool incoming)
{
    std::vector<std::size_t> flows;
    for (std::size_t f = 0; f < model.flows().size(); ++f)
        if (model.flows()[f].kind == FlowKind::Sequence && (incoming ? model.target(f) : model.source(f)) == node)
            flows.push_back(f);
    return flows;
}

} // namespace

ProcessDefinition randomStructuredModel(std::mt19937& random, int maxDepth)
{
    return Generator(random).generate(maxDepth);
}

CaseData randomData(const ProcessDefinition& definition, std::mt19937& random)
{
    CaseData data;
    for (const auto& [path, declaration] : definition.fields) {
        switch (declaration.type) {
        case FieldType::Boolean: data[path] = std::bernoulli_distribution(0.5)(random); break;
        case FieldType::Number: data[path] = static_cast<double>(std::uniform_int_distribution<>(-1, 4)(random)); break;
        case FieldType::String:
            data[path] = declaration.allowedValues.empty()
                             ? std::string("x")
                             : declaration.allowedValues[std::uniform_int_distribution<std::size_t>(
                                   0, declaration.allowedValues.size() - 1)(random)];
            break;
        }
    }
    return data;
}

std::optional<ProcessDefinition> turnJoinIntoMerge(const ProcessDefinition& model, std::mt19937& random)
{
    auto join = pickJoin(model, random);
    if (!join)
        return std::nullopt;
    auto mutated = model;
    mutated.node(*join).kind = NodeKind::ExclusiveGateway;
    return mutated;
}

std::optional<ProcessDefinition> rewireFlowPastJoin(const ProcessDefinition& model, std::mt19937& random)
{
    auto join = pickJoin(model, random);
    if (!join)
        return std::nullopt;
    auto mutated = model;
    const auto incoming = sequenceFlows(mutated, *join, true);
    const auto after = mutated.target(sequenceFlows(mutated, *join, false).front());
    mutated.retarget(incoming[std::uniform_int_distribution<std::size_t>(0, incoming.size() - 1)(random)], after);
    return mutated;
}

std::optional<ProcessDefinition> removeJoin(const ProcessDefinition& model, std::mt19937& random)
{
    auto join = pickJoin(model, random);
    if (!join)
        return std::nullopt;
    auto mutated = model;
    const auto after = mutated.target(sequenceFlows(mutated, *join, false).front());
    for (auto f : sequenceFlows(mutated, *join, true))
        mutated.retarget(f, after);
    mutated.removeNode(*join);
    return mutated;
}

} // namespace tongban::workflow::testing
