// Working-day calendars (工作日历): weekly pattern, office hours, public
// holidays and adjusted working days (调休), as data.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow {

using Instant = std::chrono::sys_seconds;
using Day = std::chrono::sys_days;

struct Holiday {
    std::string name;
    Day from;
    Day to;  ///< inclusive
};

/// A weekend day made a working day (调休), with the holiday it makes up for.
struct AdjustedWorkday {
    Day date;
    std::string reason;
};

/// One year's published schedule and where it was published.
struct CalendarYear {
    int year = 0;
    std::string source;
    std::vector<Holiday> holidays;
    std::vector<AdjustedWorkday> workdays;
};

struct OfficePeriod {
    int startMinute = 0;  ///< minutes after local midnight
    int endMinute = 0;
};

struct CalendarData {
    std::string name;
    int utcOffsetMinutes = 8 * 60;  ///< China Standard Time has no daylight saving
    std::array<bool, 7> workingWeekdays{true, true, true, true, true, false, false};  ///< Monday first
    std::vector<OfficePeriod> officeHours{{9 * 60, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}};
    std::vector<CalendarYear> years;
};

/// The years a calendar covers: a date outside them is refused where it is read.
inline constexpr int kFirstCalendarYear = 1990;
inline constexpr int kLastCalendarYear = 2100;

/// Answers working-day questions in O(log n) from an index of every day from
/// 1990 to 2100 built once. Years without published data follow the weekly
/// pattern; `hasDataFor` tells which years are backed by data, so that the
/// missing ones can be shown as a warning rather than guessed silently.
///
/// Limits run "from the day after" (期间开始的当日不计入): a limit of N working
/// days ends at the close of office hours on the N-th working day after the
/// day it starts, whatever the hour it starts. A limit of 0 working days
/// (即办件) ends at the close of the same working day, or of the next one when
/// it starts after hours or on a day off.
class Calendar {
public:
    explicit Calendar(CalendarData data);

    const CalendarData& data() const { return m_data; }
    bool hasDataFor(int year) const;
    /// The days the calendar answers for (1990 to 2100).
    Day firstDay() const { return m_first; }
    Day lastDay() const { return m_first + std::chrono::days{static_cast<long>(m_working.size()) - 1}; }

    Day localDay(Instant instant) const;
    bool isWorkingDay(Day day) const;
    Day nextWorkingDay(Day day) const;  ///< the first working day after `day`
    /// Close of office hours on `day`, as an instant.
    Instant closeOf(Day day) const;

    Instant addWorkingDays(Instant start, int days) const;
    /// Natural days; a limit ending on a day off moves to the next working day.
    Instant addNaturalDays(Instant start, int days) const;
    /// Office hours only, across days and holidays.
    Instant addWorkingHours(Instant start, int hours) const;
    /// Office minutes only; 0 leaves the instant as it is.
    Instant addOfficeMinutes(Instant start, long minutes) const;
    /// Office minutes in one working day (420 with the default hours).
    int officeMinutesPerDay() const { return m_minutesPerDay; }
    /// Working days after the day of `from` up to and including the day of `to`.
    int workingDaysBetween(Instant from, Instant to) const;
    /// Office minutes between two instants (0 when `to` is not after `from`).
    long officeMinutesBetween(Instant from, Instant to) const;

private:
    std::size_t indexOf(Day day) const;
    Day nthWorkingDay(long n, std::size_t from = 0) const;
    long officeMinutesBefore(Instant instant) const;

    CalendarData m_data;
    Day m_first;
    std::vector<std::uint8_t> m_working;
    std::vector<std::int32_t> m_workingBefore;  ///< working days in [m_first, m_first + i)
    int m_minutesPerDay = 0;
};

/// A day as YYYY-MM-DD ("2026-10-01").
std::string formatDay(Day day);

/// An instant in the calendar's local time to the minute ("2026-10-01 09:30").
std::string formatLocalMinute(const Calendar& calendar, Instant instant);

/// The day that YYYY-MM-DD names; std::nullopt for other text or a date that does not exist.
std::optional<Day> parseDay(std::string_view text);

} // namespace tongban::workflow
