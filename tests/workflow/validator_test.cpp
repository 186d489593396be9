// Validation: each diagnostic has a model that triggers it and one that must not.
#include "model_builder.h"

#include "workflow/analysis/validator.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;

namespace {

Diagnostics findings(const ModelBuilder& builder) { return validate(builder.definition()).diagnostics; }

/// start -> a -> [AND a1 | a2] -> b -> end: the clean baseline many cases mutate.
ModelBuilder parallelModel()
{
    ModelBuilder m;
    m.start().task("a").parallel("split").task("a1").task("a2").parallel("join").task("b").end();
    m.flow("start", "a").flow("a", "split").flow("split", "a1").flow("split", "a2");
    m.flow("a1", "join").flow("a2", "join").flow("join", "b").flow("b", "end");
    return m;
}

ModelBuilder exclusiveModel(const std::string& first, const std::string& second, bool withDefault)
{
    ModelBuilder m;
    m.field("business.area", FieldType::Number).field("situation.tobacco", FieldType::Boolean);
    m.field("applicant.kind", FieldType::String, {"person", "company"});
    m.start().exclusive("x").task("a").task("b").exclusive("m").end();
    m.flow("start", "x").flow("x", "a", first);
    if (withDefault)
        m.defaultFlow("x", "b");
    else
        m.flow("x", "b", second);
    m.flow("a", "m").flow("b", "m").flow("m", "end");
    return m;
}

} // namespace

BOOST_AUTO_TEST_SUITE(Validation)

BOOST_AUTO_TEST_CASE(ShippedExamplesValidateClean)
{
    for (const auto* file : {"reference-one-thing.json", "restaurant-opening.json"}) {
        const auto report = validate(loadExample(file));
        BOOST_TEST(report.diagnostics.empty(), file << ": " << (report.diagnostics.empty() ? "" : report.diagnostics[0].message.en));
    }
    BOOST_TEST(findings(parallelModel()).empty());
}

BOOST_AUTO_TEST_CASE(ExactlyOneStartAndAtLeastOneEnd)
{
    ModelBuilder none;
    none.task("a");
    BOOST_TEST(hasCode(findings(none), "start.count"));
    BOOST_TEST(hasCode(findings(none), "end.missing"));

    ModelBuilder two;
    two.start("s1").start("s2").task("a").end().flow("s1", "a").flow("s2", "a").flow("a", "end");
    BOOST_TEST(hasCode(findings(two), "start.count", "s2"));
}

BOOST_AUTO_TEST_CASE(EveryNodeReachableAndAbleToFinish)
{
    auto m = parallelModel();
    m.task("orphan").flow("orphan", "end");
    BOOST_TEST(hasCode(findings(m), "node.unreachable", "orphan"));
    BOOST_TEST(!hasCode(findings(m), "node.dead-end"));

    ModelBuilder trap;
    trap.start().task("a").task("trap").end().flow("start", "a").flow("a", "end").returnFlow("a", "trap");
    BOOST_TEST(hasCode(findings(trap), "node.dead-end", "trap"));
    BOOST_TEST(!hasCode(findings(trap), "node.dead-end", "a"));
}

BOOST_AUTO_TEST_CASE(StartEndAndTaskDegrees)
{
    ModelBuilder m;
    m.start().task("a").task("b").end();
    m.flow("start", "a").flow("a", "b").flow("a", "end").flow("b", "end").flow("end", "b");
    const auto d = findings(m);
    BOOST_TEST(hasCode(d, "task.outgoing", "a"));
    BOOST_TEST(hasCode(d, "task.incoming", "b"));
    BOOST_TEST(hasCode(d, "end.outgoing", "end"));

    ModelBuilder s;
    s.start().task("a").end().flow("start", "a").flow("a", "end").flow("start", "end").flow("a", "start");
    BOOST_TEST(hasCode(findings(s), "start.incoming"));
    BOOST_TEST(hasCode(findings(s), "start.outgoing"));
    BOOST_TEST(!hasCode(findings(parallelModel()), "task.outgoing"));
}

