#include "client/views/main_frame.h"

#include "client/views/action_ids.h"
#include "client/views/case_panel.h"
#include "client/views/editor_panel.h"
#include "client/views/reports_panel.h"
#include "client/views/server_panel.h"
#include "client/views/evaluation_panels.h"
#include "client/views/inbox_model.h"
#include "client/views/intake_panel.h"
#include "client/views/supervision_panel.h"
#include "client/views/language.h"

#include <wx/artprov.h>
#include <wx/choicdlg.h>
#include <wx/config.h>
#include <wx/dataview.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

namespace tongban::client {

namespace {

wxString menuTitle(MenuId menu)
{
    switch (menu) {
    case MenuId::File:
        return _("&File");
    case MenuId::View:
        return _("&View");
    case MenuId::Case:
        return _("&Case");
    case MenuId::Process:
        return _("&Process");
    case MenuId::Help:
        return _("&Help");
    }
    return {};
}

wxArtID artFor(ActionId id)
{
    switch (id) {
    case ActionId::SwitchUser:
        return wxART_GO_HOME;
    case ActionId::ShowInbox:
        return wxART_LIST_VIEW;
    case ActionId::Refresh:
        return wxART_REDO;
    case ActionId::OpenCase:
        return wxART_FILE_OPEN;
    case ActionId::NewCase:
        return wxART_NEW;
    case ActionId::ShowEvaluations:
        return wxART_TIP;
    case ActionId::ShowRectifications:
        return wxART_WARNING;
    case ActionId::ShowSupervision:
        return wxART_FIND;
    case ActionId::ShowEditor:
        return wxART_EDIT;
    case ActionId::ShowReports:
        return wxART_REPORT_VIEW;
    case ActionId::ShowServer:
        return wxART_GO_FORWARD;
    default:
        return wxART_INFORMATION;
    }
}

wxString filterLabel(InboxFilter filter)
{
    switch (filter) {
    case InboxFilter::All:
        return _("All open tasks");
    case InboxFilter::Waiting:
        return _("To claim");
    case InboxFilter::Claimed:
        return _("Claimed");
    case InboxFilter::Mine:
        return _("Mine");
    case InboxFilter::DueSoon:
        return _("Due soon");
    case InboxFilter::Overdue:
        return _("Overdue");
    }
    return {};
}

} // namespace

MainFrame::MainFrame(Session& session)
    : wxFrame(nullptr, wxID_ANY, _("Tongban"), wxDefaultPosition, wxSize(1200, 760)), m_session(session),
      m_presenter(session)
{
    buildMenusAndToolbar();
    CreateStatusBar(3);
    const int widths[] = {-2, -3, -1};
    GetStatusBar()->SetStatusWidths(3, widths);

    m_tabs = new wxNotebook(this, wxID_ANY);
    auto* splitter = new wxSplitterWindow(m_tabs, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    auto* side = new wxPanel(splitter);
    m_filters = new wxListBox(side, wxID_ANY);
    auto* sideSizer = new wxBoxSizer(wxVERTICAL);
    sideSizer->Add(m_filters, 1, wxEXPAND | wxALL, 4);
    side->SetSizer(sideSizer);

    auto* main = new wxPanel(splitter);
    m_search = new wxSearchCtrl(main, wxID_ANY);
    m_search->SetDescriptiveText(_("Case number, applicant or ID number"));
    m_inbox = new wxDataViewCtrl(main, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    m_model = new InboxModel(m_presenter);
    m_inbox->AssociateModel(m_model.get());
    const std::pair<wxString, int> columns[] = {
        {_("Case number"), 190}, {_("One thing"), 140}, {_("Applicant"), 220}, {_("Step"), 150},
        {_("Received"), 130},    {_("Due"), 130},       {_("Time left"), 170}, {_("State"), 130}};
    auto* config = wxConfig::Get();
    for (unsigned c = 0; c < kInboxColumns; ++c) {
        const int width = static_cast<int>(config->ReadLong(wxString::Format("/inbox/column%u", c), columns[c].second));
        m_inbox->AppendTextColumn(columns[c].first, c, wxDATAVIEW_CELL_INERT, width, wxALIGN_NOT,
                                  wxDATAVIEW_COL_RESIZABLE);
    }
    auto* mainSizer = new wxBoxSizer(wxVERTICAL);
    mainSizer->Add(m_search, 0, wxEXPAND | wxALL, 4);
    mainSizer->Add(m_inbox, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);
    main->SetSizer(mainSizer);
    splitter->SplitVertically(side, main, 200);
    splitter->SetMinimumPaneSize(120);
    m_tabs->AddPage(splitter, _("Inbox"), true);

    m_filters->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) {
        applyFilter(kInboxFilters.at(static_cast<std::size_t>(event.GetSelection())));
    });
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { applySearch(m_search->GetValue().utf8_string()); });
    m_inbox->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { openSelectedCase(); });
    m_inbox->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_CLICK, [this](wxDataViewEvent& event) {
        sortBy(static_cast<unsigned>(event.GetColumn()));
    });
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

    const wxPoint position(static_cast<int>(config->ReadLong("/window/x", -1)),
                           static_cast<int>(config->ReadLong("/window/y", -1)));
    const wxSize size(static_cast<int>(config->ReadLong("/window/width", 1200)),
                      static_cast<int>(config->ReadLong("/window/height", 760)));
    SetSize(wxRect(position, size));
    const long sortColumn = config->ReadLong("/inbox/sortColumn", -1);
    if (sortColumn >= 0 && sortColumn < kInboxColumns) {
        const bool ascending = config->ReadBool("/inbox/sortAscending", true);
        sortBy(static_cast<unsigned>(sortColumn));
        if (m_presenter.ascending() != ascending)
            sortBy(static_cast<unsigned>(sortColumn));
    }
    refreshInbox();
}

