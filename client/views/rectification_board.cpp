#include "client/views/rectification_board.h"

#include "client/views/inbox_model.h"
#include "client/views/language.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

namespace tongban::client {

namespace {

wxString stageName(RectificationStage stage)
{
    switch (stage) {
    case RectificationStage::Verify:
        return _("To verify");
    case RectificationStage::Appeal:
        return _("Appeal review");
    case RectificationStage::Reply:
        return _("Rectify and reply");
    case RectificationStage::Revisit:
        return _("Revisit");
    case RectificationStage::Closed:
        return _("Closed");
    }
    return {};
}

wxString fromUtf8(const std::string& text) { return wxString::FromUTF8(text); }

void warn(wxWindow* parent, const DeskProblem& problem)
{
    wxMessageBox(inInterfaceLanguage(problem.message), _("Not done"), wxOK | wxICON_WARNING, parent);
}

} // namespace

RectificationBoard::RectificationBoard(wxWindow* parent, Session& session)
    : wxPanel(parent), m_session(session), m_presenter(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    for (std::size_t c = 0; c < kRectificationStages.size(); ++c) {
        auto* column = new wxBoxSizer(wxVERTICAL);
        column->Add(new wxStaticText(this, wxID_ANY, stageName(kRectificationStages[c])), 0, wxBOTTOM, 4);
        // A small natural size lets the five columns share the width evenly.
        m_columns[c] = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(120, 200),
                                      wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_NO_HEADER);
        m_columns[c]->InsertColumn(0, wxString(), wxLIST_FORMAT_LEFT, 400);
        column->Add(m_columns[c], 1, wxEXPAND);
        columns->Add(column, 1, wxEXPAND | wxALL, 4);
        column->SetMinSize(wxSize(120, -1));
    }
    sizer->Add(columns, 1, wxEXPAND);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    const std::pair<wxString, RectificationStage> steps[] = {{_("Verify and classify..."), RectificationStage::Verify},
                                                             {_("Decide the appeal..."), RectificationStage::Appeal},
                                                             {_("Reply to the evaluator..."), RectificationStage::Reply},
                                                             {_("Record the revisit..."), RectificationStage::Revisit}};
    for (const auto& [label, stage] : steps) {
        auto* button = new wxButton(this, wxID_ANY, label);
        button->Bind(wxEVT_BUTTON, [this, stage](wxCommandEvent&) { act(stage); });
        buttons->Add(button, 0, wxRIGHT, 6);
    }
    auto* open = new wxButton(this, wxID_ANY, _("Open by hand..."));
    open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onOpenByHand(); });
    buttons->Add(open, 0, wxLEFT, 18);
    sizer->Add(buttons, 0, wxALL, 8);
    SetSizer(sizer);
    reload();
}

void RectificationBoard::reload()
{
    m_cards = m_presenter.board();
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        m_columns[c]->DeleteAllItems();
        m_rows[c].clear();
    }
    for (std::size_t i = 0; i < m_cards.size(); ++i) {
        const auto& card = m_cards[i];
        const auto column = static_cast<std::size_t>(card.stage);
        wxString text = fromUtf8(card.caseNumber + "  " + card.owner);
        if (card.due && card.stage != RectificationStage::Closed)
            text += "  " + formatLocal(*card.due);
        const long row = m_columns[column]->InsertItem(m_columns[column]->GetItemCount(), text);
        if (card.overdue)
            m_columns[column]->SetItemTextColour(row, wxColour(0xc6, 0x28, 0x28));
        else if (card.mine)
            m_columns[column]->SetItemTextColour(row, wxColour(0x19, 0x76, 0xd2));
        m_rows[column].push_back(i);
    }
}

const RectificationCard* RectificationBoard::selected() const
{
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        const long row = m_columns[c]->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (row >= 0)
            return &m_cards[m_rows[c][static_cast<std::size_t>(row)]];
    }
    return nullptr;
}

void RectificationBoard::report(const std::expected<void, DeskProblem>& done)
{
    if (!done)
        warn(this, done.error());
    reload();
}

void RectificationBoard::act(RectificationStage stage)
{
    const auto* card = selected();
    if (!card || card->stage != stage) {
        wxMessageBox(_("Choose a rectification in this step's column first."), _("Rectification"),
                     wxOK | wxICON_INFORMATION, this);
        return;
    }
    const auto number = card->caseNumber;
    switch (stage) {
    case RectificationStage::Verify: {
        const workflow::RectificationKind kinds[] = {workflow::RectificationKind::AtOnce,
                                                     workflow::RectificationKind::WithDeadline,
                                                     workflow::RectificationKind::Explain, workflow::RectificationKind::Appeal};
        wxArrayString names;
        for (const auto kind : kinds)
            names.Add(fromUtf8(workflow::chineseName(kind)));
        const int chosen = wxGetSingleChoiceIndex(_("How is it to be handled?"), _("Verify and classify"), names, this);
        if (chosen < 0)
            return;
        const auto finding = wxGetTextFromUser(_("What did contacting the evaluator find?"), _("Verify and classify"),
                                               wxString(), this);
        report(m_presenter.verify(number, kinds[chosen], finding.utf8_string()));
        break;
    }
    case RectificationStage::Appeal: {
        const int upheld = wxMessageBox(_("Uphold the appeal? An upheld appeal takes the evaluation out of the rates."),
                                        _("Decide the appeal"), wxYES_NO | wxCANCEL | wxICON_QUESTION, this);
        if (upheld == wxCANCEL)
            return;
        const auto reason = wxGetTextFromUser(_("The reason, kept with the decision:"), _("Decide the appeal"), wxString(), this);
        report(m_presenter.decideAppeal(number, upheld == wxYES, reason.utf8_string()));
        break;
    }
    case RectificationStage::Reply: {
        const auto text = wxGetTextFromUser(_("What was done, as told to the evaluator:"), _("Reply"), wxString(), this);
        report(m_presenter.reply(number, text.utf8_string()));
        break;
    }
    case RectificationStage::Revisit: {
        const int satisfied = wxMessageBox(_("Is the evaluator satisfied now?"), _("Revisit"),
                                           wxYES_NO | wxCANCEL | wxICON_QUESTION, this);
        if (satisfied == wxCANCEL)
            return;
        const auto note = wxGetTextFromUser(_("Note of the revisit (when unsatisfied, what they said):"), _("Revisit"),
                                            wxString(), this);
        report(m_presenter.revisit(number, satisfied == wxYES, false, note.utf8_string()));
        break;
    }
    case RectificationStage::Closed:
        break;
    }
}

void RectificationBoard::onOpenByHand()
{
    wxArrayString departments;
    std::vector<std::string> codes;
    for (const auto& department : m_session.store().departments()) {
        departments.Add(fromUtf8(department.name));
        codes.push_back(department.code);
    }
    const int owner = wxGetSingleChoiceIndex(_("Which department owns it?"), _("Open by hand"), departments, this);
    if (owner < 0)
        return;
    const int source = wxGetSingleChoiceIndex(_("Where does it come from?"), _("Open by hand"),
                                              wxArrayString(2, std::array<wxString, 2>{fromUtf8("督查发现"), fromUtf8("投诉")}.data()),
                                              this);
    if (source < 0)
        return;
    const auto opened = m_presenter.openByHand(codes[static_cast<std::size_t>(owner)], source == 0 ? "督查发现" : "投诉");
    if (!opened)
        warn(this, opened.error());
    reload();
}

} // namespace tongban::client