BOOST_AUTO_TEST_CASE(TasksNeedADepartmentAndShouldHaveALimit)
{
    ModelBuilder m;
    m.start().end();
    Node bare;
    bare.id = "bare";
    m.flow("start", "end");
    auto definition = m.build();
    const auto index = definition.addNode(bare);
    definition.retarget(0, index);
    definition.addFlow(Flow{"out", "", FlowKind::Sequence, "", false}, index, *definition.findNode("end"));
    const auto d = validate(definition).diagnostics;
    BOOST_TEST(hasCode(d, "task.department-missing", "bare"));
    BOOST_TEST(hasCode(d, "task.time-limit-missing", "bare"));
    BOOST_TEST(codes(d, Severity::Warning) == std::vector<std::string>{"task.time-limit-missing"});
}

BOOST_AUTO_TEST_CASE(ADepartmentTakenFromCaseDataMustBeADeclaredString)
{
    ModelBuilder m;
    m.start().task("verify", 1, "$rectification.department").end().flow("start", "verify").flow("verify", "end");
    BOOST_TEST(hasCode(validate(m.build()).diagnostics, "task.department-field", "verify"));
    m.field("rectification.department", FieldType::Number);
    BOOST_TEST(hasCode(validate(m.build()).diagnostics, "task.department-field", "verify"));
    ModelBuilder declared;
    declared.start().task("verify", 1, "$rectification.department").end().flow("start", "verify").flow("verify", "end");
    declared.field("rectification.department", FieldType::String);
    BOOST_TEST(validate(declared.build()).ok());
    const Node& node = declared.definition().nodes()[1];
    BOOST_TEST(departmentFor(node, {{"rectification.department", std::string("税务局")}}) == "税务局");
    BOOST_TEST(departmentFor(declared.definition().nodes()[0], {}).empty());
}

BOOST_AUTO_TEST_CASE(GatewaysEitherSplitOrJoin)
{
    ModelBuilder mixed;
    mixed.start().parallel("s").task("a").task("b").parallel("both").task("c").task("d").parallel("j").end();
    mixed.flow("start", "s").flow("s", "a").flow("s", "b").flow("a", "both").flow("b", "both");
    mixed.flow("both", "c").flow("both", "d").flow("c", "j").flow("d", "j").flow("j", "end");
    BOOST_TEST(hasCode(findings(mixed), "gateway.mixed", "both"));

    ModelBuilder pass;
    pass.start().parallel("p").end().flow("start", "p").flow("p", "end");
    BOOST_TEST(hasCode(findings(pass), "gateway.pass-through", "p"));
    BOOST_TEST(!hasErrors(findings(pass)));
}

BOOST_AUTO_TEST_CASE(ConditionsOnlyWhereAGatewayDecides)
{
    ModelBuilder m;
    m.start().task("a").end().flow("start", "a", "x == 1").defaultFlow("a", "end");
    const auto d = findings(m);
    BOOST_TEST(hasCode(d, "flow.condition-misplaced"));
    BOOST_TEST(hasCode(d, "flow.default-misplaced"));

    auto r = parallelModel();
    auto definition = r.build();
    Flow back{"back", "", FlowKind::Return, "x == 1", false};
    definition.addFlow(back, *definition.findNode("b"), *definition.findNode("a"));
    BOOST_TEST(hasCode(validate(definition).diagnostics, "flow.condition-misplaced", "back"));
}

BOOST_AUTO_TEST_CASE(ConditionsAreParsedAndTypedAtValidation)
{
    auto syntax = exclusiveModel("business.area > ", "", true);
    BOOST_TEST(hasCode(findings(syntax), "flow.condition-syntax"));
    auto typed = exclusiveModel("business.area == \"big\"", "", true);
    BOOST_TEST(hasCode(findings(typed), "flow.condition-type"));
    auto unknown = exclusiveModel("business.size > 1", "", true);
    BOOST_TEST(hasCode(findings(unknown), "flow.condition-type"));
    auto missing = exclusiveModel("", "", true);
    BOOST_TEST(hasCode(findings(missing), "flow.condition-missing"));
    auto fine = exclusiveModel("business.area > 100", "", true);
    BOOST_TEST(findings(fine).empty());
}

