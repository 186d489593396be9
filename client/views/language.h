// Which of a message's two languages the interface speaks.
#pragma once

#include "workflow/model/bilingual.h"

#include <wx/intl.h>
#include <wx/string.h>

#include <string>

namespace tongban::client {

/// Chinese unless the client was started in English.
bool interfaceIsChinese();
/// Picks the message in the interface's language.
wxString inInterfaceLanguage(const std::string& zh, const std::string& en);
wxString inInterfaceLanguage(const workflow::Bilingual& message);

} // namespace tongban::client
