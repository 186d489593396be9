// Working-day arithmetic on the shipped national schedules.
#include "workflow/calendar/calendar_json.h"
#include "workflow/calendar/icalendar.h"

#include "workflow/runtime/case_state_json.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

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

BOOST_AUTO_TEST_SUITE(CalendarFiles)

namespace {
std::string calendarWith(const std::string& years)
{
    return R"({
  "format": "tongban.calendar/1",
  "years": [)" + years + R"(]
})";
}
std::string errorOf(const std::string& text)
{
    auto read = readCalendar(text);
    BOOST_TEST_REQUIRE(!read.has_value());
    return read.error().describe();
}
} // namespace

BOOST_AUTO_TEST_CASE(ImpossibleDatesAndOverlapsAreRefusedWithTheLine)
{
    BOOST_TEST(errorOf(calendarWith(R"({"year": 2026, "holidays": [{"name": "x", "from": "2026-02-30"}]})")) ==
               "line 3, column 63: years[0].holidays[0].from: '2026-02-30' is not a date that exists");
    BOOST_TEST(errorOf(calendarWith(R"({"year": 2026, "holidays": [
      {"name": "a", "from": "2026-05-01", "to": "2026-05-05"},
      {"name": "b", "from": "2026-05-04", "to": "2026-05-06"}]})")) ==
               "line 5, column 29: years[0].holidays[1].from: holiday 'b' overlaps 'a'");
    BOOST_TEST(errorOf(calendarWith(R"({"year": 2026, "holidays": [{"name": "a", "from": "2026-05-01", "to": "2026-05-05"}],
      "workdays": [{"date": "2026-05-02"}]})")).ends_with("2026-05-02 is both a holiday and an adjusted working day"));
    BOOST_TEST(errorOf(calendarWith(R"({"year": 2026, "holidays": [{"name": "a", "from": "2025-12-31"}]})"))
                   .ends_with("'2025-12-31' is not in 2026"));
    BOOST_TEST(errorOf(calendarWith(R"({"year": 2026}, {"year": 2026})")).ends_with("year 2026 appears twice"));
    BOOST_TEST(errorOf(R"({"format": "tongban.calendar/1", "officeHours": [{"from": "14:00", "to": "12:00"}], "years": []})")
                   .ends_with("office hours end at 12:00, not after they start at 14:00"));
    BOOST_TEST(errorOf("{\n  \"format\": \"tongban.calendar/1\",\n  \"years\": [\n}").starts_with("line 4, column 1: invalid JSON"));
}

BOOST_AUTO_TEST_CASE(WritingThenReadingACalendarGivesItBack)
{
    const auto text = writeCalendar(nationalCalendar().data());
    auto again = readCalendar(text);
    BOOST_TEST_REQUIRE(again.has_value(), (again ? "" : again.error().describe()));
    BOOST_TEST(writeCalendar(*again) == text);
    const Calendar copy(*again);
    for (Day d = sys_days{2024y / January / 1}; d <= sys_days{2026y / December / 31}; d += days{1})
        BOOST_TEST_REQUIRE(copy.isWorkingDay(d) == nationalCalendar().isWorkingDay(d));
}

BOOST_AUTO_TEST_CASE(ICalendarFeedsReadHolidaysAndWorkdays)
{
    const std::string feed =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:节假日\r\n"
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节 休\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:国庆节 补班\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260920\r\nDTEND;VALUE=DATE:20260921\r\nSUMMARY:国庆\r\n"
        " 节 补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    auto data = readICalendar(feed);
    BOOST_TEST_REQUIRE(data.has_value(), (data ? "" : data.error().describe()));
    const Calendar calendar(*data);
    BOOST_TEST(!calendar.isWorkingDay(sys_days{2026y / October / 7}));
    BOOST_TEST(calendar.isWorkingDay(sys_days{2026y / October / 8}));
    BOOST_TEST(calendar.isWorkingDay(sys_days{2026y / October / 10}));  // Saturday, 补班
    BOOST_TEST(calendar.isWorkingDay(sys_days{2026y / September / 20}));  // folded SUMMARY line
    BOOST_TEST(calendar.hasDataFor(2026));

    auto bad = readICalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260230\nEND:VEVENT\nEND:VCALENDAR\n");
    BOOST_TEST(bad.error().describe() == "line 3, column 1: DTSTART '20260230' is not a date that exists");
    BOOST_TEST(readICalendar("hello").error().describe() ==
               "line 1, column 1: not an iCalendar file: it must begin with BEGIN:VCALENDAR");
    BOOST_TEST(readICalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n").error().message ==
               "the event that starts on line 2 is not closed");
}

BOOST_AUTO_TEST_CASE(AnICalendarDateOutsideTheCoveredYearsIsRefusedWhereItIsRead)
{
    // Found by fuzzing: an event in 2126 reached the calendar's index, which threw.
    std::ifstream file(std::string(TONGBAN_SOURCE_DIR) + "/tests/data/fuzz-findings/calendar-event-after-2100.ics",
                       std::ios::binary);
    const std::string finding{std::istreambuf_iterator<char>(file), {}};
    BOOST_TEST_REQUIRE(!finding.empty());
    const auto read = readICalendar(finding);
    BOOST_TEST_REQUIRE(!read.has_value());
    BOOST_TEST(read.error().describe() ==
               "line 5, column 1: DTSTART '21261001' is outside the years a calendar covers (1990 to 2100)");
    BOOST_TEST(readICalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:19891231\nEND:VEVENT\nEND:VCALENDAR\n")
                   .error()
                   .message == "DTSTART '19891231' is outside the years a calendar covers (1990 to 2100)");
    BOOST_TEST(readICalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:21001231\nEND:VEVENT\nEND:VCALENDAR\n")
                   .has_value());
}

BOOST_AUTO_TEST_SUITE_END()
