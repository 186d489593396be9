// Verbs of tongban-workflow.
#include "workflow/tool/workflow_cli.h"

#include "workflow/analysis/validator.h"
#include "workflow/model/definition_json.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace tongban::workflow::cli {

namespace {

constexpr const char* kUsageText =
    "usage: tongban-workflow [--lang zh_CN|en] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  validate FILE        print every finding about a process definition\n"
    "  critical-path FILE   print the longest chain of time limits and its working days\n"
    "\n"
    "options:\n"
    "  --lang zh_CN|en      language of messages (default: from LANG, else Chinese)\n"
    "  --help               show this help\n"
    "  --version            show the version\n"
    "\n"
    "exit status: 0 fine, 1 the definition has errors, 2 bad usage or unreadable file\n";

bool chineseFromEnvironment()
{
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value && std::string_view(value) != "C" && std::string_view(value) != "POSIX")
            return !std::string_view(value).starts_with("en");
    }
    return true;
}

struct Loaded {
    LoadedDefinition loaded;
    bool ok = false;
};

Loaded load(const std::string& path, std::ostream& err)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << "tongban-workflow: cannot read " << path << "\n";
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto loaded = readDefinition(text.str());
    if (!loaded) {
        err << "tongban-workflow: " << path << ": " << loaded.error().describe() << "\n";
        return {};
    }
    return {std::move(*loaded), true};
}

std::string days(double value)
{
    std::ostringstream text;
    text << std::round(value * 100) / 100;
    return text.str();
}

int validateCommand(const std::string& path, bool chinese, std::ostream& out, std::ostream& err)
{
    auto [loaded, ok] = load(path, err);
    if (!ok)
        return kUsage;
    auto diagnostics = loaded.diagnostics;
    auto report = validate(loaded.definition);
    diagnostics.insert(diagnostics.end(), report.diagnostics.begin(), report.diagnostics.end());
    for (const auto& diagnostic : diagnostics)
        out << formatDiagnostic(diagnostic, chinese) << "\n";
    return hasErrors(diagnostics) ? kFinding : kOk;
}

int criticalPathCommand(const std::string& path, bool chinese, std::ostream& out, std::ostream& err)
{
    auto [loaded, ok] = load(path, err);
    if (!ok)
        return kUsage;
    auto path_ = criticalPath(loaded.definition);
    if (!path_) {
        err << "tongban-workflow: " << path
            << (chinese ? ": 没有关键路径（需要一个开始、至少一个结束，且顺序连线不成环）\n"
                        : ": no critical path (needs one start, an end, and no cycle of sequence flows)\n");
        return kFinding;
    }
    const auto& nodes = loaded.definition.nodes();
    for (std::size_t i = 0; i < path_->nodes.size(); ++i)
        out << (i ? " -> " : "") << nodes[path_->nodes[i]].id;
    out << "\n";
    out << "working_days: " << days(path_->workingDays) << "\n";
    if (loaded.definition.promisedLimit)
        out << "promised_working_days: " << days(inWorkingDays(*loaded.definition.promisedLimit)) << "\n";
    return kOk;
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    bool chinese = chineseFromEnvironment();
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out << kUsageText;
            return kOk;
        }
        if (arg == "--version") {
            out << "tongban-workflow " << TONGBAN_VERSION << "\n";
            return kOk;
        }
        if (arg == "--lang") {
            if (i + 1 >= args.size()) {
                err << "tongban-workflow: --lang needs zh_CN or en\n";
                return kUsage;
            }
            const auto& lang = args[++i];
            if (lang != "zh_CN" && lang != "en") {
                err << "tongban-workflow: unknown language '" << lang << "' (zh_CN or en)\n";
                return kUsage;
            }
            chinese = lang == "zh_CN";
            continue;
        }
        if (arg.starts_with("--")) {
            err << "tongban-workflow: unknown option '" << arg << "'\n" << kUsageText;
            return kUsage;
        }
        positional.push_back(arg);
    }
    if (positional.empty()) {
        err << kUsageText;
        return kUsage;
    }
    const auto& command = positional[0];
    if ((command == "validate" || command == "critical-path") && positional.size() != 2) {
        err << "tongban-workflow: " << command << " takes one FILE\n";
        return kUsage;
    }
    if (command == "validate")
        return validateCommand(positional[1], chinese, out, err);
    if (command == "critical-path")
        return criticalPathCommand(positional[1], chinese, out, err);
    err << "tongban-workflow: unknown command '" << command << "'\n" << kUsageText;
    return kUsage;
}

} // namespace tongban::workflow::cli
