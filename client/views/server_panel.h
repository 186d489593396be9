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

#include <chrono>
#include <future>

class wxButton;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace tongban::client {

/// Sent up to the frame when the workspace the screens read has changed:
/// GetInt() is 1 after connecting (another workspace and user), 0 after a
/// synchronisation.
wxDECLARE_EVENT(EVT_CONNECTED_WORKSPACE_CHANGED, wxCommandEvent);

class ServerPanel : public wxPanel {
public:
    ServerPanel(wxWindow* parent, Session& session);

    ConnectedDesk& desk() { return m_desk; }
    /// Connects with what the fields hold; says why not in the status line.
    bool connect(const std::string& address, const std::string& login, const std::string& password);
    /// Back to the desktop's own workspace; the outbox waits on disk.
    void disconnect();
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
    void act(long row, std::expected<void, store::Refusal> (ConnectedDesk::*action)(const DeskTask&));

    /// Told the frame that the workspace changed.
    void announce(bool connected);
    /// Synchronises soon after a command was queued, backing off while the server cannot be reached.
    void nudge();

    Session& m_session;
    ConnectedDesk& m_desk;
    std::vector<DeskTask> m_tasks;
    wxTextCtrl* m_address = nullptr;
    wxTextCtrl* m_login = nullptr;
    wxTextCtrl* m_password = nullptr;
    wxStaticText* m_status = nullptr;
    wxString m_statusText;
    wxListCtrl* m_list = nullptr;
    wxTimer m_timer;  ///< every 30 seconds
    wxTimer m_poll;   ///< while synchronising, to show the result when it is there
    wxTimer m_nudge;  ///< every two seconds: is there something to send?
    std::future<SyncStatus> m_running;
    int m_failures = 0;  ///< synchronisations in a row that did not reach the server
    std::chrono::steady_clock::time_point m_lastAttempt{};
};

} // namespace tongban::client
