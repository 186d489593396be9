// tongban-forms's verbs as a function of arguments and streams, so tests can
// run the tool in-process as well as a real program.
#pragma once

#include "workflow/cli/tool_main.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::forms::cli {

using workflow::cli::kFinding;
using workflow::cli::kOk;
using workflow::cli::kUsage;

/// Name, help text and version of tongban-forms.
extern const workflow::cli::ToolDescription kFormsTool;

/// The verbs, once runTool has answered --help, --version and no arguments.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace tongban::forms::cli
