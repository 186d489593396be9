// tongban-report: reports for scheduled runs, from the command line.
#pragma once

#include "workflow/cli/tool_main.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::reports::cli {

using workflow::cli::kFinding;
using workflow::cli::kOk;
using workflow::cli::kUsage;

/// Name, help text and version of tongban-report.
extern const workflow::cli::ToolDescription kReportTool;

/// The verbs, once runTool has answered --help, --version and no arguments.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace tongban::reports::cli
