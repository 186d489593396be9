#include "client/views/main_frame.h"

#include "client/views/action_ids.h"
#include "client/views/case_panel.h"
#include "client/views/editor_panel.h"
#include "client/views/reports_panel.h"
#include "client/views/server_panel.h"
#include "client/views/evaluation_panel.h"
#include "client/views/inbox_panel.h"
#include "client/views/intake_panel.h"
#include "client/views/language.h"
#include "client/views/rectification_board.h"
#include "client/views/supervision_panel.h"

#include <wx/choicdlg.h>
#include <wx/config.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

namespace tongban::client {

namespace {

wxString fromUtf8(std::string_view text) { return wxString::FromUTF8(text.data(), text.size()); }

} // namespace

MainFrame::MainFrame(Session& session)
    : wxFrame(nullptr, wxID_ANY, _("Tongban"), wxDefaultPosition, wxSize(1200, 760)), m_session(session)
{
    bindActions();
    buildMenusAndToolbar();
    CreateStatusBar(3);
    const int widths[] = {-2, -3, -1};
    GetStatusBar()->SetStatusWidths(3, widths);

    m_tabs = new wxNotebook(this, wxID_ANY);
    m_inbox = new InboxPanel(m_tabs, m_session, [this](const std::string& caseNumber) { openCase(caseNumber); });
    m_tabs->AddPage(m_inbox, _("Inbox"), true);

    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        rememberGeometry();
        event.Skip();
    });
    Bind(EVT_CONNECTED_WORKSPACE_CHANGED, [this](wxCommandEvent& event) {
        // Another workspace and user: tabs showing the former's cases and lists are closed.
        if (event.GetInt() == 1)
            for (auto page = static_cast<int>(m_tabs->GetPageCount()) - 1; page > 0; --page)
                if (m_tabs->GetPage(static_cast<std::size_t>(page)) != event.GetEventObject())
                    m_tabs->DeletePage(static_cast<std::size_t>(page));
        refreshInbox();
    });

    auto* config = wxConfig::Get();
    const wxPoint position(static_cast<int>(config->ReadLong("/window/x", -1)),
                           static_cast<int>(config->ReadLong("/window/y", -1)));
    const wxSize size(static_cast<int>(config->ReadLong("/window/width", 1200)),
                      static_cast<int>(config->ReadLong("/window/height", 760)));
    SetSize(wxRect(position, size));
    refreshInbox();
}

MainFrame::~MainFrame() = default;

void MainFrame::buildMenusAndToolbar()
{
    auto* bar = new wxMenuBar;
    auto* tools = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
    for (const auto& menu : menuRegistry()) {
        auto* items = new wxMenu;
        for (const auto& action : actionRegistry()) {
            if (action.menu != menu.id)
                continue;
            wxString label = wxGetTranslation(fromUtf8(action.label));
            // A diagram's shortcut is bound by the diagram, so that text fields keep theirs.
            if (!action.accelerator.empty() && !action.inDiagram)
                label += "\t" + fromUtf8(action.accelerator);
            items->Append(actionWindowId(action.id), label, wxGetTranslation(fromUtf8(action.help)));
            if (action.onToolbar)
                tools->AddTool(actionWindowId(action.id), wxStripMenuCodes(label.BeforeFirst('\t'), wxStrip_Menu),
                               wxArtProvider::GetBitmapBundle(actionArt(action), wxART_TOOLBAR));
            Bind(wxEVT_MENU, [this, id = action.id](wxCommandEvent&) {
                if (actionEnabled(id, actionState()))
                    m_actions.run(id);
            }, actionWindowId(action.id));
            Bind(wxEVT_UPDATE_UI, [this, id = action.id](wxUpdateUIEvent& event) {
                event.Enable(actionEnabled(id, actionState()));
            }, actionWindowId(action.id));
        }
        bar->Append(items, wxGetTranslation(fromUtf8(menu.title)));
    }
    SetMenuBar(bar);
    tools->Realize();
}

ActionState MainFrame::actionState() const
{
    return {.connected = m_session.connected(), .inboxInFront = !m_tabs || m_tabs->GetSelection() <= 0};
}

void MainFrame::bindActions()
{
    m_actions.bind(ActionId::SwitchUser, [this] {
        wxArrayString names;
        for (const auto& user : m_session.users())
            names.Add(wxString::FromUTF8(describeUser(user, interfaceIsChinese())));
        const int chosen = wxGetSingleChoiceIndex(_("Work as:"), _("Switch user"), names, this);
        if (chosen >= 0)
            switchUser(m_session.users()[static_cast<std::size_t>(chosen)].login);
    });
    m_actions.bind(ActionId::Quit, [this] { Close(); });
    m_actions.bind(ActionId::ShowInbox, [this] {
        m_tabs->SetSelection(0);
        m_inbox->focusList();
    });
    m_actions.bind(ActionId::ShowEvaluations, [this] { showTab<EvaluationPanel>(_("Evaluations"))->reload(); });
    m_actions.bind(ActionId::ShowRectifications, [this] { showTab<RectificationBoard>(_("Rectifications"))->reload(); });
    m_actions.bind(ActionId::ShowSupervision, [this] { showTab<SupervisionPanel>(_("Supervision"))->reload(); });
    m_actions.bind(ActionId::Refresh, [this] { refreshInbox(); });
    m_actions.bind(ActionId::FocusSearch, [this] {
        m_tabs->SetSelection(0);
        m_inbox->focusSearch();
    });
    m_actions.bind(ActionId::NewCase, [this] { openIntake(); });
    m_actions.bind(ActionId::OpenCase, [this] { openSelectedCase(); });
    m_actions.bind(ActionId::CloseTab, [this] {
        if (m_tabs->GetSelection() > 0)
            m_tabs->DeletePage(static_cast<std::size_t>(m_tabs->GetSelection()));
    });
    m_actions.bind(ActionId::ShowEditor, [this] { showTab<EditorPanel>(_("Process design")); });
    m_actions.bind(ActionId::ShowReports, [this] { showTab<ReportsPanel>(_("Reports")); });
    m_actions.bind(ActionId::ShowServer, [this] { showTab<ServerPanel>(_("Server")); });
    // The process menu's actions are the design tab's, which opens for them.
    for (const auto& action : actionRegistry())
        if (action.menu == MenuId::Process)
            m_actions.bind(action.id, [this, id = action.id] { showTab<EditorPanel>(_("Process design"))->run(id); });
    m_actions.bind(ActionId::About, [this] {
        wxMessageBox(wxString::Format(_("Tongban %s\nWorkspace: %s"), TONGBAN_VERSION,
                                      wxString::FromUTF8(m_session.workspacePath())),
                     _("About Tongban"), wxOK | wxICON_INFORMATION, this);
    });
}

