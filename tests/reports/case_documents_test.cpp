// The documents of a case: the acceptance notice with its materials and a QR
// code that carries its number, the supplement notice with every material
// asked for, and the result notice with the working days the case took.
#include "reports/documents/case_documents.h"
#include "reports/render/renderers.h"
#include "services/seeding/demo_seeder.h"
#include "tests/reports/run_program.h"
#include "tests/reports/work_case.h"
#include "tests/support/backends.h"


#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace tongban;
using namespace tongban::reports;

BOOST_AUTO_TEST_SUITE(CaseDocuments)

BOOST_AUTO_TEST_CASE(TheAcceptanceNoticeStatesTheCaseAndCarriesItsNumberInAQrCode)
{
    testing::SqliteBackend backend;
    const auto store = store::Store::open(backend.location());
    services::SeedOptions options;
    options.cases = 5;
    services::seedDemo(*store, options);
    const auto number = std::get<std::string>(store->reportQuery("SELECT number FROM cases ORDER BY id", {}).front()[0]);
    const auto notice = acceptanceNotice(*store, number, "2026-11-30 10:00");
    BOOST_TEST_REQUIRE(notice.has_value());
    BOOST_TEST(notice->title == "受理通知书");
    BOOST_TEST(notice->parameters.front().second == number);
    const auto missing = acceptanceNotice(*store, "320100-20990101-000001", "");
    BOOST_TEST((missing.error().kind == CaseDocumentError::Kind::NoSuchCase));
    BOOST_TEST(missing.error().message == "there is no case 320100-20990101-000001");

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

BOOST_AUTO_TEST_CASE(SupplementAndResultNoticesFollowTheCase)
{
    using namespace std::chrono;
    testing::SqliteBackend backend;
    const auto store = store::Store::open(backend.location());
    services::SeedOptions options;
    options.cases = 40;
    services::seedDemo(*store, options);
    std::string number;
    for (const auto& row : store->reportQuery("SELECT number FROM cases WHERE status = 'running' ORDER BY id", {}))
        if (const auto state = store->caseState(std::get<std::string>(row[0])); !state->isPaused() && !state->marking.openTasks.empty())
            number = std::get<std::string>(row[0]);
    BOOST_TEST_REQUIRE(!number.empty());
    const auto kinds = [&] {
        std::vector<CaseDocumentKind> found;
        for (const auto& entry : caseDocuments(*store, number))
            found.push_back(entry.kind);
        return found;
    };
    BOOST_TEST((kinds() == std::vector<CaseDocumentKind>{CaseDocumentKind::Acceptance}));
    const auto noSupplement = supplementNotice(*store, number, "");
    BOOST_TEST((noSupplement.error().kind == CaseDocumentError::Kind::NotYet));
    BOOST_TEST(noSupplement.error().message == "case " + number + " has not been asked to supplement materials");
    BOOST_TEST(resultNotice(*store, number, "").error().message == "case " + number + " has not ended");

    const workflow::Actor officer{"market01", "市场监管局"};
    const auto started = *store->caseState(number)->startedAt;
    const auto asked = started + hours{30};
    const auto resumed = asked + hours{50};
    BOOST_TEST_REQUIRE(store->execute(number, {workflow::RequestSupplement{{"营业执照", "食品经营场所平面图"}, "平面图须标明面积"},
                                               officer, asked}).has_value());
    auto notice = supplementNotice(*store, number, "2026-11-30 10:00");
    BOOST_TEST_REQUIRE(notice.has_value());
    auto csv = renderCsv(*notice);
    BOOST_TEST(csv.find("1,营业执照") != std::string::npos);
    BOOST_TEST(csv.find("2,食品经营场所平面图") != std::string::npos);
    BOOST_TEST(csv.find("补正情况,待补正") != std::string::npos);
    BOOST_TEST(csv.find("告知部门,市场监管局") != std::string::npos);
    BOOST_TEST(renderHtml(*notice).find("补正要求：平面图须标明面积") != std::string::npos);
    BOOST_TEST((kinds() == std::vector<CaseDocumentKind>{CaseDocumentKind::Acceptance, CaseDocumentKind::Supplement}));

    BOOST_TEST_REQUIRE(store->execute(number, {workflow::ResumeCase{"已补正"}, officer, resumed}).has_value());
    const auto& calendar = store->workingCalendar();
    BOOST_TEST(renderCsv(*supplementNotice(*store, number, "")).find("补正情况,已于 " +
                                                                       workflow::formatLocalMinute(calendar, resumed) + " 补齐") !=
               std::string::npos);
    // Worked to its end, a step every working hour.
    auto at = resumed;
    while (testing::approveFirstOpenStep(*store, number, at + hours{1}))
        at += hours{1};
    BOOST_TEST((kinds().back() == CaseDocumentKind::Result));
    const auto result = caseDocument(*store, number, CaseDocumentKind::Result, "2026-11-30 10:00");
    BOOST_TEST_REQUIRE(result.has_value());
    // Office time before the supplement and after it, counted apart.
    const double days = static_cast<double>(calendar.officeMinutesBetween(started, asked) +
                                            calendar.officeMinutesBetween(resumed, at)) /
                        calendar.officeMinutesPerDay();
    std::ostringstream shown;
    shown.setf(std::ios::fixed);
    shown.precision(1);
    shown << days;
    csv = renderCsv(*result);
    BOOST_TEST(csv.find("办理结果,办结（准予）") != std::string::npos);
    BOOST_TEST(csv.find("办理用时（工作日，扣除补正和特别程序）," + shown.str()) != std::string::npos, shown.str());
    BOOST_TEST(csv.find("暂停次数,1") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
