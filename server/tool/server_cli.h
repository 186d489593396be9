// tongban-server's verbs as a function of arguments and streams.
#pragma once

#include "workflow/cli/tool_main.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::server::cli {

using workflow::cli::kFinding;
using workflow::cli::kOk;
using workflow::cli::kUsage;

/// Name, help text and version of tongban-server.
extern const workflow::cli::ToolDescription kServerTool;

/// Runs one command, once runTool has answered --help, --version and no
/// arguments; `in` gives what a command reads (a password).
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace tongban::server::cli
