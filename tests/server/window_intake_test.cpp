// The window's intake on a seeded workspace: review, refusal with every
// reason, acceptance with the intake record, on SQLite and on PostgreSQL.
#include "services/seeding/demo_seeder.h"
#include "services/intake/window_intake.h"

#include "tests/support/backends.h"
#include "workflow/json/json_document.h"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <iostream>

using namespace tongban;
using namespace tongban::testing;
using namespace std::chrono;

namespace {

using Backends = boost::mpl::list<SqliteBackend, PostgresBackend>;

const workflow::Actor kClerk{"clerk01", "政务服务中心"};
const workflow::Instant kAt = workflow::Instant{sys_days{2026y / November / 30}} + hours{2};  // 10:00 in Nanjing

/// 王小明 opens a noodle shop of 120 m² that sells tobacco, without an outdoor sign.
services::Application noodleShop()
{
    auto answers = workflow::json::parse(R"({
      "situation.venue_kind": "小吃店", "situation.floor_area": 120, "situation.outdoor_sign": false,
      "situation.sells_tobacco": true,
      "applicant.name": "王小明", "applicant.id_number": "320102198506151236", "applicant.mobile": "13912345678",
      "business.name": "南京市鼓楼区小明面馆", "business.credit_code": "92320106MA2B3C4D1R",
      "business.address": {"region": "320106", "detail": "中山北路8号"}, "business.legal_representative": "王小明",
      "food.items": ["热食类食品制售"], "food.safety_manager": "李红", "food.staff_health_certified": true,
      "fire.seats": 40, "fire.storeys": 1, "fire.fire_manager": "王小明", "tobacco.counter_area": 2.5})");
    return {"restaurant-opening", answers->extract<Poco::JSON::Object::Ptr>(), {}, {}, "320106", "窗口", kClerk, kAt};
}

Poco::JSON::Object::Ptr objectOf(const std::string& text)
{
    const auto parsed = workflow::json::parse(text);
    BOOST_REQUIRE(parsed.has_value());
    return parsed->extract<Poco::JSON::Object::Ptr>();
}

