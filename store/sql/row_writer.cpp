// The two row writers.
#include "store/sql/row_writer.h"

#include "store/records/outcomes.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <optional>

namespace tongban::store {

using namespace workflow;

namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kInsertJournal =
    "INSERT INTO journal (seq, case_id, case_version, type, actor, department, at, body, hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr const char* kUpsertTask =
    "INSERT INTO tasks (case_id, number, node, name, department, role, state, assignee, opened_at, due_key, closed_at,"
    " paused_since) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    " ON CONFLICT (case_id, number) DO UPDATE SET state = excluded.state, assignee = excluded.assignee,"
    " due_key = excluded.due_key, closed_at = excluded.closed_at, paused_since = excluded.paused_since";
constexpr const char* kUpdateCase = "UPDATE cases SET version = $1, status = $2, ended_at = $3, due_at = $4,"
                                    " paused_since = $5 WHERE id = $6 AND version = $7";

class PocoRowWriter final : public RowWriter {
public:
    PocoRowWriter(Poco::Data::Session& session, const Dialect& dialect, PendingWrites& rows)
        : m_session(session), m_dialect(dialect), m_rows(rows)
    {
    }

    void begin() override
    {
        m_session << m_dialect.begin, now;
        if (!m_dialect.writeLock.empty())
            m_session << m_dialect.writeLock, now;
    }
    void commit() override { m_session << "COMMIT", now; }
    void rollback() noexcept override
    {
        try {
            m_session << "ROLLBACK", now;
        } catch (const Poco::Exception&) {
            // The connection is gone and took the transaction with it.
        }
    }

    std::size_t write() override
    {
        auto& p = m_rows;
        try {
            // Statements bind the row vectors by reference; Poco refuses to bind
            // an empty vector, so each is made on its first non-empty use.
            if (!p.seq.empty()) {
                if (!m_journal) {
                    m_journal.emplace(m_session);
                    *m_journal << kInsertJournal, use(p.seq), use(p.caseId), use(p.caseVersion), use(p.type),
                        use(p.actor), use(p.department), use(p.at), use(p.body), use(p.hash);
                }
                m_journal->execute();
            }
            if (!p.taskCase.empty()) {
                if (!m_tasks) {
                    m_tasks.emplace(m_session);
                    *m_tasks << kUpsertTask, use(p.taskCase), use(p.taskNumber), use(p.node), use(p.name),
                        use(p.taskDepartment), use(p.role), use(p.state), use(p.assignee), use(p.openedAt),
                        use(p.dueKey), use(p.closedAt), use(p.taskPausedSince);
                }
                m_tasks->execute();
            }
            // One execution per case: with vector bindings the connectors do
            // not agree on the count of affected rows they report.
            if (!p.updateId.empty() && !m_cases) {
                m_cases.emplace(m_session);
                *m_cases << kUpdateCase, use(m_case.newVersion), use(m_case.status), use(m_case.endedAt),
                    use(m_case.due), use(m_case.pausedSince), use(m_case.id), use(m_case.expectedVersion);
            }
            std::size_t updated = 0;
            for (std::size_t i = 0; i < p.updateId.size(); ++i) {
                m_case = {p.newVersion[i], p.status[i], p.endedAt[i], p.caseDue[i], p.casePausedSince[i],
                          p.updateId[i], p.expectedVersion[i]};
                updated += m_cases->execute();
            }
            return updated;
        } catch (const Poco::Exception& e) {
            // A failed statement may be left half-executed: make it afresh next time.
            m_journal.reset();
            m_tasks.reset();
            m_cases.reset();
            throw FlushFailed{p.seq.empty() ? 0 : p.seq.front(), e.displayText()};
        }
    }

private:
    Poco::Data::Session& m_session;
    const Dialect& m_dialect;
    PendingWrites& m_rows;
    struct CaseUpdate {
        Int64 newVersion = 0;
        std::string status;
        NullableInt endedAt;
        NullableInt due;
        NullableInt pausedSince;
        Int64 id = 0;
        Int64 expectedVersion = 0;
    } m_case;
    std::optional<Poco::Data::Statement> m_journal, m_tasks, m_cases;
};

class SqliteRowWriter final : public RowWriter {
public:
    SqliteRowWriter(Poco::Data::Session& session, PendingWrites& rows)
        : m_db(Poco::Data::SQLite::Utility::dbHandle(session)), m_rows(rows)
    {
        m_begin = prepare("BEGIN IMMEDIATE");
        m_commit = prepare("COMMIT");
        m_rollback = prepare("ROLLBACK");
        m_journal = prepare(kInsertJournal);
        m_tasks = prepare(kUpsertTask);
        m_cases = prepare(kUpdateCase);
    }

