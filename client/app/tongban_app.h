// The application: command line, language, the workspace, the main window.
#pragma once

#include "client/session/session.h"

#include <wx/app.h>
#include <wx/intl.h>

#include <memory>
#include <optional>
#include <string>

namespace tongban::client {

struct StartOptions {
    std::string workspace;   ///< empty: the default workspace
    std::string language;    ///< "zh_CN", "en" or empty for the system's
    bool help = false;
    bool version = false;
    std::string error;       ///< a usage mistake, to print
};

/// Reads `--workspace PATH`, `--lang zh_CN|en`, `--help` and `--version`.
StartOptions parseStartOptions(const std::vector<std::string>& args);

/// Sets up gettext for the interface language: the catalogue next to the
/// program (build tree) or under the installed share/locale.
void setUpLanguage(wxLocale& locale, const std::string& language, const std::string& programPath);

class TongbanApp : public wxApp {
public:
    bool OnInit() override;
    int OnExit() override;

private:
    /// Opens the workspace in the background; after a moment, a dialog shows
    /// how far it has got and can cancel it (OpeningCancelled).
    static std::unique_ptr<Session> openWithProgress(const std::string& workspace);

    wxLocale m_locale;
    std::unique_ptr<Session> m_session;
};

} // namespace tongban::client