MainFrame::~MainFrame() = default;

void MainFrame::buildMenusAndToolbar()
{
    auto* bar = new wxMenuBar;
    auto* tools = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
    for (const auto menu : {MenuId::File, MenuId::View, MenuId::Case, MenuId::Process, MenuId::Help}) {
        auto* items = new wxMenu;
        for (const auto& action : actionRegistry()) {
            if (action.menu != menu)
                continue;
            wxString label = wxGetTranslation(wxString::FromUTF8(action.label.data(), action.label.size()));
            // A diagram's shortcut is bound by the diagram, so that text fields keep theirs.
            if (!action.accelerator.empty() && !action.inDiagram)
                label += "\t" + wxString::FromUTF8(action.accelerator.data(), action.accelerator.size());
            items->Append(actionWindowId(action.id), label,
                          wxGetTranslation(wxString::FromUTF8(action.help.data(), action.help.size())));
            if (action.onToolbar)
                tools->AddTool(actionWindowId(action.id), wxStripMenuCodes(label.BeforeFirst('\t'), wxStrip_Menu),
                               wxArtProvider::GetBitmapBundle(artFor(action.id), wxART_TOOLBAR));
            Bind(wxEVT_MENU, [this, id = action.id](wxCommandEvent&) { onAction(id); }, actionWindowId(action.id));
        }
        bar->Append(items, menuTitle(menu));
    }
    SetMenuBar(bar);
    tools->Realize();
}

