// The journal's records as the sync service passes them on, and what a walk
// along its hash chain found.
#pragma once

#include "store/records/engine_names.h"

#include <cstdint>
#include <optional>
#include <string>

namespace tongban::store {

/// A record of a case's journal, as the sync service passes it on.
struct JournalEntry {
    std::uint64_t seq = 0;
    std::string caseNumber;
    std::uint64_t caseVersion = 0;
    std::string type;  ///< the event's name: "taskCompleted" …
    Actor actor;
    Instant at{};
    std::string body;  ///< the event's JSON body
};

struct JournalReport {
    bool intact = true;
    std::uint64_t records = 0;
    std::optional<std::uint64_t> firstBroken;  ///< sequence number of the first record that fails
    std::string problem;
    std::string headHash;  ///< the last record's hash, to keep outside the database as an anchor
};

} // namespace tongban::store
