// The BPMN 2.0 reader (XML from other modellers, hostile or not), and the
// validation of the definition it makes.
#include "workflow/analysis/validator.h"
#include "workflow/bpmn/bpmn.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    if (const auto read = tongban::workflow::bpmn::readBpmn(xml))
        tongban::workflow::validate(read->definition);
    return 0;
}
