#include "client/views/server_panel.h"

#include "client/views/inbox_model.h"
#include "client/views/language.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>


namespace tongban::client {

namespace {

constexpr int kSyncEveryMs = 30'000;
constexpr int kNudgeEveryMs = 2'000;

} // namespace

wxDEFINE_EVENT(EVT_CONNECTED_WORKSPACE_CHANGED, wxCommandEvent);

ServerPanel::ServerPanel(wxWindow* parent, Session& session)
    : wxPanel(parent), m_session(session), m_desk(session.desk()), m_timer(this), m_poll(this), m_nudge(this)
{
    auto* form = new wxFlexGridSizer(2, wxSize(8, 6));
    form->AddGrowableCol(1, 1);
    m_address = new wxTextCtrl(this, wxID_ANY, "http://127.0.0.1:8710");
    m_login = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(session.user().login));
    m_password = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
    for (const auto& [label, field] : {std::pair{_("Server address:"), m_address}, std::pair{_("Login:"), m_login},
                                       std::pair{_("Password:"), m_password}}) {
        form->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        form->Add(field, 1, wxEXPAND);
    }
    auto* connectButton = new wxButton(this, wxID_ANY, _("Connect"));
    connectButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        connect(m_address->GetValue().utf8_string(), m_login->GetValue().utf8_string(), m_password->GetValue().utf8_string());
    });
    m_status = new wxStaticText(this, wxID_ANY, _("Not connected."));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(_("Case"), wxLIST_FORMAT_LEFT, 220);
    m_list->AppendColumn(_("Step"), wxLIST_FORMAT_LEFT, 200);
    m_list->AppendColumn(_("Process"), wxLIST_FORMAT_LEFT, 200);
    m_list->AppendColumn(_("Claimed by"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Server"), wxLIST_FORMAT_LEFT, 150);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    const auto addButton = [&](const wxString& label, std::function<void()> act) {
        auto* button = new wxButton(this, wxID_ANY, label);
        button->Bind(wxEVT_BUTTON, [act = std::move(act)](wxCommandEvent&) { act(); });
        buttons->Add(button, 0, wxRIGHT, 6);
    };
    addButton(_("Synchronise now"), [this] { synchroniseNow(); });
    addButton(_("Claim"), [this] { claim(selectedRow()); });
    addButton(_("Complete"), [this] { complete(selectedRow()); });
    addButton(_("Refused commands..."), [this] { showRefusals(); });
    addButton(_("Disconnect"), [this] { disconnect(); });

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(form, 1, wxEXPAND | wxRIGHT, 10);
    top->Add(connectButton, 0, wxALIGN_BOTTOM);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 10);
    sizer->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 10);
    sizer->Add(buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { synchroniseNow(); }, m_timer.GetId());
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (!m_running.valid() || m_running.wait_for(std::chrono::seconds{0}) != std::future_status::ready)
            return;
        m_poll.Stop();
        const auto status = m_running.get();
        m_failures = status.online ? 0 : m_failures + 1;
        m_desk.remember(status);
        showStatus(m_desk.status());
        showTasks();
        announce(false);
    }, m_poll.GetId());
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { nudge(); }, m_nudge.GetId());
    if (m_desk.connected()) {
        showStatus(m_desk.status());
        showTasks();
        m_timer.Start(kSyncEveryMs);
        m_nudge.Start(kNudgeEveryMs);
    }
}

void ServerPanel::announce(bool connected)
{
    wxCommandEvent changed(EVT_CONNECTED_WORKSPACE_CHANGED, GetId());
    changed.SetEventObject(this);
    changed.SetInt(connected ? 1 : 0);
    ProcessWindowEvent(changed);
}

void ServerPanel::nudge()
{
    if (!m_desk.connected() || m_running.valid() || m_desk.status().outbox == 0)
        return;
    if (std::chrono::steady_clock::now() - m_lastAttempt < Synchroniser::backoff(m_failures))
        return;
    synchroniseNow();
}

