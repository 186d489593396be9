// Signing in with a login and password: repeated failures first slow the
// answers down, then lock the account for a while. The same answer for an
// unknown login as for a wrong password, so that logins cannot be guessed.
#pragma once

#include "store/store.h"

#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>

namespace tongban::server {

struct LockoutPolicy {
    int slowAfter = 3;                           ///< failures answered at once
    std::chrono::milliseconds delayStep{500};    ///< added for each failure after those
    std::chrono::milliseconds longestDelay{4000};
    int lockAfter = 10;                          ///< failures in a row that lock the account
    std::chrono::minutes lockFor{15};
};

struct SignInResult {
    std::optional<store::User> user;  ///< set when signed in
    std::string code;                           ///< "bad-credentials" or "account-locked" otherwise
    std::string message;
    std::chrono::milliseconds delay{0};  ///< how long to hold the answer back
};

/// Checks the password on `store`; `keep` saves the credential's changed
/// count of failures or lock (the service writes through its one writer).
SignInResult signIn(store::Store& store, const std::string& login, const std::string& password,
                    workflow::Instant now, const LockoutPolicy& policy,
                    const std::function<void(const store::Credential&)>& keep);

/// Why a password was not set; the API answers 404 for NoSuchUser, 422 for Weak.
struct PasswordError {
    enum class Kind { NoSuchUser, Weak };
    Kind kind;
    std::string message;
};

/// Sets a user's password, refused (with the reason) when the user does not
/// exist or the password is too weak; clears failures and any lock.
std::expected<void, PasswordError> setPassword(store::Store& store, const std::string& login,
                                             const std::string& password, int iterations);

} // namespace tongban::server
