#include "forms/regions/region_table.h"

#include <algorithm>

namespace tongban::forms {

extern const std::string_view kRegionTableText;

std::optional<int> regionCodeOf(std::string_view text)
{
    if (text.size() != 6 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    int code = 0;
    for (const char c : text)
        code = code * 10 + (c - '0');
    return code;
}

const RegionTable& RegionTable::current()
{
    // The shipped table is checked by the tests; failing to read it is a build defect.
    static const RegionTable table = parse(kRegionTableText).value();
    return table;
}

std::expected<RegionTable, RegionTableError> RegionTable::parse(std::string_view text)
{
    RegionTable table;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++lineNumber;
        if (line.empty() || line.front() == '#')
            continue;
        const auto tab = line.find('\t');
        const auto code = regionCodeOf(line.substr(0, tab));
        if (tab == std::string_view::npos || !code || tab + 1 == line.size())
            return std::unexpected(RegionTableError{RegionTableError::Kind::BadLine,
                                                    "line " + std::to_string(lineNumber) +
                                                        ": expected a six-digit code, a tab and a name"});
        table.m_regions.emplace_back(*code, std::string(line.substr(tab + 1)));
    }
    std::ranges::sort(table.m_regions);
    const auto twice = std::ranges::adjacent_find(table.m_regions, {}, &std::pair<int, std::string>::first);
    if (twice != table.m_regions.end())
        return std::unexpected(RegionTableError{RegionTableError::Kind::ListedTwice,
                                                "code " + std::to_string(twice->first) + " is listed twice"});
    return table;
}

std::optional<std::string_view> RegionTable::name(int code) const
{
    const auto at = std::ranges::lower_bound(m_regions, code, {}, &std::pair<int, std::string>::first);
    if (at == m_regions.end() || at->first != code)
        return std::nullopt;
    return at->second;
}

std::string RegionTable::fullName(int code) const
{
    std::string result;
    int previous = -1;
    // Province (XX0000), prefecture (XXXX00), county: each named once.
    for (const int level : {code / 10000 * 10000, code / 100 * 100, code}) {
        if (level == previous)
            continue;
        previous = level;
        if (const auto part = name(level); part && *part != "市辖区" && *part != "县")
            result += *part;
    }
    return result;
}

} // namespace tongban::forms
