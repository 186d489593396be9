#include "forms/schema/money.h"

namespace tongban::forms {

std::optional<std::int64_t> fenFromYuan(std::string_view text)
{
    const auto point = text.find('.');
    const auto whole = text.substr(0, point);
    const auto fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if (whole.empty() || whole.size() > 15 || fraction.size() > 2 ||
        (point != std::string_view::npos && fraction.empty()))
        return std::nullopt;
    std::int64_t fen = 0;
    for (const char c : whole) {
        if (c < '0' || c > '9')
            return std::nullopt;
        fen = fen * 10 + (c - '0');
    }
    for (std::size_t i = 0; i < 2; ++i) {
        const char c = i < fraction.size() ? fraction[i] : '0';
        if (c < '0' || c > '9')
            return std::nullopt;
        fen = fen * 10 + (c - '0');
    }
    return fen;
}

std::string yuanFromFen(std::int64_t fen)
{
    const bool negative = fen < 0;
    const auto magnitude = negative ? -static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
    const auto cents = magnitude % 100;
    return (negative ? "-" : "") + std::to_string(magnitude / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

} // namespace tongban::forms
