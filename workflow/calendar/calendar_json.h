// Calendar files (docs/formats/calendar.md) and the shipped national calendar.
#pragma once

#include "workflow/calendar/calendar.h"
#include "workflow/json/json_document.h"

#include <expected>
#include <string>
#include <string_view>

namespace tongban::workflow {

inline constexpr std::string_view kCalendarFormat = "tongban.calendar/1";

/// Reads a calendar. Refuses, with the line and the reason, a file that is
/// malformed, names an impossible date, overlaps itself, or puts a date in a
/// year entry it does not belong to.
std::expected<CalendarData, json::JsonError> readCalendar(std::string_view text);

/// Why a calendar file was not read.
struct CalendarFileError {
    enum class Kind { Unreadable, Invalid };
    Kind kind;
    std::string message; ///< names the file and, for an invalid one, the line and the reason
};

/// Reads a calendar file: iCalendar when its name ends in .ics, else
/// tongban.calendar/1 JSON.
std::expected<CalendarData, CalendarFileError> readCalendarFile(const std::string& path);

/// Writes a calendar; reading the result gives the same calendar.
std::string writeCalendar(const CalendarData& data);

/// The national schedules shipped with Tongban (workflow/calendar/data/national.json).
const Calendar& nationalCalendar();

} // namespace tongban::workflow
