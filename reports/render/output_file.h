// Report files are written beside their target and renamed over it, so that
// a failure leaves the target as it was and nothing half written.
#pragma once

#include "reports/render/renderers.h"

#include <string>

namespace tongban::reports {

/// Where a renderer writes before the file is whole.
inline std::string partialPath(const std::string& path) { return path + ".partial"; }

/// Puts the finished partial file in place, or removes it and says why.
std::expected<void, RenderError> replaceWithPartial(const std::string& path);

/// Drops the partial file of a failed rendering and says why.
std::unexpected<RenderError> abandonPartial(const std::string& path, const std::string& problem);

} // namespace tongban::reports
