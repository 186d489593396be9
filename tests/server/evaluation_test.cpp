// 好差评 and the rectification loop on a workspace, on SQLite and on
// PostgreSQL: every branch of the loop, the rules, and the metrics against
// counts kept by the test itself.
#include "services/seeding/demo_seeder.h"
#include "services/evaluation/evaluation_desk.h"
#include "server/tool/server_cli.h"

#include "tests/support/backends.h"
#include "workflow/calendar/calendar_json.h"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <iostream>
#include <map>
#include <tuple>
#include <random>
#include <sstream>

using namespace tongban;
using namespace tongban::workflow;
using namespace tongban::testing;
using namespace std::chrono;

namespace {

using Backends = boost::mpl::list<SqliteBackend, PostgresBackend>;

const Actor kClerk{"clerk01", "政务服务中心"};
const Actor kHrss{"hrss01", "人力资源和社会保障局"};
const Actor kSupervisor{"supervisor01", "政务服务中心"};
const Actor kRevisitor{"clerk02", "政务服务中心"};

/// 09:00 in Nanjing on a day of November or December 2026.
Instant nanjing(unsigned day, int hour = 9, unsigned monthNumber = 11)
{
    return Instant{sys_days{year{2026} / month{monthNumber} / std::chrono::day{day}}} + hours{hour - 8};
}

template <typename Backend>
struct Desk {
    Backend backend;
    std::unique_ptr<store::Store> store = store::Store::open(backend.location());
    EvaluationSettings settings;

    Desk()
    {
        services::SeedOptions options;
        options.cases = 0;
        services::seedDemo(*store, options);
    }

    /// A 正常退休 case without a housing fund, accepted at the window and worked to the end.
    std::string finishedCase(Instant accepted, const std::string& channel = "窗口")
    {
        const CaseData data{{"situation.has_housing_fund", false}, {"situation.retirement_kind", std::string("正常退休")}};
        auto created = store->createCase({"retirement", 0, "320102", channel, {"陈建国", "320113196208053451"}, data,
                                          kClerk, accepted, {}});
        BOOST_TEST_REQUIRE(created.has_value());
        Instant at = accepted;
        for (int step = 0; step < 10; ++step) {
            const auto state = store->caseState(created->caseNumber);
            if (!state->isRunning())
                break;
            const auto tasks = store->tasksOfCase(created->caseNumber);
            const auto open = std::ranges::find(tasks, store::TaskState::Open, &store::TaskView::state);
            BOOST_TEST_REQUIRE((open != tasks.end()));
            at += hours{1};
            const Actor actor = open->department == "政务服务中心" ? kClerk : kHrss;
            BOOST_TEST_REQUIRE(store->execute(created->caseNumber, Command{CompleteTask{open->task, Outcome::Approve, {}, {}, {}},
                                                                          actor, at})
                                   .has_value());
        }
        return created->caseNumber;
    }

    Evaluation evaluation(const std::string& caseNumber, EvaluationLevel level, Instant at,
                          EvaluatedObject object = {EvaluatedKind::Matter, "retirement"})
    {
        Evaluation e;
        e.caseNumber = caseNumber;
        e.object = std::move(object);
        e.level = level;
        e.channel = EvaluationChannel::Window;
        e.items = {{"整体满意度", level}, {"服务态度", level}};
        e.reasonTags = isBad(level) ? std::vector<std::string>{"办理时间长"} : std::vector<std::string>{};
        e.comment = isBad(level) ? "等了很久才拿到结果" : "";
        e.evaluator = {"陈建国", "320113196208053451", "13812345678", false};
        e.at = at;
        return e;
    }

    Evaluation record(const Evaluation& e)
    {
        auto recorded = services::recordEvaluation(*store, e, settings);
        BOOST_TEST_REQUIRE(recorded.has_value(), (recorded ? "" : recorded.error().message.en));
        return *recorded;
    }

    std::string refusal(const Evaluation& e)
    {
        auto recorded = services::recordEvaluation(*store, e, settings);
        return recorded ? std::string("recorded") : recorded.error().message.en;
    }

