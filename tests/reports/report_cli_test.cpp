// tongban-report as scheduled runs use it: exit codes, the message on stderr,
// and the file written whole.
#include "reports/tool/report_cli.h"
#include "tests/support/backends.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tongban::reports;

namespace {

struct Result {
    int exitCode = 0;
    std::string out, err;
};

Result runTool(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int code = tongban::workflow::cli::runTool(cli::kReportTool, args, out, err, cli::run);
    return {code, out.str(), err.str()};
}

} // namespace

BOOST_AUTO_TEST_SUITE(ReportTool)

BOOST_AUTO_TEST_CASE(WritesTheSummaryAndRefusesWhatItCannotDo)
{
    tongban::testing::SqliteBackend backend;
    const auto folder = std::filesystem::path(backend.location()).parent_path();
    const auto out = (folder / "summary.csv").string();
    const std::vector<std::string> base{"--db", backend.location(), "--report", "summary", "--from", "2026-11-01",
                                        "--to", "2026-11-30", "--format", "csv", "--out"};
    auto args = base;
    args.push_back(out);
    const auto written = runTool(args);
    BOOST_TEST(written.exitCode == 0);
    BOOST_TEST(written.err.find("tongban-report: writing " + out) != std::string::npos);
    std::ifstream file(out);
    std::string first;
    std::getline(file, first);
    BOOST_TEST(first == "\xEF\xBB\xBF办件情况汇总\r");

    BOOST_TEST(runTool({"--list"}).out.starts_with("summary\t"));
    const auto unknown = runTool({"--db", "x.db", "--report", "weekly", "--from", "2026-11-01", "--to", "2026-11-30",
                                  "--format", "pdf", "--out", out});
    BOOST_TEST(unknown.exitCode == 2);
    BOOST_TEST(unknown.err == "tongban-report: there is no report 'weekly'; tongban-report --list names them\n");
    auto badDate = base;
    badDate[5] = "2026-02-30";
    badDate.push_back(out);
    BOOST_TEST(runTool(badDate).err == "tongban-report: --from is '2026-02-30', not a date YYYY-MM-DD\n");
    auto backwards = base;
    backwards[7] = "2026-10-01";
    backwards.push_back(out);
    BOOST_TEST(runTool(backwards).exitCode == 2);
    auto nowhere = base;
    nowhere.push_back((folder / "missing" / "summary.csv").string());
    const auto unwritable = runTool(nowhere);
    BOOST_TEST(unwritable.exitCode == 2);
    BOOST_TEST(unwritable.err.find("does not exist") != std::string::npos);
    BOOST_TEST(runTool({"--report"}).exitCode == 2);
}

BOOST_AUTO_TEST_SUITE_END()
