// The service's command writer: commands of concurrent requests committed
// together, each with its own outcome, on SQLite and on PostgreSQL.
#include "services/seeding/demo_seeder.h"
#include "server/api/command_writer.h"

#include "tests/support/backends.h"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

using namespace tongban;
using namespace tongban::testing;
using namespace std::chrono;

namespace {

using Backends = boost::mpl::list<SqliteBackend, PostgresBackend>;

struct OpenStep {
    std::string caseNumber;
    workflow::TaskNumber task = 0;
    std::string department;
};

/// A seeded backlog and the first open step of each of its cases.
template <typename Backend>
struct Backlog {
    Backend backend;
    std::vector<OpenStep> steps;

    explicit Backlog(std::uint64_t cases)
    {
        auto store = store::Store::open(backend.location());
        services::SeedOptions options;
        options.cases = cases;
        options.backlogOnly = true;
        services::seedDemo(*store, options);
        for (const auto& row : store->reportQuery("SELECT c.number, MIN(t.number), MIN(t.department) FROM tasks t"
                                                  " JOIN cases c ON c.id = t.case_id WHERE t.state = 'open'"
                                                  " AND t.department = (SELECT MIN(department) FROM tasks u"
                                                  " WHERE u.case_id = t.case_id AND u.state = 'open')"
                                                  " GROUP BY c.number ORDER BY c.number",
                                                  {}))
            steps.push_back({std::get<std::string>(row[0]), static_cast<workflow::TaskNumber>(std::get<std::int64_t>(row[1])),
                             std::get<std::string>(row[2])});
    }
};

workflow::Command completing(const OpenStep& step)
{
    return {workflow::CompleteTask{step.task, workflow::Outcome::Approve, {}, {}, {}},
            {"officer-of-" + step.department, step.department},
            workflow::Instant{sys_days{2026y / December / 1}} + hours{2}};
}

/// Calls `send(i)` on a thread each for i < count while the writer is held,
/// and lets go once all but the first (which took the writer's turn) wait
/// behind it: they then make one group. Returns when every call has.
template <typename Send>
void sendTogether(server::StorePool& stores, server::CommandWriter& writer, std::size_t count, Send send)
{
    std::vector<std::thread> threads;
    {
        const auto held = stores.writer();
        for (std::size_t i = 0; i < count; ++i)
            threads.emplace_back([&send, i] { send(i); });
        const auto until = steady_clock::now() + seconds{30};
        while (writer.waiting() < count - 1 && steady_clock::now() < until)
            std::this_thread::sleep_for(milliseconds{2});
        BOOST_TEST(writer.waiting() == count - 1);
    }
    for (auto& thread : threads)
        thread.join();
}

} // namespace

BOOST_AUTO_TEST_SUITE(CommandWriting)

BOOST_AUTO_TEST_CASE_TEMPLATE(CommandsArrivingTogetherAreCommittedTogetherEachWithItsOutcome, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backlog<Backend> backlog(12);
    BOOST_TEST_REQUIRE(backlog.steps.size() == 12u);
    server::StorePool stores(backlog.backend.location());
    server::CommandWriter writer(stores);

    // Every step completed once; the first step twice under one identifier;
    // one command the engine refuses (no such task). All sent at once.
    struct Sent {
        std::string id;
        std::string caseNumber;
        workflow::Command command;
        std::optional<server::CommandWriter::Outcome> outcome;
    };
    std::vector<Sent> sent;
    for (std::size_t i = 0; i < backlog.steps.size(); ++i)
        sent.push_back({"step-" + std::to_string(i), backlog.steps[i].caseNumber, completing(backlog.steps[i]), {}});
    sent.push_back({"step-0", backlog.steps[0].caseNumber, completing(backlog.steps[0]), {}});
    auto missing = backlog.steps[1];
    missing.task = 999;
    sent.push_back({"no-such-step", missing.caseNumber, completing(missing), {}});

    sendTogether(stores, writer, sent.size(),
                 [&](std::size_t i) { sent[i].outcome = writer.apply(sent[i].id, sent[i].caseNumber, sent[i].command); });
    BOOST_TEST(writer.largestGroup() == sent.size() - 1);

    auto store = store::Store::open(backlog.backend.location());
    for (std::size_t i = 0; i < backlog.steps.size(); ++i) {
        BOOST_TEST_REQUIRE(sent[i].outcome.has_value());
        BOOST_TEST(sent[i].outcome->has_value(), sent[i].id);
        const auto tasks = store->tasksOfCase(backlog.steps[i].caseNumber);
        const auto done = std::ranges::find_if(tasks, [&](const auto& t) { return t.task == backlog.steps[i].task; });
        BOOST_TEST_REQUIRE((done != tasks.end()));
        BOOST_TEST((done->state == store::TaskState::Done), sent[i].id);
    }
    // Whichever of the two sendings came second was answered with the first's outcome and changed nothing.
    const auto& first = *sent[0].outcome;
    const auto& again = *sent[backlog.steps.size()].outcome;
    BOOST_TEST_REQUIRE(again.has_value());
    BOOST_TEST(first->events.empty() != again->events.empty());
    BOOST_TEST(again->version == first->version);
    // The refusal refused that command alone.
    const auto& refused = *sent.back().outcome;
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().kind == store::Refusal::Kind::Engine));
    BOOST_TEST(store->commandReceipt("no-such-step").has_value());
    BOOST_TEST(store->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE(AGroupTheDatabaseRefusesIsWrittenCommandByCommand)
{
    Backlog<SqliteBackend> backlog(6);
    BOOST_TEST_REQUIRE(backlog.steps.size() == 6u);
    // The database refuses any record of the third case, as a full disk or a broken constraint would.
    backlog.backend.tamper("CREATE TRIGGER refuse_third BEFORE INSERT ON journal WHEN NEW.case_id ="
                           " (SELECT id FROM cases WHERE number = '" + backlog.steps[2].caseNumber + "')"
                           " BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
    server::StorePool stores(backlog.backend.location());
    server::CommandWriter writer(stores);

    std::vector<std::optional<server::CommandWriter::Outcome>> outcomes(backlog.steps.size());
    std::vector<std::string> failures(backlog.steps.size());
    sendTogether(stores, writer, backlog.steps.size(), [&](std::size_t i) {
        try {
            outcomes[i] = writer.apply("step-" + std::to_string(i), backlog.steps[i].caseNumber, completing(backlog.steps[i]));
        } catch (const store::StoreError& error) {
            failures[i] = error.what();
        }
    });

    for (std::size_t i = 0; i < backlog.steps.size(); ++i) {
        if (i == 2) {
            BOOST_TEST(failures[i].find("the disk is full") != std::string::npos, failures[i]);
            continue;
        }
        BOOST_TEST_REQUIRE(outcomes[i].has_value(), failures[i]);
        BOOST_TEST(outcomes[i]->has_value());
    }
    auto store = store::Store::open(backlog.backend.location());
    BOOST_TEST(!store->commandReceipt("step-2").has_value());
    BOOST_TEST(store->commandReceipt("step-3").has_value());
    BOOST_TEST(store->verifyJournal().intact);
}

BOOST_AUTO_TEST_SUITE_END()