template <typename Backend>
struct SeededWorkspace {
    Backend backend;
    std::unique_ptr<store::Store> store = store::Store::open(backend.location());
    SeededWorkspace()
    {
        services::SeedOptions options;
        options.cases = 0;
        services::seedDemo(*store, options);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(WindowIntake)

BOOST_AUTO_TEST_CASE_TEMPLATE(RefusalNamesEveryReasonAndWritesNothing, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    SeededWorkspace<Backend> workspace;
    auto application = noodleShop();
    application.answers->set("applicant.mobile", std::string("1391234"));
    application.materials.push_back({"fire-plan", std::nullopt, "一周内补交"});
    const auto refused = services::acceptApplication(*workspace.store, application);
    BOOST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.en ==
               "cannot accept:\n"
               "applicant.mobile: a mobile number has 11 digits and starts with 13 to 19\n"
               "material 'Proof of the use of the premises' is a key material and is missing\n"
               "material 'Floor plan, equipment layout and process flow' is a key material and is missing\n"
               "material 'Food safety management rules' is missing; the applicant may promise in writing to supply it later\n"
               "material 'Fire safety commitment' is a key material and is missing\n"
               "material 'Fire safety rules and evacuation plan' is a key material and cannot be promised later");
    BOOST_TEST(workspace.store->caseCount() == 0u);

    // The licences in the workspace spare the business licence and the ID card.
    const auto review = services::reviewApplication(*workspace.store, application);
    BOOST_REQUIRE(review.has_value());
    BOOST_TEST(review->assessment.materials[0].exemptBy == "营业执照 92320106MA2B3C4D1R");
    BOOST_TEST(review->assessment.materials[1].exemptBy == "居民身份证 320102198506151236");
    BOOST_TEST(review->assessment.materials[2].noteEn.find("trust level C") != std::string::npos);

    const auto unknown = services::acceptApplication(*workspace.store, {"bakery", nullptr, {}, {}, "320106", "窗口", kClerk, kAt});
    BOOST_TEST(unknown.error().message.en == "the workspace has no one thing 'bakery'");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(AnAcceptedApplicationBecomesACaseWithItsRecord, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    SeededWorkspace<Backend> workspace;
    auto& store = *workspace.store;
    auto application = noodleShop();
    const std::string pdf = "%PDF-1.7\n% floor plan of 小明面馆\n";
    const auto plan = store.storeFile(pdf, "application/pdf");
    const forms::ProvidedFile file{plan.sha256, "平面图.pdf", plan.mediaType, plan.size};
    for (const auto* type : {"premises", "floor-plan", "fire-commitment", "fire-plan"})
        application.materials.push_back({type, file, {}});
    application.materials.push_back({"food-safety-rules", std::nullopt, "三个工作日内补交"});
    application.materials.push_back({"fire-plan", std::nullopt, "ignored: the file above counts"});

    const auto missingFile = [&] {
        auto copy = application;
        copy.materials[0].file->sha256 = std::string(64, 'a');
        return services::acceptApplication(store, copy);
    }();
    BOOST_TEST(missingFile.error().message.en.ends_with("the file 平面图.pdf (" + std::string(64, 'a') +
                                                       ") has not been uploaded to the workspace"));

    const auto accepted = services::acceptApplication(store, application);
    BOOST_REQUIRE_MESSAGE(accepted.has_value(), (accepted ? std::string() : accepted.error().message.en));
    const auto view = store.caseByNumber(accepted->caseNumber);
    BOOST_TEST(view->definitionKey == "restaurant-opening");
    BOOST_TEST(view->applicantIdentity == "92320106MA2B3C4D1R");
    BOOST_TEST(view->applicantName == "南京市鼓楼区小明面馆");
    BOOST_TEST(accepted->caseNumber.starts_with("320106-20261130-"));
    const auto state = store.caseState(accepted->caseNumber);
    BOOST_TEST(std::get<bool>(state->data.at("situation.sells_tobacco")));
    BOOST_TEST(std::get<double>(state->data.at("situation.floor_area")) == 120.0);

    const Poco::JSON::Object::Ptr root = objectOf(store.applicationOf(accepted->caseNumber).value_or("{}"));
    BOOST_TEST(root->getValue<std::string>("acceptedBy") == "clerk01");
    BOOST_TEST(root->getArray("matters")->size() == 4u);
    const Poco::JSON::Array::Ptr materials = root->getArray("materials");
    BOOST_TEST(materials->getObject(0)->getValue<std::string>("state") == "exempt");
    BOOST_TEST(materials->getObject(2)->getValue<std::string>("sha256") == plan.sha256);
    BOOST_TEST(materials->getObject(4)->getValue<std::string>("promise") == "三个工作日内补交");
    BOOST_TEST(root->getObject("answers")->getValue<std::string>("business.name") == "南京市鼓楼区小明面馆");
}

BOOST_AUTO_TEST_CASE(AWarningTheClerkOverridesIsRecordedWithItsReason)
{
    SeededWorkspace<SqliteBackend> workspace;
    auto& store = *workspace.store;
    auto application = noodleShop();
    // An early credit code whose check character fails legally.
    application.answers->set("business.credit_code", std::string("92320106MA2B3C4D1A"));
    const std::string pdf = "%PDF-1.4\n";
    const auto stored = store.storeFile(pdf, "application/pdf");
    for (const auto* type : {"business-licence", "premises", "floor-plan", "food-safety-rules", "fire-commitment", "fire-plan"})
        application.materials.push_back({type, forms::ProvidedFile{stored.sha256, "扫描件.pdf", stored.mediaType, stored.size}, {}});
    const auto warned = services::acceptApplication(store, application);
    BOOST_REQUIRE(!warned.has_value());
    BOOST_TEST(warned.error().message.zh.find("business.credit_code: 警告：统一社会信用代码校验未通过") != std::string::npos);

    application.overrides.push_back({"business.credit_code", "2015年换发的执照，经登记档案核实", "clerk01"});
    const auto accepted = services::acceptApplication(store, application);
    BOOST_REQUIRE_MESSAGE(accepted.has_value(), (accepted ? std::string() : accepted.error().message.en));
    const auto record = store.applicationOf(accepted->caseNumber).value_or("");
    BOOST_TEST(record.find(R"("reason":"2015年换发的执照，经登记档案核实","by":"clerk01")") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
