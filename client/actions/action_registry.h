// Every command of the client, once: the menus, the toolbar and the keyboard
// shortcuts are all built from this list, so none of them can drift apart.
#pragma once

#include <string_view>
#include <vector>

namespace tongban::client {

enum class ActionId {
    SwitchUser,
    Quit,
    ShowInbox,
    ShowEvaluations,
    ShowRectifications,
    ShowSupervision,
    Refresh,
    FocusSearch,
    NewCase,
    OpenCase,
    CloseTab,
    About,
    ShowEditor,
    ShowReports,
    ShowServer,
    ProcessNew,
    ProcessOpen,
    ProcessOpenPublished,
    ProcessSave,
    ProcessExportBpmn,
    ProcessPublish,
    ProcessCompare,
    ProcessSimulate,
    ProcessUndo,
    ProcessRedo,
    ProcessDelete,
    ProcessCopy,
    ProcessPaste,
    ProcessLayOut,
    ProcessZoomIn,
    ProcessZoomOut,
};

enum class MenuId { File, View, Case, Process, Help };

struct ActionSpec {
    ActionId id;
    MenuId menu;
    std::string_view label;        ///< English source text, translated through gettext
    std::string_view help;
    std::string_view accelerator;  ///< wx syntax: "Ctrl+R", "F5"; empty for none
    bool onToolbar = false;
    /// The shortcut works in the diagram only, so that text fields keep
    /// their own Ctrl+C, Ctrl+V, Ctrl+Z and Delete.
    bool inDiagram = false;
};

const std::vector<ActionSpec>& actionRegistry();
const ActionSpec& actionSpec(ActionId id);

} // namespace tongban::client
