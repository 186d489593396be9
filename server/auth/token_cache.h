// Tokens this service verified lately, with who they name: a request with a
// known token is answered without reading its session again. An entry is
// trusted for a few seconds only, so that a sign-out on another server takes
// effect soon and one here at once.
#pragma once

#include "server/auth/authorisation.h"
#include "server/auth/tokens.h"

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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
    void remember(const std::string& token, Known known);
    void forget(const std::string& token);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, Known> m_known;
};

} // namespace tongban::server
