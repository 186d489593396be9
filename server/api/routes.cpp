// The API's index: every route under /api/v1, the handler that answers it,
// and whether it needs a signed-in caller. docs/api/openapi.yaml describes
// each; a test checks that it names exactly these.
#include "server/api/api_service.h"

#include "server/handlers/handlers.h"

namespace tongban::server {

Router<ApiCall> apiRoutes()
{
    constexpr bool kSignedIn = true;
    constexpr bool kAnyone = false;
    Router<ApiCall> routes;
    routes.add("POST", "/api/v1/sessions", kAnyone, handlers::signIn);
    routes.add("DELETE", "/api/v1/sessions/current", kSignedIn, handlers::signOut);
    routes.add("GET", "/api/v1/me", kSignedIn, handlers::me);
    routes.add("GET", "/api/v1/health", kAnyone, handlers::health);
    routes.add("GET", "/api/v1/metrics", kSignedIn, handlers::metrics);
    routes.add("GET", "/api/v1/catalogue", kSignedIn, handlers::catalogue);
    routes.add("GET", "/api/v1/definitions", kSignedIn, handlers::definitions);
    routes.add("POST", "/api/v1/definitions", kSignedIn, handlers::publishDefinition);
    routes.add("GET", "/api/v1/definitions/{key}/{version}", kSignedIn, handlers::definition);
    routes.add("GET", "/api/v1/cases", kSignedIn, handlers::queryCases);
    routes.add("POST", "/api/v1/cases", kSignedIn, handlers::createCase);
    routes.add("GET", "/api/v1/cases/{number}", kSignedIn, handlers::getCase);
    routes.add("POST", "/api/v1/commands", kSignedIn, handlers::postCommands);
    routes.add("GET", "/api/v1/events", kSignedIn, handlers::events);
    routes.add("GET", "/api/v1/inbox", kSignedIn, handlers::inbox);
    routes.add("GET", "/api/v1/users", kSignedIn, handlers::users);
    routes.add("POST", "/api/v1/users", kSignedIn, handlers::saveUser);
    routes.add("PUT", "/api/v1/users/{login}/password", kSignedIn, handlers::setUserPassword);
    routes.add("GET", "/api/v1/departments", kSignedIn, handlers::departments);
    routes.add("POST", "/api/v1/departments", kSignedIn, handlers::saveDepartment);
    routes.add("POST", "/api/v1/evaluations", kSignedIn, handlers::recordEvaluation);
    routes.add("GET", "/api/v1/cases/{number}/evaluations", kSignedIn, handlers::caseEvaluations);
    routes.add("POST", "/api/v1/rectifications", kSignedIn, handlers::openRectification);
    routes.add("POST", "/api/v1/rectifications/{number}/{step}", kSignedIn, handlers::rectificationStep);
    routes.add("POST", "/api/v1/appeals/{number}/decision", kSignedIn, handlers::decideAppeal);
    routes.add("POST", "/api/v1/reports", kSignedIn, handlers::makeReport);
    return routes;
}

} // namespace tongban::server
