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

/// Why a token was not accepted; the API answers "expired-token" for Expired
/// and "invalid-token" for the others.
struct TokenError {
    enum class Kind {
        NotSigned,    ///< not a signed token at all
        BadSignature, ///< not signed with this issuer's secret
        NoSession,    ///< signed, but names no session or no user
        Expired,
    };
    Kind kind;
    std::string message;
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
    /// `now`; otherwise why not.
    std::expected<TokenClaims, TokenError> verify(const std::string& token, workflow::Instant now) const;

    std::chrono::seconds lifetime() const { return m_lifetime; }

private:
    std::string m_secret;
    std::chrono::seconds m_lifetime;
};

} // namespace tongban::server
