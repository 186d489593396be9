// tongban-workflow as users run it: output lines and exit codes.
#include "workflow/tool/workflow_cli.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/TemporaryFile.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace tongban::workflow;

namespace {

struct Result {
    int exitCode = 0;
    std::string out, err;
};

Result runTool(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int code = cli::runTool(cli::kWorkflowTool, args, out, err, cli::run);
    return {code, out.str(), err.str()};
}

std::string example(const std::string& name) { return std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/" + name; }

std::string writeTemporary(const Poco::TemporaryFile& file, const std::string& text)
{
    std::ofstream(file.path()) << text;
    return file.path();
}

} // namespace

BOOST_AUTO_TEST_SUITE(WorkflowTool)

BOOST_AUTO_TEST_CASE(ValidExampleExitsZeroAndPrintsNothing)
{
    auto result = runTool({"validate", example("reference-one-thing.json")});
    BOOST_TEST(result.exitCode == 0);
    BOOST_TEST(result.out.empty());
}

BOOST_AUTO_TEST_CASE(FindingsPrintOneALineAndExitOne)
{
    Poco::TemporaryFile file;
    const auto path = writeTemporary(file, R"({"format": "tongban.process/1", "key": "k",
      "nodes": [{"id": "start", "type": "start"}, {"id": "t", "type": "task"}, {"id": "end", "type": "end"}],
      "flows": [{"id": "f1", "from": "start", "to": "t"}, {"id": "f2", "from": "t", "to": "end"}]})");
    auto english = runTool({"--lang", "en", "validate", path});
    BOOST_TEST(english.exitCode == 1);
    BOOST_TEST(english.out ==
               "error t: task 't' names no department [task.department-missing]\n"
               "warning t: task 't' has no time limit [task.time-limit-missing]\n");
    auto chinese = runTool({"--lang", "zh_CN", "validate", path});
    BOOST_TEST(chinese.out.starts_with("error t: 环节 't' 未指定办理部门"));
}

BOOST_AUTO_TEST_CASE(UnreadableOrMalformedFilesExitTwoWithThePlace)
{
    auto missing = runTool({"validate", "/nonexistent/model.json"});
    BOOST_TEST(missing.exitCode == 2);
    BOOST_TEST(missing.err == "tongban-workflow: cannot read /nonexistent/model.json\n");
    Poco::TemporaryFile file;
    const auto path = writeTemporary(file, "{\n  \"format\": \"tongban.process/1\",\n  \"key\": [1,,2]\n}\n");
    auto malformed = runTool({"validate", path});
    BOOST_TEST(malformed.exitCode == 2);
    BOOST_TEST(malformed.err.find("line 3, column 13: invalid JSON") != std::string::npos, malformed.err);
}

