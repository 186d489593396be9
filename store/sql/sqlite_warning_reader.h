// The overdue scan's rows, read on the SQLite connection with a statement
// prepared once: its lists run to hundreds of thousands of rows, and Poco::Data
// prepares every execution anew and extracts cell by cell.
#pragma once

#include <Poco/Types.h>

#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace Poco::Data {
class Session;
}

namespace tongban::store {

/// One running task due by an instant, as the scan reads it.
struct RunningTaskRow {
    Poco::Int64 caseId = 0;
    std::string caseNumber;
    Poco::Int64 task = 0;
    std::string node;
    Poco::Int64 dueKey = 0;
    std::string definitionKey;
    int definitionVersion = 0;
    std::string department;
};

/// The columns, in order: case id, case number, task number, node id, due key,
/// definition key, definition version, department.
class SqliteWarningReader {
public:
    SqliteWarningReader(Poco::Data::Session& session, const std::string& sql);
    ~SqliteWarningReader();
    SqliteWarningReader(const SqliteWarningReader&) = delete;
    SqliteWarningReader& operator=(const SqliteWarningReader&) = delete;

    std::vector<RunningTaskRow> read(Poco::Int64 dueBy);

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace tongban::store