BOOST_AUTO_TEST_CASE(ADefaultCoversWhatConditionsLeaveOpen)
{
    BOOST_TEST(findings(exclusiveModel("business.area > 100", "", true)).empty());
    auto twoDefaults = exclusiveModel("business.area > 100", "", true);
    auto definition = twoDefaults.build();
    definition.flow(*definition.findFlow("f2-x-a")) = Flow{"f2-x-a", "", FlowKind::Sequence, "", true};
    BOOST_TEST(hasCode(validate(definition).diagnostics, "gateway.default-multiple", "x"));

    auto ignored = exclusiveModel("business.area > 100", "", true).build();
    ignored.flow(*ignored.findFlow("f3-x-b")).condition = "business.area < 5";
    const auto d = validate(ignored).diagnostics;
    BOOST_TEST(hasCode(d, "flow.default-condition", "f3-x-b"));
    BOOST_TEST(!hasErrors(d));
}

BOOST_AUTO_TEST_CASE(ExhaustiveConditionsNeedNoDefault)
{
    BOOST_TEST(findings(exclusiveModel("business.area > 100", "business.area <= 100", false)).empty());
    BOOST_TEST(findings(exclusiveModel("situation.tobacco", "not situation.tobacco", false)).empty());
    BOOST_TEST(findings(exclusiveModel("applicant.kind == \"person\"", "applicant.kind in [\"company\"]", false)).empty());
    BOOST_TEST(findings(exclusiveModel("business.area > 100 and situation.tobacco",
                                       "business.area <= 100 or not situation.tobacco", false))
                   .empty());
}

BOOST_AUTO_TEST_CASE(GapsInConditionsAreNamed)
{
    const auto gap = findings(exclusiveModel("business.area > 100", "business.area < 100", false));
    BOOST_TEST_REQUIRE(hasCode(gap, "gateway.not-exhaustive", "x"));
    BOOST_TEST(gap[0].message.en.find("business.area = 100") != std::string::npos);
    BOOST_TEST(hasCode(findings(exclusiveModel("applicant.kind == \"person\"", "situation.tobacco", false)),
                       "gateway.not-exhaustive"));

    ModelBuilder untyped;
    untyped.start().exclusive("x").task("a").task("b").exclusive("m").end();
    untyped.flow("start", "x").flow("x", "a", "k == 1").flow("x", "b", "k != 1");
    untyped.flow("a", "m").flow("b", "m").flow("m", "end");
    BOOST_TEST(hasCode(findings(untyped), "gateway.no-default", "x"));
}

namespace {
/// A choice between two conditions over declared fields, without a default.
ModelBuilder comparison(const std::string& first, const std::string& second, FieldType type = FieldType::Number)
{
    ModelBuilder m;
    m.field("approved.area", type).field("applied.area", type).field("approved.kind", FieldType::String);
    m.start().exclusive("x").task("a").task("b").exclusive("m").end();
    m.flow("start", "x").flow("x", "a", first).flow("x", "b", second);
    m.flow("a", "m").flow("b", "m").flow("m", "end");
    return m;
}
} // namespace

