// Simulation on the engine: deterministic for a seed, every case finishes,
// and scarce staff shows up as waiting at the steps of the busy department;
// cases that cannot finish are counted with why, and no figure divides by nothing.
#include "workflow/model/definition_json.h"
#include "workflow/simulation/simulation.h"
#include "workflow/tool/workflow_cli.h"

#include <Poco/TemporaryFile.h>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <numeric>
#include <sstream>

using namespace tongban::workflow;

namespace {

std::shared_ptr<const ExecutableProcess> reference()
{
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/reference-one-thing.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto loaded = readDefinition(text.str());
    BOOST_TEST_REQUIRE(loaded.has_value());
    auto process = ExecutableProcess::compile(loaded->definition);
    BOOST_TEST_REQUIRE(process.has_value());
    return *process;
}

/// One department's review, worked by whichever department the applicant names:
/// an answer the engine refuses (an empty department) keeps the case from starting.
std::string namedByTheApplicant(const std::string& answers)
{
    return R"({"format": "tongban.process/1", "key": "named",
      "fields": {"applicant.department": {"type": "string", "values": [)" + answers + R"(]}},
      "nodes": [{"id": "start", "type": "start"},
                {"id": "review", "type": "task", "department": "$applicant.department", "timeLimit": {"amount": 1}},
                {"id": "end", "type": "end"}],
      "flows": [{"id": "f1", "from": "start", "to": "review"}, {"id": "f2", "from": "review", "to": "end"}]})";
}

std::shared_ptr<const ExecutableProcess> compiled(const std::string& json)
{
    auto loaded = readDefinition(json);
    BOOST_TEST_REQUIRE(loaded.has_value());
    auto process = ExecutableProcess::compile(loaded->definition);
    BOOST_TEST_REQUIRE(process.has_value());
    return *process;
}

} // namespace

BOOST_AUTO_TEST_SUITE(Simulation)

BOOST_AUTO_TEST_CASE(TheSameSeedGivesTheSameFiguresAndEveryCaseFinishes)
{
    const auto process = reference();
    SimulationSettings settings;
    settings.cases = 300;
    const auto first = simulate(*process, settings);
    const auto again = simulate(*process, settings);
    BOOST_TEST(first.finished == 300u);
    BOOST_TEST(first.meanLeadDays == again.meanLeadDays);
    BOOST_TEST(first.p90LeadDays == again.p90LeadDays);
    BOOST_TEST(std::accumulate(first.leadHistogram.begin(), first.leadHistogram.end(), std::size_t{0}) == 300u);
    BOOST_TEST(first.p50LeadDays <= first.p90LeadDays);
    BOOST_TEST(first.p90LeadDays <= first.maxLeadDays);
    settings.seed = 2;
    BOOST_TEST(simulate(*process, settings).meanLeadDays != first.meanLeadDays);
}

