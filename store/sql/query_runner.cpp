// Statements run on either connector, and the cells of their rows read as their columns hold them.
#include "store/sql/query_runner.h"

#include "store/records/outcomes.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <cctype>
#include <charconv>
#include <deque>

namespace tongban::store {

using namespace workflow;

namespace {

using namespace Poco::Data::Keywords;

/// Kept statements beyond this are dropped all together: queries built at
/// run time (reports) must not grow the cache without end.
constexpr std::size_t kKeptStatements = 256;

/// SQLite numbers `$n` parameters in the order they first appear, whatever n
/// says; `?n` keeps n.
std::string sqliteParameters(std::string sql)
{
    for (std::size_t at = sql.find('$'); at != std::string::npos; at = sql.find('$', at + 1))
        if (at + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[at + 1])))
            sql[at] = '?';
    return sql;
}

std::string opening(const std::string& sql) { return sql.substr(0, 60) + (sql.size() > 60 ? "…" : ""); }

} // namespace

QueryRunner::QueryRunner(Poco::Data::Session& session, const Dialect& dialect) : m_session(session), m_kind(dialect.kind)
{
    if (m_kind == Dialect::Kind::SQLite)
        m_db = Poco::Data::SQLite::Utility::dbHandle(session);
}

QueryRunner::~QueryRunner()
{
    for (const auto& [sql, statement] : m_statements)
        sqlite3_finalize(statement);
}

sqlite3_stmt* QueryRunner::prepared(const std::string& sql)
{
    if (const auto found = m_statements.find(sql); found != m_statements.end())
        return found->second;
    if (m_statements.size() >= kKeptStatements) {
        for (const auto& [text, statement] : m_statements)
            sqlite3_finalize(statement);
        m_statements.clear();
    }
    const auto text = sqliteParameters(sql);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(m_db, text.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
        throw StoreError("the database refused " + opening(sql) + ": " + sqlite3_errmsg(m_db));
    m_statements.emplace(sql, statement);
    return statement;
}

sqlite3_stmt* QueryRunner::bound(const std::string& sql, const std::vector<ReportValue>& parameters)
{
    auto* statement = prepared(sql);
    if (sqlite3_bind_parameter_count(statement) != static_cast<int>(parameters.size()))
        throw StoreError(opening(sql) + " takes " + std::to_string(sqlite3_bind_parameter_count(statement)) +
                         " parameters, not " + std::to_string(parameters.size()));
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        const auto& parameter = parameters[i];
        if (const auto* integer = std::get_if<std::int64_t>(&parameter))
            sqlite3_bind_int64(statement, index, *integer);
        else if (const auto* real = std::get_if<double>(&parameter))
            sqlite3_bind_double(statement, index, *real);
        else if (const auto* text = std::get_if<std::string>(&parameter))
            sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
        else
            sqlite3_bind_null(statement, index);
    }
    return statement;
}

std::vector<ReportRow> QueryRunner::rows(const std::string& sql, const std::vector<ReportValue>& parameters)
{
    if (m_kind != Dialect::Kind::SQLite)
        return pocoRows(sql, parameters, true);
    auto* statement = bound(sql, parameters);
    std::vector<ReportRow> result;
    const int columns = sqlite3_column_count(statement);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        ReportRow row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c)
            switch (sqlite3_column_type(statement, c)) {
            case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, c))); break;
            case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(statement, c)); break;
            case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
            default:
                row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, c)),
                                             static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
            }
        result.push_back(std::move(row));
    }
    const std::string problem = rc == SQLITE_DONE ? std::string() : sqlite3_errmsg(m_db);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (!problem.empty())
        throw StoreError("the database refused " + opening(sql) + ": " + problem);
    return result;
}

void QueryRunner::run(const std::string& sql, const std::vector<ReportValue>& parameters)
{
    if (m_kind != Dialect::Kind::SQLite) {
        pocoRows(sql, parameters, false);
        return;
    }
    auto* statement = bound(sql, parameters);
    const int rc = sqlite3_step(statement);
    const std::string problem = rc == SQLITE_DONE || rc == SQLITE_ROW ? std::string() : sqlite3_errmsg(m_db);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (!problem.empty())
        throw StoreError("the database refused " + opening(sql) + ": " + problem);
}

std::vector<ReportRow> QueryRunner::pocoRows(const std::string& sql, const std::vector<ReportValue>& parameters, bool select)
{
    try {
        Poco::Data::Statement statement(m_session);
        statement << sql;
        // The bound values must outlive the statement's execution.
        std::deque<Poco::Int64> integers;
        std::deque<double> reals;
        std::deque<std::string> texts;
        std::deque<Poco::Nullable<std::string>> nulls;
        for (const auto& parameter : parameters) {
            if (const auto* integer = std::get_if<std::int64_t>(&parameter))
                statement, use(integers.emplace_back(*integer));
            else if (const auto* real = std::get_if<double>(&parameter))
                statement, use(reals.emplace_back(*real));
            else if (const auto* text = std::get_if<std::string>(&parameter))
                statement, use(texts.emplace_back(*text));
            else
                statement, use(nulls.emplace_back());
        }
        statement.execute();
        std::vector<ReportRow> rows;
        if (!select)
            return rows;
        Poco::Data::RecordSet records(statement);
        rows.reserve(records.rowCount());
        for (std::size_t r = 0; r < records.rowCount(); ++r) {
            ReportRow row;
            for (std::size_t c = 0; c < records.columnCount(); ++c) {
                const auto value = records.value(c, r);
                if (value.isEmpty())
                    row.emplace_back(std::monostate{});
                else if (value.isInteger())
                    row.emplace_back(value.convert<Poco::Int64>());
                else if (value.isNumeric())
                    row.emplace_back(value.convert<double>());
                else
                    row.emplace_back(value.convert<std::string>());
            }
            rows.push_back(std::move(row));
        }
        return rows;
    } catch (const Poco::Exception& e) {
        throw StoreError("the database refused " + opening(sql) + ": " + e.displayText());
    }
}

std::int64_t integerOf(const ReportValue& cell)
{
    if (const auto* integer = std::get_if<std::int64_t>(&cell))
        return *integer;
    if (const auto* text = std::get_if<std::string>(&cell)) {
        std::int64_t value = 0;
        const auto [end, problem] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (problem == std::errc() && end == text->data() + text->size())
            return value;
    }
    throw StoreError("the database returned something other than a whole number where one was expected");
}

std::optional<std::int64_t> optionalIntegerOf(const ReportValue& cell)
{
    if (std::holds_alternative<std::monostate>(cell))
        return std::nullopt;
    return integerOf(cell);
}

std::string textOf(const ReportValue& cell)
{
    if (const auto* text = std::get_if<std::string>(&cell))
        return *text;
    if (const auto* integer = std::get_if<std::int64_t>(&cell))
        return std::to_string(*integer);
    if (std::holds_alternative<std::monostate>(cell))
        return {};
    throw StoreError("the database returned a number where a text was expected");
}

} // namespace tongban::store
