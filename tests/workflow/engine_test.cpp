// The runtime: every node type, command and error, and saving a case mid-way.
#include "model_builder.h"

#include "workflow/runtime/case_state_json.h"
#include "workflow/runtime/engine.h"
#include "workflow/runtime/event_json.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;
using namespace std::chrono_literals;

namespace {

const Actor kClerk{"clerk01", "政务服务中心"};
const Instant kMonday{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 9h};

/// Drives one case through the engine the way the store will: apply, then evolve.
class Scenario {
public:
    explicit Scenario(std::shared_ptr<const ExecutableProcess> process) : m_process(std::move(process)) {}

    Scenario& start(CaseData data = {})
    {
        run(Command{StartCase{"320100-20261130-000001", std::move(data)}, kClerk, kMonday});
        return *this;
    }

    Scenario& complete(const std::string& nodeId, Outcome outcome = Outcome::Approve, const std::string& reason = {},
                       const std::string& returnTo = {}, CaseData patch = {})
    {
        run(Command{CompleteTask{task(nodeId), outcome, reason, returnTo, std::move(patch)}, kClerk, kMonday});
        return *this;
    }

    EngineError refused(const Command& command)
    {
        const CaseState before = m_state;
        auto result = apply(*m_process, m_state, command);
        BOOST_TEST_REQUIRE(!result.has_value(), "the command should be refused");
        BOOST_TEST((m_state == before));
        return result.error();
    }

    TaskNumber task(const std::string& nodeId) const
    {
        const auto node = m_process->definition().findNode(nodeId);
        for (const auto& open : m_state.marking.openTasks)
            if (node && open.node == *node)
                return open.number;
        BOOST_FAIL("no open task at " + nodeId + "; open: " + openList());
        return 0;
    }

    std::vector<std::string> open() const
    {
        std::vector<std::string> ids;
        for (const auto& task : m_state.marking.openTasks)
            ids.push_back(m_process->definition().nodes()[task.node].id);
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    std::string openList() const
    {
        std::string text;
        for (const auto& id : open())
            text += id + " ";
        return text;
    }

    int tokens() const
    {
        int total = 0;
        for (auto t : m_state.marking.flowTokens)
            total += t;
        return total;
    }

    void run(const Command& command)
    {
        auto events = apply(*m_process, m_state, command);
        BOOST_TEST_REQUIRE(events.has_value(), (events ? "" : events.error().describe()));
        evolve(m_state, *events);
        m_history.insert(m_history.end(), events->begin(), events->end());
    }

    const ExecutableProcess& process() const { return *m_process; }
    CaseState& state() { return m_state; }
    const Events& history() const { return m_history; }

private:
    std::shared_ptr<const ExecutableProcess> m_process;
    CaseState m_state;
    Events m_history;
};

std::shared_ptr<const ExecutableProcess> example(const std::string& file)
{
    auto compiled = ExecutableProcess::compile(loadExample(file));
    BOOST_TEST_REQUIRE(compiled.has_value());
    return *compiled;
}

CaseData restaurant(bool sign, bool tobacco, double area, const std::string& kind = "餐馆")
{
    return {{"situation.outdoor_sign", sign}, {"situation.sells_tobacco", tobacco}, {"business.area", area},
            {"business.kind", kind}};
}

const std::vector<std::string> kReviews{"fund-review", "hrss-review", "market-review", "police-review", "tax-review"};

Command completeCommand(TaskNumber task, Outcome outcome = Outcome::Approve, std::string reason = {},
                        std::string returnTo = {})
{
    return Command{CompleteTask{task, outcome, std::move(reason), std::move(returnTo), {}}, kClerk, kMonday};
}

} // namespace

BOOST_AUTO_TEST_SUITE(Engine)

BOOST_AUTO_TEST_CASE(SequenceOpensOneTaskAfterAnother)
{
    ModelBuilder m;
    m.start().task("a").task("b").end().flow("start", "a").flow("a", "b").flow("b", "end");
    Scenario s(m.compile());
    s.start();
    BOOST_TEST(s.state().status == CaseStatus::Running);
    BOOST_TEST(s.open() == std::vector<std::string>{"a"});
    s.complete("a");
    BOOST_TEST(s.open() == std::vector<std::string>{"b"});
    s.complete("b");
    BOOST_TEST(s.open().empty());
    BOOST_TEST(s.tokens() == 0);
    BOOST_TEST(s.state().status == CaseStatus::Completed);
    BOOST_TEST(s.state().endedAt.has_value());
}

BOOST_AUTO_TEST_CASE(AnEmptyDepartmentFieldIsRefusedAtTheStart)
{
    ModelBuilder m;
    m.start().task("verify", 1, "$owner.department").end().flow("start", "verify").flow("verify", "end");
    m.field("owner.department", FieldType::String);
    const auto process = m.compile();
    CaseState state;
    const auto refused = apply(*process, state, Command{StartCase{"c1", {{"owner.department", std::string()}}}, {}, {}});
    BOOST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.en ==
               "field 'owner.department' names the department that works a task and cannot be empty");
    BOOST_TEST(apply(*process, state, Command{StartCase{"c1", {{"owner.department", std::string("税务局")}}}, {}, {}})
                   .has_value());
}

