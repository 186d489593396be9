// How a failed comparison of counts by name prints them: "name=count …".
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

namespace std {
inline std::ostream& boost_test_print_type(std::ostream& out, const std::map<std::string, std::int64_t>& map)
{
    for (const auto& [key, value] : map)
        out << key << "=" << value << " ";
    return out;
}
} // namespace std
