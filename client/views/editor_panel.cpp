#include "client/views/editor_panel.h"

#include "client/editor/draft_recovery.h"
#include "client/views/diagram_canvas.h"
#include "client/views/language.h"
#include "client/views/simulation_dialog.h"
#include "workflow/bpmn/bpmn.h"
#include "workflow/model/definition_diff.h"
#include "workflow/model/definition_json.h"

#include <wx/choicdlg.h>
#include <wx/clipbrd.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/propgrid/propgrid.h>
#include <wx/propgrid/props.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>
#include <wx/tglbtn.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace tongban::client {

using workflow::NodeKind;
using workflow::Point;

namespace {

wxString toolLabel(EditorTool tool)
{
    switch (tool) {
    case EditorTool::Select:
        return _("Select");
    case EditorTool::Connect:
        return _("Connect");
    case EditorTool::Start:
        return _("Start");
    case EditorTool::End:
        return _("End");
    case EditorTool::Task:
        return _("Task");
    case EditorTool::Parallel:
        return _("Parallel");
    case EditorTool::Exclusive:
        return _("Exclusive");
    case EditorTool::Inclusive:
        return _("Inclusive");
    }
    return {};
}

wxString fromUtf8(const std::string& text) { return wxString::FromUTF8(text); }

std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool isBpmnFile(const std::filesystem::path& path)
{
    const auto extension = path.extension().string();
    return extension == ".bpmn" || extension == ".xml";
}

} // namespace

EditorPanel::EditorPanel(wxWindow* parent, Session& session)
    : wxPanel(parent), m_session(session),
      m_editor(std::make_unique<ProcessEditor>(ProcessEditor::blank("new-process", "新流程")))
{
    bindActions();
    auto* palette = new wxBoxSizer(wxHORIZONTAL);
    for (const auto tool : {EditorTool::Select, EditorTool::Connect, EditorTool::Start, EditorTool::Task,
                            EditorTool::Parallel, EditorTool::Exclusive, EditorTool::Inclusive, EditorTool::End}) {
        auto* button = new wxToggleButton(this, wxID_ANY, toolLabel(tool));
        button->Bind(wxEVT_TOGGLEBUTTON, [this, tool](wxCommandEvent&) { setTool(tool); });
        palette->Add(button, 0, wxRIGHT, 4);
        m_palette.emplace_back(tool, button);
    }
    palette->AddSpacer(16);
    for (const auto id : {ActionId::ProcessUndo, ActionId::ProcessRedo, ActionId::ProcessLayOut, ActionId::ProcessPublish}) {
        const auto& spec = actionSpec(id);
        auto* button = new wxButton(this, wxID_ANY, wxStripMenuCodes(wxGetTranslation(wxString::FromUTF8(spec.label.data(), spec.label.size())), wxStrip_Menu));
        button->SetToolTip(wxGetTranslation(wxString::FromUTF8(spec.help.data(), spec.help.size())));
        button->Bind(wxEVT_BUTTON, [this, id](wxCommandEvent&) { run(id); });
        palette->Add(button, 0, wxRIGHT, 4);
    }

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_canvas = new DiagramCanvas(split, this);
    auto* side = new wxPanel(split);
    // Painted, not see-through: what the canvas drew before the sash settled must not show beside it.
    side->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    m_properties = new wxPropertyGrid(side, wxID_ANY, wxDefaultPosition, wxSize(-1, 300), wxPG_SPLITTER_AUTO_CENTER);
    m_properties->Bind(wxEVT_PG_CHANGED, &EditorPanel::onPropertyChanged, this);
    m_summary = new wxStaticText(side, wxID_ANY, wxString());
    m_findings = new wxListCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_findings->InsertColumn(0, _("Element"), wxLIST_FORMAT_LEFT, 110);
    m_findings->InsertColumn(1, _("Finding"), wxLIST_FORMAT_LEFT, 320);
    m_findings->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        const auto row = static_cast<std::size_t>(event.GetIndex());
        if (row < m_findingElements.size() && !m_findingElements[row].empty())
            select({m_findingElements[row]});
    });
    auto* sideSizer = new wxBoxSizer(wxVERTICAL);
    sideSizer->Add(m_properties, 0, wxEXPAND);
    sideSizer->Add(m_summary, 0, wxEXPAND | wxALL, 6);
    sideSizer->Add(m_findings, 1, wxEXPAND);
    side->SetSizer(sideSizer);
    split->SplitVertically(m_canvas, side, -440);
    split->SetSashGravity(1.0);
    split->SetMinimumPaneSize(200);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(palette, 0, wxALL, 6);
    sizer->Add(split, 1, wxEXPAND);
    SetSizer(sizer);
    setTool(EditorTool::Select);

    // A draft an editor left unsaved (a crash, a power cut) is offered back.
    if (const auto drafts = draftsToRecover(m_session.workspacePath()); !drafts.empty()) {
        const auto read = workflow::readDefinition(readText(drafts.front()));
        if (read && wxMessageBox(wxString::Format(_("An unsaved draft of \"%s\" was found. Recover it?"),
                                                  fromUtf8(read->definition.name.empty() ? read->definition.key
                                                                                         : read->definition.name)),
                                 _("Process design"), wxYES_NO | wxICON_QUESTION, this) == wxYES) {
            open(read->definition);
            return;
        }
    }
    open(m_editor->model());
}

