// A department's inbox: its open steps in due order, for the officer asking.
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "store/protocol/sync_protocol.h"

namespace tongban::server::handlers {

ApiResponse inbox(ApiCall& call)
{
    require(call, Capability::WorkInbox, "work an inbox");
    const auto limit = queryNumber(call, "limit", 200, 1, 5000);
    const auto page = call.store.inbox(callerOf(call).user.department, static_cast<std::size_t>(limit));
    Array tasks = new Poco::JSON::Array;
    for (const auto& task : page.tasks)
        tasks->add(protocol::taskViewJson(task));
    auto body = object();
    body->set("tasks", tasks);
    body->set("more", page.next.has_value());
    return jsonResponse(body);
}

} // namespace tongban::server::handlers
