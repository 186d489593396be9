// bench_engine: the reference one-thing process (accept, five departments in
// parallel each reviewing and approving, join, issue: 12 tasks) for many
// cases in memory, completing ready tasks in random order on one thread; and
// how long validation takes to refuse a model whose every case deadlocks in
// a state space far beyond exploring (a dead join proved from the structure).
#include "workflow/analysis/validator.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/engine.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

using namespace tongban::workflow;

namespace {

/// `branches` parallel branches, each a task and an exclusive choice whose
/// both exits run into the main join: 3^branches states, all of them dead.
ProcessDefinition choicesIntoTheMainJoin(int branches)
{
    ProcessDefinition definition;
    definition.key = "dead-join";
    const auto node = [&](const std::string& id, NodeKind kind) {
        Node n;
        n.id = id;
        n.kind = kind;
        if (kind == NodeKind::Task)
            n.department = "部门";
        return definition.addNode(std::move(n));
    };
    int flows = 0;
    const auto flow = [&](std::size_t from, std::size_t to, const std::string& condition, bool isDefault) {
        Flow f;
        f.id = "f" + std::to_string(++flows);
        f.condition = condition;
        f.isDefault = isDefault;
        definition.addFlow(std::move(f), from, to);
    };
    const auto start = node("start", NodeKind::Start), split = node("split", NodeKind::ParallelGateway);
    const auto join = node("join", NodeKind::ParallelGateway), end = node("end", NodeKind::End);
    flow(start, split, {}, false);
    flow(join, end, {}, false);
    for (int b = 0; b < branches; ++b) {
        const auto task = node("t" + std::to_string(b), NodeKind::Task);
        const auto choice = node("x" + std::to_string(b), NodeKind::ExclusiveGateway);
        flow(split, task, {}, false);
        flow(task, choice, {}, false);
        flow(choice, join, "k == 1", false);
        flow(choice, join, {}, true);
    }
    return definition;
}

} // namespace

int main()
{
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/reference-one-thing.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto loaded = readDefinition(text.str());
    if (!loaded) {
        std::cerr << "bench_engine: " << loaded.error().describe() << "\n";
        return 2;
    }
    auto process = ExecutableProcess::compile(loaded->definition);
    if (!process) {
        std::cerr << "bench_engine: the reference process does not validate\n";
        return 1;
    }

    constexpr std::size_t kCases = 50000;
    const Actor officer{"officer", "部门"};
    std::mt19937 random(42);
    std::vector<CaseState> cases(kCases);
    std::vector<std::size_t> running;
    std::size_t tasks = 0;

    const auto begin = std::chrono::steady_clock::now();
    for (std::size_t c = 0; c < kCases; ++c) {
        auto events = apply(**process, cases[c], Command{StartCase{std::to_string(c), {}}, officer, {}});
        evolve(cases[c], *events);
        running.push_back(c);
    }
    while (!running.empty()) {
        const auto pick = std::uniform_int_distribution<std::size_t>(0, running.size() - 1)(random);
        auto& state = cases[running[pick]];
        const auto& open = state.marking.openTasks;
        const auto task = open[std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(random)].number;
        auto events = apply(**process, state, Command{CompleteTask{task, Outcome::Approve, {}, {}, {}}, officer, {}});
        if (!events) {
            std::cerr << "bench_engine: " << events.error().describe() << "\n";
            return 1;
        }
        evolve(state, *events);
        ++tasks;
        if (!state.isRunning()) {
            running[pick] = running.back();
            running.pop_back();
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();

    for (const auto& state : cases)
        if (state.status != CaseStatus::Completed) {
            std::cerr << "bench_engine: case " << state.caseId << " did not complete\n";
            return 1;
        }
    std::cout << "cases: " << kCases << "\n";
    std::cout << "tasks: " << tasks << "\n";
    std::cout << "cases_per_s: " << static_cast<long long>(kCases / seconds) << "\n";
    std::cout << "tasks_per_s: " << static_cast<long long>(tasks / seconds) << "\n";

    const auto dead = choicesIntoTheMainJoin(200);
    const auto proving = std::chrono::steady_clock::now();
    const auto report = validate(dead);
    const double provedIn = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - proving).count();
    const bool refused = std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.code == "soundness.deadlock"; });
    if (!refused) {
        std::cerr << "bench_engine: the dead join of 200 branches was not proved\n";
        return 1;
    }
    std::cout << "dead_join_branches: 200\n";
    std::cout << "dead_join_proved_ms: " << provedIn << "\n";
    return 0;
}