    std::vector<std::string> openNodes(const std::string& rectification)
    {
        std::vector<std::string> nodes;
        for (const auto& task : store->tasksOfCase(rectification))
            if (task.state == store::TaskState::Open || task.state == store::TaskState::Claimed)
                nodes.push_back(task.node + "@" + task.department);
        return nodes;
    }
};


void require(const std::expected<void, services::DeskRefusal>& step)
{
    BOOST_TEST_REQUIRE(step.has_value(), (step ? "" : step.error().message.en));
}

} // namespace

BOOST_AUTO_TEST_SUITE(Evaluations)

BOOST_AUTO_TEST_CASE_TEMPLATE(ABadEvaluationIsRectifiedRevisitedAndClosed, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Desk<Backend> desk;
    const auto number = desk.finishedCase(nanjing(2));
    const auto bad = desk.record(desk.evaluation(number, EvaluationLevel::Dissatisfied, nanjing(3),
                                                 {EvaluatedKind::Department, "人力资源和社会保障局"}));
    BOOST_TEST(!bad.rectificationCase.empty());
    // 谁办理、谁负责: the verification waits in the rated department's inbox.
    BOOST_TEST(desk.openNodes(bad.rectificationCase) == std::vector<std::string>{"verify@人力资源和社会保障局"},
               boost::test_tools::per_element());
    const auto inbox = desk.store->inbox("人力资源和社会保障局", 10);
    BOOST_TEST(std::ranges::any_of(inbox.tasks, [&](const auto& t) { return t.caseNumber == bad.rectificationCase; }));

    // A follow-up before the loop closes is refused.
    auto followUp = desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(10), bad.object);
    followUp.followUpOf = bad.id;
    BOOST_TEST(desk.refusal(followUp) == "a follow-up is taken once the rectification of a bad evaluation has closed");

    require(services::verifyRectification(*desk.store, bad.rectificationCase, RectificationKind::AtOnce,
                                        "电话联系申请人，属实：材料流转延误一天", {"a1b2"}, kHrss, nanjing(3, 11)));
    require(services::replyToEvaluator(*desk.store, bad.rectificationCase, "已优化流转，向申请人致歉", {}, kHrss,
                                     nanjing(5)));
    BOOST_TEST(desk.openNodes(bad.rectificationCase) == std::vector<std::string>{"revisit@政务服务中心"},
               boost::test_tools::per_element());
    require(services::recordRevisit(*desk.store, bad.rectificationCase, true, false, "申请人表示满意", kRevisitor,
                                  nanjing(6)));
    const auto closed = desk.store->caseByNumber(bad.rectificationCase);
    BOOST_TEST((closed->status == CaseStatus::Completed));
    const auto state = desk.store->caseState(bad.rectificationCase);
    BOOST_TEST(std::get<std::string>(state->data.at("rectification.kind")) == "立行立改");
    BOOST_TEST(std::get<std::string>(state->data.at("verify.finding")) == "电话联系申请人，属实：材料流转延误一天");

    // Now the one follow-up is taken, and a second is not.
    const auto followed = desk.record(followUp);
    BOOST_TEST(followed.rectificationCase.empty());
    BOOST_TEST(desk.refusal(followUp) == "a bad evaluation takes one follow-up only");
    BOOST_TEST(desk.store->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(AnUnsatisfiedEvaluatorSendsItBackUntilSettled, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Desk<Backend> desk;
    const auto number = desk.finishedCase(nanjing(2));
    const auto bad = desk.record(desk.evaluation(number, EvaluationLevel::VeryDissatisfied, nanjing(3)));
    // The matter as a whole belongs to the one thing's lead department.
    BOOST_TEST(desk.openNodes(bad.rectificationCase) == std::vector<std::string>{"verify@人力资源和社会保障局"},
               boost::test_tools::per_element());
    const auto& rect = bad.rectificationCase;
    require(services::verifyRectification(*desk.store, rect, RectificationKind::WithDeadline, "系统对接问题，需限期整改",
                                        {}, kHrss, nanjing(4)));
    require(services::replyToEvaluator(*desk.store, rect, "已列入整改台账", {}, kHrss, nanjing(10)));
    require(services::recordRevisit(*desk.store, rect, false, false, "申请人认为仍未解决", kRevisitor, nanjing(11)));
    BOOST_TEST(desk.openNodes(rect) == std::vector<std::string>{"verify@人力资源和社会保障局"}, boost::test_tools::per_element());
    require(services::verifyRectification(*desk.store, rect, RectificationKind::Explain, "依规定须本人到场，无法更改", {},
                                        kHrss, nanjing(12)));
    BOOST_TEST(desk.openNodes(rect) == std::vector<std::string>{"explain@人力资源和社会保障局"}, boost::test_tools::per_element());
    require(services::replyToEvaluator(*desk.store, rect, "已向申请人解释政策依据", {}, kHrss, nanjing(13)));
    const auto noReason = services::recordRevisit(*desk.store, rect, false, true, "", kRevisitor, nanjing(16));
    BOOST_TEST(noReason.error().message.en == "closing while the evaluator is unsatisfied needs the reason on record");
    require(services::recordRevisit(*desk.store, rect, false, true, "已解释，申请人仍不认可；按规定办结留档", kSupervisor,
                                  nanjing(16)));
    const auto state = desk.store->caseState(rect);
    BOOST_TEST((state->status == CaseStatus::Completed));
    BOOST_TEST(!std::get<bool>(state->data.at("revisit.satisfied")));
    const auto records = services::evaluationRecords(*desk.store, nanjing(20));
    BOOST_REQUIRE_EQUAL(records.rectifications.size(), 1u);
    BOOST_TEST(records.rectifications[0].revisited);
    BOOST_TEST(!records.rectifications[0].satisfied);
    BOOST_TEST(records.rectifications[0].onTime);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(AppealsAreUpheldOrRejectedWithTheirReasons, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Desk<Backend> desk;
    const auto first = desk.finishedCase(nanjing(2));
    const auto second = desk.finishedCase(nanjing(2, 11));
    const auto upheldBad = desk.record(desk.evaluation(first, EvaluationLevel::Dissatisfied, nanjing(3)));
    const auto rejectedBad = desk.record(desk.evaluation(second, EvaluationLevel::Dissatisfied, nanjing(3)));
    for (const auto& bad : {upheldBad, rejectedBad})
        require(services::verifyRectification(*desk.store, bad.rectificationCase, RectificationKind::Appeal,
                                            "评价内容与本办件无关，系误评", {"c0ffee"}, kHrss, nanjing(4)));
    BOOST_TEST(desk.openNodes(upheldBad.rectificationCase) == std::vector<std::string>{"appeal-review@政务服务中心"},
               boost::test_tools::per_element());
    const auto noReason = services::decideAppeal(*desk.store, upheldBad.rectificationCase, true, "", kSupervisor, nanjing(5));
    BOOST_TEST(noReason.error().message.en == "an appeal decision keeps its reason");
    require(services::decideAppeal(*desk.store, upheldBad.rectificationCase, true, "经核查录音，评价针对他人办件", kSupervisor,
                                 nanjing(5)));
    require(services::decideAppeal(*desk.store, rejectedBad.rectificationCase, false, "证据不足", kSupervisor, nanjing(5)));
    BOOST_TEST((desk.store->caseByNumber(upheldBad.rectificationCase)->status == CaseStatus::Completed));
    BOOST_TEST(desk.openNodes(rejectedBad.rectificationCase) == std::vector<std::string>{"rectify@人力资源和社会保障局"},
               boost::test_tools::per_element());
    BOOST_TEST(std::get<std::string>(desk.store->caseState(upheldBad.rectificationCase)->data.at("appeal.reason")) ==
               "经核查录音，评价针对他人办件");

    const auto metrics = services::evaluationMetrics(*desk.store, nationalCalendar(), nanjing(6), desk.settings);
    BOOST_TEST(metrics.excludedByAppeal == 1);
    BOOST_TEST(metrics.counted == 1);
    BOOST_TEST(metrics.bad == 1);
    BOOST_TEST(metrics.rectifications == 1);
    BOOST_TEST(metrics.closed == 0);
    // A step that does not fit where the loop stands is refused and changes nothing.
    const auto early = services::replyToEvaluator(*desk.store, upheldBad.rectificationCase, "x", {}, kHrss, nanjing(6));
    BOOST_TEST(early.error().message.en == "rectification " + upheldBad.rectificationCase + " is not waiting for a reply");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(AnOverdueRectificationTurnsRed, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Desk<Backend> desk;
    const auto number = desk.finishedCase(nanjing(2));
    const auto bad = desk.record(desk.evaluation(number, EvaluationLevel::Dissatisfied, nanjing(3)));
    // Verification is due by the close of the next working day, Wednesday 4 November.
    const auto before = desk.store->warnings(nanjing(3, 12), 1);
    const auto after = desk.store->warnings(nanjing(9), 1);
    const auto isVerify = [&](const store::TaskWarning& w) { return w.caseNumber == bad.rectificationCase; };
    BOOST_TEST(std::ranges::none_of(before.overdueTasks, isVerify));
    const auto red = std::ranges::find_if(after.overdueTasks, isVerify);
    BOOST_REQUIRE((red != after.overdueTasks.end()));
    BOOST_TEST(red->department == "人力资源和社会保障局");
    BOOST_TEST(red->nodeInfo().id == "verify");
    const auto open = services::evaluationMetrics(*desk.store, nationalCalendar(), nanjing(9), desk.settings);
    BOOST_TEST(open.openByAge[1] == 1);  // 2 to 5 working days old
    BOOST_TEST(open.rectifications == 1);
    BOOST_TEST(open.closed == 0);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(TheRulesOfEvaluation, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Desk<Backend> desk;
    const auto number = desk.finishedCase(nanjing(2));
    desk.record(desk.evaluation(number, EvaluationLevel::VerySatisfied, nanjing(3)));
    BOOST_TEST(desk.refusal(desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(3))) ==
               "this object of the case has been evaluated already: one evaluation per object per case");
    BOOST_TEST(desk.refusal(desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(20),
                                            {EvaluatedKind::Department, "人力资源和社会保障局"})) ==
               "the evaluation window of 7 days after completion has closed");
    BOOST_TEST(desk.refusal(desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(3),
                                            {EvaluatedKind::Department, "税务局"})) ==
               "department 税务局 did no work on the case");
    desk.record(desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(3), {EvaluatedKind::Staff, "clerk01"}));
    auto online = desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(3), {EvaluatedKind::Department, "政务服务中心"});
    online.channel = EvaluationChannel::Online;
    BOOST_TEST(desk.refusal(online) == "'服务态度' is not rated on the online channel");
    online.items = {{"平台操作性", EvaluationLevel::Satisfied}};
    desk.record(online);
    auto paper = desk.evaluation(number, EvaluationLevel::Satisfied, nanjing(3), {EvaluatedKind::Department, "人力资源和社会保障局"});
    paper.channel = EvaluationChannel::Paper;
    BOOST_TEST(desk.refusal(paper) == "a paper or hotline evaluation records who entered it");
    paper.enteredBy = "clerk02";
    BOOST_TEST(desk.refusal(paper) == "recorded");
    BOOST_TEST(desk.refusal(paper) ==
               "this object of the case has been evaluated already: one evaluation per object per case");

    const auto onlineCase = desk.finishedCase(nanjing(2), "网上");
    auto staff = desk.evaluation(onlineCase, EvaluationLevel::Satisfied, nanjing(3), {EvaluatedKind::Staff, "clerk01"});
    BOOST_TEST(desk.refusal(staff) == "a case handled online or at a kiosk rates the matter only");
    auto anonymous = desk.evaluation(onlineCase, EvaluationLevel::Satisfied, nanjing(3));
    anonymous.evaluator = {};
    BOOST_TEST(desk.refusal(anonymous) == "a real-name evaluation needs the evaluator's name and identity number");
    anonymous.evaluator.anonymous = true;
    desk.record(anonymous);
}

