// bench_store: how fast the store makes commands durable, against the
// fastest bare SQLite commits on the same machine, and how fast inboxes read
// on a large workspace.
//
// The 1,000,000-case database takes minutes to seed; it is built once under
// the build folder and reused (and migrated when the schema moves on).
// seed_cases_per_s is measured in every run on a fresh, smaller seed. The
// PostgreSQL figures come from a throwaway server started for the run.
#include "services/seeding/demo_seeder.h"
#include "workflow/model/definition_json.h"
#include "store/store.h"
#include "tests/bench/throwaway_postgres.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

using namespace tongban;
using namespace tongban::workflow;
using namespace tongban::store;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string freshPath(const std::string& name)
{
    const auto path = std::filesystem::temp_directory_path() / ("tongban-bench-" + name);
    for (const auto* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);
    return path.string();
}

/// Bare SQLite: one transaction per row, the row as large as an event record.
double floorCommitsPerSecond(std::size_t bodyBytes)
{
    const auto path = freshPath("floor.db");
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                 "CREATE TABLE journal (seq INTEGER PRIMARY KEY, case_id INTEGER, case_version INTEGER, type TEXT,"
                 " actor TEXT, department TEXT, at INTEGER, body TEXT, hash TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &insert, nullptr);
    const std::string body(bodyBytes, 'x'), hash(64, 'f');
    constexpr int kCommits = 50000;
    const auto start = Clock::now();
    for (int i = 1; i <= kCommits; ++i) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        sqlite3_bind_int64(insert, 1, i);
        sqlite3_bind_int64(insert, 2, i / 12);
        sqlite3_bind_int64(insert, 3, i % 12);
        sqlite3_bind_text(insert, 4, "taskCompleted", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 5, "officer01", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 6, "税务局", -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 7, 1790000000 + i);
        sqlite3_bind_text(insert, 8, body.c_str(), static_cast<int>(body.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 9, hash.c_str(), 64, SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double rate = kCommits / secondsSince(start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return rate;
}

ProcessDefinition referenceProcess()
{
    return readDefinition(services::kReferenceProcessJson)->definition;
}

/// Cases of the reference process worked to the end, one command per transaction.
double durableTasksPerSecond(const std::string& location, std::size_t cases)
{
    auto store = Store::open(location);
    const Actor clerk{"clerk01", "政务服务中心"};
    const auto at = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}} + std::chrono::hours{1};
    store->saveDepartment({"政务服务中心", "政务服务中心", "320100"}, clerk, at);
    if (!store->publishDefinition(referenceProcess(), clerk, at))
        throw std::runtime_error("cannot publish the reference process");
    std::vector<std::string> numbers;
    store->inOneTransaction([&] {
        for (std::size_t i = 0; i < cases; ++i)
            numbers.push_back(store->createCase({"enterprise-opening-reference", 1, "320100", "窗口", {"某公司", "91320100X"}, {},
                                                 clerk, at})
                                  ->caseNumber);
    });
    std::mt19937 random(5);
    std::vector<std::size_t> running(cases);
    for (std::size_t i = 0; i < cases; ++i)
        running[i] = i;
    std::size_t tasks = 0;
    const auto start = Clock::now();
    while (!running.empty()) {
        const auto pick = std::uniform_int_distribution<std::size_t>(0, running.size() - 1)(random);
        const auto& number = numbers[running[pick]];
        const auto state = store->caseState(number);
        const auto& open = state->marking.openTasks;
        const auto task = open[std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(random)].number;
        auto applied = store->execute(number, Command{CompleteTask{task, Outcome::Approve, {}, {}, {}}, clerk, at});
        if (!applied)
            throw std::runtime_error(applied.error().message);
        ++tasks;
        if (store->caseState(number)->status != CaseStatus::Running) {
            running[pick] = running.back();
            running.pop_back();
        }
    }
    return tasks / secondsSince(start);
}

double percentile(std::vector<double> values, double share)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(share * static_cast<double>(values.size())))];
}

/// The first inbox page of 50 for each department in turn, timed.
double inboxP95Milliseconds(Store& store)
{
    std::vector<double> times;
    const char* departments[] = {"市场监管局", "公安局", "税务局", "人力资源和社会保障局", "住房公积金管理中心", "政务服务中心"};
    for (int round = 0; round < 50; ++round) {
        for (const auto* department : departments) {
            const auto start = Clock::now();
            const auto page = store.inbox(department, 50);
            times.push_back(secondsSince(start) * 1000);
            if (page.tasks.empty())
                throw std::runtime_error(std::string("empty inbox for ") + department);
        }
    }
    return percentile(times, 0.95);
}