BOOST_AUTO_TEST_CASE(ParallelJoinWaitsForEveryBranch)
{
    Scenario s(example("reference-one-thing.json"));
    s.start().complete("accept");
    BOOST_TEST(s.open() == kReviews);
    for (const auto& review : kReviews) {
        BOOST_TEST(s.open().size() == 5u);
        s.complete(review);
    }
    const std::vector<std::string> approvals{"fund-approve", "hrss-approve", "market-approve", "police-approve",
                                             "tax-approve"};
    BOOST_TEST(s.open() == approvals);
    for (std::size_t i = 0; i + 1 < approvals.size(); ++i) {
        s.complete(approvals[i]);
        BOOST_TEST(s.tokens() == static_cast<int>(i + 1));  // waiting at the join
    }
    s.complete(approvals.back());
    BOOST_TEST(s.open() == std::vector<std::string>{"issue"});
    BOOST_TEST(s.tokens() == 0);
    s.complete("issue");
    BOOST_TEST(s.state().status == CaseStatus::Completed);
}

BOOST_AUTO_TEST_CASE(ExclusiveTakesTheFirstTrueConditionElseTheDefault)
{
    auto process = example("restaurant-opening.json");
    Scenario big(process);
    big.start(restaurant(false, false, 500)).complete("accept").complete("licence-check");
    BOOST_TEST(big.open() == (std::vector<std::string>{"fire-inspection", "food"}));
    Scenario small(process);
    small.start(restaurant(false, false, 80)).complete("accept").complete("licence-check");
    BOOST_TEST(small.open() == (std::vector<std::string>{"fire-promise", "food"}));
    Scenario kitchen(process);
    kitchen.start(restaurant(false, false, 80, "中央厨房")).complete("accept").complete("licence-check");
    BOOST_TEST(kitchen.open() == (std::vector<std::string>{"fire-inspection", "food"}));
}

BOOST_AUTO_TEST_CASE(InclusiveJoinWaitsOnlyForTheBranchesItsSplitActivated)
{
    auto process = example("restaurant-opening.json");
    Scenario s(process);
    s.start(restaurant(true, false, 30)).complete("accept").complete("licence-check");
    BOOST_TEST(s.open() == (std::vector<std::string>{"food", "signboard"}));
    s.complete("signboard");
    BOOST_TEST(s.open() == std::vector<std::string>{"food"});
    s.complete("food");
    BOOST_TEST(s.open() == std::vector<std::string>{"issue"});

    Scenario all(process);
    all.start(restaurant(true, true, 400)).complete("accept").complete("licence-check");
    BOOST_TEST(all.open() == (std::vector<std::string>{"fire-inspection", "food", "signboard", "tobacco"}));
    all.complete("tobacco").complete("fire-inspection").complete("food");
    BOOST_TEST(all.open() == std::vector<std::string>{"signboard"});
    all.complete("signboard").complete("issue");
    BOOST_TEST(all.state().status == CaseStatus::Completed);

    Scenario none(process);
    none.start(restaurant(false, false, 20)).complete("accept").complete("licence-check");
    BOOST_TEST(none.open() == std::vector<std::string>{"food"});  // the one permit every restaurant needs
}

