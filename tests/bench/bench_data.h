// The million-case workspace the benchmarks share: seeded once (minutes) into
// the build's bench-data folder, then reused by every run.
#pragma once

#include "services/seeding/demo_seeder.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace tongban::bench {

inline std::string millionCaseWorkspace(const char* bench)
{
    const auto directory = std::filesystem::path(TONGBAN_BENCH_DATA_DIR);
    std::filesystem::create_directories(directory);
    const auto path = (directory / "store-1000000-seed1.db").string();
    if (std::filesystem::exists(path + ".complete"))
        return path;
    std::cerr << bench << ": seeding 1000000 cases into " << path << " once (minutes)\n";
    auto store = store::Store::open(path);
    services::SeedOptions options;
    options.cases = 1000000;
    options.seed = 1;
    services::seedDemo(*store, options);
    std::ofstream(path + ".complete") << "seeded\n";
    return path;
}

} // namespace tongban::bench