BOOST_AUTO_TEST_CASE(ChangedLimitsPublishANewVersionOfTheLoop)
{
    Desk<SqliteBackend> desk;
    BOOST_TEST(services::ensureRectificationProcess(*desk.store, desk.settings, kSupervisor, nanjing(2)) == 1);
    BOOST_TEST(services::ensureRectificationProcess(*desk.store, desk.settings, kSupervisor, nanjing(2)) == 1);
    desk.settings.rectifyLimit = {5, LimitUnit::WorkingDays};
    const auto opened = services::openRectification(*desk.store, "税务局", "投诉", "320102", desk.settings, kSupervisor,
                                                  nanjing(3));
    BOOST_REQUIRE(opened.has_value());
    const auto view = desk.store->caseByNumber(*opened);
    BOOST_TEST(view->definitionVersion == 2);
    BOOST_TEST(view->channel == "投诉");
    BOOST_TEST(desk.openNodes(*opened) == std::vector<std::string>{"verify@税务局"}, boost::test_tools::per_element());
    // A designer's own version keeps its changes; only the limits follow the settings.
    auto edited = desk.store->definition("rectification", 0)->definition();
    edited.status = DefinitionStatus::Draft;
    edited.version = 3;
    edited.node(*edited.findNode("revisit")).name = "电话回访";
    BOOST_TEST_REQUIRE(desk.store->publishDefinition(edited, {"designer01", "政务服务中心"}, nanjing(4)).has_value());
    desk.settings.revisitLimit = {2, LimitUnit::WorkingDays};
    BOOST_TEST(services::ensureRectificationProcess(*desk.store, desk.settings, kSupervisor, nanjing(5)) == 4);
    const auto fourth = desk.store->definition("rectification", 4)->definition();
    BOOST_TEST(fourth.nodes()[*fourth.findNode("revisit")].name == "电话回访");
    BOOST_TEST(fourth.nodes()[*fourth.findNode("revisit")].timeLimit->amount == 2);
    BOOST_TEST(fourth.nodes()[*fourth.findNode("rectify")].timeLimit->amount == 5);

    BOOST_TEST(services::openRectification(*desk.store, "财政局", "投诉", "320102", desk.settings, kSupervisor, nanjing(3))
                   .error()
                   .message.en == "there is no department 财政局");
    BOOST_TEST(services::openRectification(*desk.store, "税务局", "差评", "320102", desk.settings, kSupervisor, nanjing(3))
                   .error()
                   .message.en == "a rectification opened by hand comes from 督查发现 or 投诉");
}

