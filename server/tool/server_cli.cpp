// Verbs of tongban-server.
#include "server/tool/server_cli.h"

#include "server/admin/demo_seeder.h"
#include "workflow/store/store.h"

#include <charconv>
#include <chrono>
#include <iostream>
#include <map>
#include <optional>

namespace tongban::server::cli {

namespace {

using workflow::store::Store;
using workflow::store::StoreError;

constexpr const char* kUsageText =
    "usage: tongban-server COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  migrate --db DB                      apply pending schema migrations, print the schema version\n"
    "  seed --db DB --cases N [--seed S]    fill DB with demo departments, users and N cases\n"
    "  audit verify --db DB                 walk the journal's hash chain\n"
    "\n"
    "DB is a SQLite file or a postgresql://user@host:port/database URL.\n"
    "\n"
    "options:\n"
    "  --help       show this help\n"
    "  --version    show the version\n"
    "\n"
    "exit status: 0 fine, 1 the journal is broken, 2 bad usage or a database that cannot be used\n";

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
        if (arg == "--help" || arg == "--version") {
            parsed.options[arg] = "";
            continue;
        }
        if (arg != "--db" && arg != "--cases" && arg != "--seed") {
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

int seedCommand(const Arguments& arguments, std::ostream& out, std::ostream& err)
{
    SeedOptions options;
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
    };
    auto store = Store::open(arguments.options.at("--db"));
    const auto report = seedDemo(*store, options);
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

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const auto arguments = parse(args, err);
    if (!arguments)
        return kUsage;
    if (arguments->options.count("--help")) {
        out << kUsageText;
        return kOk;
    }
    if (arguments->options.count("--version")) {
        out << "tongban-server " << TONGBAN_VERSION << "\n";
        return kOk;
    }
    const auto& words = arguments->words;
    if (words.empty()) {
        err << kUsageText;
        return kUsage;
    }
    const bool known = (words == std::vector<std::string>{"migrate"}) || (words == std::vector<std::string>{"seed"}) ||
                       (words == std::vector<std::string>{"audit", "verify"});
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
    const auto& db = arguments->options.at("--db");
    try {
        if (words.front() == "migrate")
            return migrateCommand(db, out);
        if (words.front() == "seed")
            return seedCommand(*arguments, out, err);
        return auditVerifyCommand(db, out, err);
    } catch (const StoreError& e) {
        err << "tongban-server: " << e.what() << "\n";
        return kUsage;
    } catch (const std::exception& e) {
        err << "tongban-server: " << e.what() << "\n";
        return kUsage;
    }
}

} // namespace tongban::server::cli
