// The day index behind working-day arithmetic.
#include "workflow/calendar/calendar.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace tongban::workflow {

namespace {
using namespace std::chrono;
constexpr year_month_day kIndexStart{year{kFirstCalendarYear}, January, day{1}};
constexpr year_month_day kIndexEnd{year{kLastCalendarYear}, December, day{31}};
} // namespace

Calendar::Calendar(CalendarData data) : m_data(std::move(data)), m_first(sys_days{kIndexStart})
{
    for (const auto& period : m_data.officeHours)
        m_minutesPerDay += period.endMinute - period.startMinute;
    const auto count = static_cast<std::size_t>((sys_days{kIndexEnd} - m_first).count() + 1);
    m_working.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const weekday wd{m_first + days{i}};
        m_working[i] = m_data.workingWeekdays[(wd.iso_encoding() - 1)] ? 1 : 0;
    }
    for (const auto& y : m_data.years) {
        for (const auto& holiday : y.holidays)
            for (auto d = holiday.from; d <= holiday.to; d += days{1})
                m_working[indexOf(d)] = 0;
        for (const auto& workday : y.workdays)
            m_working[indexOf(workday.date)] = 1;
    }
    m_workingBefore.resize(count + 1);
    for (std::size_t i = 0; i < count; ++i)
        m_workingBefore[i + 1] = m_workingBefore[i] + m_working[i];
}

bool Calendar::hasDataFor(int year) const
{
    return std::any_of(m_data.years.begin(), m_data.years.end(), [year](const CalendarYear& y) { return y.year == year; });
}

std::size_t Calendar::indexOf(Day day) const
{
    const auto offset = (day - m_first).count();
    if (offset < 0 || static_cast<std::size_t>(offset) >= m_working.size())
        throw std::out_of_range("calendar: date outside 1990-2100");
    return static_cast<std::size_t>(offset);
}

Day Calendar::localDay(Instant instant) const
{
    return floor<days>(instant + minutes{m_data.utcOffsetMinutes});
}

bool Calendar::isWorkingDay(Day day) const { return m_working[indexOf(day)] != 0; }

Day Calendar::nthWorkingDay(long n, std::size_t from) const
{
    // The day after which n working days have passed since the index began;
    // `from` narrows the search to days known to come later.
    const auto it = std::lower_bound(m_workingBefore.begin() + static_cast<std::ptrdiff_t>(from), m_workingBefore.end(), n);
    if (it == m_workingBefore.end())
        throw std::out_of_range("calendar: the date falls after 2100");
    return m_first + days{(it - m_workingBefore.begin()) - 1};
}

Day Calendar::nextWorkingDay(Day day) const
{
    const auto after = indexOf(day) + 1;
    return nthWorkingDay(m_workingBefore[after] + 1L, after);
}

Instant Calendar::closeOf(Day day) const
{
    const int close = m_data.officeHours.empty() ? 24 * 60 : m_data.officeHours.back().endMinute;
    return Instant{day} + minutes{close} - minutes{m_data.utcOffsetMinutes};
}

Instant Calendar::addWorkingDays(Instant start, int count) const
{
    const Day startDay = localDay(start);
    if (count <= 0) {
        if (isWorkingDay(startDay) && start < closeOf(startDay))
            return closeOf(startDay);
        return closeOf(nextWorkingDay(startDay));
    }
    const auto after = indexOf(startDay) + 1;
    return closeOf(nthWorkingDay(m_workingBefore[after] + static_cast<long>(count), after));
}

Instant Calendar::addNaturalDays(Instant start, int count) const
{
    Day end = localDay(start) + days{std::max(count, 0)};
    if (!isWorkingDay(end))
        end = nextWorkingDay(end);
    return closeOf(end);
}

int Calendar::workingDaysBetween(Instant from, Instant to) const
{
    const auto a = indexOf(localDay(from)) + 1;
    const auto b = indexOf(localDay(to)) + 1;
    return b > a ? m_workingBefore[b] - m_workingBefore[a] : 0;
}

long Calendar::officeMinutesBefore(Instant instant) const
{
    // Office minutes from the start of the index up to `instant`.
    const Day day = localDay(instant);
    const auto index = indexOf(day);
    long total = static_cast<long>(m_workingBefore[index]) * m_minutesPerDay;
    if (m_working[index]) {
        const auto minuteOfDay = duration_cast<minutes>(instant + minutes{m_data.utcOffsetMinutes} - Instant{day}).count();
        for (const auto& period : m_data.officeHours)
            total += std::clamp<long>(minuteOfDay - period.startMinute, 0, period.endMinute - period.startMinute);
    }
    return total;
}

long Calendar::officeMinutesBetween(Instant from, Instant to) const
{
    return to > from ? officeMinutesBefore(to) - officeMinutesBefore(from) : 0;
}

Instant Calendar::addWorkingHours(Instant start, int hours) const
{
    return addOfficeMinutes(start, static_cast<long>(std::max(hours, 0)) * 60);
}

Instant Calendar::addOfficeMinutes(Instant start, long officeMinutes) const
{
    if (officeMinutes <= 0)
        return start;
    if (m_minutesPerDay == 0)
        throw std::logic_error("calendar '" + m_data.name + "' has no office hours");
    const long target = officeMinutesBefore(start) + officeMinutes;
    // Find the working day on which the target minute falls, then the minute.
    const long wholeDays = target / m_minutesPerDay;
    long remainder = target % m_minutesPerDay;
    if (remainder == 0)  // exactly at a day's close
        return closeOf(nthWorkingDay(wholeDays));
    const Day day = nthWorkingDay(wholeDays + 1);
    for (const auto& period : m_data.officeHours) {
        const long length = period.endMinute - period.startMinute;
        if (remainder <= length)
            return Instant{day} + minutes{period.startMinute + remainder} - minutes{m_data.utcOffsetMinutes};
        remainder -= length;
    }
    return closeOf(day);
}

std::string formatDay(Day day)
{
    const year_month_day date{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

std::string formatLocalMinute(const Calendar& calendar, Instant instant)
{
    const auto local = instant + minutes{calendar.data().utcOffsetMinutes};
    const auto day = floor<days>(local);
    const auto minute = duration_cast<minutes>(local - day).count();
    char clock[16];
    std::snprintf(clock, sizeof clock, " %02d:%02d", static_cast<int>(minute / 60), static_cast<int>(minute % 60));
    return formatDay(day) + clock;
}

std::optional<Day> parseDay(std::string_view text)
{
    const auto digits = [&](std::size_t from, std::size_t length) -> std::optional<int> {
        int n = 0;
        for (std::size_t i = from; i < from + length; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            n = n * 10 + (text[i] - '0');
        }
        return n;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (!y || !m || !d)
        return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    return date.ok() ? std::optional<Day>(sys_days{date}) : std::nullopt;
}

} // namespace tongban::workflow
