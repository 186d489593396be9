// 新办件: the window clerk's intake of an application, in a tab: the one
// thing, its unified form with each field's findings shown as typed, the
// materials, and acceptance with the receipt.
#pragma once

#include "client/intake/intake_presenter.h"

#include <wx/panel.h>

#include <functional>
#include <map>
#include <string>

class wxBoxSizer;
class wxChoice;
class wxFlexGridSizer;
class wxListCtrl;
class wxScrolledWindow;
class wxStaticText;
class wxWindow;

namespace tongban::client {

/// "已提交", "免于提交", "容缺后补", "未提交" in the interface's language.
wxString materialStateLabel(forms::MaterialState state);

class IntakePanel : public wxPanel {
public:
    /// `accepted` runs with the new case number after an application is accepted.
    IntakePanel(wxWindow* parent, Session& session, std::function<void(const std::string&)> accepted);

    /// Starts an application of the one thing `key` (as choosing it in the list does).
    bool start(const std::string& key);
    /// Fills what the applicant's ID number, credit code and licences already give.
    void prefill();
    /// The editor of a field, for tests that type into it.
    wxWindow* editor(const std::string& key) const;
    /// The findings shown under a field.
    wxString findingsShown(const std::string& key) const;
    const IntakePresenter& presenter() const { return m_presenter; }

private:
    struct FieldRow {
        wxStaticText* label = nullptr;
        wxWindow* editor = nullptr;
        wxWindow* second = nullptr;  ///< an address's detail
        wxStaticText* findings = nullptr;
        wxWindow* accept = nullptr;  ///< accepts an overridable warning with a reason
    };

    void buildForm();
    void addField(const forms::FieldSchema& field);
    void answersChanged();
    void fillEditorsFromAnswers();
    void showMaterials();
    void onProvideFile();
    void onPromise();
    void onAccept();
    void onOverride(const std::string& key);

    Session& m_session;
    IntakePresenter m_presenter;
    std::function<void(const std::string&)> m_accepted;
    std::vector<CatalogueEntry> m_catalogue;
    wxChoice* m_oneThing = nullptr;
    wxScrolledWindow* m_formArea = nullptr;
    wxFlexGridSizer* m_grid = nullptr;
    wxListCtrl* m_materials = nullptr;
    std::map<std::string, FieldRow> m_rows;
    bool m_filling = false;
};

} // namespace tongban::client
