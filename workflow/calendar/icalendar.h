// Holiday schedules from iCalendar (.ics) files, as many calendar services publish them.
#pragma once

#include "workflow/calendar/calendar.h"
#include "workflow/json/json_document.h"

#include <expected>
#include <string_view>

namespace tongban::workflow {

/// Reads all-day VEVENTs: an event is an adjusted working day when its
/// SUMMARY contains 班 (补班, 上班) or its CATEGORIES name WORKDAY, and a
/// holiday otherwise (DTEND is exclusive, as RFC 5545 says). The weekly
/// pattern and office hours are the defaults. Refuses, with the line and the
/// reason, a file that is not an iCalendar, an event without a date, or a
/// date that does not exist.
std::expected<CalendarData, json::JsonError> readICalendar(std::string_view text);

} // namespace tongban::workflow