BOOST_AUTO_TEST_CASE(ReturnReopensTheEarlierTaskAndDiscardsOnlyTheBranchItLeaves)
{
    Scenario s(example("reference-one-thing.json"));
    s.start().complete("accept").complete("fund-review").complete("fund-approve");
    BOOST_TEST(s.tokens() == 1);  // fund's branch waits at the join
    s.complete("market-review");
    const auto before = s.task("police-review");
    s.complete("market-approve", Outcome::Return, "申请人名称与章程不一致", "market-review");
    BOOST_TEST(s.open() == (std::vector<std::string>{"hrss-review", "market-review", "police-review", "tax-review"}));
    BOOST_TEST(s.task("police-review") == before);
    BOOST_TEST(s.tokens() == 1);
    for (const auto* node : {"market-review", "market-approve", "police-review", "police-approve", "tax-review",
                             "tax-approve", "hrss-review", "hrss-approve", "issue"})
        s.complete(node);
    BOOST_TEST(s.state().status == CaseStatus::Completed);
    BOOST_TEST(s.tokens() == 0);
}

BOOST_AUTO_TEST_CASE(ReturnBeforeTheSplitDiscardsEveryBranch)
{
    Scenario s(example("reference-one-thing.json"));
    s.start().complete("accept").complete("fund-review").complete("fund-approve").complete("tax-review");
    s.complete("police-review", Outcome::Return, "材料不全，退回窗口补正", "accept");
    BOOST_TEST(s.open() == std::vector<std::string>{"accept"});
    BOOST_TEST(s.tokens() == 0);
    s.complete("accept");
    BOOST_TEST(s.open() == kReviews);
    const auto returned = std::count_if(s.history().begin(), s.history().end(),
                                        [](const Event& e) { return std::holds_alternative<TaskReturned>(e.what); });
    BOOST_TEST(returned == 1);
}

BOOST_AUTO_TEST_CASE(RejectionWithoutARouteEndsTheCaseNotGranted)
{
    Scenario s(example("reference-one-thing.json"));
    s.start().complete("accept").complete("tax-review");
    s.complete("market-review", Outcome::Reject, "经营范围涉及前置许可，未取得");
    BOOST_TEST(s.state().status == CaseStatus::NotGranted);
    BOOST_TEST(s.open().empty());
    BOOST_TEST(s.tokens() == 0);
}

BOOST_AUTO_TEST_CASE(RejectionFollowsItsRouteAndStillEndsNotGranted)
{
    Scenario s(example("restaurant-opening.json"));
    s.start(restaurant(true, true, 400)).complete("accept").complete("licence-check");
    s.complete("fire-inspection", Outcome::Reject, "疏散通道不符合要求");
    BOOST_TEST(s.open() == std::vector<std::string>{"refusal"});
    BOOST_TEST(s.state().status == CaseStatus::Running);
    s.complete("refusal");
    BOOST_TEST(s.state().status == CaseStatus::NotGranted);
}

BOOST_AUTO_TEST_CASE(WithdrawAndCancelEndTheCaseWithTheirReason)
{
    auto process = example("reference-one-thing.json");
    Scenario withdrawn(process);
    withdrawn.start().complete("accept");
    withdrawn.run(Command{WithdrawCase{"申请人主动撤回"}, kClerk, kMonday});
    BOOST_TEST(withdrawn.state().status == CaseStatus::Withdrawn);
    BOOST_TEST(withdrawn.open().empty());
    Scenario cancelled(process);
    cancelled.start();
    cancelled.run(Command{CancelCase{"重复录入"}, kClerk, kMonday});
    BOOST_TEST(cancelled.state().status == CaseStatus::Cancelled);
    const auto& ended = std::get<CaseEnded>(cancelled.history().back().what);
    BOOST_TEST(ended.reason == "重复录入");
}

BOOST_AUTO_TEST_CASE(DataPatchesReachLaterConditions)
{
    ModelBuilder m;
    m.field("review.passed", FieldType::Boolean);
    m.start().task("review").exclusive("x").task("issue").task("explain").exclusive("m").end();
    m.flow("start", "review").flow("review", "x").flow("x", "issue", "review.passed").defaultFlow("x", "explain");
    m.flow("issue", "m").flow("explain", "m").flow("m", "end");
    Scenario s(m.compile());
    s.start({{"review.passed", false}});
    s.complete("review", Outcome::Approve, {}, {}, {{"review.passed", true}});
    BOOST_TEST(s.open() == std::vector<std::string>{"issue"});
    BOOST_TEST(std::get<bool>(s.state().data.at("review.passed")));
}

