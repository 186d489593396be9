// Evaluations, the built-in rectification loop and the metrics, as pure functions.
#include "workflow/analysis/validator.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/evaluation/evaluation_json.h"
#include "workflow/evaluation/metrics.h"
#include "workflow/evaluation/rectification.h"

#include <boost/test/unit_test.hpp>

using namespace tongban::workflow;
using namespace std::chrono;

namespace {

Instant nanjing(unsigned day, int hour = 9)
{
    return Instant{sys_days{2026y / November / std::chrono::day{day}}} + hours{hour - 8};
}

EvaluatedCase windowCase()
{
    return {"320102-20261102-000001", "retirement", "窗口", {"人力资源和社会保障局", "政务服务中心"}, {"clerk01"},
            nanjing(2), nanjing(3)};
}

Evaluation evaluation(EvaluationLevel level, Instant at, std::int64_t id = 0)
{
    Evaluation e;
    e.id = id;
    e.caseNumber = "320102-20261102-000001";
    e.object = {EvaluatedKind::Matter, "retirement"};
    e.level = level;
    e.evaluator = {"陈建国", "320113196208053451", "", false};
    e.at = at;
    return e;
}

std::string problem(const Evaluation& e, const std::vector<Evaluation>& existing = {},
                    const std::vector<std::string>& closed = {}, EvaluationSettings settings = {})
{
    const auto found = checkEvaluation(e, windowCase(), existing, closed, settings);
    return found ? found->message.en : "fine";
}

} // namespace

BOOST_AUTO_TEST_SUITE(Evaluations)

BOOST_AUTO_TEST_CASE(LevelsChannelsAndTheirItems)
{
    BOOST_TEST(isBad(EvaluationLevel::Dissatisfied));
    BOOST_TEST(!isBad(EvaluationLevel::BasicallySatisfied));
    BOOST_TEST(std::string(chineseName(EvaluationLevel::VerySatisfied)) == "非常满意");
    BOOST_TEST(!evaluationLevelFromNumber(0).has_value());
    BOOST_TEST((evaluationChannelFromString("意见箱") == EvaluationChannel::Paper));
    BOOST_TEST((evaluationChannelFromString("热线电话") == EvaluationChannel::Hotline));
    BOOST_TEST(contentItems(EvaluationChannel::Kiosk).back() == "平台操作性");
    BOOST_TEST(contentItems(EvaluationChannel::Window).back() == "服务态度");
}

BOOST_AUTO_TEST_CASE(TheWindowClosesSevenNaturalDaysAfterCompletion)
{
    BOOST_TEST(problem(evaluation(EvaluationLevel::Satisfied, nanjing(10))) == "fine");
    BOOST_TEST(problem(evaluation(EvaluationLevel::Satisfied, nanjing(10, 10))) ==
               "the evaluation window of 7 days after completion has closed");
    EvaluationSettings longer;
    longer.windowDays = 15;
    BOOST_TEST(problem(evaluation(EvaluationLevel::Satisfied, nanjing(17)), {}, {}, longer) == "fine");
    BOOST_TEST(problem(evaluation(EvaluationLevel::Satisfied, nanjing(1))) ==
               "the evaluation is dated before the case was accepted");
}

BOOST_AUTO_TEST_CASE(OneEvaluationPerObjectAndOneFollowUpAfterTheLoopCloses)
{
    auto bad = evaluation(EvaluationLevel::Dissatisfied, nanjing(3, 12), 7);
    bad.rectificationCase = "320102-20261103-000002";
    BOOST_TEST(problem(evaluation(EvaluationLevel::Satisfied, nanjing(4)), {bad}) ==
               "this object of the case has been evaluated already: one evaluation per object per case");
    auto followUp = evaluation(EvaluationLevel::Satisfied, nanjing(30));
    followUp.followUpOf = 7;
    BOOST_TEST(problem(followUp, {bad}) == "a follow-up is taken once the rectification of a bad evaluation has closed");
    BOOST_TEST(problem(followUp, {bad}, {bad.rectificationCase}) == "fine");  // after the window: allowed
    auto taken = followUp;
    taken.id = 8;
    BOOST_TEST(problem(followUp, {bad, taken}, {bad.rectificationCase}) == "a bad evaluation takes one follow-up only");
    followUp.object = {EvaluatedKind::Staff, "clerk01"};
    BOOST_TEST(problem(followUp, {bad}, {bad.rectificationCase}) ==
               "a follow-up rates the same object as the evaluation it follows");
}

