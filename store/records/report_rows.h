// What a report's query returns, and the SQL dialect it is written in.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tongban::store {

/// A value in a row that a report's query returns.
using ReportValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using ReportRow = std::vector<ReportValue>;

/// The SQL a store's database speaks, for the few places where queries differ.
enum class SqlDialect { SQLite, PostgreSQL };

} // namespace tongban::store