void MainFrame::onAction(ActionId id)
{
    switch (id) {
    case ActionId::SwitchUser: {
        wxArrayString names;
        for (const auto& user : m_session.users())
            names.Add(wxString::FromUTF8(describeUser(user, interfaceIsChinese())));
        const int chosen = wxGetSingleChoiceIndex(_("Work as:"), _("Switch user"), names, this);
        if (chosen >= 0)
            switchUser(m_session.users()[static_cast<std::size_t>(chosen)].login);
        break;
    }
    case ActionId::Quit:
        Close();
        break;
    case ActionId::ShowInbox:
        m_tabs->SetSelection(0);
        m_inbox->SetFocus();
        break;
    case ActionId::ShowEvaluations:
        showTab<EvaluationsPanel>(_("Evaluations"))->reload();
        break;
    case ActionId::ShowRectifications:
        showTab<RectificationBoard>(_("Rectifications"))->reload();
        break;
    case ActionId::ShowSupervision:
        showTab<SupervisionPanel>(_("Supervision"))->reload();
        break;
    case ActionId::Refresh:
        refreshInbox();
        break;
    case ActionId::FocusSearch:
        m_tabs->SetSelection(0);
        m_search->SetFocus();
        break;
    case ActionId::NewCase:
        openIntake();
        break;
    case ActionId::OpenCase:
        openSelectedCase();
        break;
    case ActionId::CloseTab:
        if (m_tabs->GetSelection() > 0)
            m_tabs->DeletePage(static_cast<std::size_t>(m_tabs->GetSelection()));
        break;
    case ActionId::ShowEditor:
        showTab<EditorPanel>(_("Process design"));
        break;
    case ActionId::ShowReports:
        showTab<ReportsPanel>(_("Reports"));
        break;
    case ActionId::ShowServer:
        showTab<ServerPanel>(_("Server"));
        break;
    case ActionId::ProcessNew:
    case ActionId::ProcessOpen:
    case ActionId::ProcessOpenPublished:
    case ActionId::ProcessSave:
    case ActionId::ProcessExportBpmn:
    case ActionId::ProcessPublish:
    case ActionId::ProcessCompare:
    case ActionId::ProcessSimulate:
    case ActionId::ProcessUndo:
    case ActionId::ProcessRedo:
    case ActionId::ProcessDelete:
    case ActionId::ProcessCopy:
    case ActionId::ProcessPaste:
    case ActionId::ProcessLayOut:
    case ActionId::ProcessZoomIn:
    case ActionId::ProcessZoomOut:
        showTab<EditorPanel>(_("Process design"))->run(id);
        break;
    case ActionId::About:
        wxMessageBox(wxString::Format(_("Tongban %s\nWorkspace: %s"), TONGBAN_VERSION,
                                      wxString::FromUTF8(m_session.workspacePath())),
                     _("About Tongban"), wxOK | wxICON_INFORMATION, this);
        break;
    }
}

void MainFrame::refreshInbox()
{
    m_presenter.refresh();
    m_model->rowsChanged();
    updateFilters();
    updateStatus();
}

void MainFrame::sortBy(unsigned column)
{
    static constexpr InboxSort kByColumn[kInboxColumns] = {InboxSort::CaseNumber, InboxSort::OneThing, InboxSort::Applicant,
                                                          InboxSort::Step,       InboxSort::Received, InboxSort::Due,
                                                          InboxSort::Due,        InboxSort::State};
    if (column >= kInboxColumns)
        return;
    const auto sort = kByColumn[column];
    const bool ascending = sort == m_presenter.sort() ? !m_presenter.ascending() : true;
    m_presenter.setSort(sort, ascending);
    for (unsigned c = 0; c < m_inbox->GetColumnCount(); ++c)
        m_inbox->GetColumn(c)->UnsetAsSortKey();
    m_inbox->GetColumn(column)->SetSortOrder(ascending);
    m_model->rowsChanged();
    wxConfig::Get()->Write("/inbox/sortColumn", static_cast<long>(column));
    wxConfig::Get()->Write("/inbox/sortAscending", ascending);
}

void MainFrame::applyFilter(InboxFilter filter)
{
    m_presenter.setFilter(filter);
    m_model->rowsChanged();
}

void MainFrame::applySearch(const std::string& text)
{
    m_presenter.setSearch(text);
    m_model->rowsChanged();
}

void MainFrame::updateFilters()
{
    const int selected = std::max(0, m_filters->GetSelection());
    m_filters->Clear();
    for (const auto filter : kInboxFilters)
        m_filters->Append(wxString::Format("%s  (%lld)", filterLabel(filter), static_cast<long long>(m_presenter.count(filter))));
    m_filters->SetSelection(selected);
}

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

template EvaluationsPanel* MainFrame::showTab<EvaluationsPanel>(const wxString&);
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
    const wxDataViewItem item = m_inbox->GetSelection();
    if (!item.IsOk())
        return;
    const unsigned row = m_model->GetRow(item);
    if (row >= m_presenter.rows().size())
        return;
    openCase(m_presenter.rows()[row].caseNumber);
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
    for (unsigned c = 0; c < m_inbox->GetColumnCount(); ++c)
        config->Write(wxString::Format("/inbox/column%u", c), m_inbox->GetColumn(c)->GetWidth());
    config->Flush();
}

} // namespace tongban::client
