// The acceptance notice of a case: its facts, its materials, and a QR code
// that carries its number, in the PDF the window prints.
#include "reports/catalogue/case_documents.h"
#include "reports/render/renderers.h"
#include "server/admin/demo_seeder.h"
#include "tests/reports/run_program.h"
#include "tests/store/backends.h"


#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace tongban;
using namespace tongban::reports;

BOOST_AUTO_TEST_SUITE(CaseDocuments)

BOOST_AUTO_TEST_CASE(TheAcceptanceNoticeStatesTheCaseAndCarriesItsNumberInAQrCode)
{
    workflow::testing::SqliteBackend backend;
    const auto store = workflow::store::Store::open(backend.location());
    server::SeedOptions options;
    options.cases = 5;
    server::seedDemo(*store, options);
    const auto number = std::get<std::string>(store->reportQuery("SELECT number FROM cases ORDER BY id", {}).front()[0]);
    const auto notice = acceptanceNotice(*store, number, "2026-11-30 10:00");
    BOOST_TEST_REQUIRE(notice.has_value());
    BOOST_TEST(notice->title == "受理通知书");
    BOOST_TEST(notice->parameters.front().second == number);
    BOOST_TEST(acceptanceNotice(*store, "320100-20990101-000001", "").error() == "there is no case 320100-20990101-000001");

    const auto modules = qrModules(number);
    BOOST_TEST(modules.size() >= 21u);  // version 1 or larger: 21 modules a side and up
    BOOST_TEST(modules.size() == modules.front().size());
    BOOST_TEST(modules[0][0]);  // a finder pattern's dark corner
    BOOST_TEST(qrModules(std::string(8000, 'x')).empty());  // more than any QR code holds

    const auto html = renderHtml(*notice);
    BOOST_TEST(html.find("aria-label=\"" + number + "\"") != std::string::npos);
    std::size_t squares = 0;
    for (auto at = html.find("<rect x="); at != std::string::npos; at = html.find("<rect x=", at + 1))
        ++squares;
    BOOST_TEST(squares > 150u);  // about half of a 25 × 25 symbol's modules are dark

    const auto pdf = (std::filesystem::path(backend.location()).parent_path() / "notice.pdf").string();
    BOOST_TEST_REQUIRE(renderPdf(*notice, pdf).has_value());
    const auto text = testing::runProgram("/usr/bin/pdftotext", {pdf, "-"});
    BOOST_TEST(text.find("受理通知书") != std::string::npos);
    BOOST_TEST(text.find(number) != std::string::npos);
    BOOST_TEST(text.find("扫描二维码或凭办件编号查询办理进度") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
