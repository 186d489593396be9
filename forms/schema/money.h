// Money is counted in fen (分) as a whole number: never in floating point.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::forms {

/// "1250", "1250.5" or "1250.50" yuan as fen; std::nullopt for anything else
/// (signs, more than two decimals, separators, more than 15 digits of yuan).
std::optional<std::int64_t> fenFromYuan(std::string_view text);

/// 125050 fen as "1250.50".
std::string yuanFromFen(std::int64_t fen);

} // namespace tongban::forms
