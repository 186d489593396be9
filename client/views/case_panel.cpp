#include "client/views/case_panel.h"

#include "client/views/case_documents_dialog.h"
#include "client/views/inbox_model.h"
#include "client/views/intake_panel.h"
#include "client/views/language.h"

#include <wx/button.h>
#include <wx/control.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/dcbuffer.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/numdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

namespace tongban::client {

/// The case's steps drawn left to right: done, active, pending and skipped.
class ProgressStrip : public wxPanel {
public:
    explicit ProgressStrip(wxWindow* parent) : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, 64))
    {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        Bind(wxEVT_PAINT, &ProgressStrip::onPaint, this);
    }

    void setSteps(std::vector<ProgressStep> steps)
    {
        m_steps = std::move(steps);
        Refresh();
    }

private:
    void onPaint(wxPaintEvent&)
    {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(wxBrush(GetBackgroundColour()));
        dc.Clear();
        if (m_steps.empty())
            return;
        const wxSize size = GetClientSize();
        const int gap = 14;
        const int width = std::max(60, (size.x - gap * static_cast<int>(m_steps.size() + 1)) / static_cast<int>(m_steps.size()));
        int x = gap;
        for (const auto& step : m_steps) {
            wxColour fill, text = *wxBLACK;
            switch (step.progress) {
            case StepProgress::Done:
                fill = wxColour(0xc8, 0xe6, 0xc9);
                break;
            case StepProgress::Active:
                fill = wxColour(0x19, 0x76, 0xd2);
                text = *wxWHITE;
                break;
            case StepProgress::Pending:
                fill = wxColour(0xee, 0xee, 0xee);
                break;
            case StepProgress::Skipped:
                fill = wxColour(0xfa, 0xfa, 0xfa);
                text = wxColour(0x9e, 0x9e, 0x9e);
                break;
            }
            dc.SetBrush(wxBrush(fill));
            dc.SetPen(wxPen(wxColour(0x90, 0x90, 0x90)));
            dc.DrawRoundedRectangle(x, 8, width, size.y - 16, 6);
            dc.SetTextForeground(text);
            const wxString name = wxControl::Ellipsize(wxString::FromUTF8(step.name), dc, wxELLIPSIZE_END, width - 8);
            dc.DrawLabel(name, wxRect(x + 4, 8, width - 8, size.y - 16), wxALIGN_CENTER);
            if (&step != &m_steps.back()) {
                dc.SetPen(wxPen(wxColour(0x90, 0x90, 0x90)));
                dc.DrawLine(x + width, size.y / 2, x + width + gap, size.y / 2);
            }
            x += width + gap;
        }
    }

    std::vector<ProgressStep> m_steps;
};

namespace {

wxString actionLabel(CaseActionKind kind)
{
    switch (kind) {
    case CaseActionKind::Claim:
        return _("Claim");
    case CaseActionKind::Release:
        return _("Release");
    case CaseActionKind::Approve:
        return _("Complete this step");
    case CaseActionKind::Reject:
        return _("Reject");
    case CaseActionKind::Return:
        return _("Return to an earlier step");
    }
    return {};
}

wxString taskStateLabel(store::TaskState state)
{
    using store::TaskState;
    switch (state) {
    case TaskState::Open:
        return _("to claim");
    case TaskState::Claimed:
        return _("claimed");
    case TaskState::Done:
        return _("done");
    case TaskState::Returned:
        return _("returned");
    case TaskState::Discarded:
        return _("discarded");
    }
    return {};
}

wxString describe(const TimelineEntry& entry)
{
    using Kind = TimelineEntry::Kind;
    const auto step = wxString::FromUTF8(entry.step);
    const auto detail = wxString::FromUTF8(entry.detail);
    switch (entry.kind) {
    case Kind::Accepted:
        return _("Accepted");
    case Kind::StepOpened:
        return wxString::Format(_("%s began"), step);
    case Kind::Claimed:
        return wxString::Format(_("%s claimed"), step);
    case Kind::Released:
        return wxString::Format(_("%s released"), step);
    case Kind::Reassigned:
        if (entry.target.empty())
            return wxString::Format(_("%s given back to the department's inbox: %s"), step, detail);
        return wxString::Format(_("%s reassigned to %s: %s"), step, wxString::FromUTF8(entry.target), detail);
    case Kind::Completed:
        if (!entry.corrected.empty()) {
            wxString fields;
            for (const auto& label : entry.corrected)
                fields += (fields.empty() ? "" : ", ") + wxString::FromUTF8(label);
            return wxString::Format(_("%s completed, correcting: %s"), step, fields);
        }
        return wxString::Format(_("%s completed"), step);
    case Kind::Rejected:
        return wxString::Format(_("%s rejected: %s"), step, detail);
    case Kind::Returned:
        return wxString::Format(_("%s returned to %s: %s"), step, wxString::FromUTF8(entry.target), detail);
    case Kind::Paused:
        return wxString::Format(_("Clocks stopped: %s"), detail);
    case Kind::Resumed:
        return wxString::Format(_("Clocks resumed: %s"), detail);
    case Kind::Urged:
        return wxString::Format(_("Urged: %s"), detail);
    case Kind::Supervised:
        return wxString::Format(_("Supervised: %s"), detail);
    case Kind::Ended:
        return detail.empty() ? _("Case ended") : wxString::Format(_("Case ended: %s"), detail);
    }
    return {};
}

wxListCtrl* reportList(wxWindow* parent, std::initializer_list<std::pair<wxString, int>> columns)
{
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    int index = 0;
    for (const auto& [title, width] : columns)
        list->InsertColumn(index++, title, wxLIST_FORMAT_LEFT, width);
    return list;
}

} // namespace

