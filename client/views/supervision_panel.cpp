#include "client/views/supervision_panel.h"

#include "client/views/inbox_model.h"
#include "client/views/language.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/choicdlg.h>
#include <wx/textdlg.h>

namespace tongban::client {

/// The warnings as a virtual list: there may be a hundred thousand of them.
class WarningList : public wxListCtrl {
public:
    WarningList(wxWindow* parent, const SupervisionPresenter& presenter)
        : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
          m_presenter(presenter)
    {
        int column = 0;
        for (const auto& [title, width] : std::initializer_list<std::pair<wxString, int>>{
                 {_("Case number"), 190}, {_("One thing"), 140}, {_("Step"), 180}, {_("Department"), 170}, {_("Due"), 140},
                 {_("State"), 120}})
            InsertColumn(column++, title, wxLIST_FORMAT_LEFT, width);
        m_red.SetTextColour(wxColour(0xc6, 0x28, 0x28));
        m_pausedRed.SetTextColour(wxColour(0xc6, 0x28, 0x28));
        m_pausedRed.SetFont(GetFont().Italic());
        m_yellow.SetTextColour(wxColour(0xb2, 0x6b, 0x00));
    }

    void rowsChanged()
    {
        SetItemCount(static_cast<long>(m_presenter.rows().size()));
        Refresh();
    }

private:
    wxString OnGetItemText(long item, long column) const override
    {
        const auto& row = m_presenter.rows().at(static_cast<std::size_t>(item));
        switch (column) {
        case 0:
            return wxString::FromUTF8(row.caseNumber);
        case 1:
            return wxString::FromUTF8(row.oneThing);
        case 2:
            return wxString::FromUTF8(row.step);
        case 3:
            return wxString::FromUTF8(row.department);
        case 4:
            return formatLocal(row.due);
        default:
            return row.paused ? _("Paused, overdue") : row.red ? _("Overdue") : _("Due soon");
        }
    }

    wxItemAttr* OnGetItemAttr(long item) const override
    {
        const auto& row = m_presenter.rows().at(static_cast<std::size_t>(item));
        return row.paused ? &m_pausedRed : row.red ? &m_red : &m_yellow;
    }

    const SupervisionPresenter& m_presenter;
    mutable wxItemAttr m_red;
    mutable wxItemAttr m_pausedRed;
    mutable wxItemAttr m_yellow;
};

namespace {

wxListCtrl* countTable(wxWindow* parent, const wxString& title)
{
    auto* table = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxSize(300, 160), wxLC_REPORT | wxLC_SINGLE_SEL);
    table->InsertColumn(0, title, wxLIST_FORMAT_LEFT, 180);
    table->InsertColumn(1, _("Overdue"), wxLIST_FORMAT_RIGHT, 70);
    table->InsertColumn(2, _("Due soon"), wxLIST_FORMAT_RIGHT, 80);
    return table;
}

void fill(wxListCtrl* table, const std::map<std::string, WarningCount>& counts)
{
    table->DeleteAllItems();
    for (const auto& [name, count] : counts) {
        const long row = table->InsertItem(table->GetItemCount(), wxString::FromUTF8(name));
        table->SetItem(row, 1, wxString::Format("%d", count.red));
        table->SetItem(row, 2, wxString::Format("%d", count.yellow));
    }
}

} // namespace

SupervisionPanel::SupervisionPanel(wxWindow* parent, Session& session) : wxPanel(parent), m_presenter(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* tables = new wxBoxSizer(wxHORIZONTAL);
    m_departments = countTable(this, _("Department"));
    m_oneThings = countTable(this, _("One thing"));
    tables->Add(m_departments, 1, wxEXPAND | wxRIGHT, 8);
    tables->Add(m_oneThings, 1, wxEXPAND);
    sizer->Add(tables, 0, wxEXPAND | wxALL, 8);
    m_list = new WarningList(this, m_presenter);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* urge = new wxButton(this, wxID_ANY, _("Urge..."));
    auto* supervise = new wxButton(this, wxID_ANY, _("Supervise..."));
    auto* reassign = new wxButton(this, wxID_ANY, _("Reassign..."));
    buttons->Add(urge, 0, wxRIGHT, 6);
    buttons->Add(supervise, 0, wxRIGHT, 6);
    buttons->Add(reassign, 0);
    sizer->Add(buttons, 0, wxALL, 8);
    SetSizer(sizer);
    urge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onUrge(false); });
    supervise->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onUrge(true); });
    reassign->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onReassign(); });
    reload();
}

void SupervisionPanel::reload()
{
    m_presenter.refresh();
    fill(m_departments, m_presenter.byDepartment());
    fill(m_oneThings, m_presenter.byOneThing());
    m_list->rowsChanged();
}

void SupervisionPanel::onUrge(bool supervise)
{
    const long selected = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (selected < 0)
        return;
    const auto row = m_presenter.rows().at(static_cast<std::size_t>(selected));
    wxTextEntryDialog ask(this, _("A note for the department:"), supervise ? _("Supervise") : _("Urge"));
    if (ask.ShowModal() != wxID_OK)
        return;
    const auto done = m_presenter.urge(row, supervise, ask.GetValue().utf8_string());
    if (!done)
        wxMessageBox(inInterfaceLanguage(done.error().message), _("Not done"),
                     wxOK | wxICON_WARNING, this);
}

void SupervisionPanel::onReassign()
{
    const long selected = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (selected < 0)
        return;
    const auto row = m_presenter.rows().at(static_cast<std::size_t>(selected));
    const auto officers = m_presenter.officersFor(row);
    wxArrayString choices;
    choices.Add(_("Back to the department's inbox"));
    for (const auto& officer : officers)
        choices.Add(wxString::FromUTF8(officer.name + " (" + officer.login + ")"));
    wxSingleChoiceDialog pick(this, _("Who takes the step over?"), _("Reassign"), choices);
    if (pick.ShowModal() != wxID_OK)
        return;
    const int chosen = pick.GetSelection();
    wxTextEntryDialog ask(this, _("Why is the step reassigned?"), _("Reassign"));
    if (ask.ShowModal() != wxID_OK)
        return;
    const auto assignee = chosen <= 0 ? std::string() : officers.at(static_cast<std::size_t>(chosen - 1)).login;
    const auto done = m_presenter.reassign(row, assignee, ask.GetValue().utf8_string());
    if (!done)
        wxMessageBox(inInterfaceLanguage(done.error().message), _("Not done"), wxOK | wxICON_WARNING, this);
}

} // namespace tongban::client
