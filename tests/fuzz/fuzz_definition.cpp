// The JSON process definition reader, and the validation of whatever it
// reads (structure, coverage of conditions, soundness): any input gives a
// definition or an error that names where, never a crash or a hang.
#include "workflow/analysis/validator.h"
#include "workflow/model/definition_json.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto read = tongban::workflow::readDefinition(text))
        tongban::workflow::validate(read->definition);
    return 0;
}
