// Simulation on the engine: deterministic for a seed, every case finishes,
// and scarce staff shows up as waiting at the steps of the busy department.
#include "workflow/model/definition_json.h"
#include "workflow/simulation/simulation.h"

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

BOOST_AUTO_TEST_SUITE_END()
