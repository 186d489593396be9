#include "server/api/api_service.h"

#include "server/handlers/handler_support.h"

#include <iostream>

namespace tongban::server {

ApiService::ApiService(StorePool& stores, TokenIssuer issuer, std::function<workflow::Instant()> clock,
                       ServiceSettings settings)
    : m_stores(stores), m_issuer(std::move(issuer)), m_clock(std::move(clock)), m_settings(settings)
{
}

ApiResponse ApiService::handle(const ApiRequest& request)
{
    ++m_figures.requests;
    const auto answer = [this](const ApiError& error) {
        if (error.status < 500)
            ++m_figures.clientErrors;
        return errorResponse(error);
    };
    const auto found = m_router.find(request.method, request.path);
    if (const auto* error = std::get_if<ApiError>(&found))
        return answer(*error);
    const auto& match = std::get<Router<ApiCall>::Match>(found);
    if (request.body.size() > m_settings.bodyLimit)
        return answer({413, "body-too-large", "the body has " + std::to_string(request.body.size()) +
                                                  " bytes; at most " + std::to_string(m_settings.bodyLimit) + " are taken"});
    try {
        auto store = m_stores.borrow();
        ApiCall call{request, match.parameters, std::nullopt, std::nullopt, *store, m_clock(), m_context};
        if (match.route->signedIn)
            if (const auto refused = authenticate(call))
                return answer(*refused);
        return match.route->handler(call);
    } catch (const handlers::Refused& refused) {
        return answer(refused.error);
    } catch (const workflow::json::JsonFormatError& fault) {
        return answer({400, "invalid-field", fault.error.describe()});
    } catch (const store::StoreError& error) {
        std::cerr << "tongban-server: " << request.method << " " << request.path << ": " << error.what() << "\n";
        return answer({503, "store-unavailable", "the workspace could not be read or written; try again"});
    } catch (const std::exception& error) {
        std::cerr << "tongban-server: " << request.method << " " << request.path << ": " << error.what() << "\n";
        return answer({500, "internal", "the service failed to answer; the fault is logged"});
    }
}

std::optional<ApiError> ApiService::authenticate(ApiCall& call)
{
    const auto& token = call.request.bearerToken;
    if (token.empty())
        return ApiError{401, "missing-token", "sign in first: the request has no bearer token"};
    if (auto known = m_tokens.find(token, call.now)) {
        call.caller = std::move(known->caller);
        call.token = std::move(known->claims);
        return std::nullopt;
    }
    auto claims = m_issuer.verify(token, call.now);
    if (!claims)
        return ApiError{401, claims.error().kind == TokenError::Kind::Expired ? "expired-token" : "invalid-token",
                        claims.error().message};
    const auto session = call.store.apiSession(claims->tokenId);
    if (!session || session->login != claims->login)
        return ApiError{401, "invalid-token", "the token names no session of this service"};
    if (session->endedAt)
        return ApiError{401, "signed-out", "the session has been signed out"};
    for (const auto& user : call.store.users())
        if (user.login == claims->login) {
            call.caller = Caller{user, handlers::regionOf(call.store, user.department)};
            call.token = std::move(*claims);
            m_tokens.remember(token, {*call.token, *call.caller, call.now});
            return std::nullopt;
        }
    return ApiError{401, "invalid-token", "the user " + claims->login + " no longer exists"};
}

} // namespace tongban::server
