// The condition language: parsing, and type-checking what parses, with
// fields known and unknown.
#include "workflow/expression/expression.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tongban::workflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    const auto parsed = parseExpression(source);
    if (!parsed)
        return 0;
    const FieldTypeLookup lookup = [](std::string_view path) -> std::optional<FieldType> {
        if (path.starts_with("n"))
            return FieldType::Number;
        if (path.starts_with("b"))
            return FieldType::Boolean;
        if (path.starts_with("s"))
            return FieldType::String;
        return std::nullopt;
    };
    typeCheck(*parsed, lookup, false);
    typeCheck(*parsed, lookup, true);
    return 0;
}
