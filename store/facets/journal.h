// The hash-chained journal (留痕) as a whole: read in order for the sync
// service, and walked to prove nothing in it was altered.
#pragma once

#include "store/records/journal.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tongban::store {

class Journal {
public:
    virtual ~Journal() = default;

    /// Up to `limit` records of cases' journals after sequence number `after`, in order.
    virtual std::vector<JournalEntry> journalAfter(std::uint64_t after, std::size_t limit) = 0;
    /// Walks the journal and recomputes its hash chain.
    virtual JournalReport verifyJournal() = 0;
};

} // namespace tongban::store
