// The 好差评 tab: records an applicant's evaluation of a finished case and
// lists the evaluations given. Its logic is EvaluationPresenter's.
#pragma once

#include "client/evaluation/evaluation_presenter.h"

#include <wx/panel.h>

class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxTextCtrl;

namespace tongban::client {

class EvaluationPanel : public wxPanel {
public:
    EvaluationPanel(wxWindow* parent, Session& session);
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

} // namespace tongban::client
