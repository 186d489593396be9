// tongban-server's administration verbs: migrate, seed, audit verify.
#include "server/tool/server_cli.h"

#include "tests/support/backends.h"
#include "store/sql/schema.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace tongban;
using namespace tongban::testing;

namespace {

struct Result {
    int exitCode = 0;
    std::string out, err;
};

Result runServer(std::vector<std::string> args, const std::string& input = {})
{
    std::istringstream in(input);
    std::ostringstream out, err;
    const int code = workflow::cli::runTool(
        server::cli::kServerTool, args, out, err,
        [&in](const std::vector<std::string>& rest, std::ostream& o, std::ostream& e) { return server::cli::run(rest, in, o, e); });
    return {code, out.str(), err.str()};
}

/// "name: value" lines as a map.
std::map<std::string, std::string> figures(const std::string& text)
{
    std::map<std::string, std::string> result;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (const auto colon = line.find(": "); colon != std::string::npos)
            result[line.substr(0, colon)] = line.substr(colon + 2);
    return result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ServerTool)

BOOST_AUTO_TEST_CASE(MigrateReportsTheSchemaVersion)
{
    SqliteBackend backend;
    auto result = runServer({"migrate", "--db", backend.location()});
    BOOST_TEST(result.exitCode == 0);
    BOOST_TEST(result.out == "schema_version: " + std::to_string(store::latestSchemaVersion()) + "\n");
}

BOOST_AUTO_TEST_CASE(SeedingIsDeterministicAndCoversEveryState)
{
    SqliteBackend first, second;
    auto a = runServer({"seed", "--db", first.location(), "--cases", "400", "--seed", "9"});
    auto b = runServer({"seed", "--db", second.location(), "--cases", "400", "--seed", "9"});
    BOOST_TEST_REQUIRE(a.exitCode == 0, a.err);
    const auto report = figures(a.out);
    BOOST_TEST(report.at("cases") == "400");
    std::uint64_t total = 0;
    for (const auto* state : {"open", "completed_on_time", "completed_late", "not_granted", "withdrawn"}) {
        BOOST_TEST(std::stoull(report.at(state)) > 0u, state);
        total += std::stoull(report.at(state));
    }
    BOOST_TEST(total == 400u);
    BOOST_TEST(std::stoull(report.at("returned_once")) > 0u);

    auto verifyA = runServer({"audit", "verify", "--db", first.location()});
    auto verifyB = runServer({"audit", "verify", "--db", second.location()});
    BOOST_TEST(verifyA.exitCode == 0);
    BOOST_TEST(figures(verifyA.out).at("head") == figures(verifyB.out).at("head"));  // same seed, same journal
    BOOST_TEST(std::stoull(figures(verifyA.out).at("records")) > 400u * 10);

    auto other = runServer({"seed", "--db", SqliteBackend().location(), "--cases", "50", "--seed", "10"});
    BOOST_TEST(other.exitCode == 0);
}

BOOST_AUTO_TEST_CASE(AuditVerifyNamesTheFirstBrokenRecord)
{
    SqliteBackend backend;
    BOOST_TEST_REQUIRE(runServer({"seed", "--db", backend.location(), "--cases", "30"}).exitCode == 0);
    backend.tamper("UPDATE journal SET at = at + 60 WHERE seq = 100");
    auto result = runServer({"audit", "verify", "--db", backend.location()});
    BOOST_TEST(result.exitCode == 1);
    BOOST_TEST(result.err == "tongban-server: journal broken at record 100: record 100 does not match its hash: it or "
                             "the record before it was altered\n");
    BOOST_TEST(result.out == "records_checked: 99\n");
}

BOOST_AUTO_TEST_CASE(SeedingPostgreSQLWorksTheSame)
{
    if (!PostgresBackend::available()) {
        std::cout << "SKIPPED on PostgreSQL: no PostgreSQL server\n";
        return;
    }
    PostgresBackend backend;
    auto seeded = runServer({"seed", "--db", backend.location(), "--cases", "100", "--seed", "9"});
    BOOST_TEST_REQUIRE(seeded.exitCode == 0, seeded.err);
    SqliteBackend sqlite;
    runServer({"seed", "--db", sqlite.location(), "--cases", "100", "--seed", "9"});
    auto onPostgres = runServer({"audit", "verify", "--db", backend.location()});
    auto onSqlite = runServer({"audit", "verify", "--db", sqlite.location()});
    BOOST_TEST(onPostgres.exitCode == 0);
    BOOST_TEST(figures(onPostgres.out).at("head") == figures(onSqlite.out).at("head"));  // identical journals
}

BOOST_AUTO_TEST_CASE(ANewCalendarIsSavedGivenToDepartmentsAndMovesTheirDeadlines)
{
    SqliteBackend backend;
    BOOST_TEST_REQUIRE(runServer({"seed", "--db", backend.location(), "--cases", "60", "--seed", "3"}).exitCode == 0);
    const auto folder = std::filesystem::path(backend.location()).parent_path();
    // Every day worked, as a centre open seven days a week would: deadlines across weekends come sooner.
    const auto file = (folder / "seven-days.json").string();
    std::ofstream(file) << R"({"format": "tongban.calendar/1", "name": "七天办公",
        "weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "years": []})";
    const auto bad = (folder / "bad.json").string();
    std::ofstream(bad) << R"({"format": "tongban.calendar/1", "name": "x", "years": [{"year": 2026,
        "holidays": [{"name": "春节", "from": "2026-02-30"}]}]})";

    const auto misspelt = runServer({"calendar", "save", "--db", backend.location(), "--name", "seven-days", "--file", file,
                                     "--departments", "市场监管局,税务总局"});
    BOOST_TEST(misspelt.exitCode == 1);
    BOOST_TEST(misspelt.err == "tongban-server: there is no department 税务总局\n");
    const auto unreadable = runServer({"calendar", "save", "--db", backend.location(), "--name", "x", "--file", bad});
    BOOST_TEST(unreadable.exitCode == 2);
    BOOST_TEST(unreadable.err.find("bad.json") != std::string::npos, unreadable.err);
    BOOST_TEST(store::Store::open(backend.location())->calendarNames().empty());

    const auto saved = runServer({"calendar", "save", "--db", backend.location(), "--name", "seven-days", "--file", file,
                                  "--departments", "all"});
    BOOST_TEST_REQUIRE(saved.exitCode == 0, saved.err);
    const auto report = figures(saved.out);
    auto store = store::Store::open(backend.location());
    BOOST_TEST(report.at("departments using it") == std::to_string(store->departments().size()));
    BOOST_TEST(std::stoi(report.at("deadlines moved")) > 0);
    for (const auto& department : store->departments())
        BOOST_TEST(department.calendar == "seven-days");
    BOOST_TEST(store->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE(BadUsageAndUnusableDatabasesExitTwo)
{
    BOOST_TEST(runServer({}).exitCode == 2);
    BOOST_TEST(runServer({"frobnicate", "--db", "x"}).err.starts_with("tongban-server: unknown command 'frobnicate'"));
    BOOST_TEST(runServer({"seed", "--cases", "5"}).err == "tongban-server: seed needs --db DB\n");
    SqliteBackend backend;
    BOOST_TEST(runServer({"seed", "--db", backend.location(), "--cases", "0"}).err ==
               "tongban-server: seed needs --cases N with N a positive whole number\n");
    BOOST_TEST(runServer({"seed", "--db", backend.location(), "--cases", "5", "--seed", "x"}).exitCode == 2);
    BOOST_TEST(runServer({"seed", "--db", backend.location(), "--cases"}).err ==
               "tongban-server: --cases needs a value\n");
    auto unwritable = runServer({"migrate", "--db", "/nonexistent/folder/workspace.db"});
    BOOST_TEST(unwritable.exitCode == 2);
    BOOST_TEST(unwritable.err == "tongban-server: cannot open the SQLite database /nonexistent/folder/workspace.db: the "
                                 "folder /nonexistent/folder does not exist\n");
    BOOST_TEST(runServer({"migrate", "--db", backend.location()}).exitCode == 0);
    backend.tamper("UPDATE schema_info SET version = " + std::to_string(tongban::store::latestSchemaVersion() + 1));
    auto newer = runServer({"audit", "verify", "--db", backend.location()});
    BOOST_TEST(newer.exitCode == 2);
    BOOST_TEST(newer.err.find("written by a newer Tongban") != std::string::npos);
    BOOST_TEST(runServer({"--version"}).out == "tongban-server " TONGBAN_VERSION "\n");
    BOOST_TEST(runServer({"--help"}).out.starts_with("usage: tongban-server"));
}

BOOST_AUTO_TEST_SUITE_END()