BOOST_AUTO_TEST_CASE(ConditionsComparingTwoFieldsAreProvedOrRefuted)
{
    const auto gap = findings(comparison("approved.area == applied.area", "approved.area > applied.area"));
    BOOST_TEST_REQUIRE(hasCode(gap, "gateway.not-exhaustive", "x"));
    BOOST_TEST(gap[0].message.en.find("applied.area = 1, approved.area = 0") != std::string::npos,
               gap[0].message.en);

    BOOST_TEST(findings(comparison("approved.area >= applied.area", "approved.area < applied.area")).empty());
    BOOST_TEST(findings(comparison("approved.area == applied.area", "approved.area != applied.area",
                                   FieldType::String))
                   .empty());
    BOOST_TEST(hasCode(findings(comparison("approved.area == applied.area", "approved.area == \"租赁\"",
                                           FieldType::String)),
                       "gateway.not-exhaustive", "x"));
    // Three fields in one chain of comparisons: every ordering of them is tried.
    auto chain = comparison("approved.area < applied.area and applied.area < limit.area",
                            "approved.area >= applied.area");
    chain.field("limit.area", FieldType::Number);
    BOOST_TEST(hasCode(findings(chain), "gateway.not-exhaustive", "x"));
    auto closed = comparison("approved.area < applied.area and applied.area < limit.area",
                             "approved.area >= applied.area or applied.area >= limit.area");
    closed.field("limit.area", FieldType::Number);
    BOOST_TEST(findings(closed).empty());
}

BOOST_AUTO_TEST_CASE(ReturnsGoBackToATaskEveryPathPassed)
{
    auto fine = parallelModel();
    fine.returnFlow("a1", "a").returnFlow("b", "a");
    BOOST_TEST(findings(fine).empty());

    auto sideways = parallelModel();
    sideways.returnFlow("a1", "a2");
    BOOST_TEST(hasCode(findings(sideways), "return.not-earlier"));
    auto intoBranch = parallelModel();
    intoBranch.returnFlow("b", "a1");
    BOOST_TEST(hasCode(findings(intoBranch), "return.not-earlier"));
    auto forward = parallelModel();
    forward.returnFlow("a", "b");
    BOOST_TEST(hasCode(findings(forward), "return.not-earlier"));
    auto toGateway = parallelModel();
    toGateway.returnFlow("b", "split");
    BOOST_TEST(hasCode(findings(toGateway), "return.target"));
    auto fromGateway = parallelModel();
    fromGateway.returnFlow("join", "a");
    BOOST_TEST(hasCode(findings(fromGateway), "return.source"));
}

BOOST_AUTO_TEST_CASE(RejectionRoutesLeaveTasksAndAvoidJoins)
{
    auto fine = parallelModel();
    fine.task("notify").end("refused").flow("notify", "refused").rejectionFlow("a1", "notify").rejectionFlow("a2", "notify");
    BOOST_TEST(findings(fine).empty());

    auto twice = parallelModel();
    twice.task("n1").task("n2").end("e1").end("e2").flow("n1", "e1").flow("n2", "e2");
    twice.rejectionFlow("a1", "n1").rejectionFlow("a1", "n2");
    BOOST_TEST(hasCode(findings(twice), "rejection.multiple"));

    auto intoJoin = parallelModel();
    intoJoin.task("n1").task("n2").parallel("served").end("refused");
    intoJoin.flow("n1", "served").flow("n2", "served").flow("served", "refused");
    intoJoin.rejectionFlow("a1", "n1").rejectionFlow("a2", "n2");
    BOOST_TEST(hasCode(findings(intoJoin), "rejection.join-after", "served"));

    auto fromGateway = parallelModel();
    fromGateway.rejectionFlow("split", "end");
    BOOST_TEST(hasCode(findings(fromGateway), "rejection.source"));
}

BOOST_AUTO_TEST_CASE(ARejectionIsFinalItsRouteNeverRejoinsTheMainPath)
{
    // Straight to the main end: the case ends 不予许可 there.
    auto toTheEnd = parallelModel();
    toTheEnd.rejectionFlow("a1", "end");
    BOOST_TEST(findings(toTheEnd).empty());

    // Back to an earlier task: rework is a return, not a rejection.
    auto back = parallelModel();
    back.rejectionFlow("b", "a");
    const auto d = findings(back);
    BOOST_TEST(hasCode(d, "rejection.rejoins", "a"));

    // Serving the refusal, then on into the main path's next task.
    auto merging = parallelModel();
    merging.task("notify").flow("notify", "b").rejectionFlow("b", "notify");
    BOOST_TEST(hasCode(findings(merging), "rejection.rejoins", "b"));

    // A route that splits would reach an end with its other branch at work.
    auto splitting = parallelModel();
    splitting.parallel("serve").task("post").task("publish").end("e1").end("e2");
    splitting.flow("serve", "post").flow("serve", "publish").flow("post", "e1").flow("publish", "e2");
    splitting.rejectionFlow("a1", "serve");
    BOOST_TEST(hasCode(findings(splitting), "rejection.split-after", "serve"));
}