BOOST_AUTO_TEST_CASE(OnlyThoseWhoMustContactTheEvaluatorSeeThem)
{
    Evaluation e;
    e.evaluator = {"陈建国", "320113196208053451", "13812345678", false};
    const auto hidden = services::visibleTo(e, {"tax01", "王芳", "税务局", store::Role::Officer}, "人力资源和社会保障局");
    BOOST_TEST(hidden.evaluator.name.empty());
    BOOST_TEST(hidden.evaluator.phone.empty());
    const auto owner = services::visibleTo(e, {"hrss01", "刘洋", "人力资源和社会保障局", store::Role::Officer}, "人力资源和社会保障局");
    BOOST_TEST(owner.evaluator.phone == "13812345678");
    BOOST_TEST(services::mayContactEvaluator({"supervisor01", "陈建国", "政务服务中心", store::Role::Supervisor}, "税务局"));
    BOOST_TEST(!services::mayContactEvaluator({"designer01", "吴晓", "政务服务中心", store::Role::Designer}, "政务服务中心"));
}

BOOST_AUTO_TEST_CASE(MetricsAgreeWithACountKeptAlongTheWay)
{
    Desk<SqliteBackend> desk;
    desk.settings.unrated = UnratedPolicy::CountsAsBasicallySatisfied;
    std::mt19937 random(20261129);
    const auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
    struct Kept {
        int ended = 0, evaluated = 0, good = 0, bad = 0, upheld = 0, closed = 0, revisited = 0, satisfied = 0;
        int defaulted = 0;
        std::map<int, int> byLevel;
    } kept;
    const Instant at = nanjing(30);
    for (int i = 0; i < 40; ++i) {
        const auto accepted = nanjing(2 + static_cast<unsigned>(i % 20), 9 + i % 7);
        const auto number = desk.finishedCase(accepted);
        ++kept.ended;
        const bool late = accepted + days{1} + days{7} < at;  // ended within hours; its window closed by `at`
        if (!chance(70)) {
            if (late)
                ++kept.defaulted, ++kept.good, ++kept.byLevel[3];
            continue;
        }
        ++kept.evaluated;
        const int level = 1 + static_cast<int>(random() % 5);
        const auto recorded = desk.record(desk.evaluation(number, static_cast<EvaluationLevel>(level), accepted + hours{6}));
        if (level >= 3) {
            ++kept.good, ++kept.byLevel[level];
            continue;
        }
        const auto& rect = recorded.rectificationCase;
        const Instant t = accepted + days{1};
        if (chance(25)) {
            require(services::verifyRectification(*desk.store, rect, RectificationKind::Appeal, "误评", {}, kHrss, t));
            const bool upheld = chance(50);
            require(services::decideAppeal(*desk.store, rect, upheld, "复核", kSupervisor, t + hours{1}));
            if (upheld) {
                ++kept.upheld;
                continue;
            }
        } else {
            require(services::verifyRectification(*desk.store, rect, RectificationKind::AtOnce, "属实", {}, kHrss, t));
        }
        ++kept.bad, ++kept.byLevel[level];
        if (chance(20))
            continue;  // still being rectified
        require(services::replyToEvaluator(*desk.store, rect, "已整改", {}, kHrss, t + hours{2}));
        ++kept.revisited;
        const bool satisfied = chance(70);
        require(services::recordRevisit(*desk.store, rect, satisfied, true, "回访", kRevisitor, t + hours{3}));
        ++kept.closed;
        kept.satisfied += satisfied ? 1 : 0;
    }
    const auto metrics = services::evaluationMetrics(*desk.store, nationalCalendar(), at, desk.settings);
    BOOST_TEST(metrics.endedCases == kept.ended);
    BOOST_TEST(metrics.evaluatedCases == kept.evaluated);
    BOOST_TEST(metrics.defaulted == kept.defaulted);
    BOOST_TEST(metrics.good == kept.good);
    BOOST_TEST(metrics.bad == kept.bad);
    BOOST_TEST(metrics.excludedByAppeal == kept.upheld);
    BOOST_TEST(metrics.counted == kept.good + kept.bad);
    BOOST_TEST(metrics.rectifications == kept.bad);
    BOOST_TEST(metrics.closed == kept.closed);
    BOOST_TEST(metrics.revisited == kept.revisited);
    BOOST_TEST(metrics.satisfiedAfterRevisit == kept.satisfied);
    BOOST_TEST(metrics.closedOnTime == kept.closed);  // every step within hours
    for (const auto& [level, count] : kept.byLevel)
        BOOST_TEST(metrics.byLevel.at(static_cast<EvaluationLevel>(level)) == count, "level " << level);
    BOOST_TEST(metrics.goodRate().value_or(-1) == static_cast<double>(kept.good) / (kept.good + kept.bad));
    BOOST_TEST(metrics.activeRate().value_or(-1) == static_cast<double>(kept.evaluated) / kept.ended);
    BOOST_TEST(kept.bad > 3);
    BOOST_TEST(kept.upheld + kept.closed > 3);
    // Three working hours from opening to closing, for every closed rectification.
    BOOST_TEST(metrics.averageWorkingDays().value_or(-1) > 0.0);
    BOOST_TEST(metrics.percentileWorkingDays(0.9).value_or(-1) <= 2.0);
}