std::string largeWorkspace(std::uint64_t cases)
{
    const auto directory = std::filesystem::path(TONGBAN_BENCH_DATA_DIR);
    std::filesystem::create_directories(directory);
    // Opening an older copy migrates it; delete the folder to seed afresh.
    const auto path = (directory / ("store-" + std::to_string(cases) + "-seed1.db")).string();
    const auto done = path + ".complete";
    if (std::filesystem::exists(done))
        return path;
    for (const auto* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    std::cerr << "bench_store: seeding " << cases << " cases into " << path << " once (minutes)\n";
    auto store = Store::open(path);
    services::SeedOptions options;
    options.cases = cases;
    options.seed = 1;
    options.progress = [](std::uint64_t seeded) {
        if (seeded % 100000 == 0)
            std::cerr << "bench_store: " << seeded << " cases\n";
        return true;
    };
    services::seedDemo(*store, options);
    std::ofstream(done) << "seeded\n";
    return path;
}

/// Bare PostgreSQL: one transaction per row, in one round trip each.
double postgresFloorCommitsPerSecond(const std::string& conninfo, std::size_t bodyBytes)
{
    PGconn* connection = PQconnectdb(conninfo.c_str());
    if (PQstatus(connection) != CONNECTION_OK)
        throw std::runtime_error(std::string("PostgreSQL floor: ") + PQerrorMessage(connection));
    PQclear(PQexec(connection, "CREATE TABLE floor (seq BIGINT PRIMARY KEY, body TEXT)"));
    const std::string body(bodyBytes, 'x');
    constexpr int kCommits = 5000;
    const auto start = Clock::now();
    for (int i = 1; i <= kCommits; ++i) {
        const auto sql = "BEGIN; INSERT INTO floor VALUES (" + std::to_string(i) + ", '" + body + "'); COMMIT";
        PQclear(PQexec(connection, sql.c_str()));
    }
    const double rate = kCommits / secondsSince(start);
    PQfinish(connection);
    return rate;
}

void postgresFigures()
{
    bench::ThrowawayPostgres server;
    if (server.url().empty()) {
        std::cout << "postgresql: skipped (no PostgreSQL server binaries)\n";
        return;
    }
    const double durable = durableTasksPerSecond(server.url(), 300);
    const double floor = postgresFloorCommitsPerSecond(server.conninfo(), 120);
    std::cout << "pg_durable_tasks_per_s: " << static_cast<long long>(durable) << "\n";
    std::cout << "pg_floor_commits_per_s: " << static_cast<long long>(floor) << "\n";
    std::cout << "pg_durable_to_floor: " << durable / floor << "\n";
    auto store = Store::open(server.url());
    services::SeedOptions options;
    options.cases = 20000;
    options.seed = 3;
    const auto start = Clock::now();
    services::seedDemo(*store, options);
    std::cout << "pg_seed_cases_per_s: " << static_cast<long long>(options.cases / secondsSince(start)) << "\n";
    std::cout << "pg_inbox_p95_ms_20000_cases: " << inboxP95Milliseconds(*store) << "\n";
}

} // namespace

int main()
{
    try {
        const double durable = durableTasksPerSecond(freshPath("durable.db"), 3000);
        const double floor = floorCommitsPerSecond(120);
        std::cout << "durable_tasks_per_s: " << static_cast<long long>(durable) << "\n";
        std::cout << "floor_commits_per_s: " << static_cast<long long>(floor) << "\n";
        std::cout << "durable_to_floor: " << durable / floor << "\n";

        const auto seedPath = freshPath("seed.db");
        constexpr std::uint64_t kSeedCases = 20000;
        auto seedStore = Store::open(seedPath);
        services::SeedOptions options;
        options.cases = kSeedCases;
        const auto seedStart = Clock::now();
        services::seedDemo(*seedStore, options);
        std::cout << "seed_cases_per_s: " << static_cast<long long>(kSeedCases / secondsSince(seedStart)) << "\n";

        constexpr std::uint64_t kLarge = 1000000;
        const auto large = largeWorkspace(kLarge);
        auto store = Store::open(large);
        std::cout << "cases: " << store->caseCount() << "\n";
        std::cout << "inbox_p95_ms: " << inboxP95Milliseconds(*store) << "\n";
        std::cout << "db_bytes_per_case: " << std::filesystem::file_size(large) / kLarge << "\n";
        postgresFigures();
    } catch (const std::exception& e) {
        std::cerr << "bench_store: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