BOOST_AUTO_TEST_CASE(TheCriticalPathCountsTheLongestRejectionRoute)
{
    auto m = parallelModel();
    m.task("decide", 9).end("refused").flow("decide", "refused").rejectionFlow("a1", "decide");
    const auto report = validate(m.definition());
    BOOST_TEST_REQUIRE(report.criticalPath.has_value());
    BOOST_TEST(report.criticalPath->workingDays == 11);  // a, a1, then 9 days to serve the refusal
}

BOOST_AUTO_TEST_CASE(SequenceFlowCyclesMustBeReturns)
{
    ModelBuilder m;
    m.start().task("a").exclusive("x").task("b").end();
    m.flow("start", "a").flow("a", "x").flow("x", "b", "again == true").defaultFlow("x", "end").flow("b", "a");
    BOOST_TEST(hasCode(findings(m), "flow.cycle"));
}

BOOST_AUTO_TEST_CASE(ParallelSplitsNeedTheirJoin)
{
    ModelBuilder m;
    m.start().parallel("split").task("a1").task("a2").exclusive("merge").end();
    m.flow("start", "split").flow("split", "a1").flow("split", "a2").flow("a1", "merge").flow("a2", "merge");
    m.flow("merge", "end");
    const auto d = findings(m);
    BOOST_TEST(hasCode(d, "split.unmatched", "split"));
    BOOST_TEST(hasCode(d, "soundness.lack-of-synchronisation", "merge"));
}

BOOST_AUTO_TEST_CASE(ExclusiveSplitIntoParallelJoinDeadlocks)
{
    ModelBuilder m;
    m.start().exclusive("x").task("a1").task("a2").parallel("join").end();
    m.flow("start", "x").flow("x", "a1", "k == 1").defaultFlow("x", "a2").flow("a1", "join").flow("a2", "join");
    m.flow("join", "end");
    const auto d = findings(m);
    BOOST_TEST(hasCode(d, "join.unmatched", "join"));
    BOOST_TEST(hasCode(d, "soundness.deadlock", "join"));
}

BOOST_AUTO_TEST_CASE(InclusiveJoinOnlyBehindItsSplit)
{
    ModelBuilder m;
    m.start().parallel("split").task("a1").task("a2").inclusive("join").end();
    m.flow("start", "split").flow("split", "a1").flow("split", "a2").flow("a1", "join").flow("a2", "join");
    m.flow("join", "end");
    const auto d = findings(m);
    const auto join = std::find_if(d.begin(), d.end(), [](const Diagnostic& x) { return x.code == "join.unmatched"; });
    BOOST_TEST_REQUIRE((join != d.end()));
    BOOST_TEST(join->message.en == "inclusive join 'join' must stand behind its matching inclusive split");
}

BOOST_AUTO_TEST_CASE(BranchesEndingSeparatelyCompleteImproperly)
{
    ModelBuilder m;
    m.start().parallel("split").task("a1").task("a2").end("e1").end("e2");
    m.flow("start", "split").flow("split", "a1").flow("split", "a2").flow("a1", "e1").flow("a2", "e2");
    BOOST_TEST(hasCode(findings(m), "soundness.improper-completion"));

    ModelBuilder alternatives;
    alternatives.start().exclusive("x").task("a1").task("a2").end("e1").end("e2");
    alternatives.flow("start", "x").flow("x", "a1", "k == 1").defaultFlow("x", "a2").flow("a1", "e1").flow("a2", "e2");
    BOOST_TEST(findings(alternatives).empty());
}

