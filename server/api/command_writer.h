// Applies the commands of concurrent requests through the workspace's one
// writer, committing those that arrive together in one transaction. A commit
// is the dearest part of a command (the write-ahead log's pages, an fsync on
// PostgreSQL); while one group commits, the next gathers. Each command keeps
// its own outcome: a refusal refuses that command alone.
#pragma once

#include "server/api/store_pool.h"
#include "store/store.h"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <expected>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tongban::server {

class CommandWriter {
public:
    using Outcome = std::expected<store::Applied, store::Refusal>;

    /// `mostInGroup` bounds how long the last of a group waits for the first.
    explicit CommandWriter(StorePool& stores, std::size_t mostInGroup = 128) : m_stores(stores), m_mostInGroup(mostInGroup) {}

    /// Applies the command once (executeOnce); returns when it is committed or refused.
    Outcome apply(const std::string& commandId, const std::string& caseNumber, const workflow::Command& command);

    /// Commands waiting for the writer now.
    std::size_t waiting();
    /// The most commands committed in one transaction so far.
    std::size_t largestGroup();

private:
    struct Pending {
        const std::string* commandId;
        const std::string* caseNumber;
        const workflow::Command* command;
        std::optional<Outcome> outcome;
        std::exception_ptr failure;  ///< what the database threw for this command alone
        bool done = false;
    };

    /// Writes a group, the caller holding no lock: in one transaction, or, if
    /// that transaction fails as a whole, each command in its own. Never throws.
    void write(const std::vector<Pending*>& group);

    StorePool& m_stores;
    std::size_t m_mostInGroup;
    std::mutex m_mutex;
    std::condition_variable m_written;
    std::vector<Pending*> m_waiting;
    bool m_writing = false;
    std::size_t m_largestGroup = 0;
};

} // namespace tongban::server
