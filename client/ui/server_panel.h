// The Server page: connect to a sync service with an address, login and
// password, then work the department's open steps from this desktop's
// replica — claim and complete at once, even offline — and see whether the
// desktop is online, how many commands wait to be sent, when it last
// synchronised, and the commands the server refused.
#pragma once

#include "client/session/session.h"
#include "client/sync/connected_desk.h"

#include <wx/panel.h>
#include <wx/timer.h>

#include <future>

class wxButton;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace tongban::client {

class ServerPanel : public wxPanel {
public:
    ServerPanel(wxWindow* parent, Session& session);

    ConnectedDesk& desk() { return m_desk; }
    /// Connects with what the fields hold; says why not in the status line.
    bool connect(const std::string& address, const std::string& login, const std::string& password);
    /// Starts synchronising in the background, unless it already is.
    void synchroniseNow();
    bool synchronising() const { return m_running.valid(); }
    /// Claims or completes the step in row `row` of the list.
    void claim(long row);
    void complete(long row);
    long rowCount() const;
    const wxString& statusText() const { return m_statusText; }

private:
    void showTasks();
    void showStatus(const SyncStatus& status);
    void showRefusals();
    long selectedRow() const;
    /// Does `action` on the step in `row`; a refusal is said in a message box.
    void act(long row, std::expected<void, std::string> (ConnectedDesk::*action)(const DeskTask&));

    Session& m_session;
    ConnectedDesk m_desk;
    std::vector<DeskTask> m_tasks;
    wxTextCtrl* m_address = nullptr;
    wxTextCtrl* m_login = nullptr;
    wxTextCtrl* m_password = nullptr;
    wxStaticText* m_status = nullptr;
    wxString m_statusText;
    wxListCtrl* m_list = nullptr;
    wxTimer m_timer;  ///< every 30 seconds
    wxTimer m_poll;   ///< while synchronising, to show the result when it is there
    std::future<SyncStatus> m_running;
};

} // namespace tongban::client