EditorPanel::~EditorPanel() = default;

wxWindow* EditorPanel::canvas() const { return m_canvas; }

wxPoint EditorPanel::onCanvas(Point point) const { return m_canvas->toWindow(point); }

void EditorPanel::open(workflow::ProcessDefinition definition, std::filesystem::path file)
{
    m_editor = std::make_unique<ProcessEditor>(std::move(definition));
    m_file = std::move(file);
    m_recovery = recoveryFile(m_session.workspacePath(), m_editor->model().key);
    m_selection.clear();
    showProperties();
    showFindings();
    m_canvas->Refresh();
}

void EditorPanel::setTool(EditorTool tool)
{
    m_tool = tool;
    for (auto& [each, button] : m_palette)
        button->SetValue(each == tool);
    m_canvas->SetCursor(tool == EditorTool::Select ? wxNullCursor : wxCursor(wxCURSOR_CROSS));
}

void EditorPanel::select(std::vector<std::string> elements)
{
    m_selection = std::move(elements);
    showProperties();
    m_canvas->Refresh();
}

void EditorPanel::modelChanged()
{
    // The selection keeps what still exists.
    std::erase_if(m_selection, [this](const std::string& id) {
        return !m_editor->model().findNode(id) && !m_editor->model().findFlow(id);
    });
    if (m_editor->dirty())
        keepForRecovery(m_recovery, m_editor->model());
    else
        forgetRecovery(m_recovery);
    showProperties();
    showFindings();
    m_canvas->Refresh();
}

void EditorPanel::showProperties()
{
    m_properties->Clear();
    const auto& model = m_editor->model();
    const auto add = [this](wxPGProperty* property, const std::string& value) {
        property->SetValueFromString(fromUtf8(value));
        m_properties->Append(property);
    };
    if (m_selection.size() != 1) {
        m_properties->Append(new wxPropertyCategory(_("Process")));
        auto* key = new wxStringProperty(_("Key"), "key", fromUtf8(model.key));
        m_properties->Append(key)->Enable(false);
        m_properties->Append(new wxIntProperty(_("Version"), "version", model.version))->Enable(false);
        add(new wxStringProperty(_("Name"), "process.name"), m_editor->processProperty(ProcessProperty::Name));
        add(new wxStringProperty(_("Promised limit"), "process.promised"), m_editor->processProperty(ProcessProperty::PromisedLimit));
        add(new wxStringProperty(_("Legal limit"), "process.legal"), m_editor->processProperty(ProcessProperty::LegalLimit));
        add(new wxLongStringProperty(_("Notes"), "process.notes"), m_editor->processProperty(ProcessProperty::Documentation));
        return;
    }
    const auto& id = m_selection.front();
    if (const auto node = model.findNode(id)) {
        m_properties->Append(new wxPropertyCategory(wxString::Format(_("Step %s"), fromUtf8(id))));
        add(new wxStringProperty(_("Name"), "node.name"), m_editor->nodeProperty(id, NodeProperty::Name));
        if (model.nodes()[*node].kind == NodeKind::Task) {
            wxArrayString departments;
            for (const auto& department : m_session.store().departments())
                departments.Add(fromUtf8(department.code));
            add(new wxEditEnumProperty(_("Department"), "node.department", departments), m_editor->nodeProperty(id, NodeProperty::Department));
            add(new wxStringProperty(_("Role"), "node.role"), m_editor->nodeProperty(id, NodeProperty::Role));
            add(new wxStringProperty(_("Matter"), "node.matter"), m_editor->nodeProperty(id, NodeProperty::Matter));
            add(new wxStringProperty(_("Form section"), "node.section"), m_editor->nodeProperty(id, NodeProperty::FormSection));
            add(new wxStringProperty(_("Time limit"), "node.limit"), m_editor->nodeProperty(id, NodeProperty::TimeLimit));
        }
        add(new wxLongStringProperty(_("Notes"), "node.notes"), m_editor->nodeProperty(id, NodeProperty::Documentation));
    } else if (model.findFlow(id)) {
        m_properties->Append(new wxPropertyCategory(wxString::Format(_("Flow %s"), fromUtf8(id))));
        add(new wxStringProperty(_("Name"), "flow.name"), m_editor->flowProperty(id, FlowProperty::Name));
        add(new wxStringProperty(_("Condition"), "flow.condition"), m_editor->flowProperty(id, FlowProperty::Condition));
        auto* isDefault = new wxBoolProperty(_("Default"), "flow.default", m_editor->flowProperty(id, FlowProperty::Default) == "true");
        m_properties->Append(isDefault);
        wxArrayString kinds;
        kinds.Add("sequence");
        kinds.Add("return");
        kinds.Add("rejection");
        add(new wxEnumProperty(_("Kind"), "flow.kind", kinds), m_editor->flowProperty(id, FlowProperty::Kind));
        add(new wxLongStringProperty(_("Notes"), "flow.notes"), m_editor->flowProperty(id, FlowProperty::Documentation));
    }
}

