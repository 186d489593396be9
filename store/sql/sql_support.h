// What the parts of the SQL store share: instants as the integers the tables
// hold, the limits it works within, and the small builders of refusals and
// journal bodies.
#pragma once

#include "store/records/outcomes.h"
#include "store/records/report_rows.h"
#include "store/sql/query_runner.h"
#include "store/sql/row_writer.h"

#include "workflow/json/json_document.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <cstddef>
#include <expected>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

namespace tongban::store::sql {

/// Sort key of tasks without a limit: 9999-12-31T23:59:59Z, after every real due time.
inline constexpr Int64 kNoDue = 253402300799;
inline constexpr std::size_t kCaseCacheLimit = 200000;
inline constexpr std::size_t kBatchFlushRows = 20000;
inline constexpr int kConflictRetries = 5;

inline Int64 seconds(Instant instant) { return instant.time_since_epoch().count(); }
inline Instant instantOf(Int64 value) { return Instant{std::chrono::seconds{value}}; }

inline std::optional<Instant> optionalInstantOf(const ReportValue& cell)
{
    const auto value = optionalIntegerOf(cell);
    return value ? std::optional(instantOf(*value)) : std::nullopt;
}

inline std::unexpected<Refusal> refusal(Refusal::Kind kind, std::string message)
{
    return std::unexpected(Refusal{kind, std::move(message), std::nullopt});
}

/// A journal record's body about reference data: its members as texts, in order.
inline std::string jsonText(const std::initializer_list<std::pair<const char*, std::string>>& members)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [key, value] : members)
        object->set(key, value);
    return workflow::json::stringify(object, 0);
}

} // namespace tongban::store::sql
