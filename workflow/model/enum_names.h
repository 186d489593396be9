// Enumerations under the names files and messages use: one table of
// (value, name) pairs per enumeration, looked up both ways.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace tongban::workflow {

template <typename Enum, std::size_t N>
const char* nameIn(const std::pair<Enum, const char*> (&table)[N], Enum value)
{
    for (const auto& [v, name] : table)
        if (v == value)
            return name;
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueIn(const std::pair<Enum, const char*> (&table)[N], std::string_view text)
{
    for (const auto& [v, name] : table)
        if (text == name)
            return v;
    return std::nullopt;
}

} // namespace tongban::workflow