    ~SqliteRowWriter() override
    {
        for (auto* statement : {m_begin, m_commit, m_rollback, m_journal, m_tasks, m_cases})
            sqlite3_finalize(statement);
    }

    void begin() override
    {
        if (const int rc = step(m_begin); rc != SQLITE_DONE)
            throw StoreError(std::string("cannot begin a transaction: ") + sqlite3_errstr(rc));
    }

    void commit() override
    {
        if (const int rc = step(m_commit); rc != SQLITE_DONE)
            throw StoreError(std::string("cannot commit: ") + sqlite3_errmsg(m_db));
    }

    void rollback() noexcept override
    {
        if (!sqlite3_get_autocommit(m_db))
            step(m_rollback);
    }

    std::size_t write() override
    {
        const auto& p = m_rows;
        for (std::size_t i = 0; i < p.seq.size(); ++i) {
            bind(m_journal, 1, p.seq[i]);
            bind(m_journal, 2, p.caseId[i]);
            bind(m_journal, 3, p.caseVersion[i]);
            bind(m_journal, 4, p.type[i]);
            bind(m_journal, 5, p.actor[i]);
            bind(m_journal, 6, p.department[i]);
            bind(m_journal, 7, p.at[i]);
            bind(m_journal, 8, p.body[i]);
            bind(m_journal, 9, p.hash[i]);
            run(m_journal);
        }
        for (std::size_t i = 0; i < p.taskCase.size(); ++i) {
            bind(m_tasks, 1, p.taskCase[i]);
            bind(m_tasks, 2, p.taskNumber[i]);
            bind(m_tasks, 3, p.node[i]);
            bind(m_tasks, 4, p.name[i]);
            bind(m_tasks, 5, p.taskDepartment[i]);
            bind(m_tasks, 6, p.role[i]);
            bind(m_tasks, 7, p.state[i]);
            bind(m_tasks, 8, p.assignee[i]);
            bind(m_tasks, 9, p.openedAt[i]);
            bind(m_tasks, 10, p.dueKey[i]);
            bind(m_tasks, 11, p.closedAt[i]);
            bind(m_tasks, 12, p.taskPausedSince[i]);
            run(m_tasks);
        }
        std::size_t updated = 0;
        for (std::size_t i = 0; i < p.updateId.size(); ++i) {
            bind(m_cases, 1, p.newVersion[i]);
            bind(m_cases, 2, p.status[i]);
            bind(m_cases, 3, p.endedAt[i]);
            bind(m_cases, 4, p.caseDue[i]);
            bind(m_cases, 5, p.casePausedSince[i]);
            bind(m_cases, 6, p.updateId[i]);
            bind(m_cases, 7, p.expectedVersion[i]);
            run(m_cases);
            updated += static_cast<std::size_t>(sqlite3_changes(m_db));
        }
        return updated;
    }

private:
    sqlite3_stmt* prepare(const char* sql)
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
            throw StoreError(std::string("cannot prepare a statement: ") + sqlite3_errmsg(m_db));
        return statement;
    }

    static int step(sqlite3_stmt* statement)
    {
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        return rc;
    }

    void run(sqlite3_stmt* statement)
    {
        const int rc = sqlite3_step(statement);
        if (rc != SQLITE_DONE) {
            std::string message = sqlite3_errmsg(m_db);
            sqlite3_reset(statement);
            throw FlushFailed{m_rows.seq.empty() ? 0 : m_rows.seq.front(), message};
        }
        sqlite3_reset(statement);
    }

    static void bind(sqlite3_stmt* statement, int index, Int64 value) { sqlite3_bind_int64(statement, index, value); }
    static void bind(sqlite3_stmt* statement, int index, const NullableInt& value)
    {
        if (value.isNull())
            sqlite3_bind_null(statement, index);
        else
            sqlite3_bind_int64(statement, index, value.value());
    }
    static void bind(sqlite3_stmt* statement, int index, const std::string& value)
    {
        sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    }

    sqlite3* m_db;
    PendingWrites& m_rows;
    sqlite3_stmt* m_begin = nullptr;
    sqlite3_stmt* m_commit = nullptr;
    sqlite3_stmt* m_rollback = nullptr;
    sqlite3_stmt* m_journal = nullptr;
    sqlite3_stmt* m_tasks = nullptr;
    sqlite3_stmt* m_cases = nullptr;
};

} // namespace

std::unique_ptr<RowWriter> makePocoRowWriter(Poco::Data::Session& session, const Dialect& dialect, PendingWrites& rows)
{
    return std::make_unique<PocoRowWriter>(session, dialect, rows);
}

std::unique_ptr<RowWriter> makeSqliteRowWriter(Poco::Data::Session& session, PendingWrites& rows)
{
    return std::make_unique<SqliteRowWriter>(session, rows);
}

} // namespace tongban::store
