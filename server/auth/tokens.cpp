#include "server/auth/tokens.h"

#include <Poco/Exception.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/UUIDGenerator.h>

#include <mutex>
#include <stdexcept>

namespace tongban::server {

namespace {

Poco::Timestamp timestamp(workflow::Instant instant)
{
    return Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(instant.time_since_epoch().count()));
}

workflow::Instant instantOf(const Poco::Timestamp& timestamp)
{
    return workflow::Instant{std::chrono::seconds{timestamp.epochTime()}};
}

/// Reading a token on every request made the service abort under 200
/// connections with a corrupted heap inside Poco's JWT code; tokens are read
/// and signed one at a time, which at once per session every few seconds
/// costs nothing that shows.
std::mutex& tokenReading()
{
    static std::mutex reading;
    return reading;
}

} // namespace

TokenIssuer::TokenIssuer(std::string secret, std::chrono::seconds lifetime)
    : m_secret(std::move(secret)), m_lifetime(lifetime)
{
    if (m_secret.size() < 32)
        throw std::invalid_argument("a token secret has at least 32 bytes");
    if (m_lifetime <= std::chrono::seconds{0})
        throw std::invalid_argument("a token lives a positive time");
}

TokenIssuer::Issued TokenIssuer::issue(const std::string& login, workflow::Instant now) const
{
    Issued issued;
    issued.claims = {Poco::UUIDGenerator::defaultGenerator().createRandom().toString(), login, now, now + m_lifetime};
    Poco::JWT::Token token;
    token.setType("JWT");
    token.setSubject(login);
    token.setId(issued.claims.tokenId);
    token.setIssuedAt(timestamp(now));
    token.setExpiration(timestamp(issued.claims.expiresAt));
    const std::lock_guard writing(tokenReading());
    Poco::JWT::Signer signer(m_secret);
    issued.token = signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
    return issued;
}

std::expected<TokenClaims, TokenError> TokenIssuer::verify(const std::string& text, workflow::Instant now) const
{
    using enum TokenError::Kind;
    Poco::JWT::Token token;
    try {
        const std::lock_guard reading(tokenReading());
        Poco::JWT::Signer signer(m_secret);
        if (!signer.tryVerify(text, token))
            return std::unexpected(TokenError{BadSignature, "the token's signature does not verify"});
    } catch (const Poco::Exception&) {
        return std::unexpected(TokenError{NotSigned, "the token is not a signed token"});
    }
    TokenClaims claims{token.getId(), token.getSubject(), instantOf(token.getIssuedAt()), instantOf(token.getExpiration())};
    if (claims.tokenId.empty() || claims.login.empty())
        return std::unexpected(TokenError{NoSession, "the token names no session"});
    if (now >= claims.expiresAt)
        return std::unexpected(TokenError{Expired, "the token has expired"});
    return claims;
}

} // namespace tongban::server