CasePanel::CasePanel(wxWindow* parent, Session& session, const std::string& caseNumber, std::function<void()> changed)
    : wxPanel(parent), m_session(session), m_caseNumber(caseNumber), m_changed(std::move(changed)), m_presenter(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, wxString());
    m_title->SetFont(m_title->GetFont().Scaled(1.4f).Bold());
    m_details = new wxStaticText(this, wxID_ANY, wxString());
    m_progress = new ProgressStrip(this);
    auto* pages = m_pages = new wxNotebook(this, wxID_ANY);
    m_data = reportList(pages, {{_("Section"), 130}, {_("Field"), 240}, {_("Answer"), 420}});
    m_history = reportList(pages, {{_("Step"), 200}, {_("Department"), 160}, {_("State"), 100}, {_("By"), 100},
                                   {_("Received"), 140}, {_("Done"), 140}});
    m_materials = reportList(pages, {{_("Material"), 260}, {_("State"), 100}, {_("Proof, file or promise"), 360}});
    pages->AddPage(m_data, _("Case data"));
    pages->AddPage(m_history, _("History"));
    m_timeline = reportList(pages, {{_("When"), 140}, {_("Who"), 200}, {_("What"), 520}});
    pages->AddPage(m_materials, _("Materials"));
    pages->AddPage(m_timeline, _("Audit trail"));
    m_actionRow = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(m_title, 0, wxALL, 10);
    sizer->Add(m_details, 0, wxLEFT | wxRIGHT, 10);
    sizer->Add(m_progress, 0, wxEXPAND | wxALL, 6);
    sizer->Add(pages, 1, wxEXPAND | wxLEFT | wxRIGHT, 6);
    sizer->Add(m_actionRow, 0, wxALL, 8);
    SetSizer(sizer);
    reload();
}

