#include "client/sync/replica.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SessionFactory.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/UUIDGenerator.h>

#include <map>
#include <stdexcept>

namespace tongban::client {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Int64;

const char* stateName(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending:
        return "pending";
    case OutboxState::Applied:
        return "applied";
    case OutboxState::Refused:
        return "refused";
    }
    return "pending";
}

Poco::Data::Session openFile(const std::string& path)
{
    Poco::Data::SQLite::Connector::registerConnector();
    try {
        return Poco::Data::Session(Poco::Data::SessionFactory::instance().create("SQLite", path));
    } catch (const Poco::Exception& error) {
        throw std::runtime_error("the connected workspace " + path + " cannot be opened: " + error.displayText());
    }
}

} // namespace

Replica::Replica(const std::string& path) : m_session(openFile(path))
{
    try {
        m_session << "PRAGMA journal_mode = WAL", now;
        m_session << "PRAGMA synchronous = FULL", now;
        m_session << "PRAGMA busy_timeout = 5000", now;
        m_session << "CREATE TABLE IF NOT EXISTS outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
                     " case_number TEXT NOT NULL, version INTEGER, action TEXT NOT NULL, actor TEXT NOT NULL, department TEXT NOT NULL,"
                     " state TEXT NOT NULL,"
                     " queued_at INTEGER NOT NULL, code TEXT NOT NULL DEFAULT '', message TEXT NOT NULL DEFAULT '')",
            now;
        m_session << "CREATE TABLE IF NOT EXISTS replica_events (seq INTEGER PRIMARY KEY, case_number TEXT NOT NULL,"
                     " case_version INTEGER NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, department TEXT NOT NULL,"
                     " at INTEGER NOT NULL, body TEXT NOT NULL)",
            now;
        m_session << "CREATE INDEX IF NOT EXISTS replica_events_case ON replica_events (case_number, case_version)", now;
        m_session << "CREATE TABLE IF NOT EXISTS replica_definitions (key TEXT NOT NULL, version INTEGER NOT NULL,"
                     " body TEXT NOT NULL, PRIMARY KEY (key, version))",
            now;
        m_session << "CREATE TABLE IF NOT EXISTS sync_values (key TEXT PRIMARY KEY, value TEXT NOT NULL)", now;
        m_session << "CREATE TABLE IF NOT EXISTS replica_cases (case_number TEXT PRIMARY KEY, header TEXT NOT NULL,"
                     " application TEXT NOT NULL)",
            now;
    } catch (const Poco::Exception& error) {
        throw std::runtime_error("the connected workspace " + path + " cannot be prepared: " + error.displayText());
    }
}

std::string Replica::enqueue(const std::string& caseNumber, std::optional<std::uint64_t> version,
                             const workflow::CommandAction& action, const workflow::Actor& actor, workflow::Instant queuedAt)
{
    std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    std::string number = caseNumber;
    std::string body = workflow::json::stringify(workflow::commandActionJson(action), 0);
    std::string state = stateName(OutboxState::Pending);
    Poco::Nullable<Int64> seen;
    if (version)
        seen = static_cast<Int64>(*version);
    Int64 at = queuedAt.time_since_epoch().count();
    auto who = actor;
    m_session << "INSERT INTO outbox (id, case_number, version, action, actor, department, state, queued_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        use(id), use(number), use(seen), use(body), use(who.user), use(who.department), use(state), use(at), now;
    return id;
}

