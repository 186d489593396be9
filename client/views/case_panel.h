// One case in a tab of the main window: header, progress, data, history and
// the buttons of the actions this user may take.
#pragma once

#include "client/casework/case_presenter.h"

#include <wx/panel.h>

#include <functional>
#include <map>
#include <vector>

class wxBoxSizer;
class wxButton;
class wxListCtrl;
class wxNotebook;
class wxScrolledWindow;
class wxStaticText;
class wxWindow;

namespace tongban::client {

class ProgressStrip;

class CasePanel : public wxPanel {
public:
    /// `changed` runs after an action changed the case (the inbox refreshes).
    CasePanel(wxWindow* parent, Session& session, const std::string& caseNumber, std::function<void()> changed);

    const std::string& caseNumber() const { return m_caseNumber; }
    /// The action buttons shown, in order; tests press them through real events.
    const std::vector<wxButton*>& actionButtons() const { return m_buttons; }
    /// The editor of an answer of the user's own section, if it is shown.
    wxWindow* sectionEditor(const std::string& key) const;
    void reload();

private:
    void onAction(std::size_t index);
    void onSupplement();
    void onProcedure();
    void onResume();
    void onDocuments();
    void report(const std::expected<void, ActionRefusal>& done);
    void addCaseButton(const wxString& label, void (CasePanel::*handler)());
    void showOwnSection();
    void showSectionFindings();

    Session& m_session;
    std::string m_caseNumber;
    std::function<void()> m_changed;
    CasePresenter m_presenter;
    std::vector<CaseAction> m_actions;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_details = nullptr;
    ProgressStrip* m_progress = nullptr;
    wxNotebook* m_pages = nullptr;
    wxScrolledWindow* m_section = nullptr;  ///< "Your section": shown while the user may complete a step that fills one
    std::map<std::string, std::pair<wxWindow*, wxStaticText*>> m_sectionRows;  ///< editor and findings by key
    wxListCtrl* m_data = nullptr;
    wxListCtrl* m_history = nullptr;
    wxListCtrl* m_materials = nullptr;
    wxListCtrl* m_timeline = nullptr;
    wxBoxSizer* m_actionRow = nullptr;
    std::vector<wxButton*> m_buttons;
    std::string m_draftReason;  ///< kept when an action is refused, so the user need not type it again
};

} // namespace tongban::client
