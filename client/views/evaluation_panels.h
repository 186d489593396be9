// 好差评 and 整改 tabs: record an evaluation and list them; the
// rectification board with one column per stage of the loop.
#pragma once

#include "client/evaluation/evaluation_presenter.h"

#include <wx/panel.h>

#include <array>

class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxTextCtrl;

namespace tongban::client {

class EvaluationsPanel : public wxPanel {
public:
    EvaluationsPanel(wxWindow* parent, Session& session);
    void reload();

private:
    void onRecord();

    EvaluationPresenter m_presenter;
    std::vector<store::CaseView> m_cases;
    std::vector<std::string> m_departments;
    wxChoice* m_case = nullptr;
    wxChoice* m_level = nullptr;
    wxChoice* m_channel = nullptr;
    wxChoice* m_department = nullptr;
    wxTextCtrl* m_comment = nullptr;
    wxTextCtrl* m_tags = nullptr;
    wxCheckBox* m_badOnly = nullptr;
    wxListCtrl* m_list = nullptr;
};

class RectificationBoard : public wxPanel {
public:
    RectificationBoard(wxWindow* parent, Session& session);
    void reload();
    /// The card chosen in any column, if one is.
    const RectificationCard* selected() const;

private:
    void act(RectificationStage stage);
    void onOpenByHand();
    void report(const std::expected<void, DeskProblem>& done);

    Session& m_session;
    EvaluationPresenter m_presenter;
    std::vector<RectificationCard> m_cards;
    std::array<wxListCtrl*, kRectificationStages.size()> m_columns{};
    std::array<std::vector<std::size_t>, kRectificationStages.size()> m_rows;
};

} // namespace tongban::client