void CasePanel::reload()
{
    if (!m_presenter.load(m_caseNumber)) {
        m_title->SetLabel(wxString::Format(_("There is no case %s"), wxString::FromUTF8(m_caseNumber)));
        return;
    }
    const auto& view = m_presenter.header();
    m_title->SetLabel(wxString::FromUTF8(view.number + "  " + view.oneThing));
    wxString details = wxString::Format(_("Applicant: %s (%s)    Channel: %s    Accepted: %s"),
                                        wxString::FromUTF8(view.applicantName), wxString::FromUTF8(view.applicantIdentity),
                                        wxString::FromUTF8(view.channel), formatLocal(view.acceptedAt));
    if (view.dueAt)
        details += "    " + wxString::Format(_("Due: %s"), formatLocal(*view.dueAt));
    if (view.endedAt)
        details += "    " + wxString::Format(_("Ended: %s"), formatLocal(*view.endedAt));
    m_details->SetLabel(details);
    m_progress->setSteps(m_presenter.progress());
    showOwnSection();

    m_data->DeleteAllItems();
    if (!m_presenter.answers().empty()) {
        // The application as the unified form asks it; the user's own section stands out.
        for (const auto& answer : m_presenter.answers()) {
            const long row = m_data->InsertItem(m_data->GetItemCount(), wxString::FromUTF8(answer.section));
            m_data->SetItem(row, 1, wxString::FromUTF8(answer.label));
            m_data->SetItem(row, 2, wxString::FromUTF8(answer.answer));
            if (answer.ownSection)
                m_data->SetItemTextColour(row, wxColour(0x19, 0x76, 0xd2));
        }
    } else {
        for (const auto& [key, value] : m_presenter.data()) {
            const long row = m_data->InsertItem(m_data->GetItemCount(), wxString());
            m_data->SetItem(row, 1, wxString::FromUTF8(key));
            m_data->SetItem(row, 2, wxString::FromUTF8(value));
        }
    }
    m_history->DeleteAllItems();
    for (const auto& task : m_presenter.history()) {
        const long row = m_history->InsertItem(m_history->GetItemCount(), wxString::FromUTF8(task.name));
        m_history->SetItem(row, 1, wxString::FromUTF8(task.department));
        m_history->SetItem(row, 2, taskStateLabel(task.state));
        m_history->SetItem(row, 3, wxString::FromUTF8(task.assignee));
        m_history->SetItem(row, 4, formatLocal(task.openedAt));
        m_history->SetItem(row, 5, task.closedAt ? formatLocal(*task.closedAt) : wxString());
    }

    m_timeline->DeleteAllItems();
    for (const auto& entry : m_presenter.timeline()) {
        const long row = m_timeline->InsertItem(m_timeline->GetItemCount(), formatLocal(entry.at));
        m_timeline->SetItem(row, 1, wxString::FromUTF8(entry.actor + (entry.department.empty() ? "" : " · " + entry.department)));
        m_timeline->SetItem(row, 2, describe(entry));
    }
    m_materials->DeleteAllItems();
    for (const auto& material : m_presenter.materials()) {
        const long row = m_materials->InsertItem(m_materials->GetItemCount(), wxString::FromUTF8(material.name));
        m_materials->SetItem(row, 1, materialStateLabel(material.state));
        m_materials->SetItem(row, 2, wxString::FromUTF8(material.detail));
    }

    m_actionRow->Clear(true);
    m_buttons.clear();
    m_actions = m_presenter.actions();
    for (std::size_t i = 0; i < m_actions.size(); ++i) {
        auto* button = new wxButton(this, wxID_ANY,
                                    actionLabel(m_actions[i].kind) + " · " + wxString::FromUTF8(m_actions[i].step));
        button->Bind(wxEVT_BUTTON, [this, i](wxCommandEvent&) { onAction(i); });
        m_actionRow->Add(button, 0, wxRIGHT, 6);
        m_buttons.push_back(button);
    }
    if (m_presenter.mayPause()) {
        m_actionRow->AddSpacer(18);
        if (m_presenter.paused()) {
            addCaseButton(_("Resume the clocks"), &CasePanel::onResume);
        } else {
            addCaseButton(_("Ask for a supplement..."), &CasePanel::onSupplement);
            addCaseButton(_("Special procedure..."), &CasePanel::onProcedure);
        }
    }
    if (m_actions.empty() && !m_presenter.mayPause())
        m_actionRow->Add(new wxStaticText(this, wxID_ANY, _("Nothing for you to do on this case now.")));
    m_actionRow->AddSpacer(18);
    addCaseButton(_("Documents..."), &CasePanel::onDocuments);
    Layout();
}

