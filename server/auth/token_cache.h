// Tokens this service verified lately, with the session they name and who
// it is: a request with a known token is answered without verifying it or
// reading its session again. An entry is trusted for a few seconds only, so
// that a sign-out on another server takes effect soon; one here ends every
// entry of the session at once, however its token was written.
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

    /// The token's claims and caller if checked within the last few seconds and not expired at `now`.
    std::optional<Known> find(const std::string& token, workflow::Instant now);
    /// Keeps what a check of the token's session found, unless the session
    /// was ended here meanwhile (a request that read it just before the sign-out).
    void remember(const std::string& token, Known known);
    /// The session `tokenId` was ended here: none of its tokens is taken from the cache again.
    void end(const std::string& tokenId);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, Known> m_known;
    std::unordered_set<std::string> m_ended;
};

} // namespace tongban::server