BOOST_AUTO_TEST_CASE(TheEvaluateCommandPrintsTheRectificationItOpened)
{
    Desk<SqliteBackend> desk;
    const auto number = desk.finishedCase(nanjing(2));
    const auto run = [&](std::vector<std::string> args) {
        std::istringstream in;
        std::ostringstream out, err;
        const int code = server::cli::run(args, in, out, err);
        return std::tuple{code, out.str(), err.str()};
    };
    const auto [code, out, err] = run({"evaluate", "--db", desk.backend.location(), "--case", number, "--level", "1",
                                       "--channel", "窗口", "--comment", "排队太久", "--at", "2026-11-03T10:00:00+08:00"});
    BOOST_TEST(code == 0, err);
    BOOST_TEST(out.starts_with("evaluation: 1\nrectification: 320102-20261103-"));
    const auto [again, _, againErr] = run({"evaluate", "--db", desk.backend.location(), "--case", number, "--level", "5",
                                          "--channel", "window", "--at", "2026-11-03T11:00:00+08:00"});
    BOOST_TEST(again == 1);
    BOOST_TEST(againErr == "tongban-server: this object of the case has been evaluated already: one evaluation per "
                           "object per case\n");
    BOOST_TEST(std::get<0>(run({"evaluate", "--db", desk.backend.location(), "--case", number, "--level", "6",
                                "--channel", "window"})) == 2);
    BOOST_TEST(std::get<0>(run({"evaluate", "--db", desk.backend.location(), "--case", number, "--level", "3",
                                "--channel", "fax"})) == 2);
    BOOST_TEST(std::get<0>(run({"evaluate", "--db", desk.backend.location(), "--case", "none", "--level", "3",
                                "--channel", "window"})) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
