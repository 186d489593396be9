// Verbs of tongban-workflow.
#include "workflow/tool/workflow_cli.h"

#include "workflow/analysis/validator.h"
#include "workflow/bpmn/bpmn.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/calendar/icalendar.h"
#include "workflow/model/definition_diff.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/executable_process.h"
#include "workflow/simulation/simulation.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace tongban::workflow::cli {

namespace {

constexpr const char* kUsageText =
    "usage: tongban-workflow [--lang zh_CN|en] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  validate FILE        print every finding about a process definition\n"
    "  simulate FILE [--cases N] [--per-day R] [--staff N] [--seed S]\n"
    "                       run synthetic cases through a process: throughput, lead\n"
    "                       times in working days, the steps where work waits, and\n"
    "                       how many cases did not finish and why\n"
    "  diff OLD NEW         print what changed between two versions of a definition\n"
    "  convert IN OUT       convert between a definition's JSON (.json) and BPMN 2.0\n"
    "                       (.bpmn), by extension; prints what BPMN could not carry\n"
    "  critical-path FILE   print the longest chain of time limits and its working days\n"
    "  calendar days --from YYYY-MM-DD --to YYYY-MM-DD [--calendar FILE]\n"
    "                       print each date with W (working day) or H (not)\n"
    "  calendar add --start \"YYYY-MM-DD HH:MM\" (--working-days N | --natural-days N | --working-hours N)\n"
    "               [--calendar FILE]\n"
    "                       print the instant a limit starting then ends\n"
    "\n"
    "Definitions are tongban.process/1 JSON, or BPMN 2.0 XML (.bpmn, .xml).\n"
    "Calendars are tongban.calendar/1 JSON or iCalendar (.ics) files; without\n"
    "--calendar the shipped national schedules are used.\n"
    "\n"
    "options:\n"
    "  --lang zh_CN|en      language of messages (default: from LANG, else Chinese)\n"
    "  --help               show this help\n"
    "  --version            show the version\n"
    "\n"
    "exit status: 0 fine, 1 the definition has errors, 2 bad usage or unreadable file\n";

struct Loaded {
    LoadedDefinition loaded;
    bool ok = false;
};

bool isBpmn(const std::string& path)
{
    const auto extension = std::filesystem::path(path).extension().string();
    return extension == ".bpmn" || extension == ".xml";
}

Loaded load(const std::string& path, std::ostream& err)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << "tongban-workflow: cannot read " << path << "\n";
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (isBpmn(path)) {
        auto imported = bpmn::readBpmn(text.str());
        if (!imported) {
            const auto& error = imported.error();
            err << "tongban-workflow: " << path << ":" << error.line << ":" << error.column << ": " << error.message << "\n";
            return {};
        }
        return {{std::move(imported->definition), std::move(imported->diagnostics)}, true};
    }
    auto loaded = readDefinition(text.str());
    if (!loaded) {
        err << "tongban-workflow: " << path << ": " << loaded.error().describe() << "\n";
        return {};
    }
    return {std::move(*loaded), true};
}

std::string formatDays(double value)
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

/// Writes beside OUT and renames, so that OUT is whole or untouched.
int convertCommand(const std::string& from, const std::string& to, bool chinese, std::ostream& out, std::ostream& err)
{
    const auto extension = std::filesystem::path(to).extension().string();
    if (extension != ".json" && !isBpmn(to)) {
        err << "tongban-workflow: " << to << ": the output needs the extension .json, .bpmn or .xml\n";
        return kUsage;
    }
    auto [loaded, ok] = load(from, err);
    if (!ok)
        return kUsage;
    for (const auto& diagnostic : loaded.diagnostics)
        out << formatDiagnostic(diagnostic, chinese) << "\n";
    const auto text = isBpmn(to) ? bpmn::writeBpmn(loaded.definition) : writeDefinition(loaded.definition);
    const auto partial = to + ".partial";
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file << text;
        if (!file.flush()) {
            err << "tongban-workflow: cannot write " << to << "\n";
            std::filesystem::remove(partial);
            return kUsage;
        }
    }
    std::error_code error;
    std::filesystem::rename(partial, to, error);
    if (error) {
        err << "tongban-workflow: cannot write " << to << ": " << error.message() << "\n";
        std::filesystem::remove(partial, error);
        return kUsage;
    }
    return kOk;
}

/// A whole number option within bounds, or the fallback when absent.
std::optional<double> numberOption(const std::map<std::string, std::string>& options, const std::string& name,
                                   double fallback, double lowest, double highest, std::ostream& err)
{
    const auto found = options.find(name);
    if (found == options.end())
        return fallback;
    double value = 0;
    const auto& text = found->second;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < lowest || value > highest) {
        err << "tongban-workflow: " << name << " needs a number from " << lowest << " to " << highest << ", not '" << text
            << "'\n";
        return std::nullopt;
    }
    return value;
}

