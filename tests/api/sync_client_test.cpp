// A connected desktop against the real server: commands made offline go to
// the outbox and are applied locally at once, reach the server when it is
// back, are applied there exactly once even when sent twice, and a refused
// one is kept for the user while the case is repaired from the server's.
#include "client/sync/connected_desk.h"
#include "tests/api/desktop.h"
#include "tests/support/served.h"
#include "tests/support/backends.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace tongban;
using namespace tongban::testing;

namespace {

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
    Served served;
    auto& [backend, workspace, server] = served;
    auto store = served.store();
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    Desktop desktop(server.port(), "market01", "市场监管局");
    BOOST_TEST_REQUIRE(desktop.server.signIn("market01", Workspace::passwordOf("market01")).has_value());
    auto status = desktop.sync.synchronise();
    BOOST_TEST(status.online);
    BOOST_TEST(status.problem == "");
    BOOST_TEST(desktop.replica->caseNumbers().size() > 5u);
    BOOST_TEST(desktop.sync.caseOf(number)->confirmedVersion == store->caseByNumber(number)->version);

    server.kill();
    const auto sent = desktop.sync.send(number, workflow::ClaimTask{static_cast<workflow::TaskNumber>(task)}, desktop.actor);
    BOOST_TEST_REQUIRE(sent.has_value(), (sent ? "" : sent.error().message));
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
    client::Synchroniser reopened(*desktop.replica, desktop.server, wallClock);
    BOOST_TEST(reopened.status().outbox == 1u);

    server.restart();
    status = reopened.synchronise();
    BOOST_TEST(status.online);
    BOOST_TEST(status.outbox == 0u);
    BOOST_TEST(status.lastSync.has_value());
    auto fresh = store::Store::open(backend.location());
    for (const auto& view : fresh->tasksOfCase(number))
        if (view.task == static_cast<workflow::TaskNumber>(task))
            BOOST_TEST(view.assignee == "market01");
    // The replica equals the server for every case it holds.
    for (const auto& held : desktop.replica->caseNumbers())
        BOOST_TEST(reopened.caseOf(held)->confirmedVersion == fresh->caseByNumber(held)->version, held);
}