void MainFrame::refreshInbox()
{
    m_inbox->refresh();
    updateStatus();
}

void MainFrame::applyFilter(InboxFilter filter) { m_inbox->applyFilter(filter); }

void MainFrame::applySearch(const std::string& text) { m_inbox->applySearch(text); }

void MainFrame::sortBy(unsigned column) { m_inbox->sortBy(column); }

wxDataViewCtrl* MainFrame::inboxView() const { return m_inbox->view(); }

const InboxPresenter& MainFrame::inbox() const { return m_inbox->presenter(); }

void MainFrame::updateStatus()
{
    const auto& user = m_session.user();
    SetStatusText(wxString::FromUTF8(describeUser(user, interfaceIsChinese())), 0);
    SetStatusText(m_session.connected()
                      ? wxString::Format(_("Server: %s"), wxString::FromUTF8(m_session.desk().address()))
                      : wxString::Format(_("Workspace: %s"), wxString::FromUTF8(m_session.workspacePath())),
                  1);
    const auto today = m_session.calendar().localDay(m_session.now());
    SetStatusText(m_session.calendar().isWorkingDay(today) ? _("Working day") : _("Day off"), 2);
    SetTitle(wxString::Format(_("Tongban — %s"), wxString::FromUTF8(user.department)));
}

CasePanel* MainFrame::openCase(const std::string& caseNumber)
{
    for (std::size_t page = 1; page < m_tabs->GetPageCount(); ++page)
        if (auto* panel = dynamic_cast<CasePanel*>(m_tabs->GetPage(page)); panel && panel->caseNumber() == caseNumber) {
            m_tabs->SetSelection(page);
            return panel;
        }
    auto* panel = new CasePanel(m_tabs, m_session, caseNumber, [this] { refreshInbox(); });
    m_tabs->AddPage(panel, wxString::FromUTF8(caseNumber), true);
    return panel;
}

template <typename Panel>
Panel* MainFrame::findTab()
{
    for (std::size_t page = 1; page < m_tabs->GetPageCount(); ++page)
        if (auto* panel = dynamic_cast<Panel*>(m_tabs->GetPage(page))) {
            m_tabs->SetSelection(page);
            return panel;
        }
    return nullptr;
}

template <typename Panel>
Panel* MainFrame::showTab(const wxString& title)
{
    if (auto* open = findTab<Panel>())
        return open;
    auto* panel = new Panel(m_tabs, m_session);
    m_tabs->AddPage(panel, title, true);
    return panel;
}

template EvaluationPanel* MainFrame::showTab<EvaluationPanel>(const wxString&);
template RectificationBoard* MainFrame::showTab<RectificationBoard>(const wxString&);
template EditorPanel* MainFrame::showTab<EditorPanel>(const wxString&);
template ReportsPanel* MainFrame::showTab<ReportsPanel>(const wxString&);
template ServerPanel* MainFrame::showTab<ServerPanel>(const wxString&);
template SupervisionPanel* MainFrame::showTab<SupervisionPanel>(const wxString&);

IntakePanel* MainFrame::openIntake()
{
    if (auto* open = findTab<IntakePanel>())
        return open;
    auto* panel = new IntakePanel(m_tabs, m_session, [this](const std::string& caseNumber) {
        refreshInbox();
        openCase(caseNumber);
    });
    m_tabs->AddPage(panel, _("New case"), true);
    return panel;
}

void MainFrame::openSelectedCase()
{
    if (const auto caseNumber = m_inbox->selectedCase())
        openCase(*caseNumber);
}

void MainFrame::switchUser(const std::string& login)
{
    if (!m_session.switchTo(login))
        return;
    while (m_tabs->GetPageCount() > 1)
        m_tabs->DeletePage(1);
    refreshInbox();
}

void MainFrame::rememberGeometry()
{
    auto* config = wxConfig::Get();
    const wxRect rect = GetRect();
    config->Write("/window/x", rect.x);
    config->Write("/window/y", rect.y);
    config->Write("/window/width", rect.width);
    config->Write("/window/height", rect.height);
    m_inbox->rememberColumns();
    config->Flush();
}

} // namespace tongban::client
