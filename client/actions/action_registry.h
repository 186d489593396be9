// Every command of the client, once: its label, shortcut, icon and when it is
// enabled. The menus, the toolbar and the keyboard shortcuts are all built from
// this list, so none of them can drift apart; the windows only bind handlers.
#pragma once

#include <functional>
#include <map>
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

/// One menu of the menu bar, in the order the bar shows them.
struct MenuSpec {
    MenuId id;
    std::string_view title;  ///< English source text, translated through gettext
};

/// What the enabled-when predicates read: the session and the screens as they
/// are now, gathered by the main window without wx.
struct ActionState {
    bool connected = false;    ///< the session works through a sync server
    bool inboxInFront = true;  ///< the inbox tab is the one shown
};

/// Whether an action can do anything in a state.
using EnabledWhen = bool (*)(const ActionState&);

struct ActionSpec {
    ActionId id;
    MenuId menu;
    std::string_view label;        ///< English source text, translated through gettext
    std::string_view help;
    std::string_view accelerator;  ///< wx syntax: "Ctrl+R", "F5"; empty for none
    /// A name from the desktop's stock icons ("file-open", "go-home"); the
    /// views map it to a bitmap, so that the registry stays free of wx.
    std::string_view icon;
    EnabledWhen enabledWhen;
    bool onToolbar = false;
    /// The shortcut works in the diagram only, so that text fields keep
    /// their own Ctrl+C, Ctrl+V, Ctrl+Z and Delete.
    bool inDiagram = false;
};

const std::vector<MenuSpec>& menuRegistry();
const std::vector<ActionSpec>& actionRegistry();
const ActionSpec& actionSpec(ActionId id);
/// Whether `id` may run in `state`, as its enabled-when says.
bool actionEnabled(ActionId id, const ActionState& state);

/// What the actions do, bound by the window that carries them out (KiCad's
/// tools bind theirs the same way): the menus and shortcuts only send ids.
class ActionHandlers {
public:
    using Handler = std::function<void()>;

    /// Makes `handler` what `id` does; binding again replaces the handler.
    void bind(ActionId id, Handler handler);
    bool bound(ActionId id) const { return m_handlers.contains(id); }
    /// Runs the handler of `id`; false when none is bound.
    bool run(ActionId id) const;

private:
    std::map<ActionId, Handler> m_handlers;
};

} // namespace tongban::client
