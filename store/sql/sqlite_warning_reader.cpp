// The overdue scan on the native SQLite handle.
#include "store/sql/sqlite_warning_reader.h"

#include "store/records/outcomes.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>

#include <sqlite3.h>

namespace tongban::store {

using namespace workflow;

namespace {
std::string text(sqlite3_stmt* statement, int column)
{
    const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return value ? std::string(value, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))) : std::string();
}
} // namespace

SqliteWarningReader::SqliteWarningReader(Poco::Data::Session& session, const std::string& sql)
    : m_db(Poco::Data::SQLite::Utility::dbHandle(session))
{
    if (sqlite3_prepare_v3(m_db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK)
        throw StoreError(std::string("cannot prepare the overdue scan: ") + sqlite3_errmsg(m_db));
}

SqliteWarningReader::~SqliteWarningReader() { sqlite3_finalize(m_statement); }

std::vector<RunningTaskRow> SqliteWarningReader::read(Poco::Int64 dueBy)
{
    sqlite3_bind_int64(m_statement, 1, dueBy);
    std::vector<RunningTaskRow> rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(m_statement)) == SQLITE_ROW) {
        RunningTaskRow row;
        row.caseId = sqlite3_column_int64(m_statement, 0);
        row.caseNumber = text(m_statement, 1);
        row.task = sqlite3_column_int64(m_statement, 2);
        row.node = text(m_statement, 3);
        row.dueKey = sqlite3_column_int64(m_statement, 4);
        row.definitionKey = text(m_statement, 5);
        row.definitionVersion = sqlite3_column_int(m_statement, 6);
        row.department = text(m_statement, 7);
        rows.push_back(std::move(row));
    }
    const std::string error = rc == SQLITE_DONE ? std::string() : sqlite3_errmsg(m_db);
    sqlite3_reset(m_statement);
    if (!error.empty())
        throw StoreError("cannot read the overdue scan: " + error);
    return rows;
}

} // namespace tongban::store
