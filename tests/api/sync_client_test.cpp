// A connected desktop against the real server: commands made offline go to
// the outbox and are applied locally at once, reach the server when it is
// back, are applied there exactly once even when sent twice, and a refused
// one is kept for the user while the case is repaired from the server's.
#include "client/sync/synchroniser.h"
#include "tests/api/running_server.h"
#include "tests/store/backends.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace tongban;
using namespace tongban::testing;

namespace {

workflow::Instant now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

/// One desktop: its own replica file, its connection and synchroniser.
struct Desktop {
    std::filesystem::path file;
    std::unique_ptr<client::Replica> replica;
    client::ServerConnection server;
    client::Synchroniser sync;
    workflow::Actor actor;

    Desktop(int port, const std::string& login, const std::string& department)
        : file(std::filesystem::temp_directory_path() /
               ("tongban-desktop-" + login + "-" + std::to_string(::getpid()) + ".db")),
          replica(fresh(file)), server("http://127.0.0.1:" + std::to_string(port)), sync(*replica, server, now),
          actor{login, department}
    {
        BOOST_TEST_REQUIRE(server.signIn(login, Workspace::passwordOf(login)).has_value());
    }
    ~Desktop()
    {
        replica.reset();
        for (const auto* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix);
    }
    static std::unique_ptr<client::Replica> fresh(const std::filesystem::path& path)
    {
        for (const auto* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix);
        return std::make_unique<client::Replica>(path.string());
    }
};

std::pair<std::string, int> openTaskOf(workflow::store::Store& store, const std::string& department)
{
    const auto rows = store.reportQuery("SELECT c.number, t.number FROM tasks t JOIN cases c ON c.id = t.case_id"
                                        " WHERE t.department = $1 AND t.state = 'open' AND c.paused_since IS NULL"
                                        " ORDER BY c.id LIMIT 1",
                                        {department});
    BOOST_TEST_REQUIRE(!rows.empty());
    return {std::get<std::string>(rows[0][0]), static_cast<int>(std::get<std::int64_t>(rows[0][1]))};
}

std::string assigneeOf(const client::LocalCase& local, int task)
{
    for (const auto& open : local.state.marking.openTasks)
        if (open.number == static_cast<workflow::TaskNumber>(task))
            return open.assignee;
    return "(not open)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(ConnectedDesktop)

BOOST_AUTO_TEST_CASE(CommandsMadeOfflineReachTheServerOnceItIsBack)
{
    workflow::testing::SqliteBackend backend;
    Workspace workspace(backend.location());
    auto store = workflow::store::Store::open(backend.location());
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    RunningServer server(backend.location());
    Desktop desktop(server.port(), "market01", "市场监管局");
    auto status = desktop.sync.synchronise();
    BOOST_TEST(status.online);
    BOOST_TEST(status.problem == "");
    BOOST_TEST(desktop.replica->caseNumbers().size() > 5u);
    BOOST_TEST(desktop.sync.caseOf(number)->confirmedVersion == store->caseByNumber(number)->version);

    server.kill();
    const auto sent = desktop.sync.send(number, workflow::ClaimTask{static_cast<workflow::TaskNumber>(task)}, desktop.actor);
    BOOST_TEST_REQUIRE(sent.has_value(), (sent ? "" : sent.error()));
    const auto local = *desktop.sync.caseOf(number);
    BOOST_TEST(local.pendingCommands == 1u);
    BOOST_TEST(assigneeOf(local, task) == "market01");  // seen at once, before the server has it
    // The engine checks locally too: claiming it again is refused before it is queued.
    BOOST_TEST(!desktop.sync.send(number, workflow::ClaimTask{static_cast<workflow::TaskNumber>(task)}, desktop.actor));
    status = desktop.sync.synchronise();
    BOOST_TEST(!status.online);
    BOOST_TEST(status.outbox == 1u);
    BOOST_TEST(status.problem.find("cannot be reached") != std::string::npos, status.problem);

    // The desktop is closed and opened again: the outbox is still there.
    desktop.replica = std::make_unique<client::Replica>(desktop.file.string());
    client::Synchroniser reopened(*desktop.replica, desktop.server, now);
    BOOST_TEST(reopened.status().outbox == 1u);

    server.restart();
    status = reopened.synchronise();
    BOOST_TEST(status.online);
    BOOST_TEST(status.outbox == 0u);
    BOOST_TEST(status.lastSync.has_value());
    auto fresh = workflow::store::Store::open(backend.location());
    for (const auto& view : fresh->tasksOfCase(number))
        if (view.task == static_cast<workflow::TaskNumber>(task))
            BOOST_TEST(view.assignee == "market01");
    // The replica equals the server for every case it holds.
    for (const auto& held : desktop.replica->caseNumbers())
        BOOST_TEST(reopened.caseOf(held)->confirmedVersion == fresh->caseByNumber(held)->version, held);
}

BOOST_AUTO_TEST_CASE(ARefusedCommandIsShownAndTheCaseIsTheServersAgain)
{
    workflow::testing::SqliteBackend backend;
    Workspace workspace(backend.location());
    auto store = workflow::store::Store::open(backend.location());
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    RunningServer server(backend.location());
    Desktop first(server.port(), "market01", "市场监管局"), second(server.port(), "market02", "市场监管局");
    first.sync.synchronise();
    second.sync.synchronise();
    // Both claim the same task while neither knows of the other.
    const workflow::ClaimTask claim{static_cast<workflow::TaskNumber>(task)};
    BOOST_TEST_REQUIRE(first.sync.send(number, claim, first.actor).has_value());
    BOOST_TEST_REQUIRE(second.sync.send(number, claim, second.actor).has_value());
    BOOST_TEST(assigneeOf(*second.sync.caseOf(number), task) == "market02");
    first.sync.synchronise();
    const auto status = second.sync.synchronise();
    BOOST_TEST(status.online);
    BOOST_TEST(status.outbox == 0u);
    BOOST_TEST(status.conflicts == 1u);
    const auto refusals = second.replica->refusals();
    BOOST_TEST_REQUIRE(refusals.size() == 1u);
    BOOST_TEST(refusals.front().code == "stale-version");
    BOOST_TEST(!refusals.front().message.empty());
    // What the second desktop shows is the server's case: the first officer has the task.
    BOOST_TEST(assigneeOf(*second.sync.caseOf(number), task) == "market01");
    second.replica->dismiss(refusals.front().position);
    BOOST_TEST(second.sync.status().conflicts == 0u);
}

BOOST_AUTO_TEST_CASE(ACommandSentTwiceIsAppliedOnce)
{
    workflow::testing::SqliteBackend backend;
    Workspace workspace(backend.location());
    auto store = workflow::store::Store::open(backend.location());
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    RunningServer server(backend.location());
    Desktop desktop(server.port(), "market01", "市场监管局");
    desktop.sync.synchronise();
    BOOST_TEST_REQUIRE(desktop.sync.send(number, workflow::ClaimTask{static_cast<workflow::TaskNumber>(task)}, desktop.actor)
                           .has_value());
    // The push reached the server but its answer was lost: the outbox still holds the command.
    const auto entries = desktop.replica->pending(10);
    BOOST_TEST_REQUIRE(desktop.server.push({entries.front().envelope}).has_value());
    BOOST_TEST(desktop.sync.status().outbox == 1u);
    const auto status = desktop.sync.synchronise();
    BOOST_TEST(status.outbox == 0u);
    BOOST_TEST(status.conflicts == 0u);
    std::size_t claims = 0;
    for (const auto& event : workflow::store::Store::open(backend.location())->eventsOfCase(number))
        claims += std::holds_alternative<workflow::TaskClaimed>(event.what) ? 1 : 0;
    BOOST_TEST(claims == 1u);
    BOOST_TEST(client::Synchroniser::backoff(0).count() == 0);
    BOOST_TEST(client::Synchroniser::backoff(1).count() == 1000);
    BOOST_TEST(client::Synchroniser::backoff(3).count() == 4000);
    BOOST_TEST(client::Synchroniser::backoff(30).count() == 60'000);
}

BOOST_AUTO_TEST_SUITE_END()
