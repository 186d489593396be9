// Properties over random block-structured models: they validate as sound, every
// random order of work finishes them cleanly, and breaking them is noticed.
#include "model_builder.h"
#include "random_models.h"

#include "workflow/analysis/validator.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"
#include "workflow/runtime/engine.h"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;

namespace {

constexpr int kModels = 1000;
constexpr int kRunsPerModel = 8;

std::string dump(const ProcessDefinition& model) { return writeDefinition(model); }

/// Commands that must never leave a case worse off: clearing a field the
/// process declares is refused and changes nothing; a supplement pauses the
/// case with its tasks still open, and a second one needs a reason; a
/// reassignment keeps the task open. After each, a running case has work.
void tryToUnsettle(const ExecutableProcess& process, CaseState& state, const OpenTask& task, std::mt19937& random)
{
    const Actor supervisor{"chief", "政务服务中心"};
    const auto& fields = process.definition().fields;
    const int choice = std::uniform_int_distribution<>(0, 9)(random);
    if (choice == 0 && !fields.empty()) {
        auto field = fields.begin();
        std::advance(field, std::uniform_int_distribution<std::size_t>(0, fields.size() - 1)(random));
        const auto before = state;
        CompleteTask clearing{task.number, Outcome::Approve, {}, {}, {{field->first, Value{}}}};
        BOOST_TEST_REQUIRE(!apply(process, state, Command{clearing, supervisor, {}}).has_value());
        BOOST_TEST_REQUIRE((state == before));
        return;
    }
    std::vector<Command> commands;
    if (choice == 1) {
        commands.push_back({RequestSupplement{{"材料"}, {}, {}}, supervisor, {}, {}});
        commands.push_back({ResumeCase{}, supervisor, {}, {}});
    } else if (choice == 2) {
        commands.push_back({ReassignTask{task.number, "li", "调整"}, supervisor, {}, {}});
        commands.push_back({ReassignTask{task.number, "", "交回部门"}, supervisor, {}, {}});
    }
    for (const auto& command : commands) {
        const bool secondNotice = std::holds_alternative<RequestSupplement>(command.action) &&
                                  std::any_of(state.pauses.begin(), state.pauses.end(),
                                              [](const Pause& p) { return p.kind == PauseKind::Supplement; });
        auto events = apply(process, state, command);
        if (secondNotice) {
            BOOST_TEST_REQUIRE(!events.has_value());
            return;
        }
        BOOST_TEST_REQUIRE(events.has_value(), (events ? "" : events.error().describe()));
        evolve(state, *events);
        BOOST_TEST_REQUIRE(!state.marking.openTasks.empty());
    }
}

/// Runs one case to its end, choosing the next task at random, sometimes
/// trying to unsettle it, returning or rejecting, and saving and reloading it
/// once along the way.
void runToTheEnd(const ExecutableProcess& process, std::mt19937& random)
{
    const Actor actor{"officer", "部门"};
    CaseState state;
    auto started = apply(process, state, Command{StartCase{"case-1", randomData(process.definition(), random)}, actor, {}});
    BOOST_TEST_REQUIRE(started.has_value(), (started ? "" : started.error().describe()));
    evolve(state, *started);

    int returnsLeft = 3;
    bool reloaded = false;
    for (int step = 0; state.isRunning(); ++step) {
        if (step >= 10000)
            BOOST_FAIL("the case does not end:\n" << dump(process.definition()));
        if (state.marking.openTasks.empty())
            BOOST_FAIL("running case with no open task:\n" << dump(process.definition()));
        const auto& open = state.marking.openTasks;
        const auto task = open[std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(random)];
        const auto& definition = process.definition();
        tryToUnsettle(process, state, task, random);
        CompleteTask complete{task.number, Outcome::Approve, {}, {}, {}};
        std::vector<std::string> returnTargets;
        for (std::size_t f = 0; f < definition.flows().size(); ++f)
            if (definition.flows()[f].kind == FlowKind::Return && definition.source(f) == task.node)
                returnTargets.push_back(definition.nodes()[definition.target(f)].id);
        const double dice = std::uniform_real_distribution<>(0, 1)(random);
        if (!returnTargets.empty() && returnsLeft > 0 && dice < 0.25) {
            --returnsLeft;
            complete.outcome = Outcome::Return;
            complete.reason = "退回";
            complete.returnTo = returnTargets[std::uniform_int_distribution<std::size_t>(0, returnTargets.size() - 1)(random)];
        } else if (dice > 0.995) {
            complete.outcome = Outcome::Reject;
            complete.reason = "不予许可";
        }
        auto events = apply(process, state, Command{complete, actor, {}});
        BOOST_TEST_REQUIRE(events.has_value(), (events ? "" : events.error().describe()));
        evolve(state, *events);
        if (!reloaded && step == 3) {
            auto again = readCaseState(process, writeCaseState(process, state));
            BOOST_TEST_REQUIRE(again.has_value());
            BOOST_TEST_REQUIRE((*again == state));
            state = *again;
            reloaded = true;
        }
    }
    BOOST_TEST((state.status == CaseStatus::Completed || state.status == CaseStatus::NotGranted));
    BOOST_TEST(state.marking.openTasks.empty());
    for (auto tokens : state.marking.flowTokens)
        BOOST_TEST_REQUIRE(tokens == 0);
}

bool reportsUnsoundness(const ProcessDefinition& mutated)
{
    static const std::set<std::string> kExpected{
        "soundness.deadlock", "soundness.lack-of-synchronisation", "soundness.improper-completion",
        "split.unmatched",    "join.unmatched",                     "task.incoming",
    };
    for (const auto& d : validate(mutated).diagnostics)
        if (d.severity == Severity::Error && kExpected.contains(d.code))
            return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(Properties)

BOOST_AUTO_TEST_CASE(RandomStructuredModelsValidateAsSoundAndAlwaysFinish)
{
    std::mt19937 random(20261129);
    for (int i = 0; i < kModels; ++i) {
        const auto model = randomStructuredModel(random, 1 + i % 5);
        auto compiled = ExecutableProcess::compile(model);
        if (!compiled) {
            std::string all;
            for (const auto& d : compiled.error())
                all += formatDiagnostic(d, false) + "\n";
            BOOST_FAIL("model " << i << " does not validate:\n" << all << dump(model));
        }
        for (int run = 0; run < kRunsPerModel; ++run)
            runToTheEnd(**compiled, random);
    }
}

BOOST_AUTO_TEST_CASE(MutationsThatBreakSoundnessAreAlwaysReported)
{
    std::mt19937 random(777);
    int mutated = 0;
    for (int i = 0; i < kModels; ++i) {
        const auto model = randomStructuredModel(random, 2 + i % 4);
        for (auto mutate : {turnJoinIntoMerge, rewireFlowPastJoin, removeJoin}) {
            const auto broken = mutate(model, random);
            if (!broken)
                continue;
            ++mutated;
            if (!reportsUnsoundness(*broken))
                BOOST_FAIL("mutation not reported:\n" << dump(*broken));
        }
    }
    BOOST_TEST(mutated > 300);
}

BOOST_AUTO_TEST_SUITE_END()