BOOST_AUTO_TEST_CASE(WithAmpleStaffCasesTakeTheirWorkAndNoMore)
{
    const auto process = reference();
    SimulationSettings settings;
    settings.cases = 200;
    settings.arrivalsPerDay = 2;
    settings.defaultStaff = 50;
    settings.returnShare = 0;
    settings.defaultWork = {7, 7, 7};  // a working day a step, exactly
    const auto report = simulate(*process, settings);
    // accept, then each department reviews and approves in parallel, then issue: four steps in a row.
    BOOST_TEST(report.meanLeadDays == 4.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(report.maxLeadDays == 4.0, boost::test_tools::tolerance(1e-6));
    for (const auto& step : report.bottlenecks)
        BOOST_TEST(step.meanWaitHours == 0.0);
}

BOOST_AUTO_TEST_CASE(AShortDepartmentIsWhereWorkWaits)
{
    const auto process = reference();
    SimulationSettings settings;
    settings.cases = 400;
    settings.arrivalsPerDay = 6;
    settings.defaultStaff = 20;
    const auto& tax = process->definition().nodes()[*process->definition().findNode("tax-review")].department;
    settings.staff[tax] = 1;
    const auto report = simulate(*process, settings);
    BOOST_TEST_REQUIRE(!report.bottlenecks.empty());
    BOOST_TEST(report.bottlenecks.front().department == tax);
    BOOST_TEST(report.bottlenecks.front().utilisation > 0.9);
    BOOST_TEST(report.bottlenecks.back().meanWaitHours < 0.5);
}

BOOST_AUTO_TEST_CASE(CasesThatCannotFinishAreCountedWithWhyAndNoFigureDividesByNothing)
{
    SimulationSettings settings;
    settings.cases = 50;
    const auto none = simulate(*compiled(namedByTheApplicant(R"("")")), settings);
    BOOST_TEST(none.finished == 0u);
    BOOST_TEST(none.unfinished == 50u);
    BOOST_TEST_REQUIRE(none.unfinishedBy.size() == 1u);
    BOOST_TEST(none.unfinishedBy[0].cases == 50u);
    BOOST_TEST(none.unfinishedBy[0].node.empty(), "refused before any step");
    BOOST_TEST(none.unfinishedBy[0].reason.en.find("applicant.department") != std::string::npos, none.unfinishedBy[0].reason.en);
    BOOST_TEST(none.unfinishedBy[0].reason.zh.find("applicant.department") != std::string::npos, none.unfinishedBy[0].reason.zh);
    BOOST_TEST(none.workingDays == 0.0);
    BOOST_TEST(none.throughputPerDay == 0.0);
    BOOST_TEST(none.meanLeadDays == 0.0);
    BOOST_TEST(none.leadHistogram.empty());
    for (const auto& step : none.bottlenecks)
        BOOST_TEST(step.utilisation == 0.0);

    // Half the applicants name no department: the others' figures are theirs alone.
    const auto some = simulate(*compiled(namedByTheApplicant(R"("", "税务局")")), settings);
    BOOST_TEST(some.finished > 0u);
    BOOST_TEST(some.unfinished > 0u);
    BOOST_TEST(some.finished + some.unfinished == 50u);
    BOOST_TEST(std::accumulate(some.leadHistogram.begin(), some.leadHistogram.end(), std::size_t{0}) == some.finished);
    BOOST_TEST(some.throughputPerDay > 0.0);
    for (const auto& step : some.bottlenecks) {
        BOOST_TEST(step.utilisation >= 0.0);
        BOOST_TEST(step.utilisation <= 1.0);
    }
}

BOOST_AUTO_TEST_CASE(CasesThatNeedNoStepCountInTheLengthOfTheRun)
{
    // Applicants online need no check: their cases finish as they arrive.
    const auto process = compiled(R"({"format": "tongban.process/1", "key": "quick",
      "fields": {"applicant.online": {"type": "boolean"}},
      "nodes": [{"id": "start", "type": "start"}, {"id": "x", "type": "exclusiveGateway"},
                {"id": "check", "type": "task", "department": "窗口", "timeLimit": {"amount": 1}},
                {"id": "m", "type": "exclusiveGateway"}, {"id": "end", "type": "end"}],
      "flows": [{"id": "f1", "from": "start", "to": "x"},
                {"id": "f2", "from": "x", "to": "check", "condition": "applicant.online == false"},
                {"id": "f3", "from": "x", "to": "m", "default": true},
                {"id": "f4", "from": "check", "to": "m"}, {"id": "f5", "from": "m", "to": "end"}]})");
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SimulationSettings settings;
        settings.cases = 3;
        settings.arrivalsPerDay = 0.5;
        settings.seed = seed;
        const auto report = simulate(*process, settings);
        BOOST_TEST(report.finished == 3u);
        BOOST_TEST(report.workingDays > 0.0, "seed " << seed);
        BOOST_TEST(report.throughputPerDay == 3 / report.workingDays, boost::test_tools::tolerance(1e-9));
        for (const auto& step : report.bottlenecks)
            BOOST_TEST(step.utilisation <= 1.0, "seed " << seed << ": " << step.utilisation);
    }
}

BOOST_AUTO_TEST_CASE(TheToolSaysHowManyCasesDidNotFinishAndWhy)
{
    Poco::TemporaryFile file;  // read as JSON: it does not end in .bpmn or .xml
    std::ofstream(file.path()) << namedByTheApplicant(R"("")");
    std::ostringstream out, err;
    const int code = cli::runTool(cli::kWorkflowTool, {"--lang", "en", "simulate", file.path(), "--cases", "20"}, out, err, cli::run);
    BOOST_TEST(code == 0);
    BOOST_TEST(err.str().empty(), err.str());
    const auto text = out.str();
    BOOST_TEST(text.starts_with("cases: 20\nfinished: 0\nunfinished: 20\n"), text);
    BOOST_TEST(text.find("unfinished_reason: 20 refused at the start: field 'applicant.department' names the department "
                         "that works a task and cannot be empty\n") != std::string::npos, text);
    // Lead times, throughput and busy officers need finished cases and worked steps: none are printed.
    BOOST_TEST(text.find("lead_days") == std::string::npos, text);
    BOOST_TEST(text.find("throughput") == std::string::npos, text);
    BOOST_TEST(text.find("bottleneck") == std::string::npos, text);

    std::ostringstream chinese, ignored;
    cli::runTool(cli::kWorkflowTool, {"--lang", "zh_CN", "simulate", file.path(), "--cases", "20"}, chinese, ignored, cli::run);
    BOOST_TEST(chinese.str().find("unfinished_reason: 20 开始时被拒绝：") != std::string::npos, chinese.str());
}

BOOST_AUTO_TEST_SUITE_END()
