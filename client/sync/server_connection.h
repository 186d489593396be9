// The desktop's side of the sync service's HTTP API: sign in, push a batch
// of commands, pull journal records after a cursor, fetch a definition.
// HTTPS through Poco NetSSL when the address says https.
#pragma once

#include "store/protocol/sync_protocol.h"

#include <chrono>
#include <expected>
#include <string>
#include <vector>

namespace tongban::client {

/// Why a call did not go through: the server was not reached (offline, try
/// later), or it answered with an error.
struct SyncError {
    bool reached = false;
    int status = 0;
    std::string code;
    std::string message;
};

struct EventPage {
    std::vector<store::JournalEntry> events;
    std::uint64_t next = 0;
};

class ServerConnection {
public:
    /// `address` is "http://host:port" or "https://host:port"; a bad one throws
    /// std::invalid_argument. HTTPS trusts the system's certificate
    /// authorities and, when given, those in `authorities` (a PEM file: a
    /// centre's own).
    explicit ServerConnection(const std::string& address, std::chrono::milliseconds timeout = std::chrono::seconds{10},
                              std::string authorities = {});

    std::expected<void, SyncError> signIn(const std::string& login, const std::string& password);
    bool signedIn() const { return !m_token.empty(); }
    /// The signed-in user as the server knows them.
    std::expected<store::User, SyncError> me();

    std::expected<std::vector<protocol::CommandResult>, SyncError>
    push(const std::vector<protocol::CommandEnvelope>& commands);
    std::expected<EventPage, SyncError> pull(std::uint64_t after, std::size_t limit);
    std::expected<std::string, SyncError> definition(const std::string& key, int version);
    /// A case's header (applicant, region, channel) and its intake record (empty when none) as the server shows them.
    std::expected<std::pair<store::CaseView, std::string>, SyncError> caseHeader(const std::string& number);
    std::expected<std::vector<store::Department>, SyncError> departments();
    /// The catalogue's one things, each its tongban.onething/1 document.
    std::expected<std::vector<std::string>, SyncError> catalogue();

private:
    struct Answer {
        int status = 0;
        std::string body;
    };
    std::expected<Answer, SyncError> call(const std::string& method, const std::string& path, const std::string& body);
    /// The answer's JSON object when it has the expected status, or why not.
    std::expected<Poco::JSON::Object::Ptr, SyncError> callForObject(const std::string& method, const std::string& path,
                                                                    const std::string& body, int expected);

    std::string m_scheme;
    std::string m_host;
    unsigned short m_port = 0;
    std::chrono::milliseconds m_timeout;
    std::string m_authorities;
    std::string m_token;
};

} // namespace tongban::client
