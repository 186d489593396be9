// Verbs of tongban-server.
#include "server/tool/server_cli.h"

#include "services/seeding/demo_seeder.h"
#include "server/auth/passwords.h"
#include "server/auth/sign_in.h"
#include "services/evaluation/evaluation_desk.h"
#include "workflow/calendar/calendar_json.h"
#include "workflow/runtime/case_state_json.h"
#include "store/store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace tongban::server::cli {

namespace {

using store::Store;

constexpr const char* kUsageText =
    "usage: tongban-server COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  migrate --db DB                      apply pending schema migrations, print the schema version\n"
    "  seed --db DB --cases N [--seed S]    fill DB with demo departments, users and N cases\n"
    "  audit verify --db DB                 walk the journal's hash chain\n"
    "  password --db DB --user LOGIN [--iterations N]\n"
    "                                       set a user's password for signing in to the sync service,\n"
    "                                       read from the first line of standard input\n"
    "  serve --config FILE [--daemon]       run the sync service (docs/server.md)\n"
    "  calendar save --db DB --name NAME --file FILE [--departments all|CODE,CODE...]\n"
    "                                       save a working-day calendar (tongban.calendar/1 JSON or .ics),\n"
    "                                       give it to the departments named, and print the open\n"
    "                                       deadlines that moved\n"
    "  evaluate --db DB --case NUMBER --level 1..5 --channel NAME [--department D] [--comment TEXT]\n"
    "           [--by LOGIN] [--at YYYY-MM-DDTHH:MM:SS+08:00]\n"
    "                                       record the applicant's evaluation of a case (of the matter,\n"
    "                                       or of department D's part); a 差评 prints the rectification\n"
    "                                       it opened. Channels: window online mobile kiosk hotline paper\n"
    "                                       (or 窗口 网上 移动端 自助终端 热线电话 纸质); hotline and paper\n"
    "                                       evaluations name the member of staff who entered them (--by)\n"
    "\n"
    "DB is a SQLite file or a postgresql://user@host:port/database URL.\n"
    "\n"
    "options:\n"
    "  --help       show this help\n"
    "  --version    show the version\n"
    "\n"
    "exit status: 0 fine, 1 the journal is broken or the evaluation refused, 2 bad usage or a database\n"
    "that cannot be used\n";

struct Arguments {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;
};

std::optional<Arguments> parse(const std::vector<std::string>& args, std::ostream& err)
{
    Arguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (!arg.starts_with("--")) {
            parsed.words.push_back(arg);
            continue;
        }
        static const std::set<std::string> kValued{"--db",      "--cases",   "--seed", "--case", "--level",
                                                   "--channel", "--department", "--comment", "--by", "--at",
                                                   "--user",    "--iterations", "--name", "--file", "--departments"};
        if (!kValued.contains(arg)) {
            err << "tongban-server: unknown option '" << arg << "'\n";
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            err << "tongban-server: " << arg << " needs a value\n";
            return std::nullopt;
        }
        parsed.options[arg] = args[++i];
    }
    return parsed;
}

