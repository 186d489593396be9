// A reader for the small part of RFC 5545 that holiday feeds use.
#include "workflow/calendar/icalendar.h"

#include <algorithm>
#include <map>
#include <vector>

namespace tongban::workflow {

namespace {

using namespace std::chrono;

struct Line {
    std::size_t number = 0;
    std::string name;    ///< upper-case property name
    std::string params;  ///< after ';', before ':'
    std::string value;
};

/// Splits into content lines, joining folded continuations (a line that
/// starts with a space or tab continues the one before).
std::vector<Line> contentLines(std::string_view text)
{
    std::vector<Line> lines;
    std::size_t number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string raw(text.substr(start, end - start));
        ++number;
        start = end + 1;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        if (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t') && !lines.empty()) {
            lines.back().value += raw.substr(1);
            continue;
        }
        if (raw.empty())
            continue;
        Line line;
        line.number = number;
        const auto colon = raw.find(':');
        const auto head = raw.substr(0, colon);
        line.value = colon == std::string::npos ? std::string() : raw.substr(colon + 1);
        const auto semicolon = head.find(';');
        line.name = head.substr(0, semicolon);
        if (semicolon != std::string::npos)
            line.params = head.substr(semicolon + 1);
        std::transform(line.name.begin(), line.name.end(), line.name.begin(), [](unsigned char c) { return std::toupper(c); });
        lines.push_back(std::move(line));
        if (end == text.size())
            break;
    }
    return lines;
}

std::unexpected<json::JsonError> failAt(const Line& line, std::string message)
{
    return std::unexpected(json::JsonError{line.number, 1, {}, std::move(message)});
}

std::optional<Day> parseDate(const std::string& value)
{
    // 20260215, or 20260215T000000 for feeds that give a time on all-day events.
    if (value.size() < 8 || !std::all_of(value.begin(), value.begin() + 8, [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    const year_month_day date{year{std::stoi(value.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(value.substr(4, 2)))},
                              day{static_cast<unsigned>(std::stoi(value.substr(6, 2)))}};
    if (!date.ok())
        return std::nullopt;
    return sys_days{date};
}

struct Event {
    std::size_t line = 0;
    std::string summary;
    std::string categories;
    std::optional<Day> start;
    std::optional<Day> end;  ///< exclusive
};

} // namespace

std::expected<CalendarData, json::JsonError> readICalendar(std::string_view text)
{
    const auto lines = contentLines(text);
    if (lines.empty() || lines.front().name != "BEGIN" || lines.front().value != "VCALENDAR")
        return std::unexpected(json::JsonError{1, 1, {}, "not an iCalendar file: it must begin with BEGIN:VCALENDAR"});

    CalendarData data;
    std::vector<Event> events;
    std::optional<Event> current;
    bool ended = false;
    for (const auto& line : lines) {
        if (line.name == "X-WR-CALNAME" && data.name.empty())
            data.name = line.value;
        if (line.name == "BEGIN" && line.value == "VEVENT") {
            if (current)
                return failAt(line, "an event begins inside another event");
            current = Event{line.number, {}, {}, {}, {}};
        } else if (line.name == "END" && line.value == "VEVENT") {
            if (!current)
                return failAt(line, "END:VEVENT without BEGIN:VEVENT");
            if (!current->start)
                return failAt(line, "the event that starts on line " + std::to_string(current->line) + " has no DTSTART");
            events.push_back(*current);
            current.reset();
        } else if (line.name == "END" && line.value == "VCALENDAR") {
            ended = true;
        } else if (current && (line.name == "DTSTART" || line.name == "DTEND")) {
            const auto date = parseDate(line.value);
            if (!date)
                return failAt(line, line.name + " '" + line.value + "' is not a date that exists");
            if (const int y = static_cast<int>(year_month_day{*date}.year()); y < kFirstCalendarYear || y > kLastCalendarYear)
                return failAt(line, line.name + " '" + line.value + "' is outside the years a calendar covers (" +
                                        std::to_string(kFirstCalendarYear) + " to " + std::to_string(kLastCalendarYear) + ")");
            (line.name == "DTSTART" ? current->start : current->end) = date;
        } else if (current && line.name == "SUMMARY") {
            current->summary = line.value;
        } else if (current && line.name == "CATEGORIES") {
            current->categories = line.value;
        }
    }
    if (current)
        return failAt(lines.back(), "the event that starts on line " + std::to_string(current->line) + " is not closed");
    if (!ended)
        return failAt(lines.back(), "the file does not end with END:VCALENDAR");

    std::map<int, CalendarYear> years;
    for (const auto& event : events) {
        const Day first = *event.start;
        const Day last = event.end ? *event.end - days{1} : first;
        if (last < first)
            return std::unexpected(json::JsonError{event.line, 1, {}, "the event ends before it starts"});
        const bool workday = event.summary.find("班") != std::string::npos ||
                             event.categories.find("WORKDAY") != std::string::npos;
        for (Day d = first; d <= last; d += days{1}) {
            const int y = static_cast<int>(year_month_day{d}.year());
            auto& entry = years[y];
            entry.year = y;
            if (workday) {
                entry.workdays.push_back({d, event.summary});
                continue;
            }
            for (const auto& holiday : entry.holidays)
                if (holiday.from <= d && d <= holiday.to)
                    return std::unexpected(json::JsonError{event.line, 1, {}, "the holiday '" + event.summary +
                                                                                  "' overlaps '" + holiday.name + "'"});
            if (!entry.holidays.empty() && entry.holidays.back().name == event.summary &&
                entry.holidays.back().to + days{1} == d)
                entry.holidays.back().to = d;
            else
                entry.holidays.push_back({event.summary, d, d});
        }
    }
    for (auto& [number, entry] : years) {
        for (const auto& workday : entry.workdays)
            for (const auto& holiday : entry.holidays)
                if (holiday.from <= workday.date && workday.date <= holiday.to)
                    return std::unexpected(json::JsonError{0, 0, {}, "a day in " + std::to_string(number) +
                                                                          " is both a holiday and a working day"});
        entry.source = data.name;
        data.years.push_back(std::move(entry));
    }
    return data;
}

} // namespace tongban::workflow
