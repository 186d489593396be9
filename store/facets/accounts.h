// The sync service's accounts: users' password credentials and signed-in
// sessions.
#pragma once

#include "store/records/accounts.h"

#include <optional>
#include <string>

namespace tongban::store {

class Accounts {
public:
    virtual ~Accounts() = default;

    virtual void saveCredential(const Credential& credential) = 0;
    virtual std::optional<Credential> credential(const std::string& login) = 0;
    virtual void openApiSession(const ApiSession& session) = 0;
    /// Ends a session; false when there is no such open session.
    virtual bool endApiSession(const std::string& tokenId, Instant at) = 0;
    virtual std::optional<ApiSession> apiSession(const std::string& tokenId) = 0;
};

} // namespace tongban::store
