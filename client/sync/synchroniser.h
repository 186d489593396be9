// Offline-first work against the sync service. A command is checked and
// applied locally at once — the user sees its effect — and goes into the
// outbox; synchronising pushes the outbox in order and pulls what others did.
// A command the server refuses stays in the outbox, marked with the server's
// message for the user, and no longer counts in what the user sees: the
// case is again the server's. Nothing is dropped silently.
#pragma once

#include "client/sync/replica.h"
#include "client/sync/server_connection.h"
#include "workflow/runtime/engine.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace tongban::client {

struct SyncStatus {
    bool online = false;
    std::size_t outbox = 0;     ///< commands not yet settled
    std::size_t conflicts = 0;  ///< refused commands for the user to look at
    std::optional<workflow::Instant> lastSync;
    std::string problem;  ///< why the last attempt stopped, if it did
};

/// A case as the user sees it.
struct LocalCase {
    workflow::CaseState state;
    std::shared_ptr<const workflow::ExecutableProcess> process;
    std::uint64_t confirmedVersion = 0;  ///< the server's version of it
    std::size_t pendingCommands = 0;     ///< the user's, applied on top
};

/// A case's events as the user sees it: the server's records, then the
/// events of the user's unsettled commands that still apply on top of them.
struct CaseHistory {
    std::shared_ptr<const workflow::ExecutableProcess> process;
    workflow::Events events;
    std::size_t pendingCommands = 0;
};

/// Why the replica could not give a case as the user sees it, copy it into
/// the workspace, or take a command for it; `message` is for the user.
struct ReplicaError {
    enum class Kind {
        NotReplicated, ///< the case is not in this desktop's replica
        Unreadable,    ///< its records, kept header or definition do not read, or the definition is not pulled
        Refused,       ///< the engine refuses the command on the case as the user sees it
        NotCopied,     ///< the workspace cannot keep the case or its definition
    };
    Kind kind;
    std::string message;
};

class Synchroniser {
public:
    Synchroniser(Replica& replica, ServerConnection& server, std::function<workflow::Instant()> clock);

    /// Checks the command against the case as the user sees it, and queues it.
    /// Returns the command's identifier, or why the engine refuses it.
    std::expected<std::string, ReplicaError> send(const std::string& caseNumber, const workflow::CommandAction& action,
                                                  const workflow::Actor& actor);

    /// Pushes the outbox in order, pulls until nothing is new, and asks for
    /// the headers of new cases. An unreachable server leaves everything as
    /// it was, to try again later.
    SyncStatus synchronise();
    SyncStatus status() const;

    /// The wait before the next attempt after `failures` failed ones in a row:
    /// one second, doubling, at most a minute.
    static std::chrono::milliseconds backoff(int failures);

    std::expected<LocalCase, ReplicaError> caseOf(const std::string& caseNumber);
    std::expected<CaseHistory, ReplicaError> history(const std::string& caseNumber);

private:
    struct ServerRecords {
        std::shared_ptr<const workflow::ExecutableProcess> process;
        workflow::Events events;
    };
    std::expected<ServerRecords, ReplicaError> serverRecords(const std::string& caseNumber);
    /// Applies the case's pending commands that still apply; how many did. Their events go to `events` when given.
    std::size_t applyPending(const std::string& caseNumber, const workflow::ExecutableProcess& process,
                             workflow::CaseState& state, workflow::Events* events);
    /// Asks the server for the headers of cases that arrived without one.
    std::optional<std::string> fetchHeaders();
    std::expected<std::shared_ptr<const workflow::ExecutableProcess>, ReplicaError> process(const std::string& key,
                                                                                           int version);
    std::optional<std::string> push();
    std::optional<std::string> pull();

    Replica& m_replica;
    ServerConnection& m_server;
    std::function<workflow::Instant()> m_clock;
    bool m_online = false;
    std::string m_problem;
    std::map<std::pair<std::string, int>, std::shared_ptr<const workflow::ExecutableProcess>> m_processes;
    /// Each case as the server's records left it, by the last record folded in.
    struct Confirmed {
        std::uint64_t lastSeq = 0;
        workflow::CaseState state;
        std::shared_ptr<const workflow::ExecutableProcess> process;
    };
    std::map<std::string, Confirmed> m_confirmed;
};

} // namespace tongban::client
