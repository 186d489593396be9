// The SQL store's connection: opening it on either connector, its write
// transactions and batches, and the journal's head that new records chain to.
#include "store/sql/journal_chain.h"
#include "store/sql/schema.h"
#include "store/sql/sql_store.h"

#include "workflow/calendar/calendar_json.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/URI.h>

#include <filesystem>
#include <mutex>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

namespace {

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

/// Poco's PostgreSQL connector takes libpq's key=value form, not URLs.
std::string postgresConnection(const std::string& url)
{
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw StoreError("not a PostgreSQL URL: " + url + " (" + e.message() + ")");
    }
    auto quote = [](const std::string& value) {
        std::string quoted = "'";
        for (char c : value) {
            if (c == '\'' || c == '\\')
                quoted += '\\';
            quoted += c;
        }
        return quoted + "'";
    };
    std::string conninfo = "host=" + quote(uri.getHost().empty() ? "127.0.0.1" : uri.getHost());
    if (uri.getPort() != 0)
        conninfo += " port=" + std::to_string(uri.getPort());
    const auto& userInfo = uri.getUserInfo();
    if (!userInfo.empty()) {
        const auto colon = userInfo.find(':');
        conninfo += " user=" + quote(userInfo.substr(0, colon));
        if (colon != std::string::npos)
            conninfo += " password=" + quote(userInfo.substr(colon + 1));
    }
    const auto database = uri.getPath().size() > 1 ? uri.getPath().substr(1) : std::string("postgres");
    conninfo += " dbname=" + quote(database);
    for (const auto& [key, value] : uri.getQueryParameters())
        conninfo += " " + key + "=" + quote(value);
    return conninfo;
}

} // namespace

SqlStore::SqlStore(const Dialect& dialect, const std::string& connection, const Calendar& calendar)
    : m_dialect(dialect), m_session(openSession(dialect, connection)), m_calendar(&calendar)
{
    if (m_dialect.kind == Dialect::Kind::SQLite) {
        m_session << "PRAGMA journal_mode = WAL", now;
        m_session << "PRAGMA synchronous = NORMAL", now;
        m_session << "PRAGMA foreign_keys = ON", now;
        m_session << "PRAGMA busy_timeout = 10000", now;
        // Inboxes over a million cases stay fast when their indexes fit in memory.
        m_session << "PRAGMA cache_size = -262144", now;
        // Each command touches several B-trees; checkpointing the WAL less
        // often folds the same pages' writes together.
        m_session << "PRAGMA wal_autocheckpoint = 16384", now;
    }
    migrate(m_session, m_dialect, latestSchemaVersion());
    loadCalendars();
    m_writer = m_dialect.kind == Dialect::Kind::SQLite ? makeSqliteRowWriter(m_session, m_pending)
                                                       : makePocoRowWriter(m_session, m_dialect, m_pending);
    refreshHead();
}

int SqlStore::schemaVersion() { return schemaVersionOf(m_session, m_dialect); }

std::string SqlStore::backend() const { return m_dialect.kind == Dialect::Kind::SQLite ? "sqlite" : "postgresql"; }

Poco::Data::Session SqlStore::openSession(const Dialect& dialect, const std::string& connection)
{
    registerConnectors();
    if (dialect.kind == Dialect::Kind::SQLite) {
        const auto folder = std::filesystem::absolute(connection).parent_path();
        if (!std::filesystem::is_directory(folder))
            throw StoreError("cannot open the SQLite database " + connection + ": the folder " + folder.string() +
                             " does not exist");
    }
    try {
        // Poco keeps retrying a connection that fails for as long as this timeout.
        constexpr std::size_t kConnectSeconds = 10;
        return Poco::Data::Session(dialect.connector, connection, kConnectSeconds);
    } catch (const Poco::Exception& e) {
        throw StoreError("cannot open the " + std::string(dialect.kind == Dialect::Kind::SQLite ? "SQLite" : "PostgreSQL") +
                         " database: " + e.displayText());
    }
}

