// The window ids and bitmaps of the registry's actions: menus, toolbars and
// the diagram's shortcuts send the same command events, which the main window
// handles, and show the icon the registry names.
#pragma once

#include "client/actions/action_registry.h"

#include <wx/artprov.h>
#include <wx/defs.h>

namespace tongban::client {

inline int actionWindowId(ActionId id) { return wxID_HIGHEST + 100 + static_cast<int>(id); }

/// The stock bitmap of an action's icon; wxART_MISSING_IMAGE for a name the
/// table does not know, which the GUI test refuses.
wxArtID actionArt(const ActionSpec& action);

} // namespace tongban::client
