// Verbs of tongban-report.
#include "reports/tool/report_cli.h"

#include "reports/catalogue/department_efficiency.h"
#include "reports/catalogue/period_summary.h"
#include "reports/catalogue/throughput.h"
#include "reports/catalogue/warnings.h"
#include "reports/render/renderers.h"
#include "workflow/calendar/calendar.h"

#include <chrono>
#include <filesystem>
#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

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

struct Catalogued {
    const char* name;
    const char* description;
};

constexpr Catalogued kReports[] = {
    {"summary", "办件情况汇总: accepted, completed, on time, early, overdue, open; working days taken; by one thing, "
                "lead department and channel"},
    {"throughput", "一件事办理时长分布: per one thing, working days taken (mean, median, 90th percentile, longest, "
                   "distribution) and the share that needed a supplement"},
    {"efficiency", "部门办件效能: lead departments ranked by on-time rate and working days taken, beside the previous "
                   "period of the same length"},
    {"warnings", "预警督办情况: red and yellow steps and cases at the end of --to (or now), by department, with the "
                 "working days over or left and the urges received"},
};

std::optional<workflow::Day> parseDay(const std::string& text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    char dash1 = 0, dash2 = 0;
    std::istringstream in(text);
    in >> year >> dash1 >> month >> dash2 >> day;
    if (!in || !in.eof() || dash1 != '-' || dash2 != '-' || text.size() != 10)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok())
        return std::nullopt;
    return workflow::Day{date};
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    static const std::set<std::string> kValued{"--db", "--report", "--from", "--to", "--department", "--one-thing",
                                               "--region", "--format", "--out"};
    std::map<std::string, std::string> options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out << kUsageText;
            return kOk;
        }
        if (arg == "--version") {
            out << "tongban-report " << TONGBAN_VERSION << "\n";
            return kOk;
        }
        if (arg == "--list") {
            for (const auto& report : kReports)
                out << report.name << "\t" << report.description << "\n";
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
    if (std::ranges::none_of(kReports, [&](const Catalogued& r) { return name == r.name; })) {
        err << "tongban-report: there is no report '" << name << "'; tongban-report --list names them\n";
        return kUsage;
    }
    const auto from = parseDay(options["--from"]);
    const auto to = parseDay(options["--to"]);
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
    if (format != "pdf" && format != "xlsx" && format != "html" && format != "csv") {
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
        auto store = workflow::store::Store::open(options["--db"]);
        const ReportScope scope{*from, *to, options["--department"], options["--one-thing"], options["--region"]};
        err << "tongban-report: aggregating " << name << " for " << options["--from"] << " to " << options["--to"] << "\n";
        const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        const auto madeAt = workflow::formatLocalMinute(store->workingCalendar(), now);
        const auto document =
            name == "throughput"   ? throughputReport(throughputFigures(*store, scope), scope, madeAt)
            : name == "efficiency" ? efficiencyReport(efficiencyFigures(*store, scope), scope, madeAt)
            : name == "warnings"
                ? warningsReport(warningFigures(*store, scope, warningInstant(scope, now, store->workingCalendar())), scope, madeAt)
                : periodSummary(periodFigures(*store, scope), scope, madeAt);
        err << "tongban-report: writing " << target.string() << "\n";
        std::expected<void, RenderError> written;
        if (format == "pdf")
            written = renderPdf(document, target.string());
        else if (format == "xlsx")
            written = renderXlsx(document, target.string());
        else
            written = writeText(format == "html" ? renderHtml(document) : renderCsv(document), target.string());
        if (!written) {
            err << "tongban-report: " << written.error().message << "\n";
            return kUsage;
        }
        return kOk;
    } catch (const workflow::store::StoreError& error) {
        err << "tongban-report: " << error.what() << "\n";
        return 1;
    }
}

} // namespace tongban::reports::cli
