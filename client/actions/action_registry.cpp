#include "client/actions/action_registry.h"

#include <algorithm>

namespace tongban::client {

namespace {
/// Marks text for the translators' catalogue; it is translated where shown.
constexpr std::string_view N_(std::string_view text) { return text; }

bool always(const ActionState&) { return true; }
/// Switching users is for the demo workspace; a server knows who is logged in.
bool standalone(const ActionState& state) { return !state.connected; }
/// The inbox is the one tab that stays.
bool closableTabInFront(const ActionState& state) { return !state.inboxInFront; }
} // namespace

const std::vector<MenuSpec>& menuRegistry()
{
    static const std::vector<MenuSpec> menus{
        {MenuId::File, N_("&File")},       {MenuId::View, N_("&View")}, {MenuId::Case, N_("&Case")},
        {MenuId::Process, N_("&Process")}, {MenuId::Help, N_("&Help")},
    };
    return menus;
}

const std::vector<ActionSpec>& actionRegistry()
{
    static const std::vector<ActionSpec> actions{
        {ActionId::SwitchUser, MenuId::File, N_("S&witch user..."), N_("Work as another user of this workspace"), "Ctrl+U", "go-home", standalone, true},
        {ActionId::Quit, MenuId::File, N_("&Quit"), N_("Close Tongban"), "Ctrl+Q", "quit", always, false},
        {ActionId::ShowInbox, MenuId::View, N_("&Inbox"), N_("Show the department's open tasks"), "Ctrl+1", "list-view", always, true},
        {ActionId::ShowEvaluations, MenuId::View, N_("&Evaluations"), N_("Record and list the applicants' evaluations"), "Ctrl+2", "tip", always, true},
        {ActionId::ShowRectifications, MenuId::View, N_("Rec&tifications"), N_("The rectification board"), "Ctrl+3", "warning", always, true},
        {ActionId::ShowSupervision, MenuId::View, N_("Su&pervision"), N_("Yellow and red tasks across the centre"), "Ctrl+4", "find", always, true},
        {ActionId::Refresh, MenuId::View, N_("&Refresh"), N_("Read the inbox again"), "F5", "redo", always, true},
        {ActionId::FocusSearch, MenuId::View, N_("&Search"), N_("Search by case number or applicant"), "Ctrl+F", "find", always, false},
        {ActionId::NewCase, MenuId::Case, N_("&New case..."), N_("Take in an application at the window"), "Ctrl+N", "new", always, true},
        {ActionId::OpenCase, MenuId::Case, N_("&Open case"), N_("Open the selected case"), "Ctrl+O", "file-open", always, true},
        {ActionId::CloseTab, MenuId::Case, N_("&Close case"), N_("Close the case shown"), "Ctrl+W", "close", closableTabInFront, false},
        {ActionId::ShowEditor, MenuId::View, N_("Process &design"), N_("Draw and publish one-thing processes"), "Ctrl+5", "edit", always, true},
        {ActionId::ShowReports, MenuId::View, N_("Rep&orts"), N_("Make, preview and export supervisors' reports"), "Ctrl+6", "report-view", always, true},
        {ActionId::ShowServer, MenuId::View, N_("Ser&ver"), N_("Work your department's steps on a sync server, online or offline"), "Ctrl+7", "go-forward", always, true},
        {ActionId::ProcessNew, MenuId::Process, N_("&New process"), N_("Start a process from a start and an end"), "", "new", always, false},
        {ActionId::ProcessOpen, MenuId::Process, N_("&Open file..."), N_("Open a process definition (JSON) or a BPMN 2.0 file"), "Ctrl+Shift+O", "file-open", always, false},
        {ActionId::ProcessOpenPublished, MenuId::Process, N_("Open &published..."), N_("Open a version published in this workspace as the next draft"), "", "folder-open", always, false},
        {ActionId::ProcessSave, MenuId::Process, N_("&Save"), N_("Save the draft to its file"), "Ctrl+S", "file-save", always, false},
        {ActionId::ProcessExportBpmn, MenuId::Process, N_("&Export BPMN..."), N_("Write the process as BPMN 2.0 for other modellers"), "", "file-save-as", always, false},
        {ActionId::ProcessPublish, MenuId::Process, N_("P&ublish"), N_("Publish the draft as a new version, when it validates"), "", "tick-mark", always, false},
        {ActionId::ProcessCompare, MenuId::Process, N_("&Compare with a version..."), N_("What changed since a published version"), "", "find-and-replace", always, false},
        {ActionId::ProcessSimulate, MenuId::Process, N_("Si&mulate..."), N_("Run synthetic cases through the draft: throughput, lead times, where work waits"), "", "executable-file", always, false},
        {ActionId::ProcessUndo, MenuId::Process, N_("&Undo"), N_("Undo the last edit (Ctrl+Z in the diagram)"), "Ctrl+Z", "undo", always, false, true},
        {ActionId::ProcessRedo, MenuId::Process, N_("&Redo"), N_("Redo what was undone (Ctrl+Y in the diagram)"), "Ctrl+Y", "redo", always, false, true},
        {ActionId::ProcessDelete, MenuId::Process, N_("&Delete"), N_("Delete the selection (Delete in the diagram)"), "Delete", "delete", always, false, true},
        {ActionId::ProcessCopy, MenuId::Process, N_("&Copy"), N_("Copy the selection (Ctrl+C in the diagram)"), "Ctrl+C", "copy", always, false, true},
        {ActionId::ProcessPaste, MenuId::Process, N_("&Paste"), N_("Paste beside the original (Ctrl+V in the diagram)"), "Ctrl+V", "paste", always, false, true},
        {ActionId::ProcessLayOut, MenuId::Process, N_("&Lay out"), N_("Arrange the steps in layers from the start"), "Ctrl+L", "full-screen", always, false, true},
        {ActionId::ProcessZoomIn, MenuId::Process, N_("Zoom &in"), N_("Larger (Ctrl++ in the diagram)"), "Ctrl++", "plus", always, false, true},
        {ActionId::ProcessZoomOut, MenuId::Process, N_("Zoom &out"), N_("Smaller (Ctrl+- in the diagram)"), "Ctrl+-", "minus", always, false, true},
        {ActionId::About, MenuId::Help, N_("&About Tongban"), N_("Version and workspace"), "", "information", always, false},
    };
    return actions;
}

const ActionSpec& actionSpec(ActionId id)
{
    const auto& actions = actionRegistry();
    return *std::ranges::find(actions, id, &ActionSpec::id);
}

bool actionEnabled(ActionId id, const ActionState& state) { return actionSpec(id).enabledWhen(state); }

void ActionHandlers::bind(ActionId id, Handler handler) { m_handlers[id] = std::move(handler); }

bool ActionHandlers::run(ActionId id) const
{
    const auto handler = m_handlers.find(id);
    if (handler == m_handlers.end())
        return false;
    handler->second();
    return true;
}

} // namespace tongban::client
