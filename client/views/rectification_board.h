// The 整改 tab: the rectification board, one column per stage of the loop,
// and the step of each stage. Its logic is EvaluationPresenter's.
#pragma once

#include "client/evaluation/evaluation_presenter.h"

#include <wx/panel.h>

#include <array>

class wxListCtrl;

namespace tongban::client {

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
