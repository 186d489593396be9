// Fills a store with realistic demo data: departments, users of every role,
// the one-thing catalogue, electronic licences, and cases of the reference
// one-thing process in every state.
#pragma once

#include "store/store.h"

#include <cstdint>
#include <functional>
#include <string_view>

namespace tongban::services {

/// The text of docs/examples/reference-one-thing.json, embedded by the build.
extern const std::string_view kReferenceProcessJson;
/// Electronic licences of the demo applicants (services/seeding/data/demo-licences.json).
extern const std::string_view kDemoLicencesJson;

struct SeedReport {
    std::uint64_t cases = 0;
    std::uint64_t commands = 0;
    std::uint64_t open = 0;       ///< still running
    std::uint64_t onTime = 0;     ///< completed by the promised due time
    std::uint64_t late = 0;       ///< completed after it
    std::uint64_t notGranted = 0;
    std::uint64_t withdrawn = 0;
    std::uint64_t returned = 0;   ///< cases that were sent back at least once
    bool stopped = false;         ///< progress asked to stop: `cases` were seeded, not all
};

/// Everything a seed decides comes from `seed`: the same seed gives the same
/// database, whatever the day it runs (cases are placed in the year before
/// `SeedOptions::until`).
struct SeedOptions {
    std::uint64_t cases = 1000;
    std::uint64_t seed = 1;
    std::string region = "320100";
    workflow::Instant until = workflow::Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}} +
                              std::chrono::hours{9};  ///< 17:00 in Nanjing
    /// Called after every `progressEvery` cases, each batch committed; false
    /// stops seeding there.
    std::function<bool(std::uint64_t done)> progress;
    std::uint64_t progressEvery = 1000;
    /// Every case accepted in the last four weeks and waiting at the departments:
    /// a centre's backlog, five open tasks a case.
    bool backlogOnly = false;
};

/// Departments, users of every role, the demo catalogue of one things, the
/// demo applicants' electronic licences and the reference definition
/// (idempotent), then the cases.
SeedReport seedDemo(store::Store& store, const SeedOptions& options);

} // namespace tongban::services
