#include "client/views/language.h"

namespace tongban::client {

bool interfaceIsChinese()
{
    const wxLocale* locale = wxGetLocale();
    return !locale || locale->GetCanonicalName().StartsWith("zh") || locale->GetLanguage() == wxLANGUAGE_DEFAULT;
}

wxString inInterfaceLanguage(const std::string& zh, const std::string& en)
{
    // Catalogue data may lack an English text; the Chinese one is better than none.
    return wxString::FromUTF8(interfaceIsChinese() || en.empty() ? zh : en);
}

wxString inInterfaceLanguage(const workflow::Bilingual& message) { return inInterfaceLanguage(message.zh, message.en); }

} // namespace tongban::client