BOOST_AUTO_TEST_CASE(ConvertGoesToBpmnAndBackAndValidateReadsBpmn)
{
    Poco::TemporaryFile folder;
    std::filesystem::create_directories(folder.path());
    const auto bpmn = folder.path() + "/restaurant.bpmn";
    const auto json = folder.path() + "/restaurant.json";
    const auto toBpmn = runTool({"convert", example("restaurant-opening.json"), bpmn});
    BOOST_TEST(toBpmn.exitCode == 0);
    BOOST_TEST(toBpmn.out.empty());
    BOOST_TEST(runTool({"validate", bpmn}).exitCode == 0);
    BOOST_TEST(runTool({"convert", bpmn, json}).exitCode == 0);
    BOOST_TEST(runTool({"validate", json}).exitCode == 0);
    BOOST_TEST(runTool({"critical-path", bpmn}).out == runTool({"critical-path", example("restaurant-opening.json")}).out);

    // What BPMN holds beyond the engine is printed; the conversion still happens.
    const auto corpus = std::string(TONGBAN_SOURCE_DIR) + "/tests/data/bpmn-corpus/miwg--Reference-C.9.1.bpmn";
    const auto imported = runTool({"--lang", "en", "convert", corpus, json});
    BOOST_TEST(imported.exitCode == 0);
    BOOST_TEST(imported.out.find("warning BoundaryEvent_1: boundary event 'BoundaryEvent_1' on 'ReceiveTask_WaitForDocument'") !=
               std::string::npos);

    // A refused input leaves the output as it was.
    const auto before = std::filesystem::file_size(json);
    const auto hostile = folder.path() + "/hostile.bpmn";
    std::ofstream(hostile) << "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>";
    const auto refused = runTool({"convert", hostile, json});
    BOOST_TEST(refused.exitCode == 2);
    BOOST_TEST(refused.err.find("DOCTYPE") != std::string::npos);
    BOOST_TEST(std::filesystem::file_size(json) == before);
    BOOST_TEST(runTool({"convert", bpmn, folder.path() + "/out.txt"}).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(CriticalPathPrintsNodesAndWorkingDays)
{
    auto result = runTool({"critical-path", example("restaurant-opening.json")});
    BOOST_TEST(result.exitCode == 0);
    BOOST_TEST(result.out ==
               "start -> accept -> licence-check -> permits -> tobacco -> permits-join -> issue -> end\n"
               "working_days: 8\n"
               "promised_working_days: 10\n");
}

BOOST_AUTO_TEST_CASE(BadUsageExitsTwo)
{
    BOOST_TEST(runTool({}).exitCode == 2);
    BOOST_TEST(runTool({"frobnicate"}).exitCode == 2);
    BOOST_TEST(runTool({"validate"}).exitCode == 2);
    BOOST_TEST(runTool({"--lang", "fr", "validate", "x"}).exitCode == 2);
    BOOST_TEST(runTool({"--bogus"}).exitCode == 2);
    BOOST_TEST(runTool({"--help"}).out.starts_with("usage: tongban-workflow"));
    BOOST_TEST(runTool({"--version"}).out == "tongban-workflow " TONGBAN_VERSION "\n");
}

BOOST_AUTO_TEST_CASE(EveryToolSharesHelpVersionAndOneLineErrors)
{
    const cli::ToolDescription tool{"tongban-test", "usage: tongban-test THING\n", "9.9"};
    std::vector<std::string> handed;
    const auto run = [&](const std::vector<std::string>& args, std::ostream&, std::ostream&) -> int {
        handed = args;
        if (args.front() == "throw")
            throw std::runtime_error("the database is gone");
        return cli::kFinding;
    };
    std::ostringstream out, err;
    BOOST_TEST(cli::runTool(tool, {"thing", "-h"}, out, err, run) == cli::kOk);
    BOOST_TEST(out.str() == "usage: tongban-test THING\n");
    out.str("");
    BOOST_TEST(cli::runTool(tool, {"--version"}, out, err, run) == cli::kOk);
    BOOST_TEST(out.str() == "tongban-test 9.9\n");
    BOOST_TEST(cli::runTool(tool, {}, out, err, run) == cli::kUsage);
    BOOST_TEST(err.str() == "usage: tongban-test THING\n");
    BOOST_TEST(handed.empty());
    BOOST_TEST(cli::runTool(tool, {"thing", "x"}, out, err, run) == cli::kFinding);
    BOOST_TEST((handed == std::vector<std::string>{"thing", "x"}));
    err.str("");
    BOOST_TEST(cli::runTool(tool, {"throw"}, out, err, run) == cli::kUsage);
    BOOST_TEST(err.str() == "tongban-test: the database is gone\n");
}

BOOST_AUTO_TEST_CASE(CalendarDaysMarksWorkingDaysAndHolidays)
{
    auto result = runTool({"calendar", "days", "--from", "2026-09-25", "--to", "2026-09-28"});
    BOOST_TEST(result.exitCode == 0);
    BOOST_TEST(result.out == "2026-09-25 H\n2026-09-26 H\n2026-09-27 H\n2026-09-28 W\n");
    BOOST_TEST(result.err.empty());
    auto unknownYear = runTool({"calendar", "days", "--from", "2027-01-04", "--to", "2027-01-04"});
    BOOST_TEST(unknownYear.out == "2027-01-04 W\n");
    BOOST_TEST(unknownYear.err == "tongban-workflow: warning: the calendar has no published holidays for 2027; its "
                                  "weekdays count as working days\n");
}

BOOST_AUTO_TEST_CASE(CalendarAddPrintsTheDueInstant)
{
    BOOST_TEST(runTool({"calendar", "add", "--start", "2026-02-13 10:00", "--working-days", "2"}).out == "2026-02-24 17:30\n");
    BOOST_TEST(runTool({"calendar", "add", "--start", "2026-04-03 17:45", "--working-days", "1"}).out == "2026-04-07 17:30\n");
    Poco::TemporaryFile file;
    const auto path = writeTemporary(file, R"({"format": "tongban.calendar/1", "weekdays": ["monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday"], "years": []})");
    BOOST_TEST(runTool({"calendar", "add", "--start", "2026-04-03 17:45", "--working-days", "1", "--calendar", path}).out ==
               "2026-04-04 17:30\n");  // a six-day week, no holidays
}

BOOST_AUTO_TEST_CASE(CalendarMistakesExitTwo)
{
    auto impossible = runTool({"calendar", "days", "--from", "2026-02-30", "--to", "2026-03-01"});
    BOOST_TEST(impossible.exitCode == 2);
    BOOST_TEST(impossible.err == "tongban-workflow: dates are YYYY-MM-DD between 1990 and 2100, not '2026-02-30'\n");
    BOOST_TEST(runTool({"calendar", "days", "--from", "2026-03-02", "--to", "2026-03-01"}).exitCode == 2);
    BOOST_TEST(runTool({"calendar", "add", "--start", "2026-04-03", "--working-days", "1"}).exitCode == 2);
    BOOST_TEST(runTool({"calendar", "add", "--start", "2026-04-03 09:00", "--working-days", "x"}).exitCode == 2);
    BOOST_TEST(runTool({"calendar", "add", "--start", "2026-04-03 09:00"}).exitCode == 2);
    BOOST_TEST(runTool({"calendar", "weeks"}).exitCode == 2);
    Poco::TemporaryFile file;
    const auto path = writeTemporary(file, R"({"format": "tongban.calendar/1", "years": [{"year": 2026, "workdays": [
      {"date": "2026-13-01"}]}]})");
    auto broken = runTool({"calendar", "days", "--from", "2026-01-01", "--to", "2026-01-02", "--calendar", path});
    BOOST_TEST(broken.exitCode == 2);
    BOOST_TEST(broken.err == "tongban-workflow: " + path +
                                 ": line 2, column 16: years[0].workdays[0].date: '2026-13-01' is not a date that exists\n");
}

BOOST_AUTO_TEST_CASE(TheInstalledProgramKeepsTheSameContract)
{
    Poco::Pipe outPipe;
    auto handle = Poco::Process::launch(TONGBAN_WORKFLOW_TOOL, {"--lang", "en", "critical-path", example("reference-one-thing.json")},
                                        nullptr, &outPipe, nullptr);
    Poco::PipeInputStream out(outPipe);
    std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    BOOST_TEST(handle.wait() == 0);
    BOOST_TEST(text.find("working_days: 4\n") != std::string::npos);

    Poco::Pipe errPipe;
    auto failing = Poco::Process::launch(TONGBAN_WORKFLOW_TOOL, {"validate", "/nonexistent"}, nullptr, nullptr, &errPipe);
    Poco::PipeInputStream err(errPipe);
    std::string message((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    BOOST_TEST(failing.wait() == 2);
    BOOST_TEST(message == "tongban-workflow: cannot read /nonexistent\n");
}

BOOST_AUTO_TEST_SUITE_END()
