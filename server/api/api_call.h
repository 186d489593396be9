// One request being answered, and what every answer shares: the workspace's
// connections, the writer of commands, the token issuer and cache, the
// settings and the service's running figures. Handlers (server/handlers) take
// an ApiCall and nothing else.
#pragma once

#include "server/api/api_message.h"
#include "server/api/command_writer.h"
#include "server/api/store_pool.h"
#include "server/auth/authorisation.h"
#include "server/auth/sign_in.h"
#include "server/auth/token_cache.h"
#include "server/auth/tokens.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace tongban::server {

struct ServiceSettings {
    std::size_t bodyLimit = 1 << 20;  ///< bytes of a request body
    LockoutPolicy lockout;
    int passwordIterations = 600'000;
    std::size_t commandsPerBatch = 500;
    std::size_t eventsPerPage = 1000;
    CasePolicy policy;
};

/// What GET /metrics reports, counted as requests are answered.
struct ServiceFigures {
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> commandsApplied{0};
    std::atomic<std::uint64_t> clientErrors{0};
};

/// The parts of the service that outlive a request.
struct ServiceContext {
    StorePool& stores;
    CommandWriter& commands;
    const TokenIssuer& issuer;
    TokenCache& tokens;
    const ServiceSettings& settings;
    ServiceFigures& figures;
};

/// One request being answered: what was asked, the path's parameters, the
/// caller once signed in, a connection to the workspace, and the service.
struct ApiCall {
    const ApiRequest& request;
    std::map<std::string, std::string> parameters;
    std::optional<Caller> caller;
    std::optional<TokenClaims> token;
    store::Store& store;
    workflow::Instant now;
    ServiceContext& service;
};

} // namespace tongban::server