void EditorPanel::onPropertyChanged(wxPropertyGridEvent& event)
{
    const auto name = event.GetPropertyName();
    auto* property = event.GetProperty();
    const std::string value = name == "flow.default" ? (property->GetValue().GetBool() ? "true" : "false")
                                                       : property->GetValueAsString().utf8_string();
    const std::string id = m_selection.empty() ? std::string() : m_selection.front();
    std::expected<void, EditRefusal> done;
    static const std::map<wxString, NodeProperty> kNode{
        {"node.name", NodeProperty::Name},       {"node.department", NodeProperty::Department},
        {"node.role", NodeProperty::Role},       {"node.matter", NodeProperty::Matter},
        {"node.section", NodeProperty::FormSection}, {"node.limit", NodeProperty::TimeLimit},
        {"node.notes", NodeProperty::Documentation}};
    static const std::map<wxString, FlowProperty> kFlow{
        {"flow.name", FlowProperty::Name}, {"flow.condition", FlowProperty::Condition}, {"flow.default", FlowProperty::Default},
        {"flow.kind", FlowProperty::Kind}, {"flow.notes", FlowProperty::Documentation}};
    static const std::map<wxString, ProcessProperty> kProcess{
        {"process.name", ProcessProperty::Name}, {"process.promised", ProcessProperty::PromisedLimit},
        {"process.legal", ProcessProperty::LegalLimit}, {"process.notes", ProcessProperty::Documentation}};
    if (const auto node = kNode.find(name); node != kNode.end())
        done = m_editor->setNode(id, node->second, value);
    else if (const auto flow = kFlow.find(name); flow != kFlow.end())
        done = m_editor->setFlow(id, flow->second, value);
    else if (const auto process = kProcess.find(name); process != kProcess.end())
        done = m_editor->setProcess(process->second, value);
    if (!done) {
        // The typed text stays in the grid, marked, with what is wrong beside it.
        property->SetBackgroundColour(wxColour(0xff, 0xeb, 0xee));
        m_summary->SetLabel(inInterfaceLanguage(done.error().message));
        m_summary->SetForegroundColour(wxColour(0xc6, 0x28, 0x28));
        return;
    }
    CallAfter([this] { modelChanged(); });
}

void EditorPanel::showFindings()
{
    const auto& report = m_editor->validation();
    const bool chinese = interfaceIsChinese();
    wxString summary;
    if (report.criticalPath) {
        summary = wxString::Format(_("Critical path: %.1f working days"), report.criticalPath->workingDays);
        if (const auto& promised = m_editor->model().promisedLimit)
            summary += "  " + wxString::Format(_("(promised: %d)"), promised->amount);
    } else {
        summary = _("No critical path yet: the process needs a start, an end and no cycle of sequence flows.");
    }
    m_summary->SetLabel(summary + (m_editor->dirty() ? "  *" : ""));
    m_summary->SetForegroundColour(report.ok() ? wxColour(0x2e, 0x7d, 0x32) : wxColour(0xc6, 0x28, 0x28));
    m_findings->DeleteAllItems();
    m_findingElements.clear();
    auto all = m_importNotes;
    all.insert(all.end(), report.diagnostics.begin(), report.diagnostics.end());
    for (const auto& finding : all) {
        const long row = m_findings->InsertItem(m_findings->GetItemCount(), fromUtf8(finding.elementId));
        m_findings->SetItem(row, 1, fromUtf8(finding.message.in(chinese)));
        m_findings->SetItemTextColour(row, finding.severity == workflow::Severity::Error ? wxColour(0xc6, 0x28, 0x28)
                                                                                         : wxColour(0x8d, 0x6e, 0x00));
        m_findingElements.push_back(finding.elementId);
    }
}

