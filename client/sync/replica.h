// What a connected desktop keeps on its own disk (one SQLite file): the
// outbox of commands not yet settled by the server, in the order they were
// made, and the replica of the server's journal for the cases the user may
// see, with the cursor to pull from and the definitions the cases run on.
// Written with synchronous=FULL, so that a command in the outbox survives a
// power cut as well as a crash.
#pragma once

#include "store/protocol/sync_protocol.h"

#include <Poco/Data/Session.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

enum class OutboxState { Pending, Applied, Refused };

struct OutboxEntry {
    std::int64_t position = 0;  ///< the order commands were made in
    protocol::CommandEnvelope envelope;
    workflow::Actor actor;  ///< who made it, to show its effect before the server has it
    OutboxState state = OutboxState::Pending;
    workflow::Instant queuedAt{};
    std::string code;     ///< the server's, when refused
    std::string message;  ///< likewise
};

class Replica {
public:
    /// Opens (or creates) the file; throws std::runtime_error when it cannot.
    explicit Replica(const std::string& path);

    /// Puts a command in the outbox with a new identifier (a UUID), returned.
    std::string enqueue(const std::string& caseNumber, std::optional<std::uint64_t> version,
                        const workflow::CommandAction& action, const workflow::Actor& actor, workflow::Instant queuedAt);
    /// Pending commands, oldest first.
    std::vector<OutboxEntry> pending(std::size_t limit) const;
    /// Pending commands on one case, oldest first.
    std::vector<OutboxEntry> pendingOfCase(const std::string& caseNumber) const;
    /// Applied commands leave the outbox; refused ones stay, marked, until the user has seen them.
    void settle(const protocol::CommandResult& result);
    std::vector<OutboxEntry> refusals() const;
    void dismiss(std::int64_t position);
    std::size_t pendingCount() const;

    /// Keeps pulled records and moves the cursor past them, in one transaction.
    void keepEvents(const std::vector<store::JournalEntry>& entries, std::uint64_t next);
    std::uint64_t cursor() const;
    std::vector<store::JournalEntry> eventsOfCase(const std::string& caseNumber) const;
    /// The sequence number of the case's last record held; 0 when none.
    std::uint64_t lastSeqOfCase(const std::string& caseNumber) const;
    std::vector<std::string> caseNumbers() const;
    /// Per case, a mark that changes whenever its records, its header or its
    /// pending commands do: what a copy of the case is compared against.
    std::map<std::string, std::string> caseMarks() const;

    /// A case's header (caseViewJson) and intake record (empty when it has none) as the server showed them.
    void keepCaseHeader(const std::string& caseNumber, const std::string& header, const std::string& application);
    std::optional<std::pair<std::string, std::string>> caseHeader(const std::string& caseNumber) const;
    /// Cases whose records arrived without their header yet.
    std::vector<std::string> casesWithoutHeader() const;

    void keepDefinition(const std::string& key, int version, const std::string& body);
    std::optional<std::string> definition(const std::string& key, int version) const;

    void setValue(const std::string& key, const std::string& value);
    std::optional<std::string> value(const std::string& key) const;

private:
    /// Outbox rows matching `where`, which may test `case_number = ?` against `caseNumber`.
    std::vector<OutboxEntry> entries(const std::string& where, std::size_t limit, const std::string& caseNumber = {}) const;

    mutable Poco::Data::Session m_session;
};

} // namespace tongban::client
