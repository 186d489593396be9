#include "client/app/tongban_app.h"

#include "client/ui/main_frame.h"

#include <wx/busyinfo.h>
#include <wx/config.h>
#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>


namespace tongban::client {

StartOptions parseStartOptions(const std::vector<std::string>& args)
{
    StartOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--help") {
            options.help = true;
        } else if (arg == "--version") {
            options.version = true;
        } else if ((arg == "--workspace" || arg == "--lang") && i + 1 < args.size()) {
            (arg == "--workspace" ? options.workspace : options.language) = args[++i];
        } else {
            options.error = "unknown or incomplete option '" + arg + "'";
            return options;
        }
    }
    if (!options.language.empty() && options.language != "zh_CN" && options.language != "en")
        options.error = "--lang is zh_CN or en, not '" + options.language + "'";
    return options;
}

void setUpLanguage(wxLocale& locale, const std::string& language, const std::string& programPath)
{
    const int chosen = language == "en"      ? wxLANGUAGE_ENGLISH_US
                       : language == "zh_CN" ? wxLANGUAGE_CHINESE_SIMPLIFIED
                                             : wxLANGUAGE_DEFAULT;
    locale.Init(chosen, wxLOCALE_DONT_LOAD_DEFAULT);
    const wxFileName program(wxString::FromUTF8(programPath));
    wxLocale::AddCatalogLookupPathPrefix(program.GetPath() + "/locale");
    wxLocale::AddCatalogLookupPathPrefix(program.GetPath() + "/../share/locale");
    locale.AddCatalog("tongban");
}

bool TongbanApp::OnInit()
{
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.push_back(argv[i].utf8_string());
    const auto options = parseStartOptions(args);
    SetAppName("tongban");
    setUpLanguage(m_locale, options.language, argv[0].utf8_string());
    const auto workspace = options.workspace.empty() ? defaultWorkspacePath() : options.workspace;
    try {
        // Opening may migrate a large workspace or create the demo: say so while it runs.
        wxBusyInfo busy(wxBusyInfoFlags().Title(_("Tongban")).Text(_("Opening the workspace...")));
        m_session = Session::open(workspace);
    } catch (const std::exception& error) {
        wxMessageBox(wxString::Format(_("The workspace %s cannot be opened:\n%s\n\nStart Tongban with --workspace and "
                                        "a new file to begin afresh."),
                                      wxString::FromUTF8(workspace), wxString::FromUTF8(error.what())),
                     _("Tongban"), wxOK | wxICON_ERROR);
        return false;
    }
    auto* frame = new MainFrame(*m_session);
    frame->Show();
    return true;
}

int TongbanApp::OnExit()
{
    m_session.reset();
    return wxApp::OnExit();
}

} // namespace tongban::client
