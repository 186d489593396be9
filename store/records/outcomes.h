// What becomes of a call to the store: a fault below the domain, a refused
// command, an applied one, and the receipt kept of a command a desktop sent.
#pragma once

#include "store/records/engine_names.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tongban::store {

/// Something went wrong below the domain: the database cannot be opened or
/// read, or holds a schema this version does not know. Callers at the edge
/// turn it into a message or an exit code.
struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Why the store did not apply a command. Nothing was written.
struct Refusal {
    enum class Kind { NotFound, Conflict, Invalid, Engine };
    Kind kind = Kind::Invalid;
    std::string message;
    std::optional<EngineError> engine;
};

struct Applied {
    std::string caseNumber;
    std::uint64_t version = 0;
    Events events;
};

/// What became of a command a desktop sent, kept by the identifier it made.
struct CommandReceipt {
    std::string id;
    std::string caseNumber;
    std::string login;
    Instant at{};
    std::optional<Refusal::Kind> refused;       ///< empty when applied
    std::optional<EngineErrorCode> engineCode;  ///< the engine's reason for a refusal it made
    std::uint64_t version = 0;                  ///< the case's version after it, when applied
    std::string message;                        ///< the refusal's
};

/// The outcome a receipt keeps, as executeOnce returned it the first time.
std::expected<Applied, Refusal> outcomeOf(const CommandReceipt& receipt);

const char* toString(Refusal::Kind kind);  ///< "notFound", "conflict", "invalid", "engine"
std::optional<Refusal::Kind> refusalKindFromString(std::string_view text);

} // namespace tongban::store
