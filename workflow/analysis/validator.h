// Validation of process definitions: every finding at once, never the first only.
#pragma once

#include "workflow/analysis/critical_path.h"
#include "workflow/model/diagnostic.h"
#include "workflow/model/process_definition.h"

#include <optional>
#include <vector>

namespace tongban::workflow {

/// What validation proved and found. `matchingSplit[j]` is the split that a
/// parallel or inclusive join closes (the runtime's inclusive joins count the
/// branches it activated); it is empty for other nodes.
struct ValidationReport {
    Diagnostics diagnostics;
    std::optional<CriticalPath> criticalPath;
    std::vector<std::optional<std::size_t>> matchingSplit;

    bool ok() const { return !hasErrors(diagnostics); }
};

/// Runs every check of docs/engine/validation.md: structure, conditions,
/// return and rejection flows, split/join matching, soundness, exclusive
/// coverage, critical path against the promised limit.
ValidationReport validate(const ProcessDefinition& definition);

} // namespace tongban::workflow
