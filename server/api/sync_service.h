// The sync service's routes under /api/v1: sign in and out, who am I, the
// catalogue and definitions, cases, commands (idempotent, version-checked),
// the journal as a feed of events, the inbox, users and departments, health
// and metrics. Every route but signing in and health needs a valid token;
// what the caller may see and do is decided by auth/authorisation.
#pragma once

#include "server/api/api_message.h"
#include "server/api/command_writer.h"
#include "server/api/router.h"
#include "server/api/store_pool.h"
#include "server/auth/authorisation.h"
#include "server/auth/sign_in.h"
#include "server/auth/tokens.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace tongban::server {

struct ServiceSettings {
    std::size_t bodyLimit = 1 << 20;  ///< bytes of a request body
    LockoutPolicy lockout;
    int passwordIterations = 600'000;
    std::size_t commandsPerBatch = 500;
    std::size_t eventsPerPage = 1000;
};

/// One request being answered: what was asked, the path's parameters, the
/// caller once signed in, and a connection to the workspace.
struct ApiCall {
    const ApiRequest& request;
    std::map<std::string, std::string> parameters;
    std::optional<Caller> caller;
    std::optional<TokenClaims> token;
    store::Store& store;
    workflow::Instant now;
};

class SyncService {
public:
    SyncService(StorePool& stores, TokenIssuer issuer, std::function<workflow::Instant()> clock,
                ServiceSettings settings = {});

    /// Answers any request; a fault in it is a 4xx, never an exception.
    ApiResponse handle(const ApiRequest& request);

    const Router<ApiCall>& router() const { return m_router; }
    const ServiceSettings& settings() const { return m_settings; }

private:
    void addRoutes();
    std::optional<ApiError> authenticate(ApiCall& call);

    ApiResponse signIn(ApiCall& call);
    ApiResponse signOut(ApiCall& call);
    ApiResponse me(ApiCall& call);
    ApiResponse health(ApiCall& call);
    ApiResponse metrics(ApiCall& call);
    ApiResponse catalogue(ApiCall& call);
    ApiResponse definitions(ApiCall& call);
    ApiResponse definition(ApiCall& call);
    ApiResponse publishDefinition(ApiCall& call);
    ApiResponse queryCases(ApiCall& call);
    ApiResponse getCase(ApiCall& call);
    ApiResponse createCase(ApiCall& call);
    ApiResponse postCommands(ApiCall& call);
    ApiResponse events(ApiCall& call);
    ApiResponse inbox(ApiCall& call);
    ApiResponse users(ApiCall& call);
    ApiResponse saveUser(ApiCall& call);
    ApiResponse setUserPassword(ApiCall& call);
    ApiResponse departments(ApiCall& call);
    ApiResponse saveDepartment(ApiCall& call);
    ApiResponse recordEvaluation(ApiCall& call);
    ApiResponse caseEvaluations(ApiCall& call);
    ApiResponse openRectification(ApiCall& call);
    ApiResponse rectificationStep(ApiCall& call);
    ApiResponse decideAppeal(ApiCall& call);
    ApiResponse makeReport(ApiCall& call);

    /// A token this service verified, who it names and when its session was
    /// last found open: looked up again after a few seconds, so that a
    /// sign-out on another server takes effect soon and one here at once.
    struct KnownToken {
        TokenClaims claims;
        Caller caller;
        workflow::Instant checkedAt{};
    };
    std::optional<KnownToken> knownToken(const std::string& token, workflow::Instant now);
    void rememberToken(const std::string& token, KnownToken known);
    void forgetToken(const std::string& token);

    StorePool& m_stores;
    CommandWriter m_commands{m_stores};
    TokenIssuer m_issuer;
    std::function<workflow::Instant()> m_clock;
    ServiceSettings m_settings;
    Router<ApiCall> m_router;
    std::atomic<std::uint64_t> m_requests{0};
    std::atomic<std::uint64_t> m_commandsApplied{0};
    std::atomic<std::uint64_t> m_clientErrors{0};
    std::mutex m_tokensMutex;
    std::unordered_map<std::string, KnownToken> m_tokens;
};

} // namespace tongban::server