BOOST_AUTO_TEST_CASE(RefusedCommandsNameCaseNodeAndReasonAndChangeNothing)
{
    auto process = example("reference-one-thing.json");
    Scenario s(process);
    BOOST_TEST(s.refused(completeCommand(1)).code == EngineErrorCode::CaseNotRunning);
    s.start().complete("accept");

    BOOST_TEST(s.refused(Command{StartCase{"again", {}}, kClerk, kMonday}).code == EngineErrorCode::CaseAlreadyStarted);
    auto unknown = s.refused(completeCommand(999));
    BOOST_TEST(unknown.code == EngineErrorCode::UnknownTask);
    BOOST_TEST(unknown.describe() == "case 320100-20261130-000001: there is no open task #999");

    auto noReason = s.refused(completeCommand(s.task("tax-review"), Outcome::Reject));
    BOOST_TEST(noReason.code == EngineErrorCode::ReasonRequired);
    BOOST_TEST(noReason.nodeId == "tax-review");
    BOOST_TEST(s.refused(completeCommand(s.task("tax-review"), Outcome::Return, {}, "accept")).code ==
               EngineErrorCode::ReasonRequired);

    auto noFlow = s.refused(completeCommand(s.task("tax-review"), Outcome::Return, "理由", "market-review"));
    BOOST_TEST(noFlow.code == EngineErrorCode::ReturnNotAllowed);
    BOOST_TEST(noFlow.describe() ==
               "case 320100-20261130-000001, node tax-review: the definition has no return flow from this task to "
               "'market-review'");
    BOOST_TEST(s.refused(completeCommand(s.task("tax-review"), Outcome::Return, "理由", "nowhere")).code ==
               EngineErrorCode::ReturnNotAllowed);

    auto stale = completeCommand(s.task("tax-review"));
    stale.expectedVersion = s.state().version - 1;
    BOOST_TEST(s.refused(stale).code == EngineErrorCode::VersionConflict);
    auto fresh = completeCommand(s.task("tax-review"));
    fresh.expectedVersion = s.state().version;
    s.run(fresh);

    BOOST_TEST(s.refused(Command{WithdrawCase{""}, kClerk, kMonday}).code == EngineErrorCode::ReasonRequired);
    s.run(Command{CancelCase{"测试"}, kClerk, kMonday});
    BOOST_TEST(s.refused(Command{CancelCase{"再次"}, kClerk, kMonday}).code == EngineErrorCode::CaseNotRunning);
}

BOOST_AUTO_TEST_CASE(AClaimedTaskIsWorkedOnlyByTheOfficerWhoClaimedIt)
{
    Scenario s(example("reference-one-thing.json"));
    s.start().complete("accept");
    const Actor wang{"wang", "税务局"}, li{"li", "税务局"};
    const auto task = s.task("tax-review");
    s.run(Command{ClaimTask{task}, wang, kMonday});
    BOOST_TEST(s.state().findTask(task)->assignee == "wang");

    auto byOther = Command{CompleteTask{task, Outcome::Approve, {}, {}, {}}, li, kMonday};
    auto error = s.refused(byOther);
    BOOST_TEST(error.code == EngineErrorCode::TaskClaimedByOther);
    BOOST_TEST(error.message.en == "the task is claimed by wang");
    BOOST_TEST(s.refused(Command{ClaimTask{task}, li, kMonday}).code == EngineErrorCode::TaskClaimedByOther);
    BOOST_TEST(s.refused(Command{ReleaseTask{task}, li, kMonday}).code == EngineErrorCode::TaskClaimedByOther);

    s.run(Command{ReleaseTask{task}, wang, kMonday});
    BOOST_TEST(s.state().findTask(task)->assignee.empty());
    BOOST_TEST(s.refused(Command{ReleaseTask{task}, wang, kMonday}).code == EngineErrorCode::TaskNotClaimed);
    s.run(Command{ClaimTask{task}, li, kMonday});
    s.run(Command{CompleteTask{task, Outcome::Approve, {}, {}, {}}, li, kMonday});
    BOOST_TEST(s.open().size() == 5u);  // tax-approve opened, unclaimed
    BOOST_TEST(s.state().findTask(s.task("tax-approve"))->assignee.empty());
}

