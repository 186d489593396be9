#include "server/auth/sign_in.h"

#include "server/auth/passwords.h"

#include <algorithm>

namespace tongban::server {

namespace {

SignInResult refused(std::string code, std::string message, std::chrono::milliseconds delay = {})
{
    return {std::nullopt, std::move(code), std::move(message), delay};
}

std::optional<store::User> userNamed(store::ReferenceData& store, const std::string& login)
{
    for (auto& user : store.users())
        if (user.login == login)
            return user;
    return std::nullopt;
}

} // namespace

SignInResult signIn(store::Store& store, const std::string& login, const std::string& password,
                    workflow::Instant now, const LockoutPolicy& policy,
                    const std::function<void(const store::Credential&)>& keep)
{
    auto credential = store.credential(login);
    if (!credential) {
        // As long as checking a password would take, so that an unknown login does not show.
        static const auto decoy = hashPassword("", "decoy password");
        passwordMatches(decoy, password);
        return refused("bad-credentials", "the login or the password is wrong");
    }
    if (credential->lockedUntil && now < *credential->lockedUntil)
        return refused("account-locked", "the account is locked after repeated failed sign-ins until " +
                                             workflow::formatLocalMinute(store.workingCalendar(), *credential->lockedUntil));
    if (!passwordMatches(*credential, password)) {
        ++credential->failures;
        if (credential->failures >= policy.lockAfter) {
            credential->lockedUntil = now + policy.lockFor;
            credential->failures = 0;
            keep(*credential);
            return refused("account-locked", "the account is now locked for " +
                                                 std::to_string(policy.lockFor.count()) + " minutes after repeated failed sign-ins");
        }
        keep(*credential);
        const auto beyond = credential->failures - policy.slowAfter;
        const auto delay = beyond > 0 ? std::min(policy.delayStep * beyond, policy.longestDelay) : std::chrono::milliseconds{0};
        return refused("bad-credentials", "the login or the password is wrong", delay);
    }
    const auto user = userNamed(store, login);
    if (!user)
        return refused("bad-credentials", "the login or the password is wrong");
    if (credential->failures != 0 || credential->lockedUntil) {
        credential->failures = 0;
        credential->lockedUntil.reset();
        keep(*credential);
    }
    return {user, {}, {}, {}};
}

std::expected<void, PasswordError> setPassword(store::Store& store, const std::string& login,
                                               const std::string& password, int iterations)
{
    if (!userNamed(store, login))
        return std::unexpected(PasswordError{PasswordError::Kind::NoSuchUser, "there is no user " + login});
    if (auto problem = passwordProblem(login, password); !problem.empty())
        return std::unexpected(PasswordError{PasswordError::Kind::Weak, std::move(problem)});
    store.saveCredential(hashPassword(login, password, iterations));
    return {};
}

} // namespace tongban::server