std::vector<OutboxEntry> Replica::entries(const std::string& where, std::size_t limit, const std::string& caseNumber) const
{
    std::vector<Int64> positions, ats;
    std::vector<std::string> ids, numbers, actions, users, departments, states, codes, messages;
    std::vector<Poco::Nullable<Int64>> versions;
    Int64 count = static_cast<Int64>(limit);
    std::string number = caseNumber;
    Poco::Data::Statement select(m_session);
    select << "SELECT position, id, case_number, version, action, actor, department, state, queued_at, code, message"
              " FROM outbox WHERE " + where + " ORDER BY position LIMIT ?",
        into(positions), into(ids), into(numbers), into(versions), into(actions), into(users), into(departments), into(states),
        into(ats), into(codes), into(messages);
    if (!caseNumber.empty())
        select, use(number);
    select, use(count);
    select.execute();
    std::vector<OutboxEntry> list;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        OutboxEntry entry;
        entry.position = positions[i];
        entry.envelope.id = ids[i];
        entry.envelope.caseNumber = numbers[i];
        if (!versions[i].isNull())
            entry.envelope.version = static_cast<std::uint64_t>(versions[i].value());
        // The action was written by this program; a row that no longer reads is a fault of the file.
        const auto parsed = workflow::json::parse(actions[i]);
        if (!parsed || parsed->type() != typeid(Poco::JSON::Object::Ptr))
            throw std::runtime_error("outbox entry " + ids[i] + " does not read");
        workflow::json::ObjectReader reader(parsed->extract<Poco::JSON::Object::Ptr>(), "action");
        entry.envelope.action = workflow::readCommandAction(reader);
        entry.actor = {users[i], departments[i]};
        entry.state = states[i] == "refused" ? OutboxState::Refused : states[i] == "applied" ? OutboxState::Applied
                                                                                              : OutboxState::Pending;
        entry.queuedAt = workflow::Instant{std::chrono::seconds{ats[i]}};
        entry.code = codes[i];
        entry.message = messages[i];
        list.push_back(std::move(entry));
    }
    return list;
}

std::vector<OutboxEntry> Replica::pending(std::size_t limit) const { return entries("state = 'pending'", limit); }

