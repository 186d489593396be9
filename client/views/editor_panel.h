// The workflow editor's tab: a palette, the diagram, the selected element's
// properties, the critical path against the promise, and every finding of
// validation. Its logic is ProcessEditor's; this binds it, and the diagram
// is DiagramCanvas's.
#pragma once

#include "client/actions/action_registry.h"
#include "client/editor/process_editor.h"
#include "client/session/session.h"

#include <wx/panel.h>

#include <filesystem>
#include <memory>

class wxListCtrl;
class wxPropertyGrid;
class wxPropertyGridEvent;
class wxStaticText;
class wxToggleButton;

namespace tongban::client {

class DiagramCanvas;

/// What a click on the diagram does.
enum class EditorTool { Select, Connect, Start, End, Task, Parallel, Exclusive, Inclusive };

class EditorPanel : public wxPanel {
public:
    EditorPanel(wxWindow* parent, Session& session);
    ~EditorPanel() override;

    /// Runs one of the registry's process actions.
    void run(ActionId id);
    /// What each process action does here; every one of them is bound.
    const ActionHandlers& actions() const { return m_actions; }
    /// Starts editing `definition` (a file's, a published version's, or a new one).
    void open(workflow::ProcessDefinition definition, std::filesystem::path file = {});
    /// Publishes the draft to the workspace; the refusal, if any, in the interface language.
    std::expected<void, wxString> publish();

    ProcessEditor& editor() { return *m_editor; }
    /// The diagram's window, and where a diagram point shows in it (tests click there).
    wxWindow* canvas() const;
    wxPoint onCanvas(workflow::Point point) const;
    wxPropertyGrid* properties() const { return m_properties; }
    void setTool(EditorTool tool);
    EditorTool tool() const { return m_tool; }
    const std::vector<std::string>& selection() const { return m_selection; }
    void select(std::vector<std::string> elements);
    /// Called after every change of the model: views, recovery copy, title.
    void modelChanged();

private:
    void bindActions();
    void showProperties();
    void showFindings();
    void onPropertyChanged(wxPropertyGridEvent& event);
    void openFile();
    void openPublished();
    void save();
    void exportBpmn();
    void compare();
    bool mayDiscard();

    Session& m_session;
    ActionHandlers m_actions;
    std::unique_ptr<ProcessEditor> m_editor;
    std::filesystem::path m_file;
    std::filesystem::path m_recovery;
    std::vector<std::string> m_selection;
    std::vector<workflow::Diagnostic> m_importNotes;
    EditorTool m_tool = EditorTool::Select;
    std::vector<std::pair<EditorTool, wxToggleButton*>> m_palette;
    DiagramCanvas* m_canvas = nullptr;
    wxPropertyGrid* m_properties = nullptr;
    wxStaticText* m_summary = nullptr;
    wxListCtrl* m_findings = nullptr;
    std::vector<std::string> m_findingElements;  ///< the element of each row of m_findings
};

} // namespace tongban::client
