// 督查: the centre's yellow and red tasks by department and one thing, the
// list of them, and urging (催办) or supervising (督办) the one selected.
#pragma once

#include "client/supervision/supervision_presenter.h"

#include <wx/panel.h>

class wxListCtrl;

namespace tongban::client {

class WarningList;

class SupervisionPanel : public wxPanel {
public:
    SupervisionPanel(wxWindow* parent, Session& session);
    void reload();
    const SupervisionPresenter& presenter() const { return m_presenter; }

private:
    void onUrge(bool supervise);
    void onReassign();

    SupervisionPresenter m_presenter;
    wxListCtrl* m_departments = nullptr;
    wxListCtrl* m_oneThings = nullptr;
    WarningList* m_list = nullptr;
};

} // namespace tongban::client