BOOST_AUTO_TEST_CASE(CaseDataIsCheckedAgainstDeclaredFields)
{
    auto process = example("restaurant-opening.json");
    Scenario s(process);
    auto missing = restaurant(true, false, 30);
    missing.erase("business.area");
    auto error = s.refused(Command{StartCase{"c1", missing}, kClerk, kMonday});
    BOOST_TEST(error.code == EngineErrorCode::InvalidData);
    BOOST_TEST(error.message.en == "field 'business.area' is missing");
    BOOST_TEST(s.refused(Command{StartCase{"c1", restaurant(true, false, 30, "夜总会")}, kClerk, kMonday}).message.en ==
               "field 'business.kind' has \"夜总会\", which is not one of its allowed values");
    auto wrongType = restaurant(true, false, 30);
    wrongType["business.area"] = std::string("30");
    BOOST_TEST(s.refused(Command{StartCase{"c1", wrongType}, kClerk, kMonday}).message.en ==
               "field 'business.area' must be a number, not \"30\"");
    BOOST_TEST(s.refused(Command{StartCase{"", restaurant(true, false, 30)}, kClerk, kMonday}).code ==
               EngineErrorCode::InvalidData);

    s.start(restaurant(true, false, 30));
    auto patch = completeCommand(s.task("accept"));
    std::get<CompleteTask>(patch.action).dataPatch = {{"situation.sells_tobacco", std::string("yes")}};
    auto badPatch = s.refused(patch);
    BOOST_TEST(badPatch.nodeId == "accept");
    BOOST_TEST(badPatch.message.en == "field 'situation.sells_tobacco' must be a boolean, not \"yes\"");

    // The window fills the applicant's section; another department's answers are not its to change.
    std::get<CompleteTask>(patch.action).dataPatch = {{"situation.sells_tobacco", true}};
    const auto outside = s.refused(patch);
    BOOST_TEST(outside.code == EngineErrorCode::InvalidData);
    BOOST_TEST(outside.message.en ==
               "field 'situation.sells_tobacco' is outside this step's form section 'applicant' and cannot be changed here");
    std::get<CompleteTask>(patch.action).dataPatch = {{"applicant.mobile", std::string("13912345678")}};
    s.run(patch);
    BOOST_TEST(std::get<std::string>(s.state().data.at("applicant.mobile")) == "13912345678");
}

BOOST_AUTO_TEST_CASE(ACaseStaysOnTheDefinitionItStartedOn)
{
    auto v1 = loadExample("reference-one-thing.json");
    Scenario s(*ExecutableProcess::compile(v1));
    s.start();
    auto draft = v1;
    draft.status = DefinitionStatus::Draft;
    draft.version = 2;
    auto v2 = ExecutableProcess::compile(draft);
    BOOST_TEST_REQUIRE(v2.has_value());
    auto result = apply(**v2, s.state(), completeCommand(s.task("accept")));
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST(result.error().code == EngineErrorCode::WrongDefinition);
}

BOOST_AUTO_TEST_CASE(ReplayingTheEventsRebuildsTheState)
{
    Scenario s(example("restaurant-opening.json"));
    s.start(restaurant(true, true, 400)).complete("accept").complete("licence-check").complete("tobacco");
    s.complete("signboard", Outcome::Return, "招牌尺寸超标", "accept");
    CaseState replayed;
    evolve(replayed, s.history());
    BOOST_TEST((replayed == s.state()));
}

BOOST_AUTO_TEST_CASE(SavedMidScenarioAndReloadedTheCaseGoesOnTheSame)
{
    auto process = example("restaurant-opening.json");
    Scenario s(process);
    s.start(restaurant(true, true, 400)).complete("accept").complete("licence-check").complete("tobacco");
    const auto saved = writeCaseState(*process, s.state());
    auto reloaded = readCaseState(*process, saved);
    BOOST_TEST_REQUIRE(reloaded.has_value(), (reloaded ? "" : reloaded.error().describe()));
    BOOST_TEST((*reloaded == s.state()));
    BOOST_TEST(writeCaseState(*process, *reloaded) == saved);

    Scenario resumed(process);
    resumed.state() = *reloaded;
    for (auto* scenario : {&s, &resumed})
        scenario->complete("fire-inspection").complete("food").complete("signboard").complete("issue");
    BOOST_TEST((resumed.state() == s.state()));
    BOOST_TEST(resumed.state().status == CaseStatus::Completed);
}