int simulateCommand(const std::string& path, const std::map<std::string, std::string>& options, bool chinese,
                    std::ostream& out, std::ostream& err)
{
    auto [loaded, ok] = load(path, err);
    if (!ok)
        return kUsage;
    auto process = ExecutableProcess::compile(loaded.definition);
    if (!process) {
        err << "tongban-workflow: " << path << " does not validate; run validate for its findings\n";
        return kFinding;
    }
    SimulationSettings settings;
    const auto cases = numberOption(options, "--cases", 1000, 1, 1e6, err);
    const auto perDay = numberOption(options, "--per-day", 20, 0.01, 1e5, err);
    const auto staff = numberOption(options, "--staff", 2, 1, 1e4, err);
    const auto seed = numberOption(options, "--seed", 1, 0, 1e15, err);
    if (!cases || !perDay || !staff || !seed)
        return kUsage;
    settings.cases = static_cast<std::size_t>(*cases);
    settings.arrivalsPerDay = *perDay;
    settings.defaultStaff = static_cast<int>(*staff);
    settings.seed = static_cast<std::uint64_t>(*seed);
    const auto report = simulate(**process, settings);
    out << "cases: " << report.cases << "\n"
        << "finished: " << report.finished << "\n"
        << "unfinished: " << report.unfinished << "\n";
    for (const auto& why : report.unfinishedBy)
        out << "unfinished_reason: " << why.cases << " " << why.reason.in(chinese) << "\n";
    // Times and rates are of finished cases, and a step's figures of the steps worked: none is printed over nothing.
    if (report.finished > 0)
        out << "working_days: " << formatDays(report.workingDays) << "\n"
            << "throughput_per_day: " << formatDays(report.throughputPerDay) << "\n"
            << "lead_days_mean: " << formatDays(report.meanLeadDays) << "\n"
            << "lead_days_p50: " << formatDays(report.p50LeadDays) << "\n"
            << "lead_days_p90: " << formatDays(report.p90LeadDays) << "\n"
            << "lead_days_max: " << formatDays(report.maxLeadDays) << "\n";
    std::size_t printed = 0;
    for (const auto& step : report.bottlenecks) {
        if (printed == 5)
            break;
        if (step.done == 0)
            continue;
        out << "bottleneck_" << ++printed << ": " << step.node << " wait_hours=" << formatDays(step.meanWaitHours)
            << " utilisation=" << formatDays(step.utilisation) << "\n";
    }
    return kOk;
}

int diffCommand(const std::string& before, const std::string& after, bool chinese, std::ostream& out, std::ostream& err)
{
    auto [old, oldOk] = load(before, err);
    if (!oldOk)
        return kUsage;
    auto [changed, changedOk] = load(after, err);
    if (!changedOk)
        return kUsage;
    for (const auto& change : diffDefinitions(old.definition, changed.definition))
        out << describe(change, chinese) << "\n";
    return kOk;
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
    out << "working_days: " << formatDays(path_->workingDays) << "\n";
    if (loaded.definition.promisedLimit)
        out << "promised_working_days: " << formatDays(inWorkingDays(*loaded.definition.promisedLimit)) << "\n";
    return kOk;
}

using namespace std::chrono;

std::optional<Day> parseDay(const std::string& text)
{
    int y = 0;
    unsigned m = 0, d = 0;
    char dash1 = 0, dash2 = 0;
    std::istringstream in(text);
    if (text.size() != 10 || !(in >> y >> dash1 >> m >> dash2 >> d) || dash1 != '-' || dash2 != '-')
        return std::nullopt;
    const year_month_day date{year{y}, month{m}, day{d}};
    if (!date.ok() || y < 1990 || y > 2100)
        return std::nullopt;
    return sys_days{date};
}

std::optional<Calendar> loadCalendar(const std::map<std::string, std::string>& options, std::ostream& err)
{
    auto it = options.find("--calendar");
    if (it == options.end())
        return nationalCalendar();
    auto data = readCalendarFile(it->second);
    if (!data) {
        err << "tongban-workflow: " << data.error().message << "\n";
        return std::nullopt;
    }
    return Calendar(std::move(*data));
}

void warnAboutYearsWithoutData(const Calendar& calendar, Day from, Day to, std::ostream& err)
{
    for (int y = static_cast<int>(year_month_day{from}.year()); y <= static_cast<int>(year_month_day{to}.year()); ++y)
        if (!calendar.hasDataFor(y))
            err << "tongban-workflow: warning: the calendar has no published holidays for " << y
                << "; its weekdays count as working days\n";
}

