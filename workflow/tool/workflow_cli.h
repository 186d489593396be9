// tongban-workflow's verbs as a function of arguments and streams, so tests
// can run the tool in-process as well as a real program.
#pragma once

#include "workflow/cli/tool_main.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::workflow::cli {

/// Name, help text and version of tongban-workflow.
extern const ToolDescription kWorkflowTool;

/// The verbs, once runTool has answered --help, --version and no arguments.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace tongban::workflow::cli