BOOST_AUTO_TEST_CASE(CaseFilesThatDoNotFitAreRefusedWithTheReason)
{
    auto process = example("reference-one-thing.json");
    Scenario s(process);
    s.start().complete("accept");
    const auto saved = writeCaseState(*process, s.state());
    auto replace = [&](const std::string& from, const std::string& to) {
        auto text = saved;
        text.replace(text.find(from), from.size(), to);
        return readCaseState(*process, text);
    };
    BOOST_TEST(replace("tongban.case/1", "tongban.case/2").error().describe() ==
               "format: unsupported case format 'tongban.case/2' (this version reads tongban.case/1)");
    BOOST_TEST(replace("\"node\": \"tax-review\"", "\"node\": \"gone\"").error().describe() ==
               "openTasks[2].node: unknown node 'gone'");
    BOOST_TEST(replace("\"definitionVersion\": 1", "\"definitionVersion\": 7").error().describe() ==
               "definitionKey: the case runs on enterprise-opening-reference version 7, not on enterprise-opening-reference version 1");
    BOOST_TEST(replace("\"status\": \"running\"", "\"status\": \"paused\"").error().describe() ==
               "status: unknown status 'paused'");
    BOOST_TEST(!readCaseState(*process, saved.substr(0, saved.size() / 2)).has_value());
}

namespace {
/// The departments and officers a test's workspace knows.
class KnownDirectory : public Directory {
public:
    bool hasDepartment(std::string_view code) const override { return code == "税务局" || code == "市场监管局"; }
    bool worksFor(std::string_view user, std::string_view department) const override
    {
        return (user == "wang" || user == "li") && department == "税务局";
    }
};

/// start -> decide (fills owner.department) -> verify ($owner.department) -> end
std::shared_ptr<const ExecutableProcess> routedByCaseData()
{
    ModelBuilder m;
    m.field("owner.department", FieldType::String).field("review.passed", FieldType::Boolean);
    m.start().task("decide").task("verify", 1, "$owner.department").end();
    m.flow("start", "decide").flow("decide", "verify").flow("verify", "end").returnFlow("verify", "decide");
    return m.compile();
}
} // namespace

BOOST_AUTO_TEST_CASE(APatchCannotClearAFieldThatConditionsOrDepartmentsRead)
{
    Scenario s(routedByCaseData());
    s.start({{"owner.department", std::string("税务局")}, {"review.passed", false}});
    for (const auto* field : {"owner.department", "review.passed"}) {
        auto clear = completeCommand(s.task("decide"));
        std::get<CompleteTask>(clear.action).dataPatch = {{field, Value{}}};
        const auto error = s.refused(clear);
        BOOST_TEST(error.code == EngineErrorCode::InvalidData);
        BOOST_TEST(error.message.en == "field '" + std::string(field) +
                                           "' is declared by the process, whose conditions and departments read it, "
                                           "and cannot be cleared");
    }
    // Fields the process does not declare are the form's own business.
    s.complete("decide", Outcome::Approve, {}, {}, {{"decide.note", Value{}}});
    BOOST_TEST(s.open() == std::vector<std::string>{"verify"});
}

BOOST_AUTO_TEST_CASE(ADepartmentFromCaseDataMustExistWhenItsTaskOpens)
{
    const auto process = routedByCaseData();
    const KnownDirectory directory;
    CaseState state;
    const CaseData data{{"owner.department", std::string("税务局")}, {"review.passed", true}};
    auto started = apply(*process, state, Command{StartCase{"c1", data}, kClerk, kMonday}, &directory);
    BOOST_TEST_REQUIRE(started.has_value());
    evolve(state, *started);

    const CompleteTask elsewhere{state.marking.openTasks[0].number, Outcome::Approve, {}, {},
                                 {{"owner.department", std::string("不存在局")}}};
    const auto refused = apply(*process, state, Command{elsewhere, kClerk, kMonday}, &directory);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().code == EngineErrorCode::UnknownDepartment);
    BOOST_TEST(refused.error().nodeId == "verify");
    BOOST_TEST(refused.error().message.en ==
               "task 'verify' would go to department '不存在局' (from field 'owner.department'), which does not exist");

    auto known = elsewhere;
    known.dataPatch = {{"owner.department", std::string("市场监管局")}};
    BOOST_TEST(apply(*process, state, Command{known, kClerk, kMonday}, &directory).has_value());
}