int calendarCommand(const std::vector<std::string>& words, const std::map<std::string, std::string>& options,
                    std::ostream& out, std::ostream& err)
{
    auto need = [&](const std::string& option) -> const std::string* {
        auto it = options.find(option);
        if (it == options.end()) {
            err << "tongban-workflow: calendar " << words[1] << " needs " << option << "\n";
            return nullptr;
        }
        return &it->second;
    };
    if (words.size() != 2 || (words[1] != "days" && words[1] != "add")) {
        err << "tongban-workflow: calendar takes 'days' or 'add'\n";
        return kUsage;
    }
    const auto calendar = loadCalendar(options, err);
    if (!calendar)
        return kUsage;
    if (words[1] == "days") {
        const auto* fromText = need("--from");
        const auto* toText = need("--to");
        if (!fromText || !toText)
            return kUsage;
        const auto from = parseDay(*fromText), to = parseDay(*toText);
        if (!from || !to) {
            err << "tongban-workflow: dates are YYYY-MM-DD between 1990 and 2100, not '" << (from ? *toText : *fromText)
                << "'\n";
            return kUsage;
        }
        if (*to < *from) {
            err << "tongban-workflow: --to " << *toText << " is before --from " << *fromText << "\n";
            return kUsage;
        }
        warnAboutYearsWithoutData(*calendar, *from, *to, err);
        for (Day d = *from; d <= *to; d += days{1})
            out << formatDay(d) << (calendar->isWorkingDay(d) ? " W" : " H") << "\n";
        return kOk;
    }
    const auto* startText = need("--start");
    if (!startText)
        return kUsage;
    const auto day = parseDay(startText->substr(0, 10));
    int hour = -1, minute = -1;
    if (startText->size() == 16 && (*startText)[10] == ' ' && (*startText)[13] == ':') {
        hour = std::atoi(startText->substr(11, 2).c_str());
        minute = std::atoi(startText->substr(14, 2).c_str());
    }
    if (!day || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
        err << "tongban-workflow: --start takes \"YYYY-MM-DD HH:MM\", not '" << *startText << "'\n";
        return kUsage;
    }
    const int offset = calendar->data().utcOffsetMinutes;
    const Instant start = Instant{*day} + hours{hour} + minutes{minute} - minutes{offset};
    std::optional<Instant> due;
    for (const auto* unit : {"--working-days", "--natural-days", "--working-hours"}) {
        auto it = options.find(unit);
        if (it == options.end())
            continue;
        int amount = -1;
        try {
            std::size_t used = 0;
            amount = std::stoi(it->second, &used);
            if (used != it->second.size())
                amount = -1;
        } catch (const std::exception&) {
        }
        if (amount < 0 || amount > 3650) {
            err << "tongban-workflow: " << unit << " takes a whole number from 0 to 3650, not '" << it->second << "'\n";
            return kUsage;
        }
        const std::string_view u = unit;
        due = u == "--working-days"   ? calendar->addWorkingDays(start, amount)
              : u == "--natural-days" ? calendar->addNaturalDays(start, amount)
                                      : calendar->addWorkingHours(start, amount);
        break;
    }
    if (!due) {
        err << "tongban-workflow: calendar add needs --working-days, --natural-days or --working-hours\n";
        return kUsage;
    }
    warnAboutYearsWithoutData(*calendar, *day, calendar->localDay(*due), err);
    const auto local = *due + minutes{offset};
    const auto dueDay = floor<days>(local);
    const auto clock = duration_cast<minutes>(local - dueDay).count();
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(clock / 60 % 24), static_cast<int>(clock % 60));
    out << formatDay(dueDay) << " " << time << "\n";
    return kOk;
}

} // namespace

const ToolDescription kWorkflowTool{"tongban-workflow", kUsageText, TONGBAN_VERSION};

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    bool chinese = chineseFromEnvironment();
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    static const std::set<std::string> kValued{"--from", "--to", "--calendar", "--start", "--working-days",
                                               "--natural-days", "--working-hours", "--cases", "--per-day",
                                               "--staff", "--seed"};
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
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
        if (kValued.contains(arg)) {
            if (i + 1 >= args.size()) {
                err << "tongban-workflow: " << arg << " needs a value\n";
                return kUsage;
            }
            options[arg] = args[++i];
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
    if (command == "calendar")
        return calendarCommand(positional, options, out, err);
    if ((command == "validate" || command == "critical-path") && positional.size() != 2) {
        err << "tongban-workflow: " << command << " takes one FILE\n";
        return kUsage;
    }
    if (command == "validate")
        return validateCommand(positional[1], chinese, out, err);
    if (command == "simulate") {
        if (positional.size() != 2) {
            err << "tongban-workflow: simulate takes one FILE\n";
            return kUsage;
        }
        return simulateCommand(positional[1], options, chinese, out, err);
    }
    if (command == "diff") {
        if (positional.size() != 3) {
            err << "tongban-workflow: diff takes OLD and NEW\n";
            return kUsage;
        }
        return diffCommand(positional[1], positional[2], chinese, out, err);
    }
    if (command == "convert") {
        if (positional.size() != 3) {
            err << "tongban-workflow: convert takes IN and OUT\n";
            return kUsage;
        }
        return convertCommand(positional[1], positional[2], chinese, out, err);
    }
    if (command == "critical-path")
        return criticalPathCommand(positional[1], chinese, out, err);
    err << "tongban-workflow: unknown command '" << command << "'\n" << kUsageText;
    return kUsage;
}

} // namespace tongban::workflow::cli
