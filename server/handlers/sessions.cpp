// Signing in and out, and who the caller is: POST /sessions, DELETE
// /sessions/current, GET /me. Passwords are checked by auth/sign_in; a failed
// sign-in is answered after its delay, so that guessing is slow.
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "workflow/runtime/case_state_json.h"

#include <thread>

namespace tongban::server::handlers {

ApiResponse signIn(ApiCall& call)
{
    auto reader = bodyReader(call);
    const auto login = reader.requireString("login");
    const auto password = reader.requireString("password");
    reader.finish();
    const auto result = server::signIn(call.store, login, password, call.now, call.service.settings.lockout,
                                       [&call](const store::Credential& credential) {
                                           call.service.stores.writer()->saveCredential(credential);
                                       });
    if (!result.user) {
        std::this_thread::sleep_for(result.delay);
        refuse(result.code == "account-locked" ? 423 : 401, result.code, result.message);
    }
    const auto issued = call.service.issuer.issue(login, call.now);
    call.service.stores.writer()->openApiSession({issued.claims.tokenId, login, issued.claims.issuedAt, issued.claims.expiresAt, std::nullopt});
    auto body = object();
    body->set("token", issued.token);
    body->set("expiresAt", workflow::formatInstant(issued.claims.expiresAt));
    body->set("user", userJson(*result.user));
    return jsonResponse(body, 201);
}

ApiResponse signOut(ApiCall& call)
{
    // Ended in the database first: a request that checks the session after
    // this finds it ended, and one that checked it before cannot cache it again.
    call.service.stores.writer()->endApiSession(call.token->tokenId, call.now);
    call.service.tokens.end(call.token->tokenId);
    return noContent();
}

ApiResponse me(ApiCall& call)
{
    auto body = userJson(callerOf(call).user);
    body->set("region", callerOf(call).region);
    body->set("expiresAt", workflow::formatInstant(call.token->expiresAt));
    return jsonResponse(body);
}

} // namespace tongban::server::handlers