void CasePanel::showOwnSection()
{
    const auto& section = m_presenter.ownSection();
    if (section.empty()) {
        if (m_section) {
            m_pages->DeletePage(static_cast<std::size_t>(m_pages->FindPage(m_section)));
            m_section = nullptr;
            m_sectionRows.clear();
        }
        return;
    }
    if (!m_section) {
        m_section = new wxScrolledWindow(m_pages, wxID_ANY);
        m_section->SetScrollRate(0, 12);
        m_pages->InsertPage(0, m_section, _("Your section"), true);
    }
    m_section->DestroyChildren();
    m_sectionRows.clear();
    auto* grid = new wxFlexGridSizer(2, wxSize(12, 4));
    grid->AddGrowableCol(1, 1);
    for (const auto& row : section) {
        const auto& field = row.field;
        const auto key = field.key;
        grid->Add(new wxStaticText(m_section, wxID_ANY, inInterfaceLanguage(field.label, field.labelEn)), 0,
                  wxALIGN_TOP | wxTOP | wxLEFT, 8);
        auto* cell = new wxBoxSizer(wxVERTICAL);
        wxWindow* editor = nullptr;
        if (field.kind == forms::FieldKind::SingleChoice || field.kind == forms::FieldKind::YesNo) {
            // The choices' values, in the order the list shows them.
            std::vector<std::string> values{""};
            auto* choice = new wxChoice(m_section, wxID_ANY);
            choice->Append(wxString());
            if (field.kind == forms::FieldKind::YesNo) {
                values.insert(values.end(), {"yes", "no"});
                choice->Append(_("Yes"));
                choice->Append(_("No"));
            }
            for (const auto& option : field.choices) {
                values.push_back(option.value);
                choice->Append(inInterfaceLanguage(option.label, option.labelEn));
            }
            const auto at = std::ranges::find(values, row.value);
            choice->SetSelection(at == values.end() ? 0 : static_cast<int>(at - values.begin()));
            choice->Bind(wxEVT_CHOICE, [this, key, values, choice](wxCommandEvent&) {
                m_presenter.setSectionAnswer(key, values[static_cast<std::size_t>(std::max(0, choice->GetSelection()))]);
                showSectionFindings();
            });
            editor = choice;
        } else {
            auto* text = new wxTextCtrl(m_section, wxID_ANY, wxString::FromUTF8(row.value));
            text->Bind(wxEVT_TEXT, [this, key, text](wxCommandEvent&) {
                m_presenter.setSectionAnswer(key, text->GetValue().utf8_string());
                showSectionFindings();
            });
            editor = text;
        }
        auto* findings = new wxStaticText(m_section, wxID_ANY, wxString());
        findings->SetForegroundColour(wxColour(0xc6, 0x28, 0x28));
        cell->Add(editor, 0, wxEXPAND);
        cell->Add(findings, 0, wxEXPAND | wxBOTTOM, 4);
        grid->Add(cell, 1, wxEXPAND | wxRIGHT | wxTOP, 6);
        m_sectionRows.emplace(key, std::make_pair(editor, findings));
    }
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(m_section, wxID_ANY,
                                 _("Correct or complete your department's answers; completing the step records them.")),
                0, wxALL, 8);
    column->Add(grid, 0, wxEXPAND);
    m_section->SetSizer(column);
    showSectionFindings();
}

void CasePanel::showSectionFindings()
{
    for (const auto& row : m_presenter.ownSection()) {
        const auto shown = m_sectionRows.find(row.field.key);
        if (shown == m_sectionRows.end())
            continue;
        wxString text;
        for (const auto& finding : row.findings)
            text += (text.empty() ? "" : "\n") + inInterfaceLanguage(finding.message);
        if (shown->second.second->GetLabel() != text)
            shown->second.second->SetLabel(text);
        shown->second.first->SetBackgroundColour(row.changed ? wxColour(0xff, 0xf8, 0xe1) : wxNullColour);
    }
    m_section->FitInside();
    m_section->Layout();
}

wxWindow* CasePanel::sectionEditor(const std::string& key) const
{
    const auto row = m_sectionRows.find(key);
    return row == m_sectionRows.end() ? nullptr : row->second.first;
}

void CasePanel::addCaseButton(const wxString& label, void (CasePanel::*handler)())
{
    auto* button = new wxButton(this, wxID_ANY, label);
    button->Bind(wxEVT_BUTTON, [this, handler](wxCommandEvent&) { (this->*handler)(); });
    m_actionRow->Add(button, 0, wxRIGHT, 6);
}