namespace {
/// start -> verify ($owner.department) -> decide -> end, decide may return to verify.
std::shared_ptr<const ExecutableProcess> returnedToCaseDataDepartment()
{
    ModelBuilder m;
    m.field("owner.department", FieldType::String);
    m.start().task("verify", 1, "$owner.department").task("decide").end();
    m.flow("start", "verify").flow("verify", "decide").flow("decide", "end").returnFlow("decide", "verify");
    return m.compile();
}

/// start -> split -> (route, handle ($owner.department)) -> join -> end
std::shared_ptr<const ExecutableProcess> departmentBesideItsTask()
{
    ModelBuilder m;
    m.field("owner.department", FieldType::String);
    m.start().parallel("split").task("route").task("handle", 1, "$owner.department").parallel("join").end();
    m.flow("start", "split").flow("split", "route").flow("split", "handle").flow("route", "join");
    m.flow("handle", "join").flow("join", "end");
    return m.compile();
}
} // namespace

BOOST_AUTO_TEST_CASE(AReturnReopensATaskOnlyForADepartmentThatExists)
{
    const auto process = returnedToCaseDataDepartment();
    const KnownDirectory directory;
    CaseState state;
    const auto run = [&](const decltype(Command::action)& action) {
        return apply(*process, state, Command{action, kClerk, kMonday}, &directory);
    };
    auto started = run(StartCase{"c1", {{"owner.department", std::string("税务局")}}});
    BOOST_TEST_REQUIRE(started.has_value());
    evolve(state, *started);
    auto verified = run(CompleteTask{state.marking.openTasks[0].number, Outcome::Approve, {}, {}, {}});
    BOOST_TEST_REQUIRE(verified.has_value());
    evolve(state, *verified);

    const auto decide = state.marking.openTasks[0].number;
    const auto refused = run(CompleteTask{decide, Outcome::Return, "重新核实", "verify",
                                          {{"owner.department", std::string("不存在局")}}});
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().code == EngineErrorCode::UnknownDepartment);
    BOOST_TEST(refused.error().nodeId == "verify");
    BOOST_TEST(run(CompleteTask{decide, Outcome::Return, "重新核实", "verify",
                                {{"owner.department", std::string("市场监管局")}}})
                   .has_value());
}

BOOST_AUTO_TEST_CASE(AnOpenTaskKeepsTheDepartmentItWasOpenedFor)
{
    Scenario s(departmentBesideItsTask());
    s.start({{"owner.department", std::string("税务局")}});
    BOOST_TEST(s.open() == (std::vector<std::string>{"handle", "route"}));
    // The tax office has the task in its inbox, perhaps claimed: another
    // step cannot move it to a department that never saw it.
    auto moving = completeCommand(s.task("route"));
    std::get<CompleteTask>(moving.action).dataPatch = {{"owner.department", std::string("市场监管局")}};
    const auto refused = s.refused(moving);
    BOOST_TEST(refused.code == EngineErrorCode::InvalidData);
    BOOST_TEST(refused.nodeId == "handle");
    BOOST_TEST(refused.message.en == "task 'handle' is open at 税务局, whose field 'owner.department' names its "
                                     "department: the field cannot change while the task is open");
    // The same value changes nothing, and the task's own completion may hand the work on.
    std::get<CompleteTask>(moving.action).dataPatch = {{"owner.department", std::string("税务局")}};
    s.run(moving);
    s.complete("handle", Outcome::Approve, {}, {}, {{"owner.department", std::string("市场监管局")}});
    BOOST_TEST(s.state().status == CaseStatus::Completed);
}

