// The service's answer to any request under /api/v1, free of HTTP so that it
// is tested and fuzzed without a socket: find the route (routes.cpp), check
// the body's size and the caller's token, run the handler (server/handlers),
// and turn every fault into an answer: a refusal into its 4xx, a store that
// cannot be read into 503, anything else into 500 — never an exception.
#pragma once

#include "server/api/api_call.h"
#include "server/api/router.h"

#include <functional>
#include <optional>

namespace tongban::server {

/// Every route of the API and its handler.
Router<ApiCall> apiRoutes();

class ApiService {
public:
    ApiService(StorePool& stores, TokenIssuer issuer, std::function<workflow::Instant()> clock,
               ServiceSettings settings = {});

    /// Answers any request; a fault in it is a 4xx or 5xx, never an exception.
    ApiResponse handle(const ApiRequest& request);

    const Router<ApiCall>& router() const { return m_router; }
    const ServiceSettings& settings() const { return m_settings; }

private:
    std::optional<ApiError> authenticate(ApiCall& call);

    StorePool& m_stores;
    CommandWriter m_commands{m_stores};
    TokenIssuer m_issuer;
    TokenCache m_tokens;
    std::function<workflow::Instant()> m_clock;
    ServiceSettings m_settings;
    ServiceFigures m_figures;
    ServiceContext m_context{m_stores, m_commands, m_issuer, m_tokens, m_settings, m_figures};
    Router<ApiCall> m_router = apiRoutes();
};

} // namespace tongban::server