BOOST_AUTO_TEST_CASE(EvaluationsReadAndWriteBack)
{
    auto e = evaluation(EvaluationLevel::VeryDissatisfied, nanjing(4), 12);
    e.channel = EvaluationChannel::Hotline;
    e.items = {{"服务态度", EvaluationLevel::VeryDissatisfied}};
    e.reasonTags = {"态度差"};
    e.comment = "窗口人员不耐烦";
    e.enteredBy = "clerk02";
    e.followUpOf = 3;
    e.rectificationCase = "320102-20261104-000001";
    const auto text = writeEvaluation(e);
    const auto again = readEvaluation(text);
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST(writeEvaluation(*again) == text);
    BOOST_TEST(writeEvaluation(e, false).find("320113196208053451") == std::string::npos);
    BOOST_TEST(readEvaluation(R"({"format": "tongban.evaluation/1", "id": 1, "case": "x",
        "object": {"kind": "matter", "id": "x"}, "level": 9, "channel": "window", "items": [],
        "at": "2026-11-04T09:00:00+08:00"})").error().describe() == "level: expected a level from 1 to 5");
}

BOOST_AUTO_TEST_CASE(TheBuiltInLoopValidatesAndTakesItsLimitsFromTheSettings)
{
    EvaluationSettings settings;
    settings.rectifyLimit = {10, LimitUnit::WorkingDays};
    const auto definition = rectificationDefinition(settings);
    const auto report = validate(definition);
    BOOST_TEST(report.ok());
    BOOST_TEST(definition.nodes()[*definition.findNode("rectify")].timeLimit->amount == 10);
    BOOST_TEST(definition.nodes()[*definition.findNode("verify")].timeLimit->amount == 1);
    BOOST_TEST(definition.nodes()[*definition.findNode("verify")].department == "$rectification.department");
    const auto data = rectificationStartData("税务局", 42, "差评");
    BOOST_TEST(std::get<std::string>(data.at("rectification.kind")) == "未分类");
    BOOST_TEST(std::get<double>(data.at("rectification.evaluation")) == 42.0);
}

BOOST_AUTO_TEST_CASE(MetricsFollowTheirDefinitions)
{
    const auto& calendar = nationalCalendar();
    auto good = evaluation(EvaluationLevel::VerySatisfied, nanjing(3), 1);
    auto bad = evaluation(EvaluationLevel::Dissatisfied, nanjing(3), 2);
    bad.caseNumber = "B";
    auto appealed = evaluation(EvaluationLevel::VeryDissatisfied, nanjing(3), 3);
    appealed.caseNumber = "C";
    auto followUp = evaluation(EvaluationLevel::Satisfied, nanjing(20), 4);
    followUp.caseNumber = "B";
    followUp.followUpOf = 2;
    const std::vector<EvaluationFacts> evaluations{{good, false}, {bad, false}, {appealed, true}, {followUp, false}};
    // Opened Tuesday 3 November 09:00, closed Thursday 5 November 09:00: two working days.
    const std::vector<RectificationFacts> rectifications{
        {"R1", 2, "税务局", nanjing(3), nanjing(5), false, true, true, true},
        {"R2", 3, "税务局", nanjing(3), nanjing(4), true, false, false, true},
        {"R3", 0, "公安局", nanjing(3), std::nullopt, false, false, false, true},
    };
    const std::vector<EndedCase> ended{{"320102-20261102-000001", nanjing(3)}, {"B", nanjing(3)}, {"C", nanjing(3)},
                                       {"D", nanjing(3)}, {"E", nanjing(25)}};
    EvaluationSettings settings;
    auto metrics = computeEvaluationMetrics(evaluations, rectifications, ended, calendar, nanjing(24), settings);
    BOOST_TEST(metrics.counted == 2);
    BOOST_TEST(metrics.excludedByAppeal == 1);
    BOOST_TEST(metrics.followUps == 1);
    BOOST_TEST(metrics.goodRate().value_or(-1) == 0.5);
    BOOST_TEST(metrics.endedCases == 4);
    BOOST_TEST(metrics.evaluatedCases == 3);
    BOOST_TEST(metrics.rectifications == 1);
    BOOST_TEST(metrics.closed == 1);
    BOOST_TEST(metrics.rectificationRate().value_or(-1) == 1.0);
    BOOST_TEST(metrics.revisitRate().value_or(-1) == 1.0);
    BOOST_TEST(metrics.averageWorkingDays().value_or(-1) == 2.0);
    BOOST_TEST(metrics.openByAge[2] == 1);  // R3: exactly 15 working days old on the 24th
    BOOST_TEST(metrics.defaulted == 0);
    settings.unrated = UnratedPolicy::CountsAsBasicallySatisfied;
    metrics = computeEvaluationMetrics(evaluations, rectifications, ended, calendar, nanjing(24), settings);
    BOOST_TEST(metrics.defaulted == 1);  // D; E ended after the 24th
    BOOST_TEST(metrics.byLevel.at(EvaluationLevel::BasicallySatisfied) == 1);
    BOOST_TEST(metrics.goodRate().value_or(-1) == 2.0 / 3.0);
}

BOOST_AUTO_TEST_SUITE_END()