BOOST_AUTO_TEST_CASE(ARefusedCommandIsShownAndTheCaseIsTheServersAgain)
{
    Served served;
    auto& [backend, workspace, server] = served;
    auto store = served.store();
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    Desktop first(server.port(), "market01", "市场监管局"), second(server.port(), "market02", "市场监管局");
    BOOST_TEST_REQUIRE(first.server.signIn("market01", Workspace::passwordOf("market01")).has_value());
    BOOST_TEST_REQUIRE(second.server.signIn("market02", Workspace::passwordOf("market02")).has_value());
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
    Served served;
    auto& [backend, workspace, server] = served;
    auto store = served.store();
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    Desktop desktop(server.port(), "market01", "市场监管局");
    BOOST_TEST_REQUIRE(desktop.server.signIn("market01", Workspace::passwordOf("market01")).has_value());
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
    for (const auto& event : store::Store::open(backend.location())->eventsOfCase(number))
        claims += std::holds_alternative<workflow::TaskClaimed>(event.what) ? 1 : 0;
    BOOST_TEST(claims == 1u);
    BOOST_TEST(client::Synchroniser::backoff(0).count() == 0);
    BOOST_TEST(client::Synchroniser::backoff(1).count() == 1000);
    BOOST_TEST(client::Synchroniser::backoff(3).count() == 4000);
    BOOST_TEST(client::Synchroniser::backoff(30).count() == 60'000);
}

BOOST_AUTO_TEST_CASE(ADepartmentsDeskListsClaimsAndCompletesItsSteps)
{
    Served served;
    auto& [backend, workspace, server] = served;
    const auto folder = std::filesystem::path(backend.location()).parent_path() / "desks";
    client::ConnectedDesk desk(folder.string(), wallClock);
    const auto address = "http://127.0.0.1:" + std::to_string(server.port());
    const auto badAddress = desk.connect("ftp://somewhere", "market01", "x");
    BOOST_TEST((badAddress.error().kind == client::ConnectError::Kind::BadAddress));
    BOOST_TEST(badAddress.error().message.find("http://host:port") != std::string::npos);
    const auto wrongPassword = desk.connect(address, "market01", "wrong-password");
    BOOST_TEST((wrongPassword.error().kind == client::ConnectError::Kind::Server));
    BOOST_TEST(wrongPassword.error().server.code == "bad-credentials");
    BOOST_TEST(wrongPassword.error().message == "the login or the password is wrong");
    BOOST_TEST(!desk.connected());
    BOOST_TEST_REQUIRE(desk.connect(address, "market01", Workspace::passwordOf("market01")).has_value());
    BOOST_TEST(desk.user().department == "市场监管局");
    desk.synchronise();
    auto tasks = desk.tasks();
    BOOST_TEST_REQUIRE(!tasks.empty());
    auto store = store::Store::open(backend.location());
    // Exactly the open steps of 市场监管局 the server has.
    const auto open = store->reportQuery("SELECT COUNT(*) FROM tasks WHERE department = $1 AND state IN ('open', 'claimed')",
                                         {std::string("市场监管局")});
    const auto expected = std::holds_alternative<std::int64_t>(open[0][0]) ? std::get<std::int64_t>(open[0][0])
                                                                          : std::stoll(std::get<std::string>(open[0][0]));
    BOOST_TEST(static_cast<std::int64_t>(tasks.size()) == expected);
    const auto unclaimed = std::ranges::find_if(tasks, [](const client::DeskTask& t) { return t.assignee.empty(); });
    BOOST_TEST_REQUIRE((unclaimed != tasks.end()));
    const auto chosen = *unclaimed;
    BOOST_TEST_REQUIRE(desk.claim(chosen).has_value());
    const auto mine = [&] {
        for (const auto& task : desk.tasks())
            if (task.caseNumber == chosen.caseNumber && task.task == chosen.task)
                return task;
        return client::DeskTask{};
    };
    BOOST_TEST(mine().assignee == "market01");
    BOOST_TEST(mine().waitingForServer);
    BOOST_TEST(desk.status().outbox == 1u);
    desk.synchronise();
    BOOST_TEST(!mine().waitingForServer);
    BOOST_TEST_REQUIRE(desk.complete(mine()).has_value());
    BOOST_TEST(mine().caseNumber.empty());  // done: no longer among the open steps
    const auto status = desk.synchronise();
    BOOST_TEST(status.outbox == 0u);
    BOOST_TEST(status.conflicts == 0u);
    for (const auto& view : store::Store::open(backend.location())->tasksOfCase(chosen.caseNumber))
        if (view.task == chosen.task)
            BOOST_TEST((view.state == store::TaskState::Done));
}

BOOST_AUTO_TEST_CASE(TheScreensReadTheServersCasesWithTheUsersOwnCommandsOnTop)
{
    Served served;
    auto& [backend, workspace, server] = served;
    // Every case with an intake record, as cases accepted at a window have.
    backend.tamper("INSERT INTO applications (case_id, body) SELECT id, '{\"answers\": {\"applicant.name\": \"' ||"
                   " applicant_name || '\"}}' FROM cases WHERE id NOT IN (SELECT case_id FROM applications)");
    const auto folder = std::filesystem::path(backend.location()).parent_path() / "screens";
    client::ConnectedDesk desk(folder.string(), wallClock);
    BOOST_TEST(desk.workspace() == nullptr);
    BOOST_TEST_REQUIRE(desk.connect("http://127.0.0.1:" + std::to_string(server.port()), "market01",
                                    Workspace::passwordOf("market01"))
                           .has_value());
    desk.synchronise();
    auto* copy = desk.workspace();
    BOOST_TEST_REQUIRE(copy != nullptr);
    auto store = store::Store::open(backend.location());

    // The department's inbox as the server has it, row for row with the same
    // clocks (tasks due together may come in another order: the copy numbers
    // its cases as they arrive), and each case's header and state.
    const auto rowsOf = [](store::Store& from) {
        std::vector<std::tuple<std::string, workflow::TaskNumber, std::string, std::string, std::string, std::int64_t>> rows;
        for (const auto& task : from.inbox("市场监管局", 10'000).tasks)
            rows.emplace_back(task.caseNumber, task.task, task.node, task.assignee, task.applicantName,
                              task.dueAt ? task.dueAt->time_since_epoch().count() : -1);
        std::ranges::sort(rows);
        return rows;
    };
    const auto expected = rowsOf(*store);
    BOOST_TEST_REQUIRE(!expected.empty());
    BOOST_TEST((rowsOf(*copy) == expected));
    const auto number = std::get<0>(expected.front());
    const auto task = std::get<1>(expected.front());
    const auto theirs = store->caseByNumber(number);
    const auto ours = copy->caseByNumber(number);
    BOOST_TEST_REQUIRE(ours.has_value());
    BOOST_TEST(ours->applicantIdentity == theirs->applicantIdentity);
    BOOST_TEST(ours->region == theirs->region);
    BOOST_TEST(ours->version == theirs->version);
    BOOST_TEST((copy->caseState(number)->marking == store->caseState(number)->marking));
    BOOST_TEST(store->applicationOf(number).has_value());
    BOOST_TEST((copy->applicationOf(number) == store->applicationOf(number)));
    BOOST_TEST(copy->oneThings().size() == store->oneThings().size());
    BOOST_TEST(copy->users().size() == 1u);
    BOOST_TEST(copy->departments().size() == store->departments().size());

    // A claim shows at once, before the server has it.
    const auto claimed = desk.execute(number, {workflow::ClaimTask{task}, {"market01", "市场监管局"}, wallClock()});
    BOOST_TEST_REQUIRE(claimed.has_value());
    const auto assigneeIn = [&](store::Store& from) {
        for (const auto& view : from.tasksOfCase(number))
            if (view.task == task)
                return view.assignee;
        return std::string("(none)");
    };
    BOOST_TEST(assigneeIn(*copy) == "market01");
    BOOST_TEST(assigneeIn(*store).empty());
    // A command the engine refuses is refused at once and queues nothing.
    const auto again = desk.execute(number, {workflow::ClaimTask{task}, {"market01", "市场监管局"}, wallClock()});
    BOOST_TEST_REQUIRE(!again.has_value());
    BOOST_TEST(desk.status().outbox == 1u);

    // Meanwhile a colleague claimed it on the server: ours is refused, and the copy is the server's again.
    auto colleague = served.client();
    colleague.signInAs("market02");
    const auto reply = colleague.post("/api/v1/commands", R"({"commands": [{"id": "colleague-claim", "case": ")" + number +
                                                              R"(", "action": {"type": "claimTask", "task": )" +
                                                              std::to_string(task) + "}}]}");
    BOOST_TEST_REQUIRE(reply.status == 200);
    const auto status = desk.synchronise();
    BOOST_TEST(status.conflicts == 1u);
    BOOST_TEST(assigneeIn(*copy) == "market02");
    BOOST_TEST((rowsOf(*copy) == rowsOf(*store)));

    // Leaving the server leaves the screens nothing of it; connecting again finds the copy as it was.
    desk.disconnect();
    BOOST_TEST(desk.workspace() == nullptr);
    BOOST_TEST_REQUIRE(desk.connect("http://127.0.0.1:" + std::to_string(server.port()), "market01",
                                    Workspace::passwordOf("market01"))
                           .has_value());
    BOOST_TEST(assigneeIn(*desk.workspace()) == "market02");
}

BOOST_AUTO_TEST_SUITE_END()
