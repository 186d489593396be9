// Readers of every format answer malformed input with an error, never a crash
// or an escaping exception.
#include "model_builder.h"

#include "workflow/calendar/calendar_json.h"
#include "workflow/calendar/icalendar.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"
#include "workflow/runtime/engine.h"
#include "workflow/runtime/event_json.h"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;

namespace {

/// Random damage of the kinds files suffer: cut short, a byte changed, a
/// value replaced by one of another type, a stretch repeated.
std::string damage(std::string text, std::mt19937& random)
{
    auto at = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size ? size - 1 : 0)(random); };
    static const std::string kValues[] = {"null", "true", "-1", "1e400", "\"\"", "[]", "{}", "\"\\u0000\"", "9999999999999"};
    switch (std::uniform_int_distribution<>(0, 4)(random)) {
    case 0: text.resize(at(text.size())); break;
    case 1: if (!text.empty()) text[at(text.size())] = static_cast<char>(std::uniform_int_distribution<>(0, 255)(random)); break;
    case 2: {
        const auto colon = text.find(':', at(text.size()));
        if (colon != std::string::npos) {
            const auto end = text.find_first_of(",}", colon);
            text.replace(colon + 1, end == std::string::npos ? 0 : end - colon - 1, " " + kValues[at(std::size(kValues))]);
        }
        break;
    }
    case 3: {
        const auto from = at(text.size());
        text.insert(from, text.substr(from, std::uniform_int_distribution<std::size_t>(1, 40)(random)));
        break;
    }
    default: text.erase(at(text.size()), std::uniform_int_distribution<std::size_t>(1, 8)(random)); break;
    }
    return text;
}

} // namespace

BOOST_AUTO_TEST_SUITE(MalformedInput)

BOOST_AUTO_TEST_CASE(EveryReaderReturnsAnErrorInsteadOfThrowing)
{
    const auto definition = loadExample("restaurant-opening.json");
    const auto definitionText = writeDefinition(definition);
    const auto process = *ExecutableProcess::compile(definition);
    CaseState state;
    const Actor clerk{"clerk", "政务服务中心"};
    auto started = apply(*process, state,
                         Command{StartCase{"c1", {{"situation.outdoor_sign", true}, {"situation.sells_tobacco", true},
                                                  {"business.area", 400.0}, {"business.kind", std::string("餐馆")}}},
                                 clerk, {}});
    evolve(state, *started);
    auto paused = apply(*process, state, Command{RequestSupplement{{"章程"}, "补正"}, clerk, {}});
    evolve(state, *paused);
    const auto stateText = writeCaseState(*process, state);
    const auto calendarText = writeCalendar(nationalCalendar().data());
    std::vector<std::pair<std::string, std::string>> events;
    for (const auto& event : *started)
        events.emplace_back(eventName(event), writeEventBody(*process, event));
    events.emplace_back(eventName(paused->front()), writeEventBody(*process, paused->front()));

    std::mt19937 random(99);
    int refused = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto brokenDefinition = damage(definitionText, random);
        BOOST_REQUIRE_NO_THROW(refused += readDefinition(brokenDefinition).has_value() ? 0 : 1);
        BOOST_REQUIRE_NO_THROW(refused += readCaseState(*process, damage(stateText, random)).has_value() ? 0 : 1);
        BOOST_REQUIRE_NO_THROW(refused += readCalendar(damage(calendarText, random)).has_value() ? 0 : 1);
        BOOST_REQUIRE_NO_THROW(refused += readICalendar(damage("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261001\n"
                                                               "SUMMARY:国庆\nEND:VEVENT\nEND:VCALENDAR\n",
                                                               random))
                                                   .has_value()
                                               ? 0
                                               : 1);
        const auto& [type, body] = events[static_cast<std::size_t>(i) % events.size()];
        BOOST_REQUIRE_NO_THROW(refused += readEvent(*process, type, damage(body, random), clerk, {}).has_value() ? 0 : 1);
        // A damaged definition that still reads must validate without throwing too.
        if (auto loaded = readDefinition(brokenDefinition))
            BOOST_REQUIRE_NO_THROW(validate(loaded->definition));
    }
    BOOST_TEST(refused > 5000);
}

BOOST_AUTO_TEST_SUITE_END()
