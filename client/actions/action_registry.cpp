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
