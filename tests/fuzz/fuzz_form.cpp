// Forms: the schema reader on the whole input, and the answers validated
// against the demo restaurant one thing's unified form, the largest there is.
#include "forms/onething/one_thing.h"
#include "forms/onething/unified_form.h"
#include "forms/schema/form_json.h"
#include "forms/validation/form_validator.h"
#include "workflow/json/json_document.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

using namespace tongban;

namespace {

const forms::FormSchema& unifiedForm()
{
    static const forms::FormSchema form = [] {
        std::ifstream in(TONGBAN_SOURCE_DIR "/forms/catalogue/data/restaurant-opening.json");
        std::ostringstream text;
        text << in.rdbuf();
        auto oneThing = forms::readOneThing(text.str());
        if (!oneThing)
            std::abort();
        auto unified = forms::unifyForm(*oneThing);
        if (!unified)
            std::abort();
        return unified->form;
    }();
    return form;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    forms::readForm(text);
    if (const auto answers = workflow::json::parse(text)) {
        const forms::ValidationContext context{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}, {}, true};
        forms::validateAnswers(unifiedForm(), *answers, context);
    }
    return 0;
}
