#include "client/ui/language.h"

namespace tongban::client {

bool interfaceIsChinese()
{
    const wxLocale* locale = wxGetLocale();
    return !locale || locale->GetCanonicalName().StartsWith("zh") || locale->GetLanguage() == wxLANGUAGE_DEFAULT;
}

wxString inInterfaceLanguage(const std::string& zh, const std::string& en)
{
    return wxString::FromUTF8(interfaceIsChinese() ? zh : en);
}

} // namespace tongban::client