std::vector<OutboxEntry> Replica::pendingOfCase(const std::string& caseNumber) const
{
    return entries("state = 'pending' AND case_number = ?", 100'000, caseNumber);
}

std::vector<OutboxEntry> Replica::refusals() const { return entries("state = 'refused'", 10'000); }

std::size_t Replica::pendingCount() const
{
    Int64 count = 0;
    m_session << "SELECT COUNT(*) FROM outbox WHERE state = 'pending'", into(count), now;
    return static_cast<std::size_t>(count);
}

void Replica::settle(const protocol::CommandResult& result)
{
    std::string id = result.id;
    if (result.applied) {
        m_session << "DELETE FROM outbox WHERE id = ?", use(id), now;
        return;
    }
    std::string state = stateName(OutboxState::Refused), code = result.code, message = result.message;
    m_session << "UPDATE outbox SET state = ?, code = ?, message = ? WHERE id = ?", use(state), use(code), use(message),
        use(id), now;
}

void Replica::dismiss(std::int64_t position)
{
    Int64 at = position;
    m_session << "DELETE FROM outbox WHERE position = ? AND state = 'refused'", use(at), now;
}

void Replica::keepEvents(const std::vector<store::JournalEntry>& entries, std::uint64_t next)
{
    m_session.begin();
    try {
        for (const auto& entry : entries) {
            Int64 seq = static_cast<Int64>(entry.seq), version = static_cast<Int64>(entry.caseVersion),
                  at = entry.at.time_since_epoch().count();
            auto e = entry;
            m_session << "INSERT OR IGNORE INTO replica_events (seq, case_number, case_version, type, actor, department,"
                         " at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                use(seq), use(e.caseNumber), use(version), use(e.type), use(e.actor.user), use(e.actor.department), use(at),
                use(e.body), now;
        }
        std::string key = "cursor", value = std::to_string(next);
        m_session << "INSERT OR REPLACE INTO sync_values (key, value) VALUES (?, ?)", use(key), use(value), now;
        m_session.commit();
    } catch (...) {
        m_session.rollback();
        throw;
    }
}

std::uint64_t Replica::cursor() const
{
    const auto text = value("cursor");
    return text ? std::stoull(*text) : 0;
}

std::vector<store::JournalEntry> Replica::eventsOfCase(const std::string& caseNumber) const
{
    std::string number = caseNumber;
    std::vector<Int64> seqs, versions, ats;
    std::vector<std::string> types, actors, departments, bodies;
    m_session << "SELECT seq, case_version, type, actor, department, at, body FROM replica_events WHERE case_number = ?"
                 " ORDER BY case_version",
        use(number), into(seqs), into(versions), into(types), into(actors), into(departments), into(ats), into(bodies), now;
    std::vector<store::JournalEntry> list;
    for (std::size_t i = 0; i < seqs.size(); ++i)
        list.push_back({static_cast<std::uint64_t>(seqs[i]), caseNumber, static_cast<std::uint64_t>(versions[i]), types[i],
                        {actors[i], departments[i]}, workflow::Instant{std::chrono::seconds{ats[i]}}, bodies[i]});
    return list;
}

std::uint64_t Replica::lastSeqOfCase(const std::string& caseNumber) const
{
    std::string number = caseNumber;
    Poco::Nullable<Int64> last;
    m_session << "SELECT MAX(seq) FROM replica_events WHERE case_number = ?", use(number), into(last), now;
    return last.isNull() ? 0 : static_cast<std::uint64_t>(last.value());
}

std::map<std::string, std::string> Replica::caseMarks() const
{
    std::vector<std::string> numbers, marks;
    m_session << "SELECT e.case_number, MAX(e.seq) || ':' || (SELECT COUNT(*) FROM replica_cases h"
                 " WHERE h.case_number = e.case_number) || ':' || COALESCE((SELECT group_concat(o.position, ',')"
                 " FROM outbox o WHERE o.case_number = e.case_number AND o.state = 'pending'), '')"
                 " FROM replica_events e GROUP BY e.case_number",
        into(numbers), into(marks), now;
    std::map<std::string, std::string> result;
    for (std::size_t i = 0; i < numbers.size(); ++i)
        result.emplace(std::move(numbers[i]), std::move(marks[i]));
    return result;
}

void Replica::keepCaseHeader(const std::string& caseNumber, const std::string& header, const std::string& application)
{
    auto number = caseNumber;
    auto body = header;
    auto record = application;
    m_session << "INSERT INTO replica_cases (case_number, header, application) VALUES (?, ?, ?)"
                 " ON CONFLICT (case_number) DO UPDATE SET header = excluded.header, application = excluded.application",
        use(number), use(body), use(record), now;
}

std::optional<std::pair<std::string, std::string>> Replica::caseHeader(const std::string& caseNumber) const
{
    auto number = caseNumber;
    std::vector<std::string> headers, applications;
    m_session << "SELECT header, application FROM replica_cases WHERE case_number = ?", use(number), into(headers),
        into(applications), now;
    if (headers.empty())
        return std::nullopt;
    return std::pair{headers.front(), applications.front()};
}

std::vector<std::string> Replica::casesWithoutHeader() const
{
    std::vector<std::string> numbers;
    m_session << "SELECT DISTINCT case_number FROM replica_events WHERE case_number NOT IN"
                 " (SELECT case_number FROM replica_cases) ORDER BY case_number",
        into(numbers), now;
    return numbers;
}

std::vector<std::string> Replica::caseNumbers() const
{
    std::vector<std::string> numbers;
    m_session << "SELECT DISTINCT case_number FROM replica_events ORDER BY case_number", into(numbers), now;
    return numbers;
}

void Replica::keepDefinition(const std::string& key, int version, const std::string& body)
{
    auto k = key;
    auto b = body;
    int v = version;
    m_session << "INSERT OR REPLACE INTO replica_definitions (key, version, body) VALUES (?, ?, ?)", use(k), use(v), use(b),
        now;
}

std::optional<std::string> Replica::definition(const std::string& key, int version) const
{
    auto k = key;
    int v = version;
    std::vector<std::string> bodies;
    m_session << "SELECT body FROM replica_definitions WHERE key = ? AND version = ?", use(k), use(v), into(bodies), now;
    return bodies.empty() ? std::nullopt : std::optional(bodies.front());
}

void Replica::setValue(const std::string& key, const std::string& text)
{
    auto k = key;
    auto v = text;
    m_session << "INSERT OR REPLACE INTO sync_values (key, value) VALUES (?, ?)", use(k), use(v), now;
}

std::optional<std::string> Replica::value(const std::string& key) const
{
    auto k = key;
    std::vector<std::string> values;
    m_session << "SELECT value FROM sync_values WHERE key = ?", use(k), into(values), now;
    return values.empty() ? std::nullopt : std::optional(values.front());
}

} // namespace tongban::client
