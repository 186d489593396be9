// The sync service's accounts as the store keeps them: password credentials
// and signed-in sessions.
#pragma once

#include "store/records/engine_names.h"

#include <optional>
#include <string>

namespace tongban::store {

/// How a user's password is kept: a salted, iterated hash, and the count of
/// failed sign-ins that slows and then locks the account.
struct Credential {
    std::string login;
    std::string algorithm;  ///< "pbkdf2-sha256"
    int iterations = 0;
    std::string salt;  ///< hex
    std::string hash;  ///< hex
    int failures = 0;  ///< failed sign-ins since the last success
    std::optional<Instant> lockedUntil;
};

/// A signed-in session of the sync service, by its token's identifier.
struct ApiSession {
    std::string tokenId;
    std::string login;
    Instant issuedAt{};
    Instant expiresAt{};
    std::optional<Instant> endedAt;  ///< signed out
};

} // namespace tongban::store
