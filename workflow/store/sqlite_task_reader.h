// Long task lists read on the SQLite connection with a statement prepared once.
#pragma once

#include "workflow/store/store.h"

#include <Poco/Types.h>

#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace Poco::Data {
class Session;
}

namespace tongban::workflow::store {

/// Runs one task query (its single parameter an integer) and reads the rows
/// straight from SQLite: for the overdue scan, whose lists run to hundreds of
/// thousands of rows, Poco::Data's per-cell extraction was most of the time.
/// The query's columns are those of the store's task lists.
class SqliteTaskReader {
public:
    SqliteTaskReader(Poco::Data::Session& session, const std::string& sql, Poco::Int64 noDueKey);
    ~SqliteTaskReader();
    SqliteTaskReader(const SqliteTaskReader&) = delete;
    SqliteTaskReader& operator=(const SqliteTaskReader&) = delete;

    std::vector<TaskView> read(Poco::Int64 parameter);

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
    Poco::Int64 m_noDueKey;
};

} // namespace tongban::workflow::store
