// Crash safety: a writer killed with SIGKILL at random moments never loses an
// acknowledged command and never leaves one half-applied.
#include "tests/support/backends.h"

#include "store/store.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <random>
#include <sstream>
#include <thread>

using namespace tongban::workflow;
using namespace tongban::store;
using namespace tongban::testing;

BOOST_AUTO_TEST_SUITE(CrashSafety)

BOOST_AUTO_TEST_CASE(KilledWritersLoseNothingAcknowledged)
{
    constexpr int kKills = 60;
    SqliteBackend backend;
    std::mt19937 random(2026);
    std::map<std::string, std::uint64_t> acknowledged;  // case number -> highest acknowledged version
    std::size_t acks = 0;

    for (int run = 0; run < kKills; ++run) {
        Poco::Pipe out;
        auto child = Poco::Process::launch(TONGBAN_CRASH_CHILD, {backend.location(), std::to_string(run)}, nullptr, &out,
                                           nullptr);
        // Each line the child prints followed a commit.
        Poco::PipeInputStream lines(out);
        std::string word, number;
        std::uint64_t version = 0;
        const auto readAck = [&] {
            if (!(lines >> word >> number >> version))
                return false;
            BOOST_TEST_REQUIRE(word == "ack");
            auto& highest = acknowledged[number];
            highest = std::max(highest, version);
            ++acks;
            return true;
        };
        // The kill comes a random while after the child's first commit, so that
        // it lands mid-write however slowly the child starts (a sanitizer build).
        readAck();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<>(20, 120)(random)));
        Poco::Process::kill(child);
        child.wait();
        while (readAck()) {
        }
    }
    BOOST_TEST(acks > 10u * kKills);

    auto store = Store::open(backend.location());
    const auto journal = store->verifyJournal();
    BOOST_TEST(journal.intact, journal.problem);
    for (const auto& [number, version] : acknowledged) {
        const auto view = store->caseByNumber(number);
        BOOST_TEST_REQUIRE(view.has_value(), "acknowledged case " << number << " is missing");
        BOOST_TEST_REQUIRE(view->version >= version, number << " lost acknowledged commands");
        // The projections agree with the events: no command half-applied.
        const auto state = store->caseState(number);
        std::size_t openRows = 0;
        for (const auto& task : store->tasksOfCase(number))
            if (task.state == TaskState::Open || task.state == TaskState::Claimed) {
                ++openRows;
                BOOST_TEST_REQUIRE(state->findTask(task.task) != nullptr);
            }
        BOOST_TEST_REQUIRE(openRows == state->marking.openTasks.size());
    }
}

BOOST_AUTO_TEST_SUITE_END()