BOOST_AUTO_TEST_CASE(AReturnKeepsWhatTheOfficerRecorded)
{
    const auto process = routedByCaseData();
    Scenario s(process);
    s.start({{"owner.department", std::string("税务局")}, {"review.passed", false}}).complete("decide");
    auto clearing = completeCommand(s.task("verify"), Outcome::Return, "材料不符", "decide");
    std::get<CompleteTask>(clearing.action).dataPatch = {{"review.passed", Value{}}};
    BOOST_TEST(s.refused(clearing).code == EngineErrorCode::InvalidData);

    s.complete("verify", Outcome::Return, "材料不符", "decide", {{"review.passed", true}, {"verify.note", std::string("章程缺页")}});
    BOOST_TEST(s.open() == std::vector<std::string>{"decide"});
    BOOST_TEST(std::get<bool>(s.state().data.at("review.passed")));
    BOOST_TEST(std::get<std::string>(s.state().data.at("verify.note")) == "章程缺页");
    const auto& returned = std::get<TaskReturned>(s.history()[s.history().size() - 2].what);
    BOOST_TEST(returned.dataPatch.size() == 2u);

    // The journal keeps it: the event read back carries the same patch.
    const auto& event = s.history()[s.history().size() - 2];
    const auto again = readEvent(*process, eventName(event), writeEventBody(*process, event), event.actor, event.at);
    BOOST_TEST_REQUIRE(again.has_value());
    BOOST_TEST(std::get<TaskReturned>(again->what).dataPatch == returned.dataPatch);
}

BOOST_AUTO_TEST_CASE(ASupervisorReassignsAClaimedTaskWithAReason)
{
    auto process = example("reference-one-thing.json");
    Scenario s(process);
    s.start().complete("accept");
    const KnownDirectory directory;
    const Actor wang{"wang", "税务局"}, chief{"chief", "政务服务中心"};
    const auto task = s.task("tax-review");
    s.run(Command{ClaimTask{task}, wang, kMonday});

    BOOST_TEST(s.refused(Command{ReassignTask{task, "li", ""}, chief, kMonday}).code == EngineErrorCode::ReasonRequired);
    BOOST_TEST(s.refused(Command{ReassignTask{task, "wang", "休假"}, chief, kMonday}).message.en ==
               "the task is already claimed by wang");
    const auto stranger = apply(*process, s.state(), Command{ReassignTask{task, "zhao", "休假"}, chief, kMonday}, &directory);
    BOOST_TEST_REQUIRE(!stranger.has_value());
    BOOST_TEST(stranger.error().message.en == "user zhao does not work for 税务局 and cannot take the task");

    auto moved = apply(*process, s.state(), Command{ReassignTask{task, "li", "王某休假"}, chief, kMonday}, &directory);
    BOOST_TEST_REQUIRE(moved.has_value());
    BOOST_TEST_REQUIRE(moved->size() == 1u);
    const auto& event = std::get<TaskReassigned>(moved->front().what);
    BOOST_TEST(event.from == "wang");
    BOOST_TEST(event.to == "li");
    BOOST_TEST(event.reason == "王某休假");
    BOOST_TEST((moved->front().actor == chief));
    evolve(s.state(), *moved);
    BOOST_TEST(s.state().findTask(task)->assignee == "li");

    s.run(Command{ReassignTask{task, "", "回到部门待办"}, chief, kMonday});
    BOOST_TEST(s.state().findTask(task)->assignee.empty());
    const auto saved = writeCaseState(*process, s.state());
    BOOST_TEST((readCaseState(*process, saved).value() == s.state()));
}

BOOST_AUTO_TEST_CASE(TheApplicantIsToldOnceASecondSupplementNeedsAReason)
{
    Scenario s(example("reference-one-thing.json"));
    s.start().complete("accept");
    // A first notice is no second one: a reason for repeating it is refused, not dropped.
    const auto first = s.refused(Command{RequestSupplement{{"公司章程"}, "一次性告知", "再次补正"}, kClerk, kMonday});
    BOOST_TEST(first.code == EngineErrorCode::InvalidData);
    BOOST_TEST(first.message.en == "the applicant has not been asked to supplement yet: a first notice gives no reason "
                                   "for a second");
    s.run(Command{RequestSupplement{{"公司章程"}, "一次性告知", {}}, kClerk, kMonday});
    s.run(Command{ResumeCase{"材料已补齐"}, kClerk, kMonday});
    const auto again = s.refused(Command{RequestSupplement{{"住所证明"}, {}, {}}, kClerk, kMonday});
    BOOST_TEST(again.code == EngineErrorCode::SupplementAlreadyRequested);
    s.run(Command{RequestSupplement{{"住所证明"}, {}, "补正的章程显示住所已变更"}, kClerk, kMonday});
    const auto& paused = std::get<CasePaused>(s.history().back().what);
    BOOST_TEST(paused.repeatReason == "补正的章程显示住所已变更");
    BOOST_TEST(s.state().isPaused());
}

BOOST_AUTO_TEST_SUITE_END()
