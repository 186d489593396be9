// bench_calendar: due dates from random starts and limits over 2024-2026, and
// the overdue scan (yellow and red) among a million open tasks.
//
// The backlog database is seeded once under the build folder and reused.
#include "services/seeding/demo_seeder.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/clock/deadline.h"
#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

using namespace tongban;
using namespace tongban::workflow;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string backlog(std::uint64_t cases)
{
    const auto directory = std::filesystem::path(TONGBAN_BENCH_DATA_DIR);
    std::filesystem::create_directories(directory);
    const auto path = (directory / ("backlog-" + std::to_string(cases) + "-seed2.db")).string();
    if (std::filesystem::exists(path + ".complete"))
        return path;
    for (const auto* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    std::cerr << "bench_calendar: seeding a backlog of " << cases << " cases into " << path << " once (minutes)\n";
    auto store = store::Store::open(path);
    services::SeedOptions options;
    options.cases = cases;
    options.seed = 2;
    options.backlogOnly = true;
    services::seedDemo(*store, options);
    std::ofstream(path + ".complete") << "seeded\n";
    return path;
}

} // namespace

int main()
{
    try {
        const auto& calendar = nationalCalendar();
        std::mt19937_64 random(7);
        const auto first = Instant{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};
        constexpr std::size_t kStarts = 2'000'000;
        std::vector<Instant> starts(kStarts);
        std::vector<int> limits(kStarts);
        for (std::size_t i = 0; i < kStarts; ++i) {
            starts[i] = first + std::chrono::minutes{std::uniform_int_distribution<long>(0, 3L * 365 * 24 * 60 - 60 * 24 * 90)(random)};
            limits[i] = std::uniform_int_distribution<>(0, 60)(random);
        }
        std::int64_t checksum = 0;
        const auto start = Clock::now();
        for (std::size_t i = 0; i < kStarts; ++i)
            checksum += calendar.addWorkingDays(starts[i], limits[i]).time_since_epoch().count();
        const double seconds = secondsSince(start);
        std::cout << "due_dates_per_s: " << static_cast<long long>(kStarts / seconds) << "\n";
        if (checksum == 0)  // uses the results, so the loop cannot be optimised away
            std::cout << "checksum: 0\n";

        constexpr std::uint64_t kCases = 200000;  // five open review tasks each
        const auto path = backlog(kCases);
        auto store = store::Store::open(path);
        const auto everything = store->warnings(Instant{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}});
        std::cout << "open_tasks: " << everything.overdueTasks.size() << "\n";

        // A healthy centre: the instant at which one open task in twenty is
        // yellow or red. And a centre in crisis: half of them.
        auto dueKeys = everything.overdueTasks;
        auto instantWithShare = [&](double share) {
            const auto& task = dueKeys[static_cast<std::size_t>(share * static_cast<double>(dueKeys.size()))];
            return task.dueAt - std::chrono::hours{24};
        };
        for (const auto& [label, share] : {std::pair{"", 0.05}, std::pair{"_half_late", 0.5}}) {
            const Instant at = instantWithShare(share);
            std::vector<double> times;
            std::size_t rows = 0;
            for (int round = 0; round < 5; ++round) {
                const auto scanStart = Clock::now();
                const auto warnings = store->warnings(at);
                times.push_back(secondsSince(scanStart) * 1000);
                rows = warnings.overdueTasks.size() + warnings.dueSoonTasks.size();
            }
            std::sort(times.begin(), times.end());
            std::cout << "overdue_scan_rows" << label << ": " << rows << "\n";
            std::cout << "overdue_scan_ms" << label << ": " << times[times.size() / 2] << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "bench_calendar: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
