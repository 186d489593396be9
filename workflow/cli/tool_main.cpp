#include "workflow/cli/tool_main.h"

#include <algorithm>
#include <exception>
#include <iostream>

namespace tongban::workflow::cli {

namespace {

bool has(const std::vector<std::string>& args, std::string_view option)
{
    return std::ranges::find(args, option) != args.end();
}

} // namespace

int runTool(const ToolDescription& tool, const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            const ToolRun& run)
{
    if (has(args, "--help") || has(args, "-h")) {
        out << tool.usage;
        return kOk;
    }
    if (has(args, "--version")) {
        out << tool.name << " " << tool.version << "\n";
        return kOk;
    }
    if (args.empty()) {
        err << tool.usage;
        return kUsage;
    }
    try {
        return run(args, out, err);
    } catch (const std::exception& error) {
        err << tool.name << ": " << error.what() << "\n";
        return kUsage;
    }
}

int toolMain(const ToolDescription& tool, int argc, char** argv, const ToolRun& run)
{
    return runTool(tool, std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr, run);
}

} // namespace tongban::workflow::cli
