#include "client/sync/connected_desk.h"

#include <filesystem>

namespace tongban::client {

namespace {

/// The replica files' name for an address and login: letters and digits kept, the rest as '-'.
std::string replicaName(const std::string& address, const std::string& login)
{
    std::string name = "connected-" + address + "-" + login;
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '-';
    return name;
}

} // namespace

ConnectedDesk::ConnectedDesk(std::string folder, std::function<workflow::Instant()> clock)
    : m_folder(std::move(folder)), m_clock(std::move(clock))
{
}

std::expected<void, ConnectError> ConnectedDesk::connect(const std::string& address, const std::string& login,
                                                         const std::string& password)
{
    std::unique_ptr<ServerConnection> server;
    try {
        server = std::make_unique<ServerConnection>(address, std::chrono::seconds{5});
    } catch (const std::invalid_argument& error) {
        return std::unexpected(ConnectError{ConnectError::Kind::BadAddress, error.what(), {}});
    }
    const auto serverError = [](const SyncError& error) {
        return std::unexpected(ConnectError{ConnectError::Kind::Server, error.message, error});
    };
    if (const auto signedIn = server->signIn(login, password); !signedIn)
        return serverError(signedIn.error());
    const auto me = server->me();
    if (!me)
        return serverError(me.error());
    const auto departments = server->departments();
    if (!departments)
        return serverError(departments.error());
    const auto catalogue = server->catalogue();
    if (!catalogue)
        return serverError(catalogue.error());
    std::filesystem::create_directories(m_folder);
    const auto path = (std::filesystem::path(m_folder) / (replicaName(address, login) + ".db")).string();
    std::unique_ptr<Replica> replica;
    std::unique_ptr<ReplicaWorkspace> workspace;
    try {
        replica = std::make_unique<Replica>(path);
        workspace = std::make_unique<ReplicaWorkspace>(
            (std::filesystem::path(m_folder) / (replicaName(address, login) + "-workspace.db")).string());
        workspace->keepDirectory(*me, *departments, m_clock());
        if (const auto problems = workspace->keepCatalogue(*catalogue, m_clock()); !problems.empty())
            return std::unexpected(
                ConnectError{ConnectError::Kind::Local, "the server's catalogue cannot be kept: " + problems.front(), {}});
    } catch (const std::runtime_error& error) {
        return std::unexpected(ConnectError{ConnectError::Kind::Local, error.what(), {}});
    }
    disconnect();
    m_server = std::move(server);
    m_replica = std::move(replica);
    m_sync = std::make_unique<Synchroniser>(*m_replica, *m_server, m_clock);
    m_workspace = std::move(workspace);
    m_user = *me;
    m_address = address;
    m_replicaPath = path;
    // What an earlier connection left in the replica, to read before the first synchronisation.
    m_workspace->refresh(*m_replica, *m_sync);
    return {};
}

void ConnectedDesk::disconnect()
{
    m_workspace.reset();
    m_sync.reset();
    m_replica.reset();
    m_server.reset();
    m_last = {};
}

std::expected<store::Applied, store::Refusal> ConnectedDesk::execute(const std::string& caseNumber,
                                                                                       const workflow::Command& command)
{
    using store::Refusal;
    if (!m_sync)
        return std::unexpected(Refusal{Refusal::Kind::Invalid, "not connected to a server", std::nullopt});
    const auto sent = m_sync->send(caseNumber, command.action, {m_user.login, m_user.department});
    if (!sent)
        return std::unexpected(Refusal{Refusal::Kind::Engine, sent.error().message, std::nullopt});
    const auto copied = m_workspace->refreshCase(*m_replica, *m_sync, caseNumber);
    if (!copied)
        return std::unexpected(Refusal{Refusal::Kind::Invalid, copied.error().message, std::nullopt});
    return store::Applied{caseNumber, *copied, {}};
}

SyncStatus ConnectedDesk::synchronise()
{
    if (m_sync)
        remember(m_sync->synchronise());
    return status();
}

void ConnectedDesk::remember(const SyncStatus& status)
{
    m_last = status;
    if (m_workspace)
        m_workspace->refresh(*m_replica, *m_sync);
}

std::future<SyncStatus> ConnectedDesk::synchroniseInBackground()
{
    if (!m_sync)
        return std::async(std::launch::deferred, [] { return SyncStatus{}; });
    return std::async(std::launch::async, [path = m_replicaPath, server = m_server.get(), clock = m_clock] {
        Replica replica(path);
        return Synchroniser(replica, *server, clock).synchronise();
    });
}

SyncStatus ConnectedDesk::status() const
{
    if (!m_sync)
        return {};
    auto now = m_sync->status();
    now.online = m_last.online;
    now.problem = m_last.problem;
    return now;
}

std::vector<DeskTask> ConnectedDesk::tasks()
{
    std::vector<DeskTask> list;
    if (!m_sync)
        return list;
    for (const auto& number : m_replica->caseNumbers()) {
        const auto local = m_sync->caseOf(number);
        if (!local || !local->state.isRunning())
            continue;
        const auto& definition = local->process->definition();
        for (const auto& open : local->state.marking.openTasks) {
            const auto& node = definition.nodes()[open.node];
            if (workflow::departmentFor(node, local->state.data) == m_user.department)
                list.push_back({number, open.number, node.name, definition.name, open.assignee, local->pendingCommands > 0});
        }
    }
    return list;
}

std::expected<void, store::Refusal> ConnectedDesk::send(const std::string& caseNumber,
                                                        const workflow::CommandAction& action)
{
    const auto done = execute(caseNumber, {action, {m_user.login, m_user.department}, m_clock()});
    if (!done)
        return std::unexpected(done.error());
    return {};
}

std::expected<void, store::Refusal> ConnectedDesk::claim(const DeskTask& task)
{
    return send(task.caseNumber, workflow::ClaimTask{task.task});
}

std::expected<void, store::Refusal> ConnectedDesk::complete(const DeskTask& task)
{
    return send(task.caseNumber, workflow::CompleteTask{task.task, workflow::Outcome::Approve, {}, {}, {}});
}

std::vector<OutboxEntry> ConnectedDesk::conflicts() const { return m_replica ? m_replica->refusals() : std::vector<OutboxEntry>{}; }

void ConnectedDesk::dismiss(std::int64_t position)
{
    if (m_replica)
        m_replica->dismiss(position);
}

} // namespace tongban::client
