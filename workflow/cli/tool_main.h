// What every Tongban command-line tool does alike: --help, --version, the exit
// codes and a one-line error, around the verbs that are each tool's own.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::workflow::cli {

/// Exit codes shared by every Tongban tool.
enum ExitCode { kOk = 0, kFinding = 1, kUsage = 2 };

/// What a tool says about itself.
struct ToolDescription {
    std::string_view name;  ///< the program's name, which also begins each of its error lines
    std::string_view usage; ///< the help text, ending in a newline
    std::string_view version;
};

/// A tool's verbs: its arguments without the program name; returns an ExitCode.
using ToolRun = std::function<int(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)>;

/// Answers `--help`/`-h` (usage on `out`, kOk) and `--version` wherever they
/// appear, refuses no arguments (usage on `err`, kUsage), hands anything else
/// to `run`, and turns an exception escaping it into "NAME: what" and kUsage.
int runTool(const ToolDescription& tool, const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            const ToolRun& run);

/// runTool on a program's arguments and the standard streams: a tool's main.
int toolMain(const ToolDescription& tool, int argc, char** argv, const ToolRun& run);

} // namespace tongban::workflow::cli