BOOST_AUTO_TEST_CASE(UnstructuredButSoundModelsPass)
{
    // Exclusive branches may merge anywhere: no block structure, still sound.
    ModelBuilder m;
    m.start().exclusive("x").task("a").task("b").task("c").exclusive("m1").exclusive("m2").end();
    m.flow("start", "x").flow("x", "a", "k == 1").flow("x", "b", "k == 2").defaultFlow("x", "c");
    m.flow("a", "m1").flow("b", "m1").flow("m1", "m2").flow("c", "m2").flow("m2", "end");
    BOOST_TEST(findings(m).empty());
}

namespace {
/// `blocks` alternatives in a row, each closed by an inclusive join: sound (an
/// inclusive join fires when no other token can reach it) but not block
/// structured, so no reduction rule removes them.
ModelBuilder alternativesClosedByInclusiveJoins(int blocks)
{
    ModelBuilder m;
    m.start();
    std::string previous = "start";
    for (int b = 0; b < blocks; ++b) {
        const auto x = "x" + std::to_string(b), j = "j" + std::to_string(b);
        m.exclusive(x).task(x + "a").task(x + "b").inclusive(j);
        m.flow(previous, x).flow(x, x + "a", "k == 1").defaultFlow(x, x + "b").flow(x + "a", j).flow(x + "b", j);
        previous = j;
    }
    m.end().flow(previous, "end");
    return m;
}
} // namespace

BOOST_AUTO_TEST_CASE(UnstructuredModelsAreExploredAndHugeOnesLeftUndecidedOpenly)
{
    const auto explored = findings(alternativesClosedByInclusiveJoins(20));
    BOOST_TEST(hasCode(explored, "join.unmatched"));  // the runtime needs inclusive joins behind inclusive splits
    BOOST_TEST(!hasCode(explored, "soundness.deadlock"));
    BOOST_TEST(!hasCode(explored, "soundness.lack-of-synchronisation"));
    BOOST_TEST(!hasCode(explored, "soundness.undecided"));

    // What cannot be proved is not published: undecided is an error.
    const auto huge = findings(alternativesClosedByInclusiveJoins(1500));
    BOOST_TEST(hasCode(huge, "soundness.undecided"));
    BOOST_TEST(codes(huge, Severity::Warning).empty());
    const auto undecided = codes(huge, Severity::Error);
    BOOST_TEST((std::find(undecided.begin(), undecided.end(), "soundness.undecided") != undecided.end()));
}

namespace {
/// `branches` parallel branches, each a task and an exclusive choice whose
/// both exits run into the main parallel join: every case deadlocks there,
/// with 3^branches states for an exploration to wade through first.
ModelBuilder choicesIntoTheMainJoin(int branches)
{
    ModelBuilder m;
    m.start().parallel("split").parallel("join").end();
    m.flow("start", "split").flow("join", "end");
    for (int b = 0; b < branches; ++b) {
        const auto t = "t" + std::to_string(b), x = "x" + std::to_string(b);
        m.task(t).exclusive(x);
        m.flow("split", t).flow(t, x).flow(x, "join", "k == 1").defaultFlow(x, "join");
    }
    return m;
}
} // namespace

BOOST_AUTO_TEST_CASE(ADeadParallelJoinIsProvedNotLeftUndecided)
{
    const auto report = validate(choicesIntoTheMainJoin(16).definition());
    BOOST_TEST(!report.ok());
    BOOST_TEST(hasCode(report.diagnostics, "soundness.deadlock", "join"));
    BOOST_TEST(!hasCode(report.diagnostics, "soundness.undecided"));

    const auto few = validate(choicesIntoTheMainJoin(2).definition());
    BOOST_TEST(hasCode(few.diagnostics, "soundness.deadlock", "join"));
}

