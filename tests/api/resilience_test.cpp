// The service under load and under faults: killed with SIGKILL while clients
// send commands, nothing acknowledged is lost; two server processes on one
// PostgreSQL database with clients on both, no update is lost and the
// journal's chain holds.
#include "tests/support/running_server.h"
#include "tests/support/backends.h"

#include <Poco/Exception.h>

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace tongban;
using namespace tongban::testing;

namespace {

std::vector<std::string> runningCases(store::Store& store, int count)
{
    std::vector<std::string> numbers;
    for (const auto& row : store.reportQuery("SELECT number FROM cases WHERE status = 'running' ORDER BY id LIMIT $1",
                                             {std::int64_t{count}}))
        numbers.push_back(std::get<std::string>(row[0]));
    BOOST_TEST_REQUIRE(numbers.size() == static_cast<std::size_t>(count));
    return numbers;
}

std::string urge(const std::string& id, const std::string& number)
{
    return R"({"commands": [{"id": ")" + id + R"(", "case": ")" + number +
           R"(", "action": {"type": "urgeCase", "level": "urge", "note": "请尽快办理"}}]})";
}

/// Urges applied to a case, counted in its journal.
std::size_t urgesOf(store::Store& store, const std::string& number)
{
    std::size_t urges = 0;
    for (const auto& event : store.eventsOfCase(number))
        urges += std::holds_alternative<workflow::CaseUrged>(event.what) ? 1 : 0;
    return urges;
}

/// Commands a client heard were applied, by case.
struct Acknowledged {
    std::mutex mutex;
    std::map<std::string, std::vector<std::string>> byCase;
    void add(const std::string& number, const std::string& id)
    {
        const std::lock_guard lock(mutex);
        byCase[number].push_back(id);
    }
};

/// Sends urges from `clients` threads until `stop`, round robin over the cases.
void urgeUntil(const std::vector<int>& ports, const std::string& token, const std::vector<std::string>& cases,
               int clients, std::atomic<bool>& stop, Acknowledged& acknowledged, std::atomic<int>& sent)
{
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            Client client(ports[static_cast<std::size_t>(c) % ports.size()]);
            client.setToken(token);
            for (int i = 0; !stop; ++i) {
                const auto& number = cases[static_cast<std::size_t>(i + c) % cases.size()];
                const auto id = "u-" + std::to_string(c) + "-" + std::to_string(i);
                ++sent;
                try {
                    const auto reply = client.post("/api/v1/commands", urge(id, number));
                    if (reply.status == 200 && reply.json->getArray("results")->getObject(0)->getValue<bool>("applied"))
                        acknowledged.add(number, id);
                } catch (const Poco::Exception&) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the server is gone or restarting
                }
            }
        });
    for (auto& thread : threads)
        thread.join();
}

} // namespace

BOOST_AUTO_TEST_SUITE(Resilience)

BOOST_AUTO_TEST_CASE(NothingAcknowledgedIsLostWhenTheServerIsKilled)
{
    testing::SqliteBackend backend;
    Workspace workspace(backend.location(), 20);
    const auto cases = runningCases(*store::Store::open(backend.location()), 5);
    RunningServer server(backend.location());
    Client supervisor(server.port());
    supervisor.signInAs("supervisor01");
    std::atomic<bool> stop{false};
    std::atomic<int> sent{0};
    Acknowledged acknowledged;
    std::thread load([&] { urgeUntil({server.port()}, supervisor.token(), cases, 8, stop, acknowledged, sent); });
    while (sent < 150)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server.kill();
    stop = true;
    load.join();

    auto store = store::Store::open(backend.location());
    std::size_t total = 0;
    for (const auto& [number, ids] : acknowledged.byCase) {
        total += ids.size();
        BOOST_TEST(urgesOf(*store, number) >= ids.size(), number);
        for (const auto& id : ids) {
            const auto receipt = store->commandReceipt(id);
            BOOST_TEST((receipt && !receipt->refused), id << " was acknowledged and is kept");
        }
    }
    BOOST_TEST(total > 50u);
    BOOST_TEST(store->verifyJournal().intact);
    // After a restart the service goes on from there, and a resent command is not applied twice.
    server.restart();
    Client again(server.port());
    again.signInAs("supervisor01");
    const auto& [number, ids] = *acknowledged.byCase.begin();
    const auto before = urgesOf(*store, number);
    const auto resent = again.post("/api/v1/commands", urge(ids.front(), number));
    BOOST_TEST(resent.json->getArray("results")->getObject(0)->getValue<bool>("applied"));
    BOOST_TEST(urgesOf(*store, number) == before);
}

BOOST_AUTO_TEST_CASE(TwoServersOnOnePostgresLoseNoUpdate)
{
    if (testing::skipped<testing::PostgresBackend>())
        return;
    testing::PostgresBackend backend;
    Workspace workspace(backend.location(), 20);
    auto store = store::Store::open(backend.location());
    const auto cases = runningCases(*store, 3);
    std::map<std::string, std::size_t> before;
    for (const auto& number : cases)
        before[number] = urgesOf(*store, number);
    // Behind one address, the servers share the key their tokens are signed with.
    const auto secret = std::filesystem::temp_directory_path() / ("tongban-shared-" + std::to_string(::getpid()) + ".key");
    const std::map<std::string, std::string> shared{{"token.secret_file", secret.string()}};
    RunningServer first(backend.location(), shared), second(backend.location(), shared);
    Client supervisor(first.port());
    supervisor.signInAs("supervisor01");
    std::atomic<bool> stop{false};
    std::atomic<int> sent{0};
    Acknowledged acknowledged;
    std::thread load([&] {
        urgeUntil({first.port(), second.port()}, supervisor.token(), cases, 8, stop, acknowledged, sent);
    });
    while (sent < 400)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    load.join();
    // Every command acknowledged by either server, and nothing else, is in the journal of its case.
    std::size_t applied = 0;
    for (const auto& number : cases) {
        const auto ids = acknowledged.byCase[number];
        applied += ids.size();
        BOOST_TEST(urgesOf(*store, number) - before[number] == ids.size(), number);
    }
    // Writers take the journal one at a time, so every command sent was applied.
    BOOST_TEST(applied == static_cast<std::size_t>(sent.load()));
    BOOST_TEST(store->verifyJournal().intact);
    std::filesystem::remove(secret);
}

BOOST_AUTO_TEST_SUITE_END()
