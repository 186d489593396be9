// Chinese names in the order people look them up: by pinyin, as a phone
// book or a register lists them (李 before 王 before 张), through the C
// library's zh_CN collation (ISO 14651 with the pinyin tailoring).
#pragma once

#include <string>
#include <string_view>

namespace tongban::forms {

class NameOrder {
public:
    /// Uses the zh_CN.UTF-8 locale; without it (not generated on this
    /// machine) names order by code point, and byPinyin() says so.
    NameOrder();
    ~NameOrder();
    NameOrder(const NameOrder&) = delete;
    NameOrder& operator=(const NameOrder&) = delete;

    bool byPinyin() const { return m_locale != nullptr; }
    /// A key whose byte order is the names' order: compute it once per name to sort many.
    std::string key(std::string_view name) const;
    bool less(std::string_view left, std::string_view right) const;

private:
    void* m_locale = nullptr;  ///< locale_t, kept out of this header
};

} // namespace tongban::forms
