// The window ids of the registry's actions: menus, toolbars and the diagram's
// shortcuts send the same command events, which the main window handles.
#pragma once

#include "client/actions/action_registry.h"

#include <wx/defs.h>

namespace tongban::client {

inline int actionWindowId(ActionId id) { return wxID_HIGHEST + 100 + static_cast<int>(id); }

} // namespace tongban::client
