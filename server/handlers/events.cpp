// The journal as a feed: GET /events after a position, every record of the
// cases the caller may read, in order, with where the next page starts.
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "store/protocol/sync_protocol.h"

#include <limits>
#include <map>

namespace tongban::server::handlers {

ApiResponse events(ApiCall& call)
{
    if (!may(callerOf(call), Capability::ReadCases))
        refuse(403, "forbidden", "your role does not read cases");
    const auto after = queryNumber(call, "after", 0, 0, std::numeric_limits<std::int64_t>::max());
    const auto limit = queryNumber(call, "limit", static_cast<std::int64_t>(call.service.settings.eventsPerPage), 1,
                                   static_cast<std::int64_t>(call.service.settings.eventsPerPage));
    const auto entries = call.store.journalAfter(static_cast<std::uint64_t>(after), static_cast<std::size_t>(limit));
    std::map<std::string, bool> visible;
    Array list = new Poco::JSON::Array;
    for (const auto& entry : entries) {
        auto known = visible.find(entry.caseNumber);
        if (known == visible.end()) {
            const auto view = call.store.caseByNumber(entry.caseNumber);
            known = visible.emplace(entry.caseNumber, view && mayReadCase(callerOf(call), caseAccess(call.store, *view))).first;
        }
        if (known->second)
            list->add(protocol::journalEntryJson(entry));
    }
    auto body = object();
    body->set("events", list);
    // Past every record read, shown or not, so that the next page goes on from there.
    body->set("next", static_cast<Poco::UInt64>(entries.empty() ? static_cast<std::uint64_t>(after) : entries.back().seq));
    return jsonResponse(body);
}

} // namespace tongban::server::handlers
