// Passwords kept as salted PBKDF2-HMAC-SHA256 hashes (OpenSSL, which Poco's
// NetSSL is built on), compared in constant time.
#pragma once

#include "store/store.h"

#include <string>

namespace tongban::server {

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
inline constexpr int kPasswordIterations = 600'000;

/// A new credential for `password` with a fresh random salt; the failure count starts at zero.
store::Credential hashPassword(const std::string& login, const std::string& password,
                                         int iterations = kPasswordIterations);

/// Whether `password` is the one the credential was made from.
bool passwordMatches(const store::Credential& credential, const std::string& password);

/// Why a password may not be set, or empty when it may: at least 8
/// characters, not only digits, and not the login itself.
std::string passwordProblem(const std::string& login, const std::string& password);

} // namespace tongban::server