BOOST_AUTO_TEST_CASE(AJoinWaitingForTheOtherExitOfAChoiceIsDead)
{
    // Each branch either works `a` then waits at the join for `b`, or takes
    // `b` alone: whichever the choice, one input of the join never receives
    // a token while the other does. Twelve such choices stay undecided for
    // an exploration; the structure proves the deadlock.
    ModelBuilder m;
    m.start().parallel("split").parallel("join").end();
    m.flow("start", "split").flow("join", "end");
    for (int b = 0; b < 12; ++b) {
        const auto n = std::to_string(b);
        m.exclusive("x" + n).task("a" + n).task("b" + n).task("c" + n);
        m.flow("split", "x" + n).flow("x" + n, "a" + n, "k == 1").defaultFlow("x" + n, "c" + n);
        m.flow("a" + n, "join").flow("c" + n, "b" + n).flow("b" + n, "join");
    }
    const auto d = validate(m.definition()).diagnostics;
    BOOST_TEST(hasCode(d, "soundness.deadlock", "join"));
    BOOST_TEST(!hasCode(d, "soundness.undecided"));
}

BOOST_AUTO_TEST_CASE(CriticalPathTakesTheLongestBranch)
{
    ModelBuilder m;
    m.start().task("accept", 1).parallel("split").task("slow", 5).task("fast", 2).parallel("join").task("issue", 1).end();
    m.flow("start", "accept").flow("accept", "split").flow("split", "slow").flow("split", "fast");
    m.flow("slow", "join").flow("fast", "join").flow("join", "issue").flow("issue", "end").returnFlow("issue", "accept");
    const auto report = validate(m.definition());
    BOOST_TEST_REQUIRE(report.criticalPath.has_value());
    BOOST_TEST(report.criticalPath->workingDays == 7.0);
    std::vector<std::string> ids;
    for (auto n : report.criticalPath->nodes)
        ids.push_back(m.definition().nodes()[n].id);
    BOOST_TEST(ids == (std::vector<std::string>{"start", "accept", "split", "slow", "join", "issue", "end"}));
}

BOOST_AUTO_TEST_CASE(HoursCountAsSevenToAWorkingDay)
{
    auto definition = ModelBuilder::sequence({"a", "b"});
    definition.node(1).timeLimit = TimeLimit{14, LimitUnit::WorkingHours};
    BOOST_TEST(validate(definition).criticalPath->workingDays == 3.0);
}

BOOST_AUTO_TEST_CASE(PromisedLimitMayNotUndercutTheCriticalPath)
{
    ModelBuilder tight;
    tight.start().task("a", 3).task("b", 3).end().flow("start", "a").flow("a", "b").flow("b", "end").promised(5);
    const auto d = findings(tight);
    BOOST_TEST_REQUIRE(hasCode(d, "limit.promised-below-critical-path"));
    BOOST_TEST(d[0].message.zh == "承诺时限 5 个工作日短于关键路径 6 个工作日");
    tight.promised(6);
    BOOST_TEST(findings(tight).empty());

    auto definition = tight.build();
    definition.legalLimit = TimeLimit{4, LimitUnit::WorkingDays};
    BOOST_TEST(hasCode(validate(definition).diagnostics, "limit.promised-above-legal"));
}

BOOST_AUTO_TEST_CASE(FiveHundredNodeModelValidates)
{
    ModelBuilder m;
    m.start();
    std::string previous = "start";
    for (int block = 0; block < 50; ++block) {
        const auto s = "s" + std::to_string(block), j = "j" + std::to_string(block);
        m.parallel(s).parallel(j).flow(previous, s);
        for (int branch = 0; branch < 4; ++branch) {
            const auto a = "t" + std::to_string(block) + "-" + std::to_string(branch);
            m.task(a + "a").task(a + "b").flow(s, a + "a").flow(a + "a", a + "b").flow(a + "b", j);
        }
        previous = j;
    }
    m.end().flow(previous, "end");
    BOOST_TEST(m.definition().nodes().size() == 502u);
    const auto report = validate(m.definition());
    BOOST_TEST(report.diagnostics.empty());
    BOOST_TEST(report.criticalPath->workingDays == 100.0);
}

BOOST_AUTO_TEST_SUITE_END()
