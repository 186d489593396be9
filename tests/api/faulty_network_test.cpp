// Three desktops of different departments work cases, now online, now
// offline, through a proxy that drops, delays, duplicates and cuts their
// requests at random. At the end every command each of them made was applied
// exactly once or refused and shown to its user, and each replica equals the
// server.
#include "tests/api/desktop.h"
#include "tests/api/fault_proxy.h"
#include "tests/support/running_server.h"
#include "tests/support/backends.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>

using namespace tongban;
using namespace tongban::testing;

namespace {

/// A desktop that remembers every command it made.
struct Officer : Desktop {
    std::vector<std::pair<std::string, std::string>> made;  ///< command id and its kind

    Officer(int port, const std::string& login, const std::string& department)
        : Desktop(port, login, department, std::chrono::seconds{5})
    {
    }

    /// Claims one open task of its department, or completes one it holds.
    void work()
    {
        for (const auto& number : replica->caseNumbers()) {
            const auto local = sync.caseOf(number);
            if (!local || !local->state.isRunning() || local->state.isPaused())
                continue;
            for (const auto& open : local->state.marking.openTasks) {
                const auto& node = local->process->definition().nodes()[open.node];
                if (workflow::departmentFor(node, local->state.data) != actor.department)
                    continue;
                if (open.assignee.empty()) {
                    if (const auto id = sync.send(number, workflow::ClaimTask{open.number}, actor))
                        made.emplace_back(*id, "claim");
                    return;
                }
                if (open.assignee == actor.user) {
                    if (const auto id = sync.send(number, workflow::CompleteTask{open.number, workflow::Outcome::Approve, {}, {}, {}}, actor))
                        made.emplace_back(*id, "complete");
                    return;
                }
            }
        }
    }
};

/// Claims in the server's journal, by who made them; everyone who can claim is there, with 0 or more.
std::map<std::string, std::size_t> claimsByActor(store::Store& store)
{
    std::map<std::string, std::size_t> claims;
    for (const auto& user : store.users())
        claims[user.login] = 0;
    for (const auto& row : store.reportQuery("SELECT actor FROM journal WHERE type = 'taskClaimed'", {}))
        ++claims[std::get<std::string>(row[0])];
    return claims;
}

} // namespace

BOOST_AUTO_TEST_SUITE(FaultyNetwork)

BOOST_AUTO_TEST_CASE(EveryCommandIsAppliedOnceOrRefusedAndEveryReplicaEqualsTheServer)
{
    testing::SqliteBackend backend;
    Workspace workspace(backend.location(), 60);
    const auto claimsBefore = claimsByActor(*store::Store::open(backend.location()));
    RunningServer server(backend.location());
    FaultProxy proxy(server.port(), {}, 20261129);
    std::vector<std::unique_ptr<Officer>> desktops;
    for (const auto& [login, department] : {std::pair{"market01", "市场监管局"}, std::pair{"tax01", "税务局"},
                                            std::pair{"police01", "公安局"}}) {
        desktops.push_back(std::make_unique<Officer>(proxy.port(), login, department));
        // Sign in through the proxy, as often as it takes.
        bool signedIn = false;
        for (int attempt = 0; attempt < 50 && !signedIn; ++attempt)
            signedIn = desktops.back()->server.signIn(login, Workspace::passwordOf(login)).has_value();
        BOOST_TEST_REQUIRE(signedIn);
    }
    for (int round = 0; round < 40; ++round) {
        proxy.setOffline(round % 10 >= 7);  // three rounds in ten without any network
        for (auto& desktop : desktops) {
            desktop->work();
            desktop->sync.synchronise();
        }
    }
    // The network heals; everyone synchronises until nothing is left to
    // send, then once more to pull what the others sent last.
    proxy.setOffline(false);
    proxy.setFaults({0, 0, 0, 0, 0});
    for (int pass = 0; pass < 3; ++pass)
        for (auto& desktop : desktops)
            desktop->sync.synchronise();

    const auto counts = proxy.counts();
    BOOST_TEST(counts.dropped > 5);
    BOOST_TEST(counts.cut > 5);
    BOOST_TEST(counts.duplicated > 5);
    auto store = store::Store::open(backend.location());
    std::size_t applied = 0, refused = 0;
    std::map<std::string, std::size_t> appliedClaims;  // by officer
    for (const auto& desktop : desktops) {
        BOOST_TEST(desktop->sync.status().outbox == 0u, desktop->actor.user);
        std::set<std::string> shown;
        for (const auto& entry : desktop->replica->refusals())
            shown.insert(entry.envelope.id);
        BOOST_TEST(desktop->made.size() > 10u, desktop->actor.user);
        for (const auto& [id, kind] : desktop->made) {
            const auto receipt = store->commandReceipt(id);
            if (receipt && !receipt->refused) {
                ++applied;
                appliedClaims[desktop->actor.user] += kind == "claim" ? 1 : 0;
                BOOST_TEST(!shown.contains(id));
            } else {
                ++refused;
                BOOST_TEST(shown.contains(id), id << " was refused and is shown to " << desktop->actor.user);
            }
        }
        // Its replica equals the server for every case it holds.
        for (const auto& number : desktop->replica->caseNumbers())
            BOOST_TEST(desktop->sync.caseOf(number)->confirmedVersion == store->caseByNumber(number)->version, number);
    }
    // Exactly once: the server's journal holds one more claim per applied claim command.
    const auto claimsNow = claimsByActor(*store);
    for (const auto& desktop : desktops) {
        const auto& user = desktop->actor.user;
        BOOST_TEST(claimsNow.at(user) - claimsBefore.at(user) == appliedClaims[user],
                   user << ": " << claimsNow.at(user) << " - " << claimsBefore.at(user));
    }
    BOOST_TEST(applied > 20u);
    BOOST_TEST(store->verifyJournal().intact);
    BOOST_TEST_MESSAGE("applied " << applied << ", refused " << refused << "; proxy dropped " << counts.dropped << ", cut "
                                  << counts.cut << ", duplicated " << counts.duplicated << ", delayed " << counts.delayed);
}

BOOST_AUTO_TEST_SUITE_END()
