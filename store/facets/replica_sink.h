// Where a connected desktop's copies of a server's cases land.
#pragma once

#include "store/records/cases.h"

#include <string>

namespace tongban::store {

class ReplicaSink {
public:
    virtual ~ReplicaSink() = default;

    /// A connected desktop's copy of a server's case: its header as the
    /// server shows it and every event from the start, the desktop's unsent
    /// commands' included. Replaces all the workspace held of the case, in
    /// one transaction. Only for a replica: its journal's records are copies
    /// renumbered in the order they arrive, and keeping the chain of the
    /// server's journal is the server's.
    /// `application` is the case's intake record; empty when it has none.
    virtual void replaceCase(const CaseView& header, const Events& events, const std::string& application) = 0;
};

} // namespace tongban::store
