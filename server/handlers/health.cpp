// The service's state for operators: GET /health (no sign-in, for load
// balancers and systemd) and GET /metrics (the figures counted since start).
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"

namespace tongban::server::handlers {

ApiResponse health(ApiCall& call)
{
    auto body = object();
    body->set("status", "ok");
    body->set("backend", call.store.backend());
    body->set("schema", call.store.schemaVersion());
    return jsonResponse(body);
}

ApiResponse metrics(ApiCall& call)
{
    require(call, Capability::ReadMetrics, "read the service's figures");
    auto body = object();
    body->set("requests", static_cast<Poco::UInt64>(call.service.figures.requests.load()));
    body->set("commandsApplied", static_cast<Poco::UInt64>(call.service.figures.commandsApplied.load()));
    body->set("clientErrors", static_cast<Poco::UInt64>(call.service.figures.clientErrors.load()));
    body->set("cases", static_cast<Poco::UInt64>(call.store.caseCount()));
    return jsonResponse(body);
}

} // namespace tongban::server::handlers