std::expected<void, wxString> EditorPanel::publish()
{
    const auto published = publishDraft(m_session, *m_editor);
    if (!published)
        return std::unexpected(inInterfaceLanguage(published.error().message));
    forgetRecovery(m_recovery);
    open(*published, m_file);  // the next edits make the following version
    return {};
}

bool EditorPanel::mayDiscard()
{
    return !m_editor->dirty() ||
           wxMessageBox(_("The draft has changes that are not saved. Discard them?"), _("Process design"),
                        wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) == wxYES;
}

void EditorPanel::openFile()
{
    if (!mayDiscard())
        return;
    wxFileDialog dialog(this, _("Open a process"), wxString(), wxString(),
                        _("Processes (*.json;*.bpmn;*.xml)|*.json;*.bpmn;*.xml"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path path = dialog.GetPath().utf8_string();
    const auto text = readText(path);
    if (isBpmnFile(path)) {
        auto imported = workflow::bpmn::readBpmn(text);
        if (!imported) {
            wxMessageBox(wxString::Format(_("%s cannot be read (line %d, column %d): %s"), dialog.GetPath(),
                                          imported.error().line, imported.error().column, fromUtf8(imported.error().message)),
                         _("Process design"), wxOK | wxICON_ERROR, this);
            return;
        }
        m_importNotes = imported->diagnostics;
        open(std::move(imported->definition), path);
        return;
    }
    auto read = workflow::readDefinition(text);
    if (!read) {
        wxMessageBox(wxString::Format(_("%s cannot be read: %s"), dialog.GetPath(), fromUtf8(read.error().describe())),
                     _("Process design"), wxOK | wxICON_ERROR, this);
        return;
    }
    m_importNotes = read->diagnostics;
    open(std::move(read->definition), path);
}

void EditorPanel::openPublished()
{
    if (!mayDiscard())
        return;
    const auto versions = m_session.store().definitionVersions();
    wxArrayString names;
    for (const auto& version : versions)
        names.Add(wxString::Format(_("%s, version %d — %s"), fromUtf8(version.key), version.version, fromUtf8(version.name)));
    const int chosen = wxGetSingleChoiceIndex(_("Open which version? Its next version is drafted."), _("Open published"), names, this);
    if (chosen < 0)
        return;
    const auto& version = versions[static_cast<std::size_t>(chosen)];
    if (const auto process = m_session.store().definition(version.key, version.version)) {
        m_importNotes.clear();
        open(process->definition());
    }
}

void EditorPanel::save()
{
    if (m_file.empty()) {
        wxFileDialog dialog(this, _("Save the process"), wxString(), fromUtf8(m_editor->model().key + ".json"),
                            _("Process definition (*.json)|*.json|BPMN 2.0 (*.bpmn)|*.bpmn"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK)
            return;
        m_file = dialog.GetPath().utf8_string();
    }
    const auto text = isBpmnFile(m_file) ? workflow::bpmn::writeBpmn(m_editor->model()) : workflow::writeDefinition(m_editor->model());
    if (!writeWhole(m_file, text)) {
        wxMessageBox(wxString::Format(_("%s cannot be written; the draft is kept."), fromUtf8(m_file.string())),
                     _("Process design"), wxOK | wxICON_ERROR, this);
        return;
    }
    m_editor->markSaved();
    forgetRecovery(m_recovery);
    showFindings();
}

void EditorPanel::exportBpmn()
{
    wxFileDialog dialog(this, _("Export BPMN 2.0"), wxString(), fromUtf8(m_editor->model().key + ".bpmn"),
                        _("BPMN 2.0 (*.bpmn)|*.bpmn"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK && !writeWhole(dialog.GetPath().utf8_string(), workflow::bpmn::writeBpmn(m_editor->model())))
        wxMessageBox(wxString::Format(_("%s cannot be written."), dialog.GetPath()), _("Process design"), wxOK | wxICON_ERROR, this);
}

void EditorPanel::compare()
{
    std::vector<store::DefinitionVersion> versions;
    for (const auto& version : m_session.store().definitionVersions())
        if (version.key == m_editor->model().key)
            versions.push_back(version);
    if (versions.empty()) {
        wxMessageBox(_("No version of this process is published yet."), _("Compare"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxArrayString names;
    for (const auto& version : versions)
        names.Add(wxString::Format(_("Version %d"), version.version));
    const int chosen = wxGetSingleChoiceIndex(_("Compare the draft with which version?"), _("Compare"), names, this);
    if (chosen < 0)
        return;
    const auto old = m_session.store().definition(m_editor->model().key, versions[static_cast<std::size_t>(chosen)].version);
    wxString text;
    for (const auto& change : workflow::diffDefinitions(old->definition(), m_editor->model()))
        text += fromUtf8(workflow::describe(change, interfaceIsChinese())) + "\n";
    wxMessageBox(text.empty() ? _("No changes.") : text, _("Compare"), wxOK | wxICON_INFORMATION, this);
}

void EditorPanel::run(ActionId id) { m_actions.run(id); }

void EditorPanel::bindActions()
{
    m_actions.bind(ActionId::ProcessNew, [this] {
        if (!mayDiscard())
            return;
        const auto key = wxGetTextFromUser(_("Key of the new process (letters, digits and -):"), _("New process"), "new-process", this);
        if (key.empty())
            return;
        m_importNotes.clear();
        open(ProcessEditor::blank(key.utf8_string(), "新流程"));
    });
    m_actions.bind(ActionId::ProcessOpen, [this] { openFile(); });
    m_actions.bind(ActionId::ProcessOpenPublished, [this] { openPublished(); });
    m_actions.bind(ActionId::ProcessSave, [this] { save(); });
    m_actions.bind(ActionId::ProcessExportBpmn, [this] { exportBpmn(); });
    m_actions.bind(ActionId::ProcessPublish, [this] {
        if (const auto done = publish(); !done)
            wxMessageBox(done.error(), _("Publish"), wxOK | wxICON_WARNING, this);
        else
            wxMessageBox(wxString::Format(_("Published. New cases run on it; running cases stay on theirs.")),
                         _("Publish"), wxOK | wxICON_INFORMATION, this);
    });
    m_actions.bind(ActionId::ProcessCompare, [this] { compare(); });
    m_actions.bind(ActionId::ProcessSimulate, [this] {
        auto process = workflow::ExecutableProcess::compile(m_editor->model());
        if (!process) {
            wxMessageBox(_("The process has errors: correct every finding marked red, then simulate."), _("Simulate"),
                         wxOK | wxICON_WARNING, this);
            return;
        }
        SimulationDialog dialog(this, *process);
        dialog.runSimulation();
        dialog.ShowModal();
    });
    m_actions.bind(ActionId::ProcessUndo, [this] {
        m_editor->undo();
        modelChanged();
    });
    m_actions.bind(ActionId::ProcessRedo, [this] {
        m_editor->redo();
        modelChanged();
    });
    m_actions.bind(ActionId::ProcessDelete, [this] {
        m_editor->remove(m_selection);
        modelChanged();
    });
    m_actions.bind(ActionId::ProcessCopy, [this] {
        if (wxTheClipboard->Open()) {
            wxTheClipboard->SetData(new wxTextDataObject(fromUtf8(m_editor->copy(m_selection))));
            wxTheClipboard->Close();
        }
    });
    m_actions.bind(ActionId::ProcessPaste, [this] {
        wxTextDataObject text;
        if (wxTheClipboard->Open()) {
            wxTheClipboard->GetData(text);
            wxTheClipboard->Close();
        }
        if (const auto pasted = m_editor->paste(text.GetText().utf8_string(), {40, 40})) {
            select(*pasted);
            modelChanged();
        }
    });
    m_actions.bind(ActionId::ProcessLayOut, [this] {
        m_editor->layOut();
        modelChanged();
    });
    m_actions.bind(ActionId::ProcessZoomIn, [this] { m_canvas->zoom(1.25); });
    m_actions.bind(ActionId::ProcessZoomOut, [this] { m_canvas->zoom(0.8); });
}

} // namespace tongban::client
