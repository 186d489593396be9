// Time limits as designers type them: a zero-day limit (即办件, done the day
// it is accepted) is valid in every format, and a limit beyond any real
// procedure (a typo of 30,000 working days) is refused when the definition is
// validated, before a due time could run off the calendar.
#include "tests/workflow/model_builder.h"
#include "workflow/analysis/validator.h"
#include "workflow/bpmn/bpmn.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/clock/deadline.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"

#include <boost/test/unit_test.hpp>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;

namespace {

ProcessDefinition oneTask(TimeLimit limit)
{
    auto definition = ModelBuilder::sequence({"review"});
    for (std::size_t n = 0; n < definition.nodes().size(); ++n)
        if (definition.nodes()[n].id == "review")
            definition.node(n).timeLimit = limit;
    return definition;
}

} // namespace

BOOST_AUTO_TEST_SUITE(TimeLimits)

BOOST_AUTO_TEST_CASE(ALimitBeyondAnyProcedureIsRefusedAtValidation)
{
    const auto typo = validate(oneTask({30000, LimitUnit::WorkingDays}));
    BOOST_TEST(hasCode(typo.diagnostics, "limit.too-long", "review"));
    BOOST_TEST(!typo.ok());
    BOOST_TEST(hasCode(validate(oneTask({7001, LimitUnit::WorkingHours})).diagnostics, "limit.too-long", "review"));
    BOOST_TEST(hasCode(validate(oneTask({1001, LimitUnit::NaturalDays})).diagnostics, "limit.too-long", "review"));
    // The longest a limit may be is still valid.
    BOOST_TEST(!hasCode(validate(oneTask({1000, LimitUnit::WorkingDays})).diagnostics, "limit.too-long"));

    auto promised = ModelBuilder("p").start().task("review", 1).end().flow("start", "review").flow("review", "end").promised(30000).build();
    BOOST_TEST(hasCode(validate(promised).diagnostics, "limit.too-long", ""));
}

BOOST_AUTO_TEST_CASE(AZeroDayLimitIsDueAtTheCloseOfTheDayItOpens)
{
    const auto report = validate(oneTask({0, LimitUnit::WorkingDays}));
    BOOST_TEST(report.ok());
    const auto& calendar = nationalCalendar();
    // Wednesday 2 December 2026, 10:00 in Beijing: due at that day's close.
    const auto opened = *parseInstant("2026-12-02T02:00:00Z");
    BOOST_TEST(formatInstant(plainDueTime(calendar, {0, LimitUnit::WorkingDays}, opened)) ==
               formatInstant(calendar.closeOf(calendar.localDay(opened))));
}

BOOST_AUTO_TEST_CASE(AZeroDayLimitSurvivesJsonAndBpmn)
{
    const auto definition = oneTask({0, LimitUnit::WorkingDays});
    const auto json = readDefinition(writeDefinition(definition));
    BOOST_TEST_REQUIRE(json.has_value());
    BOOST_TEST((json->definition.nodes()[1].timeLimit == TimeLimit{0, LimitUnit::WorkingDays}));

    const auto bpmn = bpmn::readBpmn(bpmn::writeBpmn(definition));
    BOOST_TEST_REQUIRE(bpmn.has_value(), (bpmn ? std::string() : bpmn.error().message));
    bool found = false;
    for (const auto& node : bpmn->definition.nodes())
        if (node.id == "review") {
            found = true;
            BOOST_TEST((node.timeLimit == TimeLimit{0, LimitUnit::WorkingDays}));
        }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_SUITE_END()
