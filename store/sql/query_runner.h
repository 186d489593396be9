// Statements with positional parameters whose rows come back as cells, on
// either connector. On SQLite each statement is prepared once per connection
// and kept: Poco's SQLite connector prepares every execution anew, which was a
// quarter of a command's time in the sync service.
#pragma once

#include "store/sql/dialect.h"
#include "store/records/report_rows.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace Poco::Data {
class Session;
}

namespace tongban::store {

class QueryRunner {
public:
    QueryRunner(Poco::Data::Session& session, const Dialect& dialect);
    ~QueryRunner();
    QueryRunner(const QueryRunner&) = delete;
    QueryRunner& operator=(const QueryRunner&) = delete;

    /// The rows of `sql`, whose `$1`, `$2`… take `parameters` in order. A
    /// parameter may be empty (SQL NULL). Throws StoreError naming the
    /// statement when the database refuses it.
    std::vector<ReportRow> rows(const std::string& sql, const std::vector<ReportValue>& parameters);

    /// Runs a statement that returns no rows.
    void run(const std::string& sql, const std::vector<ReportValue>& parameters);

private:
    sqlite3_stmt* prepared(const std::string& sql);
    sqlite3_stmt* bound(const std::string& sql, const std::vector<ReportValue>& parameters);
    std::vector<ReportRow> pocoRows(const std::string& sql, const std::vector<ReportValue>& parameters, bool select);

    Poco::Data::Session& m_session;
    Dialect::Kind m_kind;
    sqlite3* m_db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> m_statements;
};

/// A cell read as what its column holds; StoreError when it holds something else.
std::int64_t integerOf(const ReportValue& cell);
std::optional<std::int64_t> optionalIntegerOf(const ReportValue& cell);
std::string textOf(const ReportValue& cell);

} // namespace tongban::store
