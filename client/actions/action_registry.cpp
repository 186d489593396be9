#include "client/actions/action_registry.h"

#include <algorithm>

namespace tongban::client {

namespace {
/// Marks text for the translators' catalogue; it is translated where shown.
constexpr std::string_view N_(std::string_view text) { return text; }
} // namespace

const std::vector<ActionSpec>& actionRegistry()
{
    static const std::vector<ActionSpec> actions{
        {ActionId::SwitchUser, MenuId::File, N_("S&witch user..."), N_("Work as another user of this workspace"), "Ctrl+U", true},
        {ActionId::Quit, MenuId::File, N_("&Quit"), N_("Close Tongban"), "Ctrl+Q", false},
        {ActionId::ShowInbox, MenuId::View, N_("&Inbox"), N_("Show the department's open tasks"), "Ctrl+1", true},
        {ActionId::ShowEvaluations, MenuId::View, N_("&Evaluations"), N_("Record and list the applicants' evaluations"), "Ctrl+2", true},
        {ActionId::ShowRectifications, MenuId::View, N_("Rec&tifications"), N_("The rectification board"), "Ctrl+3", true},
        {ActionId::ShowSupervision, MenuId::View, N_("Su&pervision"), N_("Yellow and red tasks across the centre"), "Ctrl+4", true},
        {ActionId::Refresh, MenuId::View, N_("&Refresh"), N_("Read the inbox again"), "F5", true},
        {ActionId::FocusSearch, MenuId::View, N_("&Search"), N_("Search by case number or applicant"), "Ctrl+F", false},
        {ActionId::NewCase, MenuId::Case, N_("&New case..."), N_("Take in an application at the window"), "Ctrl+N", true},
        {ActionId::OpenCase, MenuId::Case, N_("&Open case"), N_("Open the selected case"), "Ctrl+O", true},
        {ActionId::CloseTab, MenuId::Case, N_("&Close case"), N_("Close the case shown"), "Ctrl+W", false},
        {ActionId::ShowEditor, MenuId::View, N_("Process &design"), N_("Draw and publish one-thing processes"), "Ctrl+5", true},
        {ActionId::ShowReports, MenuId::View, N_("Rep&orts"), N_("Make, preview and export supervisors' reports"), "Ctrl+6", true},
        {ActionId::ShowServer, MenuId::View, N_("Ser&ver"), N_("Work your department's steps on a sync server, online or offline"), "Ctrl+7", true},
        {ActionId::ProcessNew, MenuId::Process, N_("&New process"), N_("Start a process from a start and an end"), "", false},
        {ActionId::ProcessOpen, MenuId::Process, N_("&Open file..."), N_("Open a process definition (JSON) or a BPMN 2.0 file"), "Ctrl+Shift+O", false},
        {ActionId::ProcessOpenPublished, MenuId::Process, N_("Open &published..."), N_("Open a version published in this workspace as the next draft"), "", false},
        {ActionId::ProcessSave, MenuId::Process, N_("&Save"), N_("Save the draft to its file"), "Ctrl+S", false},
        {ActionId::ProcessExportBpmn, MenuId::Process, N_("&Export BPMN..."), N_("Write the process as BPMN 2.0 for other modellers"), "", false},
        {ActionId::ProcessPublish, MenuId::Process, N_("P&ublish"), N_("Publish the draft as a new version, when it validates"), "", false},
        {ActionId::ProcessCompare, MenuId::Process, N_("&Compare with a version..."), N_("What changed since a published version"), "", false},
        {ActionId::ProcessSimulate, MenuId::Process, N_("Si&mulate..."), N_("Run synthetic cases through the draft: throughput, lead times, where work waits"), "", false},
        {ActionId::ProcessUndo, MenuId::Process, N_("&Undo"), N_("Undo the last edit (Ctrl+Z in the diagram)"), "Ctrl+Z", false, true},
        {ActionId::ProcessRedo, MenuId::Process, N_("&Redo"), N_("Redo what was undone (Ctrl+Y in the diagram)"), "Ctrl+Y", false, true},
        {ActionId::ProcessDelete, MenuId::Process, N_("&Delete"), N_("Delete the selection (Delete in the diagram)"), "Delete", false, true},
        {ActionId::ProcessCopy, MenuId::Process, N_("&Copy"), N_("Copy the selection (Ctrl+C in the diagram)"), "Ctrl+C", false, true},
        {ActionId::ProcessPaste, MenuId::Process, N_("&Paste"), N_("Paste beside the original (Ctrl+V in the diagram)"), "Ctrl+V", false, true},
        {ActionId::ProcessLayOut, MenuId::Process, N_("&Lay out"), N_("Arrange the steps in layers from the start"), "Ctrl+L", false, true},
        {ActionId::ProcessZoomIn, MenuId::Process, N_("Zoom &in"), N_("Larger (Ctrl++ in the diagram)"), "Ctrl++", false, true},
        {ActionId::ProcessZoomOut, MenuId::Process, N_("Zoom &out"), N_("Smaller (Ctrl+- in the diagram)"), "Ctrl+-", false, true},
        {ActionId::About, MenuId::Help, N_("&About Tongban"), N_("Version and workspace"), "", false},
    };
    return actions;
}

const ActionSpec& actionSpec(ActionId id)
{
    const auto& actions = actionRegistry();
    return *std::ranges::find(actions, id, &ActionSpec::id);
}

} // namespace tongban::client