void CasePanel::onSupplement()
{
    std::vector<std::string> materials;
    const auto known = m_presenter.supplementableMaterials();
    if (!known.empty()) {
        wxArrayString names;
        for (const auto& name : known)
            names.Add(wxString::FromUTF8(name));
        wxArrayInt chosen;
        if (wxGetSelectedChoices(chosen, _("Every material that is missing or deficient, at once:"),
                                 _("Ask for a supplement"), names, this) <= 0)
            return;
        for (const int index : chosen)
            materials.push_back(known[static_cast<std::size_t>(index)]);
    } else {
        const auto typed = wxGetTextFromUser(_("Every material that is missing or deficient, separated by commas:"),
                                             _("Ask for a supplement"), wxString(), this);
        for (const auto& part : wxSplit(typed, ','))
            if (!part.Strip(wxString::both).empty())
                materials.push_back(part.Strip(wxString::both).utf8_string());
    }
    const auto note = wxGetTextFromUser(_("What the applicant is to do:"), _("Ask for a supplement"), wxString(), this);
    report(m_presenter.requestSupplement(materials, note.utf8_string()));
}

void CasePanel::onProcedure()
{
    const std::pair<workflow::PauseKind, wxString> kinds[] = {
        {workflow::PauseKind::Inspection, _("Inspection")},       {workflow::PauseKind::Testing, _("Testing")},
        {workflow::PauseKind::Quarantine, _("Quarantine")},       {workflow::PauseKind::Appraisal, _("Appraisal")},
        {workflow::PauseKind::ExpertReview, _("Expert review")},  {workflow::PauseKind::Hearing, _("Hearing")},
        {workflow::PauseKind::Tendering, _("Tendering")},         {workflow::PauseKind::Auction, _("Auction")}};
    wxArrayString names;
    for (const auto& [kind, name] : kinds)
        names.Add(name);
    const int chosen = wxGetSingleChoiceIndex(_("Which special procedure?"), _("Special procedure"), names, this);
    if (chosen < 0)
        return;
    const long days = wxGetNumberFromUser(_("Its own limit, in working days:"), wxString(), _("Special procedure"), 10, 1, 365, this);
    if (days < 1)
        return;
    const auto note = wxGetTextFromUser(_("Why:"), _("Special procedure"), wxString(), this);
    report(m_presenter.startProcedure(kinds[chosen].first, static_cast<int>(days), note.utf8_string()));
}

void CasePanel::onDocuments()
{
    CaseDocumentsDialog dialog(this, m_session, m_caseNumber);
    dialog.ShowModal();
}

void CasePanel::onResume()
{
    const auto note = wxGetTextFromUser(_("What arrived or ended:"), _("Resume the clocks"), wxString(), this);
    report(m_presenter.resume(note.utf8_string()));
}

void CasePanel::report(const std::expected<void, ActionRefusal>& done)
{
    if (!done)
        wxMessageBox(inInterfaceLanguage(done.error().message), _("Not done"),
                     wxOK | wxICON_WARNING, this);
    reload();
    if (done && m_changed)
        m_changed();
}

void CasePanel::onAction(std::size_t index)
{
    const CaseAction action = m_actions.at(index);
    std::string returnTo;
    if (action.kind == CaseActionKind::Return) {
        wxArrayString names;
        for (const auto& [node, name] : action.returnTargets)
            names.Add(wxString::FromUTF8(name));
        const int chosen = wxGetSingleChoiceIndex(_("Return the case to which step?"), _("Return"), names, this);
        if (chosen < 0)
            return;
        returnTo = action.returnTargets[static_cast<std::size_t>(chosen)].first;
    }
    std::string reason;
    if (needsReason(action.kind)) {
        wxTextEntryDialog ask(this, _("The applicant and the other departments will read this reason."),
                              actionLabel(action.kind), wxString::FromUTF8(m_draftReason),
                              wxOK | wxCANCEL | wxTE_MULTILINE);
        if (ask.ShowModal() != wxID_OK)
            return;
        reason = ask.GetValue().utf8_string();
    }
    const auto done = m_presenter.perform(action, reason, returnTo);
    m_draftReason = done ? std::string() : reason;
    if (!done) {
        wxMessageBox(inInterfaceLanguage(done.error().message), _("Not done"),
                     wxOK | wxICON_WARNING, this);
        return;
    }
    reload();
    if (m_changed)
        m_changed();
}

} // namespace tongban::client
