// The hash chain over journal records (全流程留痕).
#pragma once

#include <cstdint>
#include <string>

namespace tongban::store {

/// One journal record as hashed: every column but the hash itself.
struct JournalRecord {
    std::int64_t seq = 0;
    std::int64_t caseId = 0;  ///< 0 for records about reference data
    std::int64_t caseVersion = 0;
    std::string type;
    std::string actor;
    std::string department;
    std::int64_t at = 0;
    std::string body;
};

/// SHA-256, in hex, of the previous record's hash followed by this record's
/// columns. Changing, inserting or deleting any record breaks every hash after it.
std::string chainHash(const std::string& previousHash, const JournalRecord& record);

} // namespace tongban::store
