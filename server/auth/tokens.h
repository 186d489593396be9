// Signed session tokens (JWT, HS256 through Poco::JWT): who signed in, the
// session's identifier and when it expires. The store keeps the session so
// that signing out ends it before it expires.
#pragma once

#include "workflow/calendar/calendar.h"

#include <chrono>
#include <expected>
#include <string>

namespace tongban::server {

struct TokenClaims {
    std::string tokenId;
    std::string login;
    workflow::Instant issuedAt{};
    workflow::Instant expiresAt{};
};

class TokenIssuer {
public:
    /// `secret` keys the signature: at least 32 bytes, kept outside the database.
    TokenIssuer(std::string secret, std::chrono::seconds lifetime);

    struct Issued {
        std::string token;
        TokenClaims claims;
    };
    Issued issue(const std::string& login, workflow::Instant now) const;

    /// The claims of a token this issuer signed and that has not expired at
    /// `now`; otherwise why not ("the token has expired" …).
    std::expected<TokenClaims, std::string> verify(const std::string& token, workflow::Instant now) const;

    std::chrono::seconds lifetime() const { return m_lifetime; }

private:
    std::string m_secret;
    std::chrono::seconds m_lifetime;
};

} // namespace tongban::server
