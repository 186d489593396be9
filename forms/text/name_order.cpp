#include "forms/text/name_order.h"

#include <locale.h>
#include <string.h>

namespace tongban::forms {

NameOrder::NameOrder()
{
    for (const char* name : {"zh_CN.UTF-8", "zh_CN.utf8"})
        if (locale_t locale = newlocale(LC_COLLATE_MASK, name, locale_t{}); locale) {
            m_locale = locale;
            return;
        }
}

NameOrder::~NameOrder()
{
    if (m_locale)
        freelocale(static_cast<locale_t>(m_locale));
}

std::string NameOrder::key(std::string_view name) const
{
    std::string text(name);  // strxfrm reads up to a terminating zero
    if (!m_locale)
        return text;
    const auto locale = static_cast<locale_t>(m_locale);
    std::string key(text.size() * 4 + 16, '\0');
    auto length = strxfrm_l(key.data(), text.c_str(), key.size(), locale);
    if (length >= key.size()) {
        key.resize(length + 1);
        length = strxfrm_l(key.data(), text.c_str(), key.size(), locale);
    }
    key.resize(length);
    return key;
}

bool NameOrder::less(std::string_view left, std::string_view right) const
{
    if (!m_locale)
        return left < right;
    return strcoll_l(std::string(left).c_str(), std::string(right).c_str(), static_cast<locale_t>(m_locale)) < 0;
}

} // namespace tongban::forms