std::optional<std::uint64_t> number(const std::string& text)
{
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

int migrateCommand(const std::string& db, std::ostream& out)
{
    auto store = Store::open(db);
    out << "schema_version: " << store->schemaVersion() << "\n";
    return kOk;
}

int passwordCommand(const Arguments& arguments, std::istream& in, std::ostream& out, std::ostream& err)
{
    if (!arguments.options.count("--user")) {
        err << "tongban-server: password needs --user LOGIN\n";
        return kUsage;
    }
    const auto iterations = arguments.options.count("--iterations") ? number(arguments.options.at("--iterations"))
                                                                     : std::optional<std::uint64_t>(kPasswordIterations);
    if (!iterations || *iterations < 1000 || *iterations > 100'000'000) {
        err << "tongban-server: --iterations is a whole number from 1000 to 100000000\n";
        return kUsage;
    }
    std::string password;
    std::getline(in, password);
    const auto& login = arguments.options.at("--user");
    auto store = Store::open(arguments.options.at("--db"));
    if (const auto set = setPassword(*store, login, password, static_cast<int>(*iterations)); !set) {
        err << "tongban-server: " << set.error().message << "\n";
        return kFinding;
    }
    out << "password set: " << login << "\n";
    return kOk;
}

int seedCommand(const Arguments& arguments, std::ostream& out, std::ostream& err)
{
    services::SeedOptions options;
    const auto cases = arguments.options.count("--cases") ? number(arguments.options.at("--cases")) : std::nullopt;
    if (!cases || *cases == 0) {
        err << "tongban-server: seed needs --cases N with N a positive whole number\n";
        return kUsage;
    }
    options.cases = *cases;
    if (arguments.options.count("--seed")) {
        const auto seed = number(arguments.options.at("--seed"));
        if (!seed) {
            err << "tongban-server: --seed needs a whole number, not '" << arguments.options.at("--seed") << "'\n";
            return kUsage;
        }
        options.seed = *seed;
    }
    const auto started = std::chrono::steady_clock::now();
    options.progress = [&](std::uint64_t done) {
        if (done % 10000 == 0 && done < options.cases)
            err << "tongban-server: seeded " << done << " of " << options.cases << " cases\n";
        return true;
    };
    auto store = Store::open(arguments.options.at("--db"));
    const auto report = services::seedDemo(*store, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << "cases: " << report.cases << "\n"
        << "commands: " << report.commands << "\n"
        << "open: " << report.open << "\n"
        << "completed_on_time: " << report.onTime << "\n"
        << "completed_late: " << report.late << "\n"
        << "not_granted: " << report.notGranted << "\n"
        << "withdrawn: " << report.withdrawn << "\n"
        << "returned_once: " << report.returned << "\n"
        << "seconds: " << static_cast<long long>(seconds * 1000) / 1000.0 << "\n";
    return kOk;
}

int auditVerifyCommand(const std::string& db, std::ostream& out, std::ostream& err)
{
    auto store = Store::open(db);
    const auto report = store->verifyJournal();
    if (!report.intact) {
        err << "tongban-server: journal broken at record " << report.firstBroken.value_or(0) << ": " << report.problem
            << "\n";
        out << "records_checked: " << report.records << "\n";
        return kFinding;
    }
    out << "records: " << report.records << "\n"
        << "head: " << report.headHash << "\n";
    return kOk;
}

int evaluateCommand(const Arguments& arguments, std::ostream& out, std::ostream& err)
{
    const auto option = [&](const char* name) {
        const auto at = arguments.options.find(name);
        return at == arguments.options.end() ? std::string() : at->second;
    };
    for (const auto* required : {"--case", "--level", "--channel"})
        if (option(required).empty()) {
            err << "tongban-server: evaluate needs " << required << "\n";
            return kUsage;
        }
    const auto levelNumber = number(option("--level"));
    const auto level = levelNumber ? workflow::evaluationLevelFromNumber(static_cast<int>(*levelNumber)) : std::nullopt;
    if (!level) {
        err << "tongban-server: --level is 1 (非常不满意) to 5 (非常满意), not '" << option("--level") << "'\n";
        return kUsage;
    }
    const auto channel = workflow::evaluationChannelFromString(option("--channel"));
    if (!channel) {
        err << "tongban-server: unknown channel '" << option("--channel")
            << "'; channels are window online mobile kiosk hotline paper\n";
        return kUsage;
    }
    auto at = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    if (!option("--at").empty()) {
        const auto parsed = workflow::parseInstant(option("--at"));
        if (!parsed) {
            err << "tongban-server: --at needs an instant such as 2026-11-30T10:00:00+08:00\n";
            return kUsage;
        }
        at = *parsed;
    }
    auto store = Store::open(option("--db"));
    const auto view = store->caseByNumber(option("--case"));
    if (!view) {
        err << "tongban-server: there is no case " << option("--case") << "\n";
        return kFinding;
    }
    workflow::Evaluation evaluation;
    evaluation.caseNumber = view->number;
    evaluation.object = option("--department").empty()
                            ? workflow::EvaluatedObject{workflow::EvaluatedKind::Matter, view->definitionKey}
                            : workflow::EvaluatedObject{workflow::EvaluatedKind::Department, option("--department")};
    evaluation.level = *level;
    evaluation.channel = *channel;
    evaluation.comment = option("--comment");
    evaluation.evaluator = {view->applicantName, view->applicantIdentity, {}, false};
    evaluation.enteredBy = option("--by");
    evaluation.at = at;
    const auto recorded = services::recordEvaluation(*store, evaluation, workflow::EvaluationSettings{});
    if (!recorded) {
        err << "tongban-server: " << recorded.error().message.en << "\n";
        return kFinding;
    }
    out << "evaluation: " << recorded->id << "\n";
    if (!recorded->rectificationCase.empty())
        out << "rectification: " << recorded->rectificationCase << "\n";
    return kOk;
}

/// Splits "a,b,c" into its non-empty parts.
std::vector<std::string> commaList(const std::string& text)
{
    std::vector<std::string> parts;
    std::string part;
    for (const char c : text + ",") {
        if (c != ',') {
            part += c;
            continue;
        }
        if (!part.empty())
            parts.push_back(part);
        part.clear();
    }
    return parts;
}

int calendarSaveCommand(const Arguments& arguments, std::ostream& out, std::ostream& err)
{
    for (const auto* required : {"--name", "--file"})
        if (!arguments.options.count(required)) {
            err << "tongban-server: calendar save needs " << required << "\n";
            return kUsage;
        }
    const auto& name = arguments.options.at("--name");
    const auto data = workflow::readCalendarFile(arguments.options.at("--file"));
    if (!data) {
        err << "tongban-server: " << data.error().message << "\n";
        return kUsage;
    }
    auto store = Store::open(arguments.options.at("--db"));
    const workflow::Actor administrator{"tongban-server", ""};
    const auto at = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    // Departments are checked before anything is written: a misspelt code changes nothing.
    std::vector<store::Department> chosen;
    if (arguments.options.count("--departments")) {
        const auto departments = store->departments();
        const auto& wanted = arguments.options.at("--departments");
        if (wanted == "all") {
            chosen = departments;
        } else {
            for (const auto& code : commaList(wanted)) {
                const auto found = std::ranges::find(departments, code, &store::Department::code);
                if (found == departments.end()) {
                    err << "tongban-server: there is no department " << code << "\n";
                    return kFinding;
                }
                chosen.push_back(*found);
            }
        }
    }
    auto moved = store->saveCalendar(name, *data, administrator, at);
    for (auto department : chosen) {
        department.calendar = name;
        store->saveDepartment(department, administrator, at);
    }
    // Saved again once the departments have it: their open deadlines follow it too.
    if (!chosen.empty())
        moved = store->saveCalendar(name, *data, administrator, at);
    out << "calendar saved: " << name << "\n";
    out << "departments using it: " << chosen.size() << "\n";
    out << "deadlines moved: " << moved.size() << "\n";
    for (const auto& change : moved)
        out << "  " << change.caseNumber << (change.task ? " #" + std::to_string(*change.task) : std::string(" (case)"))
            << ": " << workflow::formatInstant(change.before) << " -> " << workflow::formatInstant(change.after) << "\n";
    return kOk;
}

} // namespace

const workflow::cli::ToolDescription kServerTool{"tongban-server", kUsageText, TONGBAN_VERSION};

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err)
{
    const auto arguments = parse(args, err);
    if (!arguments)
        return kUsage;
    const auto& words = arguments->words;
    if (words.empty()) {
        err << kUsageText;
        return kUsage;
    }
    const bool known = (words == std::vector<std::string>{"migrate"}) || (words == std::vector<std::string>{"seed"}) ||
                       (words == std::vector<std::string>{"audit", "verify"}) ||
                       (words == std::vector<std::string>{"evaluate"}) ||
                       (words == std::vector<std::string>{"password"}) ||
                       (words == std::vector<std::string>{"calendar", "save"});
    if (!known) {
        std::string command;
        for (const auto& word : words)
            command += (command.empty() ? "" : " ") + word;
        err << "tongban-server: unknown command '" << command << "'\n" << kUsageText;
        return kUsage;
    }
    if (!arguments->options.count("--db")) {
        err << "tongban-server: " << words.front() << " needs --db DB\n";
        return kUsage;
    }
    // A database that cannot be used throws; runTool reports it and exits kUsage.
    const auto& db = arguments->options.at("--db");
    if (words.front() == "migrate")
        return migrateCommand(db, out);
    if (words.front() == "seed")
        return seedCommand(*arguments, out, err);
    if (words.front() == "evaluate")
        return evaluateCommand(*arguments, out, err);
    if (words.front() == "password")
        return passwordCommand(*arguments, in, out, err);
    if (words.front() == "calendar")
        return calendarSaveCommand(*arguments, out, err);
    return auditVerifyCommand(db, out, err);
}

} // namespace tongban::server::cli
