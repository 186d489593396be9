// The main window: the inbox with its filters and search, cases in tabs,
// menus, toolbar and shortcuts from the action registry, and the status bar.
#pragma once

#include "client/actions/action_registry.h"
#include "client/inbox/inbox_presenter.h"

#include <wx/frame.h>

class wxDataViewCtrl;
class wxListBox;
class wxNotebook;
class wxSearchCtrl;

namespace tongban::client {

class CasePanel;
class IntakePanel;
class InboxModel;

class MainFrame : public wxFrame {
public:
    explicit MainFrame(Session& session);
    ~MainFrame() override;

    void refreshInbox();
    /// Shows one filter's rows, as choosing it in the side bar does.
    void applyFilter(InboxFilter filter);
    /// Shows the rows that match, as typing in the search box does.
    void applySearch(const std::string& text);
    /// Orders the inbox by a column; again on the same column reverses it.
    void sortBy(unsigned column);
    /// Opens a case in its own tab (or shows the tab it has).
    CasePanel* openCase(const std::string& caseNumber);
    void switchUser(const std::string& login);
    /// Opens the intake tab (or shows the one open).
    IntakePanel* openIntake();
    /// Shows the tab of this kind, creating it the first time.
    template <typename Panel>
    Panel* showTab(const wxString& title);

    wxDataViewCtrl* inboxView() const { return m_inbox; }
    const InboxPresenter& inbox() const { return m_presenter; }
    wxNotebook* tabs() const { return m_tabs; }

private:
    /// Shows and returns the open tab of this kind, if there is one.
    template <typename Panel>
    Panel* findTab();
    void buildMenusAndToolbar();
    void onAction(ActionId id);
    void openSelectedCase();
    void updateFilters();
    void updateStatus();
    void rememberGeometry();

    Session& m_session;
    InboxPresenter m_presenter;
    wxObjectDataPtr<InboxModel> m_model;
    wxNotebook* m_tabs = nullptr;
    wxListBox* m_filters = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxDataViewCtrl* m_inbox = nullptr;
};

} // namespace tongban::client