bool ServerPanel::connect(const std::string& address, const std::string& login, const std::string& password)
{
    // The synchronisation under way uses the connection that connecting replaces: let it finish first.
    if (m_running.valid()) {
        m_poll.Stop();
        m_desk.remember(m_running.get());
    }
    const auto connected = m_desk.connect(address, login, password);
    if (!connected) {
        m_statusText = wxString::Format(_("Not connected: %s"), wxString::FromUTF8(connected.error().message));
        m_status->SetLabel(m_statusText);
        return false;
    }
    m_password->Clear();
    m_failures = 0;
    showStatus(m_desk.status());
    showTasks();
    announce(true);
    synchroniseNow();
    m_timer.Start(kSyncEveryMs);
    m_nudge.Start(kNudgeEveryMs);
    return true;
}

void ServerPanel::disconnect()
{
    if (!m_desk.connected())
        return;
    if (m_running.valid()) {
        m_poll.Stop();
        m_running.get();
    }
    m_timer.Stop();
    m_nudge.Stop();
    m_desk.disconnect();
    m_tasks.clear();
    m_list->DeleteAllItems();
    m_statusText = _("Not connected. The screens show this desktop's own workspace; unsent commands wait for the next connection.");
    m_status->SetLabel(m_statusText);
    announce(true);
}

void ServerPanel::synchroniseNow()
{
    if (!m_desk.connected() || m_running.valid())
        return;
    m_lastAttempt = std::chrono::steady_clock::now();
    m_running = m_desk.synchroniseInBackground();
    m_poll.Start(200);
}

void ServerPanel::showStatus(const SyncStatus& status)
{
    m_statusText = wxString::Format(_("%s as %s · %s · %zu to send · %zu refused · last synchronised %s"),
                                    wxString::FromUTF8(m_desk.address()), wxString::FromUTF8(m_desk.user().name),
                                    status.online ? _("online") : _("offline"), status.outbox, status.conflicts,
                                    status.lastSync ? formatLocal(*status.lastSync) : _("never"));
    if (!status.problem.empty())
        m_statusText += " · " + wxString::FromUTF8(status.problem);
    m_status->SetLabel(m_statusText);
}

void ServerPanel::showTasks()
{
    m_tasks = m_desk.tasks();
    m_list->DeleteAllItems();
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
        const auto& task = m_tasks[i];
        const long row = m_list->InsertItem(static_cast<long>(i), wxString::FromUTF8(task.caseNumber));
        m_list->SetItem(row, 1, wxString::FromUTF8(task.step));
        m_list->SetItem(row, 2, wxString::FromUTF8(task.process));
        m_list->SetItem(row, 3, wxString::FromUTF8(task.assignee));
        m_list->SetItem(row, 4, task.waitingForServer ? _("waiting to be sent") : _("confirmed"));
    }
}

long ServerPanel::rowCount() const { return m_list->GetItemCount(); }

long ServerPanel::selectedRow() const { return m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

void ServerPanel::claim(long row) { act(row, &ConnectedDesk::claim); }

void ServerPanel::complete(long row) { act(row, &ConnectedDesk::complete); }

void ServerPanel::act(long row, std::expected<void, store::Refusal> (ConnectedDesk::*action)(const DeskTask&))
{
    if (row < 0 || row >= static_cast<long>(m_tasks.size()))
        return;
    if (const auto done = (m_desk.*action)(m_tasks[static_cast<std::size_t>(row)]); !done)
        wxMessageBox(wxString::FromUTF8(done.error().message), _("Not done"), wxOK | wxICON_WARNING, this);
    showStatus(m_desk.status());
    showTasks();
    announce(false);
}

void ServerPanel::showRefusals()
{
    const auto refusals = m_desk.conflicts();
    if (refusals.empty()) {
        wxMessageBox(_("The server has refused none of this desktop's commands."), _("Refused commands"), wxOK, this);
        return;
    }
    wxString text;
    for (const auto& entry : refusals)
        text += wxString::FromUTF8(entry.envelope.caseNumber + " (" + workflow::commandTypeName(entry.envelope.action) + "): " +
                                   entry.message) +
                "\n";
    if (wxMessageBox(text + "\n" + _("Mark them as seen?"), _("Refused commands"), wxYES_NO | wxICON_INFORMATION, this) == wxYES)
        for (const auto& entry : refusals)
            m_desk.dismiss(entry.position);
    showStatus(m_desk.status());
}

} // namespace tongban::client
