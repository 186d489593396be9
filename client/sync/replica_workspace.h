// What the screens read while connected: a workspace (the same store as the
// embedded one) holding a copy of every case of the replica, each as the user
// sees it — the server's records with the user's unsettled commands on top —
// with the server's departments, the user, and the definitions the cases run
// on. Copied again case by case whenever a case's records, header or pending
// commands change; never written by the screens themselves.
#pragma once

#include "client/sync/replica.h"
#include "client/sync/synchroniser.h"
#include "store/store.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace tongban::client {

class ReplicaWorkspace {
public:
    /// Opens (or creates) the workspace file; throws StoreError when it cannot.
    explicit ReplicaWorkspace(const std::string& path);

    store::Store& store() { return *m_store; }

    /// Keeps the user and the departments the server named.
    void keepDirectory(const store::User& user, const std::vector<store::Department>& departments,
                       workflow::Instant at);

    /// Keeps the server's catalogue, so that cases show their one thing's
    /// unified form; what could not be kept, each with why.
    std::vector<std::string> keepCatalogue(const std::vector<std::string>& documents, workflow::Instant at);

    /// Copies the cases that changed since they were last copied; how many
    /// were. A case that cannot be copied keeps its last copy, and why is
    /// returned in `problems`.
    std::size_t refresh(Replica& replica, Synchroniser& sync, std::vector<std::string>* problems = nullptr);
    /// Copies one case now (after the user's own command on it); the version
    /// of the case as the user sees it.
    std::expected<std::uint64_t, ReplicaError> refreshCase(Replica& replica, Synchroniser& sync,
                                                           const std::string& caseNumber);

private:
    std::unique_ptr<store::Store> m_store;
    std::map<std::string, std::string> m_copied;  ///< each case's mark when it was last copied
};

} // namespace tongban::client