void SqlStore::inOneTransaction(const std::function<void()>& work)
{
    const bool outermost = m_batchDepth == 0;
    try {
        Transaction transaction(*this);
        ++m_batchDepth;
        try {
            work();
        } catch (...) {
            --m_batchDepth;
            throw;
        }
        --m_batchDepth;
        transaction.commit();
    } catch (const WriteConflict&) {
        forgetBatch(outermost);
        refreshHead();
        throw StoreError("another writer changed the database during a batch; nothing of the batch was kept");
    } catch (const FlushFailed& failed) {
        forgetBatch(outermost);
        refreshHead();
        throw StoreError("the database refused a write: " + failed.message);
    } catch (...) {
        forgetBatch(outermost);
        throw;
    }
    if (outermost)
        m_movedInBatch.clear();
}

void SqlStore::forgetBatch(bool outermost)
{
    m_cases.clear();
    if (outermost)
        m_movedInBatch.clear();
}

bool SqlStore::othersWroteSinceLastLook()
{
    if (m_dialect.kind != Dialect::Kind::SQLite)
        return true;
    const Int64 version = integerOf(m_queries.rows("PRAGMA data_version", {}).at(0).at(0));
    const bool changed = version != m_dataVersion;
    m_dataVersion = version;
    return changed;
}

void SqlStore::refreshHead()
{
    std::vector<Int64> seq;
    std::vector<std::string> hash;
    m_session << "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", into(seq), into(hash), now;
    m_head = seq.empty() ? Head{} : Head{seq.front(), hash.front()};
}

void SqlStore::flushIfBatch()
{
    if (m_batchDepth == 0)
        return;
    try {
        flush();
    } catch (const WriteConflict&) {
        throw StoreError("another writer changed the database during a batch");
    } catch (const FlushFailed& failed) {
        throw StoreError("the database refused a write: " + failed.message);
    }
}

void SqlStore::flush()
{
    auto& p = m_pending;
    if (m_writer->write() != p.updateId.size())
        throw WriteConflict{};
    p.clear();
}

void SqlStore::classify(const FlushFailed& failed)
{
    refreshHead();
    if (failed.firstSequence == 0 || m_head.seq < failed.firstSequence)
        throw StoreError("the database refused a write: " + failed.message);
}

void SqlStore::writeReferenceData(const std::function<void()>& write)
{
    for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
        try {
            Transaction transaction(*this);
            write();
            transaction.commit();
            return;
        } catch (const WriteConflict&) {
            refreshHead();
        } catch (const FlushFailed& failed) {
            if (m_batchDepth > 0)
                throw StoreError("the database refused a write: " + failed.message);
            classify(failed);
        }
    }
    throw StoreError("the journal keeps changing; try again");
}

void SqlStore::appendRecord(std::optional<Int64> caseId, Int64 caseVersion, const std::string& type, const Actor& actor,
                            Instant at, std::string body)
{
    JournalRecord record{m_head.seq + 1, caseId.value_or(0), caseVersion, type, actor.user, actor.department,
                         seconds(at), std::move(body)};
    const auto hash = chainHash(m_head.hash, record);
    auto& p = m_pending;
    p.seq.push_back(record.seq);
    p.caseId.push_back(caseId ? NullableInt(*caseId) : NullableInt());
    p.caseVersion.push_back(record.caseVersion);
    p.type.push_back(record.type);
    p.actor.push_back(record.actor);
    p.department.push_back(record.department);
    p.at.push_back(record.at);
    p.body.push_back(std::move(record.body));
    p.hash.push_back(hash);
    m_head = Head{record.seq, hash};
}

} // namespace tongban::store::sql

namespace tongban::store {

std::unique_ptr<Store> Store::open(const std::string& location, const Calendar& calendar)
{
    if (location.empty())
        throw StoreError("no database given");
    try {
        if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
            return std::make_unique<sql::SqlStore>(Dialect::postgresql(), sql::postgresConnection(location), calendar);
        return std::make_unique<sql::SqlStore>(Dialect::sqlite(), location, calendar);
    } catch (const StoreError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw StoreError("cannot open " + location + ": " + e.displayText());
    }
}

std::unique_ptr<Store> Store::open(const std::string& location) { return open(location, workflow::nationalCalendar()); }

} // namespace tongban::store
