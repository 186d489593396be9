// The sync protocol's messages as a desktop or the service reads them:
// command envelopes (with every command's action), results, journal records
// and case headers.
#include "workflow/json/json_document.h"
#include "store/protocol/sync_protocol.h"

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tongban::workflow;

namespace {

template <typename Read>
void tryReading(const Poco::JSON::Object::Ptr& object, Read read)
{
    try {
        json::ObjectReader reader(object, "");
        read(reader);
    } catch (const json::JsonFormatError&) {
        // A refusal that names the member: what a malformed message must give.
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parsed = json::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed || parsed->type() != typeid(Poco::JSON::Object::Ptr))
        return 0;
    const auto object = parsed->extract<Poco::JSON::Object::Ptr>();
    tryReading(object, [](json::ObjectReader& r) { tongban::protocol::readEnvelope(r); });
    tryReading(object, [](json::ObjectReader& r) { tongban::protocol::readResult(r); });
    tryReading(object, [](json::ObjectReader& r) { tongban::protocol::readJournalEntry(r); });
    tryReading(object, [](json::ObjectReader& r) { tongban::protocol::readCaseView(r); });
    return 0;
}
