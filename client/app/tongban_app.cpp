#include "client/app/tongban_app.h"

#include "client/session/workspace_opening.h"
#include "client/views/main_frame.h"

#include <wx/progdlg.h>
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

std::unique_ptr<Session> TongbanApp::openWithProgress(const std::string& workspace)
{
    WorkspaceOpening opening(workspace);
    // Most workspaces open in well under a second: a dialog only for the slow ones.
    const auto started = std::chrono::steady_clock::now();
    std::unique_ptr<wxProgressDialog> dialog;
    while (!opening.finished()) {
        wxMilliSleep(30);
        if (!dialog && std::chrono::steady_clock::now() - started < std::chrono::milliseconds(400))
            continue;
        if (!dialog)
            dialog = std::make_unique<wxProgressDialog>(_("Tongban"), _("Opening the workspace..."), 100, nullptr,
                                                        wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME);
        const auto progress = opening.progress();
        bool goOn = true;
        if (opening.cancelled())
            dialog->Pulse(_("Stopping once the current step is done..."));
        else if (progress.stage == OpeningProgress::Stage::CreatingDemo && progress.total > 0)
            goOn = dialog->Update(static_cast<int>(std::min<std::uint64_t>(99, progress.done * 100 / progress.total)),
                                  wxString::Format(_("Creating the demo workspace: %llu of %llu sample cases"),
                                                   static_cast<unsigned long long>(progress.done),
                                                   static_cast<unsigned long long>(progress.total)));
        else
            goOn = dialog->Pulse(_("Opening the workspace (a large one may be upgraded first)..."));
        if (!goOn)
            opening.cancel();
    }
    return opening.take();
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
        m_session = openWithProgress(workspace);
    } catch (const OpeningCancelled&) {
        return false;  // the user chose to stop; nothing to report
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
