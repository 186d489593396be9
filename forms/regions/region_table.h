// 行政区划代码 (GB/T 2260): the table of today's province, prefecture and
// county codes, shipped as data (forms/regions/data/regions.tsv).
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::forms {

/// Why a region table was not read.
struct RegionTableError {
    enum class Kind {
        BadLine,   ///< a line that is not a six-digit code, a tab and a name
        ListedTwice,
    };
    Kind kind;
    std::string message;
};

class RegionTable {
public:
    /// The table that ships with Tongban.
    static const RegionTable& current();

    /// Reads `code<TAB>name` lines; lines starting with '#' are comments.
    /// An error names the line that is not a six-digit code and a name, or
    /// the code listed twice.
    static std::expected<RegionTable, RegionTableError> parse(std::string_view text);

    std::optional<std::string_view> name(int code) const;
    bool contains(int code) const { return name(code).has_value(); }

    /// "江苏省南京市玄武区": the names of the province, prefecture and county
    /// that contain `code`, as far as the table knows them.
    std::string fullName(int code) const;

    std::size_t size() const { return m_regions.size(); }

private:
    std::vector<std::pair<int, std::string>> m_regions;  ///< sorted by code
};

/// The six-digit region code in `text`, or std::nullopt when it is not six digits.
std::optional<int> regionCodeOf(std::string_view text);

} // namespace tongban::forms
