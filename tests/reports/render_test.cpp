// Every format of a report: the figures and Chinese text come out where
// readers look for them, tables break across PDF pages with their header
// again, and a file that cannot be written is an error, not half a file.
#include "reports/render/renderers.h"
#include "tests/reports/run_program.h"

#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tongban::reports;
using tongban::testing::runProgram;

namespace {

ReportDocument sample(std::size_t rows)
{
    ReportDocument report;
    report.title = "办件情况汇总（2026年11月）";
    report.parameters = {{"统计期间", "2026-11-01 至 2026-11-30"}, {"部门", "全部"}};
    report.madeAt = "2026-11-30 17:30";
    report.definitions = {"按时办结率 = 在承诺时限内办结的件数 ÷ 办结件数"};
    Section summary{"总体情况", {}};
    summary.blocks.emplace_back(Paragraph{"本期共受理 1,234 件，其中 1,180 件已办结。"});
    Table table{"按一件事统计", {"一件事", "受理", "办结", "按时办结率"}, {}};
    for (std::size_t i = 0; i < rows; ++i)
        table.rows.push_back({Cell::of(i == 0 ? "开办餐饮店, 含烟草" : "事项" + std::to_string(i + 1)),
                              Cell::count(static_cast<std::int64_t>(100 + i)), Cell::count(static_cast<std::int64_t>(90 + i)),
                              Cell::share(0.953)});
    summary.blocks.emplace_back(std::move(table));
    summary.blocks.emplace_back(Chart{Chart::Kind::Bar, "各部门办结量", {"市场监管局", "税务局", "公安局"},
                                      {{"办结", {120, 80, 45}}, {"逾期", {3, 1, 0}}}, "件"});
    summary.blocks.emplace_back(Chart{Chart::Kind::Pie, "受理渠道", {"窗口", "网上", "自助终端"}, {{"件数", {600, 500, 134}}}, ""});
    summary.blocks.emplace_back(Chart{Chart::Kind::Histogram, "办理时长分布", {"0", "1", "2", "3", "4"},
                                      {{"件数", {12, 340, 520, 210, 98}}}, "件"});
    report.sections.push_back(std::move(summary));
    return report;
}

struct Folder {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("tongban-reports-" + std::to_string(::getpid()));
    Folder() { std::filesystem::create_directories(path); }
    ~Folder() { std::filesystem::remove_all(path); }
};

std::string entry(const std::filesystem::path& zip, const std::string& name)
{
    std::ifstream in(zip, std::ios::binary);
    Poco::Zip::ZipArchive archive(in);
    const auto found = archive.findHeader(name);
    BOOST_TEST_REQUIRE((found != archive.headerEnd()), name << " is in the workbook");
    in.clear();
    Poco::Zip::ZipInputStream stream(in, found->second);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    return text;
}

std::size_t count(const std::string& text, const std::string& part)
{
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(Rendering)

BOOST_AUTO_TEST_CASE(CsvHasAByteOrderMarkAndQuotesWhatNeedsIt)
{
    const auto csv = renderCsv(sample(3));
    BOOST_TEST(csv.starts_with("\xEF\xBB\xBF办件情况汇总（2026年11月）\r\n"));
    BOOST_TEST(csv.find("一件事,受理,办结,按时办结率\r\n") != std::string::npos);
    BOOST_TEST(csv.find("\"开办餐饮店, 含烟草\",100,90,0.953\r\n") != std::string::npos);
    BOOST_TEST(csv.find("统计期间,2026-11-01 至 2026-11-30\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(HtmlIsOnePageWithInlineSvgAndNoScript)
{
    auto report = sample(2);
    report.parameters.emplace_back("备注", "<b>不是标记</b>");
    const auto html = renderHtml(report);
    BOOST_TEST(html.starts_with("<!DOCTYPE html>"));
    BOOST_TEST(count(html, "<svg ") == 3u);
    BOOST_TEST(html.find("<script") == std::string::npos);
    BOOST_TEST(html.find("&lt;b&gt;不是标记&lt;/b&gt;") != std::string::npos);
    BOOST_TEST(html.find("<td class=\"n\">95.3%</td>") != std::string::npos);
    BOOST_TEST(html.find("<path d=\"M") != std::string::npos);  // the pie's slices
}

BOOST_AUTO_TEST_CASE(XlsxHasASheetPerTableWithFormatsAFrozenHeaderAndNativeCharts)
{
    Folder folder;
    const auto path = folder.path / "summary.xlsx";
    const auto written = renderXlsx(sample(5), path.string());
    BOOST_TEST_REQUIRE(written.has_value(), (written ? std::string() : written.error().message));
    const auto workbook = entry(path, "xl/workbook.xml");
    BOOST_TEST(workbook.find("name=\"概览\"") != std::string::npos);
    BOOST_TEST(workbook.find("name=\"按一件事统计\"") != std::string::npos);
    const auto strings = entry(path, "xl/sharedStrings.xml");
    BOOST_TEST(strings.find("开办餐饮店, 含烟草") != std::string::npos);
    const auto table = entry(path, "xl/worksheets/sheet2.xml");
    BOOST_TEST(table.find("state=\"frozen\"") != std::string::npos);
    BOOST_TEST(table.find("<v>100</v>") != std::string::npos);
    BOOST_TEST(table.find("<v>0.953</v>") != std::string::npos);
    BOOST_TEST(entry(path, "xl/styles.xml").find("0.0%") != std::string::npos);
    BOOST_TEST(entry(path, "xl/charts/chart1.xml").find("<c:barChart>") != std::string::npos);
    BOOST_TEST(entry(path, "xl/charts/chart2.xml").find("<c:pieChart>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(PdfIsA4WithChineseTextPageNumbersAndTheTableHeaderOnEveryPage)
{
    Folder folder;
    const auto path = folder.path / "summary.pdf";
    const auto written = renderPdf(sample(120), path.string());
    BOOST_TEST_REQUIRE(written.has_value(), (written ? std::string() : written.error().message));
    const auto info = runProgram("/usr/bin/pdfinfo", {path.string()});
    BOOST_TEST(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
    BOOST_TEST(runProgram("/usr/bin/pdffonts", {path.string()}).find("NotoSansCJK") != std::string::npos);
    const auto text = runProgram("/usr/bin/pdftotext", {"-layout", path.string(), "-"});
    BOOST_TEST(text.find("办件情况汇总（2026年11月）") != std::string::npos);
    BOOST_TEST(text.find("本期共受理 1,234 件") != std::string::npos);
    BOOST_TEST(text.find("95.3%") != std::string::npos);
    BOOST_TEST(text.find("按时办结率 = 在承诺时限内办结的件数") != std::string::npos);
    const auto pages = count(text, "\f");
    BOOST_TEST_REQUIRE(pages >= 3u);
    // pdftotext drops the thin spaces around the numbers of the footer.
    std::string compact = text;
    std::erase(compact, ' ');
    BOOST_TEST(compact.find("第1页/共" + std::to_string(pages) + "页") != std::string::npos);
    BOOST_TEST(compact.find("第" + std::to_string(pages) + "页/共" + std::to_string(pages) + "页") != std::string::npos);
    const auto second = runProgram("/usr/bin/pdftotext", {"-f", "2", "-l", "2", "-layout", path.string(), "-"});
    BOOST_TEST(second.find("一件事") != std::string::npos);  // the header again
    BOOST_TEST(second.find("按时办结率") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(APagePreviewIsThePdfPageInPixels)
{
    const auto report = sample(120);
    const auto first = renderPagePreview(report, 1, 400);
    BOOST_TEST(first.pages >= 3);
    BOOST_TEST(first.width == 400);
    BOOST_TEST(first.height == 566);  // A4's proportions
    BOOST_TEST_REQUIRE(first.rgb.size() == 400u * 566u * 3u);
    const auto dark = std::ranges::count_if(first.rgb, [](std::uint8_t value) { return value < 100; });
    BOOST_TEST(dark > 2000);  // the title, the text and the charts are drawn
    const auto second = renderPagePreview(report, 2, 400);
    BOOST_TEST(second.rgb != first.rgb);
    BOOST_TEST(renderPagePreview(report, 99, 400).rgb == renderPagePreview(report, first.pages, 400).rgb);
}

BOOST_AUTO_TEST_CASE(AnEmptyPeriodRendersAndAnUnwritablePathIsAnError)
{
    Folder folder;
    ReportDocument empty;
    empty.title = "空报表";
    empty.sections.push_back({"总体情况", {Paragraph{"本期没有办件。"}, Table{"明细", {"一件事", "受理"}, {}},
                                           Chart{Chart::Kind::Bar, "空图", {}, {}, ""}}});
    BOOST_TEST(renderPdf(empty, (folder.path / "empty.pdf").string()).has_value());
    BOOST_TEST(renderXlsx(empty, (folder.path / "empty.xlsx").string()).has_value());
    BOOST_TEST(renderHtml(empty).find("本期没有办件。") != std::string::npos);
    const auto nowhere = (folder.path / "missing" / "report.pdf").string();
    const auto refused = renderPdf(sample(1), nowhere);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.starts_with("cannot"));
    BOOST_TEST(!renderXlsx(sample(1), (folder.path / "missing" / "report.xlsx").string()).has_value());
    BOOST_TEST(!std::filesystem::exists(folder.path / "missing"));
}

BOOST_AUTO_TEST_SUITE_END()
