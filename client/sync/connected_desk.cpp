#include "client/sync/connected_desk.h"

#include <filesystem>

namespace tongban::client {

namespace {

/// A file name of the address and login: letters and digits kept, the rest as '-'.
std::string replicaName(const std::string& address, const std::string& login)
{
    std::string name = "connected-" + address + "-" + login;
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '-';
    return name + ".db";
}

} // namespace

ConnectedDesk::ConnectedDesk(std::string folder, std::function<workflow::Instant()> clock)
    : m_folder(std::move(folder)), m_clock(std::move(clock))
{
}

std::expected<void, std::string> ConnectedDesk::connect(const std::string& address, const std::string& login,
                                                        const std::string& password)
{
    std::unique_ptr<ServerConnection> server;
    try {
        server = std::make_unique<ServerConnection>(address, std::chrono::seconds{5});
    } catch (const std::invalid_argument& error) {
        return std::unexpected(error.what());
    }
    if (const auto signedIn = server->signIn(login, password); !signedIn)
        return std::unexpected(signedIn.error().message);
    const auto me = server->me();
    if (!me)
        return std::unexpected(me.error().message);
    std::filesystem::create_directories(m_folder);
    const auto path = (std::filesystem::path(m_folder) / replicaName(address, login)).string();
    auto replica = std::make_unique<Replica>(path);
    m_sync.reset();
    m_server = std::move(server);
    m_replica = std::move(replica);
    m_sync = std::make_unique<Synchroniser>(*m_replica, *m_server, m_clock);
    m_user = *me;
    m_address = address;
    m_replicaPath = path;
    return {};
}

SyncStatus ConnectedDesk::synchronise()
{
    if (m_sync)
        remember(m_sync->synchronise());
    return status();
}

void ConnectedDesk::remember(const SyncStatus& status) { m_last = status; }

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

std::expected<void, std::string> ConnectedDesk::send(const std::string& caseNumber, const workflow::CommandAction& action)
{
    if (!m_sync)
        return std::unexpected("not connected to a server");
    const auto sent = m_sync->send(caseNumber, action, {m_user.login, m_user.department});
    if (!sent)
        return std::unexpected(sent.error());
    return {};
}

std::expected<void, std::string> ConnectedDesk::claim(const DeskTask& task)
{
    return send(task.caseNumber, workflow::ClaimTask{task.task});
}

std::expected<void, std::string> ConnectedDesk::complete(const DeskTask& task)
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
