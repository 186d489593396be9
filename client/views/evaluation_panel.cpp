#include "client/views/evaluation_panel.h"

#include "client/views/inbox_model.h"
#include "client/views/language.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tokenzr.h>

namespace tongban::client {

namespace {

using workflow::EvaluationChannel;
using workflow::EvaluationLevel;

constexpr EvaluationChannel kChannels[] = {EvaluationChannel::Window, EvaluationChannel::Online, EvaluationChannel::Mobile,
                                           EvaluationChannel::Kiosk, EvaluationChannel::Hotline, EvaluationChannel::Paper};

wxString levelName(EvaluationLevel level)
{
    switch (level) {
    case EvaluationLevel::VerySatisfied:
        return _("Very satisfied");
    case EvaluationLevel::Satisfied:
        return _("Satisfied");
    case EvaluationLevel::BasicallySatisfied:
        return _("Basically satisfied");
    case EvaluationLevel::Dissatisfied:
        return _("Dissatisfied");
    case EvaluationLevel::VeryDissatisfied:
        return _("Very dissatisfied");
    }
    return {};
}

wxString channelName(EvaluationChannel channel)
{
    switch (channel) {
    case EvaluationChannel::Window:
        return _("Window");
    case EvaluationChannel::Online:
        return _("Online");
    case EvaluationChannel::Mobile:
        return _("Mobile");
    case EvaluationChannel::Kiosk:
        return _("Self-service kiosk");
    case EvaluationChannel::Hotline:
        return _("Hotline");
    case EvaluationChannel::Paper:
        return _("Paper or suggestion box");
    }
    return {};
}

wxString fromUtf8(const std::string& text) { return wxString::FromUTF8(text); }

void warn(wxWindow* parent, const DeskProblem& problem)
{
    wxMessageBox(inInterfaceLanguage(problem.message), _("Not done"), wxOK | wxICON_WARNING, parent);
}

} // namespace

EvaluationPanel::EvaluationPanel(wxWindow* parent, Session& session) : wxPanel(parent), m_presenter(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* form = new wxFlexGridSizer(4, wxSize(8, 6));
    form->AddGrowableCol(1, 1);
    form->AddGrowableCol(3, 1);
    const auto labelled = [&](const wxString& text, wxWindow* control) {
        form->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
        form->Add(control, 1, wxEXPAND);
    };
    m_case = new wxChoice(this, wxID_ANY);
    m_level = new wxChoice(this, wxID_ANY);
    for (int level = 5; level >= 1; --level)
        m_level->Append(levelName(static_cast<EvaluationLevel>(level)));
    m_level->SetSelection(0);
    m_channel = new wxChoice(this, wxID_ANY);
    for (const auto channel : kChannels)
        m_channel->Append(channelName(channel));
    m_channel->SetSelection(0);
    m_department = new wxChoice(this, wxID_ANY);
    m_comment = new wxTextCtrl(this, wxID_ANY);
    m_tags = new wxTextCtrl(this, wxID_ANY);
    m_tags->SetHint(_("Reason tags, separated by commas"));
    labelled(_("Case:"), m_case);
    labelled(_("Level:"), m_level);
    labelled(_("Channel:"), m_channel);
    labelled(_("Rated:"), m_department);
    labelled(_("Comment:"), m_comment);
    labelled(_("Tags:"), m_tags);
    auto* record = new wxButton(this, wxID_ANY, _("Record the evaluation"));
    sizer->Add(form, 0, wxEXPAND | wxALL, 8);
    sizer->Add(record, 0, wxLEFT | wxBOTTOM, 8);
    m_badOnly = new wxCheckBox(this, wxID_ANY, _("Bad evaluations only"));
    sizer->Add(m_badOnly, 0, wxLEFT, 8);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    int column = 0;
    for (const auto& [title, width] : std::initializer_list<std::pair<wxString, int>>{
             {_("Given"), 130}, {_("Case number"), 180}, {_("Level"), 90}, {_("Channel"), 90}, {_("Comment"), 260},
             {_("Evaluator"), 120}, {_("Rectification"), 180}, {_("Owner"), 150}})
        m_list->InsertColumn(column++, title, wxLIST_FORMAT_LEFT, width);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    record->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRecord(); });
    m_badOnly->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
    reload();
}

void EvaluationPanel::reload()
{
    m_cases = m_presenter.casesToEvaluate();
    m_case->Clear();
    for (const auto& view : m_cases)
        m_case->Append(fromUtf8(view.number + "  " + view.oneThing + "  " + view.applicantName));
    if (!m_cases.empty())
        m_case->SetSelection(0);
    m_department->Clear();
    m_department->Append(_("The matter as a whole"));
    m_departments = {""};
    for (const auto& department : m_presenter.departments()) {
        m_department->Append(fromUtf8(department));
        m_departments.push_back(department);
    }
    m_department->SetSelection(0);
    m_list->DeleteAllItems();
    for (const auto& row : m_presenter.evaluations(m_badOnly->GetValue())) {
        const auto& e = row.evaluation;
        const long at = m_list->InsertItem(m_list->GetItemCount(), formatLocal(e.at));
        m_list->SetItem(at, 1, fromUtf8(e.caseNumber));
        m_list->SetItem(at, 2, levelName(e.level));
        m_list->SetItem(at, 3, channelName(e.channel));
        m_list->SetItem(at, 4, fromUtf8(e.comment));
        m_list->SetItem(at, 5, e.evaluator.name.empty() ? _("(hidden)") : fromUtf8(e.evaluator.name));
        m_list->SetItem(at, 6, fromUtf8(e.rectificationCase));
        m_list->SetItem(at, 7, fromUtf8(row.owner));
        if (workflow::isBad(e.level))
            m_list->SetItemTextColour(at, wxColour(0xc6, 0x28, 0x28));
    }
}

void EvaluationPanel::onRecord()
{
    if (m_case->GetSelection() < 0)
        return;
    std::vector<std::string> tags;
    for (const auto& tag : wxSplit(m_tags->GetValue(), ','))
        if (!tag.Strip(wxString::both).empty())
            tags.push_back(tag.Strip(wxString::both).utf8_string());
    const auto level = static_cast<EvaluationLevel>(5 - m_level->GetSelection());
    const auto recorded = m_presenter.record(m_cases[static_cast<std::size_t>(m_case->GetSelection())].number, level,
                                             kChannels[m_channel->GetSelection()],
                                             m_departments[static_cast<std::size_t>(m_department->GetSelection())],
                                             m_comment->GetValue().utf8_string(), tags);
    if (!recorded) {
        warn(this, recorded.error());
        return;
    }
    if (!recorded->rectificationCase.empty())
        wxMessageBox(wxString::Format(_("A rectification %s is opened for this bad evaluation."),
                                      fromUtf8(recorded->rectificationCase)),
                     _("Rectification"), wxOK | wxICON_INFORMATION, this);
    m_comment->Clear();
    m_tags->Clear();
    reload();
}

} // namespace tongban::client
