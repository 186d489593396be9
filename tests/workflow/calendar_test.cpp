// Working-day arithmetic on the shipped national schedules.
#include "workflow/calendar/calendar_json.h"

#include "workflow/runtime/case_state_json.h"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace tongban::workflow;
using namespace std::chrono;

namespace {

/// A local (UTC+8) time as an instant: "2026-02-13 10:00".
Instant local(const std::string& text)
{
    auto instant = parseInstant(text.substr(0, 10) + "T" + text.substr(11) + ":00+08:00");
    BOOST_TEST_REQUIRE(instant.has_value(), text);
    return *instant;
}

std::string show(Instant instant)
{
    return formatInstant(instant + hours{8}).substr(0, 16);  // local wall time, "YYYY-MM-DDTHH:MM"
}

const Calendar& national() { return nationalCalendar(); }

} // namespace

BOOST_AUTO_TEST_SUITE(Calendars)

BOOST_AUTO_TEST_CASE(SpringFestival2026WithItsAdjustedSaturdays)
{
    BOOST_TEST(national().isWorkingDay(sys_days{2026y / February / 14}));   // Saturday, 调休
    BOOST_TEST(!national().isWorkingDay(sys_days{2026y / February / 16}));  // Monday, 春节
    BOOST_TEST(national().isWorkingDay(sys_days{2026y / February / 28}));   // Saturday, 调休
    BOOST_TEST(show(national().addWorkingDays(local("2026-02-13 10:00"), 1)) == "2026-02-14T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2026-02-13 10:00"), 2)) == "2026-02-24T17:30");
}

BOOST_AUTO_TEST_CASE(SpringFestival2025)
{
    BOOST_TEST(national().isWorkingDay(sys_days{2025y / January / 26}));  // Sunday, 调休
    BOOST_TEST(show(national().addWorkingDays(local("2025-01-24 09:00"), 2)) == "2025-01-27T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2025-01-27 09:00"), 1)) == "2025-02-05T17:30");
}

BOOST_AUTO_TEST_CASE(NationalDay2025And2026)
{
    BOOST_TEST(show(national().addWorkingDays(local("2025-09-26 15:00"), 1)) == "2025-09-28T17:30");  // Sunday worked
    BOOST_TEST(show(national().addWorkingDays(local("2025-09-30 15:00"), 1)) == "2025-10-09T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2025-09-30 15:00"), 2)) == "2025-10-10T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2025-10-10 15:00"), 1)) == "2025-10-11T17:30");  // Saturday worked
    BOOST_TEST(show(national().addWorkingDays(local("2026-09-30 11:00"), 1)) == "2026-10-08T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2026-10-08 11:00"), 2)) == "2026-10-10T17:30");
}

BOOST_AUTO_TEST_CASE(ALimitThatStraddlesNewYear)
{
    // 31 Dec counts, 1-3 Jan are off, Sunday 4 Jan is worked, then Monday.
    BOOST_TEST(show(national().addWorkingDays(local("2025-12-30 10:00"), 3)) == "2026-01-05T17:30");
    BOOST_TEST(national().workingDaysBetween(local("2025-12-30 10:00"), local("2026-01-05 17:30")) == 3);
}

BOOST_AUTO_TEST_CASE(AcceptedAt1745OnAFridayBeforeAHoliday)
{
    // Qingming 2026: Saturday 4 to Monday 6 April off.
    BOOST_TEST(show(national().addWorkingDays(local("2026-04-03 17:45"), 1)) == "2026-04-07T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2026-04-03 17:45"), 0)) == "2026-04-07T17:30");
    BOOST_TEST(show(national().addWorkingDays(local("2026-04-03 16:45"), 0)) == "2026-04-03T17:30");
}

BOOST_AUTO_TEST_CASE(WorkingHoursSkipLunchNightsAndHolidays)
{
    BOOST_TEST(show(national().addWorkingHours(local("2026-04-03 11:00"), 2)) == "2026-04-03T14:30");
    BOOST_TEST(show(national().addWorkingHours(local("2026-04-03 16:30"), 2)) == "2026-04-07T10:00");
    BOOST_TEST(show(national().addWorkingHours(local("2026-04-03 20:00"), 7)) == "2026-04-07T17:30");
    BOOST_TEST(national().officeMinutesBetween(local("2026-04-03 11:00"), local("2026-04-07 10:00")) == 60 + 4 * 60 + 60);
}

BOOST_AUTO_TEST_CASE(NaturalDaysEndingOnADayOffMoveToTheNextWorkingDay)
{
    BOOST_TEST(show(national().addNaturalDays(local("2026-09-28 10:00"), 5)) == "2026-10-08T17:30");
    BOOST_TEST(show(national().addNaturalDays(local("2026-09-28 10:00"), 1)) == "2026-09-29T17:30");
}

BOOST_AUTO_TEST_CASE(YearsWithoutDataAreKnown)
{
    for (int year : {2024, 2025, 2026})
        BOOST_TEST(national().hasDataFor(year));
    BOOST_TEST(!national().hasDataFor(2027));
}

BOOST_AUTO_TEST_CASE(AddingThenCountingBackGivesTheSameNumber)
{
    std::mt19937 random(11);
    const auto first = local("2024-01-01 00:00");
    for (int i = 0; i < 20000; ++i) {
        const auto start = first + minutes{std::uniform_int_distribution<long>(0, 3L * 365 * 24 * 60)(random)};
        const int days = std::uniform_int_distribution<>(0, 60)(random);
        const auto due = national().addWorkingDays(start, days);
        BOOST_TEST_REQUIRE((due >= start - hours{24}));
        if (days > 0)
            BOOST_TEST_REQUIRE(national().workingDaysBetween(start, due) == days);
        BOOST_TEST_REQUIRE(national().isWorkingDay(national().localDay(due)));
        const int hours = std::uniform_int_distribution<>(1, 100)(random);
        const auto byHours = national().addWorkingHours(start, hours);
        BOOST_TEST_REQUIRE(national().officeMinutesBetween(start, byHours) == hours * 60L);
    }
}

BOOST_AUTO_TEST_SUITE_END()
