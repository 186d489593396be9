// Calendars, tongban.calendar/1 JSON and iCalendar: what reads is used to
// count a limit, which must end however the calendar is made.
#include "workflow/calendar/calendar.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/calendar/icalendar.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tongban::workflow;

namespace {

void use(const CalendarData& data)
{
    const Calendar calendar(data);
    const Instant start = Instant{std::chrono::sys_days{std::chrono::year{2026} / 9 / 30}} + std::chrono::hours{2};
    calendar.addWorkingDays(start, 20);
    calendar.addOfficeMinutes(start, 60 * 24);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto json = readCalendar(text))
        use(*json);
    if (const auto ics = readICalendar(text))
        use(*ics);
    return 0;
}
