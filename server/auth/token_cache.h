// Sessions this service checked lately, by the identifier of their token
// (its `jti`), with who they name: a request whose token verifies is then
// answered without reading its session again. An entry is trusted for a few
// seconds only, so that a sign-out on another server takes effect soon; one
// here takes effect at once, however the token's text was written.
#pragma once

#include "server/auth/authorisation.h"
#include "server/auth/tokens.h"

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace tongban::server {

class TokenCache {
public:
    struct Known {
        TokenClaims claims;
        Caller caller;
        workflow::Instant checkedAt{};
    };

    /// The session's claims and caller if checked within the last few seconds and not expired at `now`.
    std::optional<Known> find(const std::string& tokenId, workflow::Instant now);
    /// Keeps what a check of the session found, unless the session was ended
    /// here meanwhile (a request that read it just before the sign-out).
    void remember(const std::string& tokenId, Known known);
    /// The session was ended here: it is never taken from the cache again.
    void end(const std::string& tokenId);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, Known> m_known;
    std::unordered_set<std::string> m_ended;
};

} // namespace tongban::server
