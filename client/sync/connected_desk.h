// A department's desk on a server, without a display: connect with an
// address, login and password; the open steps of the user's department as
// the replica shows them (the user's own commands included at once); claim
// and complete them, or run any command on a case; synchronise; the refusals
// to look at; and the workspace the screens read while connected.
#pragma once

#include "client/sync/replica_workspace.h"
#include "client/sync/synchroniser.h"

#include <future>
#include <memory>

namespace tongban::client {

/// An open step of the user's department, as the desk lists it.
struct DeskTask {
    std::string caseNumber;
    workflow::TaskNumber task = 0;
    std::string step;      ///< the node's name
    std::string process;   ///< the definition's name
    std::string assignee;  ///< empty while nobody has claimed it
    bool waitingForServer = false;  ///< the case has commands of this desktop not yet settled
};

/// Why the desk did not connect; `message` is for the user.
struct ConnectError {
    enum class Kind {
        BadAddress, ///< not http://host:port or https://host:port
        Server,     ///< the server was not reached or refused; `server` says which
        Local,      ///< the replica or the workspace on this desktop cannot be used
    };
    Kind kind;
    std::string message;
    SyncError server; ///< for Kind::Server
};

class ConnectedDesk {
public:
    /// Replicas are kept in `folder`, one file per server address and login.
    ConnectedDesk(std::string folder, std::function<workflow::Instant()> clock);

    /// Signs in and opens the replica; the error is for the user.
    std::expected<void, ConnectError> connect(const std::string& address, const std::string& login,
                                              const std::string& password);
    bool connected() const { return m_sync != nullptr; }
    const store::User& user() const { return m_user; }
    const std::string& address() const { return m_address; }

    SyncStatus synchronise();
    /// The same on a thread of its own, with a connection of its own to the
    /// replica file, so that the window stays responsive while the server is
    /// slow or unreachable. One at a time: the connection to the server is not shared.
    std::future<SyncStatus> synchroniseInBackground();
    /// Takes what a synchronisation in the background found (online, the problem).
    void remember(const SyncStatus& status);
    /// The outbox and refusals as they are now, online and the problem as the last synchronisation found them.
    SyncStatus status() const;

    std::vector<DeskTask> tasks();
    /// Claims or completes the step as execute() does; the refusal's message is for the user.
    std::expected<void, store::Refusal> claim(const DeskTask& task);
    std::expected<void, store::Refusal> complete(const DeskTask& task);

    std::vector<OutboxEntry> conflicts() const;
    void dismiss(std::int64_t position);

    /// The copy of the user's cases the screens read; null until connected.
    store::Store* workspace() { return m_workspace ? &m_workspace->store() : nullptr; }
    /// Checks a command against the case as the user sees it, queues it for
    /// the server and shows its effect in the workspace at once.
    std::expected<store::Applied, store::Refusal> execute(const std::string& caseNumber,
                                                                              const workflow::Command& command);
    /// Leaves the server; the replica and its outbox stay on disk for the next connection.
    void disconnect();

private:
    std::expected<void, store::Refusal> send(const std::string& caseNumber, const workflow::CommandAction& action);

    std::string m_folder;
    std::string m_replicaPath;
    std::function<workflow::Instant()> m_clock;
    std::string m_address;
    store::User m_user;
    std::unique_ptr<ServerConnection> m_server;
    std::unique_ptr<Replica> m_replica;
    std::unique_ptr<Synchroniser> m_sync;
    std::unique_ptr<ReplicaWorkspace> m_workspace;
    SyncStatus m_last;
};

} // namespace tongban::client
