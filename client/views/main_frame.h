// The main window: the inbox and the other screens in tabs, cases in tabs of
// their own, menus, toolbar and shortcuts from the action registry, and the
// status bar.
#pragma once

#include "client/actions/action_registry.h"
#include "client/inbox/inbox_presenter.h"

#include <wx/frame.h>

class wxDataViewCtrl;
class wxNotebook;

namespace tongban::client {

class CasePanel;
class InboxPanel;
class IntakePanel;

class MainFrame : public wxFrame {
public:
    explicit MainFrame(Session& session);
    ~MainFrame() override;

    /// Reads the inbox again, with the status bar.
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

    wxDataViewCtrl* inboxView() const;
    const InboxPresenter& inbox() const;
    wxNotebook* tabs() const { return m_tabs; }
    /// What the registry's actions do in this window; every action is bound.
    const ActionHandlers& actions() const { return m_actions; }
    /// The state the actions' enabled-when predicates read.
    ActionState actionState() const;

private:
    /// Shows and returns the open tab of this kind, if there is one.
    template <typename Panel>
    Panel* findTab();
    void buildMenusAndToolbar();
    void bindActions();
    void openSelectedCase();
    void updateStatus();
    void rememberGeometry();

    Session& m_session;
    ActionHandlers m_actions;
    wxNotebook* m_tabs = nullptr;
    InboxPanel* m_inbox = nullptr;
};

} // namespace tongban::client
