// Task lists on the native SQLite handle.
#include "workflow/store/sqlite_task_reader.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>

#include <sqlite3.h>

namespace tongban::workflow::store {

namespace {

std::string text(sqlite3_stmt* statement, int column)
{
    const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return value ? std::string(value, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))) : std::string();
}

Instant instantAt(sqlite3_stmt* statement, int column)
{
    return Instant{std::chrono::seconds{sqlite3_column_int64(statement, column)}};
}

} // namespace

SqliteTaskReader::SqliteTaskReader(Poco::Data::Session& session, const std::string& sql, Poco::Int64 noDueKey)
    : m_db(Poco::Data::SQLite::Utility::dbHandle(session)), m_noDueKey(noDueKey)
{
    if (sqlite3_prepare_v3(m_db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK)
        throw StoreError(std::string("cannot prepare a task query: ") + sqlite3_errmsg(m_db));
}

SqliteTaskReader::~SqliteTaskReader() { sqlite3_finalize(m_statement); }

std::vector<TaskView> SqliteTaskReader::read(Poco::Int64 parameter)
{
    sqlite3_bind_int64(m_statement, 1, parameter);
    std::vector<TaskView> result;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(m_statement)) == SQLITE_ROW) {
        TaskView view;
        view.caseId = sqlite3_column_int64(m_statement, 0);
        view.caseNumber = text(m_statement, 1);
        view.task = static_cast<TaskNumber>(sqlite3_column_int64(m_statement, 2));
        view.node = text(m_statement, 3);
        view.name = text(m_statement, 4);
        view.department = text(m_statement, 5);
        view.role = text(m_statement, 6);
        view.state = text(m_statement, 7) == "claimed" ? TaskState::Claimed : TaskState::Open;
        view.assignee = text(m_statement, 8);
        view.oneThing = text(m_statement, 9);
        view.applicantName = text(m_statement, 10);
        view.openedAt = instantAt(m_statement, 11);
        if (sqlite3_column_int64(m_statement, 12) != m_noDueKey)
            view.dueAt = instantAt(m_statement, 12);
        if (sqlite3_column_type(m_statement, 13) != SQLITE_NULL)
            view.pausedSince = instantAt(m_statement, 13);
        result.push_back(std::move(view));
    }
    const std::string error = rc == SQLITE_DONE ? std::string() : sqlite3_errmsg(m_db);
    sqlite3_reset(m_statement);
    if (!error.empty())
        throw StoreError("cannot read tasks: " + error);
    return result;
}

} // namespace tongban::workflow::store
