// Reader of calendar files.
#include "workflow/calendar/calendar_json.h"

#include "workflow/calendar/icalendar.h"
#include "workflow/calendar/national_calendar_data.h"

#include <algorithm>
#include <cstdlib>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tongban::workflow {

namespace {

using json::JsonFormatError;
using json::ObjectReader;
using namespace std::chrono;

class CalendarReader {
public:
    explicit CalendarReader(std::string_view text) : m_text(text) {}

    CalendarData read(const Poco::Dynamic::Var& root)
    {
        CalendarData data;
        auto document = json::asObject(root, "");
        const auto format = document.requireString("format");
        if (format != kCalendarFormat)
            fail("format", format, "unsupported format '" + format + "' (this version reads " + std::string(kCalendarFormat) + ")");
        data.name = document.optionalString("name");
        const auto offset = document.optionalString("utcOffset", "+08:00");
        data.utcOffsetMinutes = parseOffset(offset);
        if (document.has("weekdays")) {
            data.workingWeekdays.fill(false);
            auto weekdays = document.requireArray("weekdays");
            static constexpr const char* kNames[] = {"monday", "tuesday", "wednesday", "thursday",
                                                     "friday", "saturday", "sunday"};
            for (std::size_t i = 0; i < weekdays->size(); ++i) {
                const auto name = weekdays->getElement<std::string>(static_cast<unsigned>(i));
                const auto found = std::find(std::begin(kNames), std::end(kNames), name);
                if (found == std::end(kNames))
                    fail("weekdays[" + std::to_string(i) + "]", name, "unknown weekday '" + name + "'");
                data.workingWeekdays[static_cast<std::size_t>(found - std::begin(kNames))] = true;
            }
        } else {
            document.optionalArray("weekdays");
        }
        if (document.has("officeHours")) {
            data.officeHours.clear();
            auto periods = document.requireArray("officeHours");
            for (std::size_t i = 0; i < periods->size(); ++i) {
                auto period = json::asObject(periods->get(i), "officeHours[" + std::to_string(i) + "]");
                const auto from = period.requireString("from");
                const auto to = period.requireString("to");
                OfficePeriod office{parseClock(period.memberPath("from"), from), parseClock(period.memberPath("to"), to)};
                if (office.endMinute <= office.startMinute)
                    fail(period.memberPath("to"), to, "office hours end at " + to + ", not after they start at " + from);
                if (!data.officeHours.empty() && office.startMinute < data.officeHours.back().endMinute)
                    fail(period.memberPath("from"), from, "office hours overlap or are out of order");
                period.finish();
                data.officeHours.push_back(office);
            }
        } else {
            document.optionalArray("officeHours");
        }
        auto years = document.requireArray("years");
        for (std::size_t i = 0; i < years->size(); ++i)
            data.years.push_back(readYear(json::asObject(years->get(i), "years[" + std::to_string(i) + "]"), data));
        document.finish();
        return data;
    }

private:
    [[noreturn]] void fail(const std::string& path, const std::string& value, const std::string& message) const
    {
        // Poco's DOM keeps no positions; the offending value's first
        // appearance in the text is where a person will look.
        json::JsonError error{0, 0, path, message};
        const auto quoted = "\"" + value + "\"";
        const auto at = value.empty() ? std::string_view::npos : m_text.find(quoted);
        if (at != std::string_view::npos) {
            error.line = static_cast<std::size_t>(std::count(m_text.begin(), m_text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
            error.column = at - (m_text.rfind('\n', at) == std::string_view::npos ? 0 : m_text.rfind('\n', at) + 1) + 1;
        }
        throw JsonFormatError{error};
    }

    int parseOffset(const std::string& text) const
    {
        int hours = 0, minutes = 0;
        char sign = 0;
        if (std::sscanf(text.c_str(), "%c%2d:%2d", &sign, &hours, &minutes) != 3 || (sign != '+' && sign != '-') ||
            text.size() != 6 || hours > 14 || minutes > 59)
            fail("utcOffset", text, "expected an offset like +08:00, not '" + text + "'");
        return (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
    }

    int parseClock(const std::string& path, const std::string& text) const
    {
        int hours = 0, minutes = 0;
        if (text.size() != 5 || text[2] != ':' || std::sscanf(text.c_str(), "%2d:%2d", &hours, &minutes) != 2 ||
            hours > 24 || minutes > 59 || (hours == 24 && minutes > 0))
            fail(path, text, "expected a time like 09:00, not '" + text + "'");
        return hours * 60 + minutes;
    }

    Day parseDate(const std::string& path, const std::string& text, int expectedYear) const
    {
        const auto date = parseDay(text);
        const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                            std::ranges::all_of(text, [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
        if (!date && !shaped)
            fail(path, text, "expected a date like 2026-10-01, not '" + text + "'");
        if (!date)
            fail(path, text, "'" + text + "' is not a date that exists");
        if (static_cast<int>(year_month_day{*date}.year()) != expectedYear)
            fail(path, text, "'" + text + "' is not in " + std::to_string(expectedYear));
        return *date;
    }

    CalendarYear readYear(ObjectReader reader, const CalendarData& data)
    {
        CalendarYear year;
        year.year = reader.requireInt("year");
        if (year.year < kFirstCalendarYear || year.year > kLastCalendarYear)
            fail(reader.memberPath("year"), "", "years run from " + std::to_string(kFirstCalendarYear) + " to " +
                                                     std::to_string(kLastCalendarYear));
        for (const auto& other : data.years)
            if (other.year == year.year)
                fail(reader.memberPath("year"), "", "year " + std::to_string(year.year) + " appears twice");
        year.source = reader.optionalString("source");
        auto holidays = reader.optionalArray("holidays");
        for (std::size_t i = 0; i < holidays->size(); ++i) {
            auto entry = json::asObject(holidays->get(i), reader.memberPath("holidays") + "[" + std::to_string(i) + "]");
            Holiday holiday;
            holiday.name = entry.requireString("name");
            const auto fromText = entry.requireString("from");
            const auto toText = entry.optionalString("to", fromText);
            holiday.from = parseDate(entry.memberPath("from"), fromText, year.year);
            holiday.to = parseDate(entry.memberPath("to"), toText, year.year);
            if (holiday.to < holiday.from)
                fail(entry.memberPath("to"), toText, "the holiday ends before it starts");
            for (const auto& other : year.holidays)
                if (holiday.from <= other.to && other.from <= holiday.to)
                    fail(entry.memberPath("from"), fromText, "holiday '" + holiday.name + "' overlaps '" + other.name + "'");
            entry.finish();
            year.holidays.push_back(std::move(holiday));
        }
        auto workdays = reader.optionalArray("workdays");
        for (std::size_t i = 0; i < workdays->size(); ++i) {
            auto entry = json::asObject(workdays->get(i), reader.memberPath("workdays") + "[" + std::to_string(i) + "]");
            AdjustedWorkday workday;
            const auto dateText = entry.requireString("date");
            workday.date = parseDate(entry.memberPath("date"), dateText, year.year);
            workday.reason = entry.optionalString("for");
            for (const auto& holiday : year.holidays)
                if (holiday.from <= workday.date && workday.date <= holiday.to)
                    fail(entry.memberPath("date"), dateText, dateText + " is both a holiday and an adjusted working day");
            for (const auto& other : year.workdays)
                if (other.date == workday.date)
                    fail(entry.memberPath("date"), dateText, dateText + " is listed twice");
            entry.finish();
            year.workdays.push_back(std::move(workday));
        }
        reader.finish();
        return year;
    }

    std::string_view m_text;
};

} // namespace

std::expected<CalendarData, json::JsonError> readCalendar(std::string_view text)
{
    auto root = json::parse(text);
    if (!root)
        return std::unexpected(root.error());
    try {
        return CalendarReader(text).read(*root);
    } catch (const JsonFormatError& e) {
        return std::unexpected(e.error);
    } catch (const Poco::Exception& e) {
        return std::unexpected(json::JsonError{0, 0, {}, e.displayText()});
    }
}

std::string writeCalendar(const CalendarData& data)
{
    auto object = [] { return Poco::JSON::Object::Ptr(new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER)); };
    auto clockText = [](int minute) {
        char text[8];
        std::snprintf(text, sizeof text, "%02d:%02d", minute / 60 % 100, minute % 60);
        return std::string(text);
    };
    auto root = object();
    root->set("format", std::string(kCalendarFormat));
    if (!data.name.empty())
        root->set("name", data.name);
    const int offset = std::abs(data.utcOffsetMinutes);
    root->set("utcOffset", std::string(data.utcOffsetMinutes < 0 ? "-" : "+") + clockText(offset));
    static constexpr const char* kNames[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    Poco::JSON::Array::Ptr weekdays = new Poco::JSON::Array;
    for (std::size_t i = 0; i < 7; ++i)
        if (data.workingWeekdays[i])
            weekdays->add(std::string(kNames[i]));
    root->set("weekdays", weekdays);
    Poco::JSON::Array::Ptr hours = new Poco::JSON::Array;
    for (const auto& period : data.officeHours) {
        auto entry = object();
        entry->set("from", clockText(period.startMinute));
        entry->set("to", clockText(period.endMinute));
        hours->add(entry);
    }
    root->set("officeHours", hours);
    Poco::JSON::Array::Ptr years = new Poco::JSON::Array;
    for (const auto& y : data.years) {
        auto entry = object();
        entry->set("year", y.year);
        if (!y.source.empty())
            entry->set("source", y.source);
        Poco::JSON::Array::Ptr holidays = new Poco::JSON::Array;
        for (const auto& holiday : y.holidays) {
            auto h = object();
            h->set("name", holiday.name);
            h->set("from", formatDay(holiday.from));
            h->set("to", formatDay(holiday.to));
            holidays->add(h);
        }
        entry->set("holidays", holidays);
        Poco::JSON::Array::Ptr workdays = new Poco::JSON::Array;
        for (const auto& workday : y.workdays) {
            auto w = object();
            w->set("date", formatDay(workday.date));
            if (!workday.reason.empty())
                w->set("for", workday.reason);
            workdays->add(w);
        }
        entry->set("workdays", workdays);
        years->add(entry);
    }
    root->set("years", years);
    return json::stringify(root) + "\n";
}

const Calendar& nationalCalendar()
{
    static const Calendar calendar = [] {
        auto data = readCalendar(kNationalCalendarJson);
        if (!data)
            throw std::logic_error("the shipped national calendar does not read: " + data.error().describe());
        return Calendar(std::move(*data));
    }();
    return calendar;
}

std::expected<CalendarData, CalendarFileError> readCalendarFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::unexpected(CalendarFileError{CalendarFileError::Kind::Unreadable, "cannot read " + path});
    std::ostringstream text;
    text << in.rdbuf();
    auto data = path.ends_with(".ics") ? readICalendar(text.str()) : readCalendar(text.str());
    if (!data)
        return std::unexpected(CalendarFileError{CalendarFileError::Kind::Invalid, path + ": " + data.error().describe()});
    return std::move(*data);
}

} // namespace tongban::workflow
