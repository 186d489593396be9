// The text of calendar/data/national.json, embedded by the build.
#pragma once

#include <string_view>

namespace tongban::workflow {
extern const std::string_view kNationalCalendarJson;
}
