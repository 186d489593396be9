// The longest chain of time limits from start to end (return flows excluded).
#pragma once

#include "workflow/model/process_definition.h"

#include <optional>
#include <vector>

namespace tongban::workflow {

struct CriticalPath {
    std::vector<std::size_t> nodes;  ///< node indices from start to end
    double workingDays = 0;
};

/// Computes the critical path over sequence and rejection flows. Returns
/// std::nullopt when the model has no single start, no end, or a cycle that
/// is not made of return flows (validation reports those).
std::optional<CriticalPath> criticalPath(const ProcessDefinition& definition);

} // namespace tongban::workflow
