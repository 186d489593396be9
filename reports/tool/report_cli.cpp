// Verbs of tongban-report.
#include "reports/tool/report_cli.h"

#include "reports/catalogue/catalogue.h"
#include "reports/render/renderers.h"
#include "workflow/calendar/calendar.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

namespace tongban::reports::cli {

namespace {

constexpr const char* kUsageText =
    "usage: tongban-report --db DB --report NAME --from YYYY-MM-DD --to YYYY-MM-DD\n"
    "                      [--department D] [--one-thing KEY] [--region CODE]\n"
    "                      --format pdf|xlsx|html|csv --out FILE\n"
    "       tongban-report --list | --help | --version\n"
    "\n"
    "DB is a SQLite file or a postgresql:// URL. Progress goes to stderr.\n"
    "exit status: 0 written, 1 the database could not be read, 2 bad usage or an unwritable file\n";

} // namespace

const workflow::cli::ToolDescription kReportTool{"tongban-report", kUsageText, TONGBAN_VERSION};

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    static const std::set<std::string> kValued{"--db", "--report", "--from", "--to", "--department", "--one-thing",
                                               "--region", "--format", "--out"};
    std::map<std::string, std::string> options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--list") {
            for (const auto& report : reportCatalogue())
                out << report.key << "\t" << report.description << "\n";
            return kOk;
        }
        if (!kValued.contains(arg) || i + 1 >= args.size()) {
            err << "tongban-report: " << (kValued.contains(arg) ? arg + " needs a value" : "unknown option '" + arg + "'")
                << "\n" << kUsageText;
            return kUsage;
        }
        options[arg] = args[++i];
    }
    for (const auto* required : {"--db", "--report", "--from", "--to", "--format", "--out"})
        if (!options.contains(required)) {
            err << "tongban-report: " << required << " is required\n" << kUsageText;
            return kUsage;
        }
    const auto& name = options["--report"];
    if (!findReport(name)) {
        err << "tongban-report: there is no report '" << name << "'; tongban-report --list names them\n";
        return kUsage;
    }
    const auto from = workflow::parseDay(options["--from"]);
    const auto to = workflow::parseDay(options["--to"]);
    if (!from || !to) {
        err << "tongban-report: " << (from ? "--to" : "--from") << " is '" << options[from ? "--to" : "--from"]
            << "', not a date YYYY-MM-DD\n";
        return kUsage;
    }
    if (*to < *from) {
        err << "tongban-report: the period ends (" << options["--to"] << ") before it starts (" << options["--from"] << ")\n";
        return kUsage;
    }
    const auto& format = options["--format"];
    const auto chosen = reportFormatFromString(format);
    if (!chosen) {
        err << "tongban-report: --format is pdf, xlsx, html or csv, not '" << format << "'\n";
        return kUsage;
    }
    const std::filesystem::path target = options["--out"];
    const auto folder = std::filesystem::absolute(target).parent_path();
    if (!std::filesystem::is_directory(folder)) {
        err << "tongban-report: cannot write " << target.string() << ": the folder " << folder.string() << " does not exist\n";
        return kUsage;
    }
    try {
        auto store = store::Store::open(options["--db"]);
        const ReportScope scope{*from, *to, options["--department"], options["--one-thing"], options["--region"]};
        err << "tongban-report: aggregating " << name << " for " << options["--from"] << " to " << options["--to"] << "\n";
        const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        const auto document = makeReport(*store, name, scope, now);
        err << "tongban-report: writing " << target.string() << "\n";
        const auto written = renderTo(document, *chosen, target.string());
        if (!written) {
            err << "tongban-report: " << written.error().message << "\n";
            return kUsage;
        }
        return kOk;
    } catch (const store::StoreError& error) {
        err << "tongban-report: " << error.what() << "\n";
        return kFinding;
    }
}

} // namespace tongban::reports::cli
