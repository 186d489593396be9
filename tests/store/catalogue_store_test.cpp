// The catalogue, electronic licences, material files and intake records in
// the store, on SQLite and on PostgreSQL.
#include "tests/support/backends.h"

#include "forms/catalogue/catalogue.h"
#include "forms/intake/intake.h"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <iostream>

using namespace tongban;
using namespace tongban::workflow;
using namespace tongban::store;
using namespace tongban::testing;
using namespace std::chrono;

namespace {

using Backends = boost::mpl::list<SqliteBackend, PostgresBackend>;

const Actor kAdmin{"admin", "政务服务中心"};
const Instant kAt = Instant{sys_days{2026y / November / 2}} + hours{1};


forms::ElectronicLicence licence(std::string holder, std::string type, std::string number)
{
    return {std::move(holder), std::move(type), std::move(number), "南京市公安局", sys_days{2020y / May / 1},
            sys_days{2040y / May / 1}, forms::TrustLevel::A, {{"applicant.name", "赵敏"}}};
}

} // namespace

BOOST_AUTO_TEST_SUITE(CatalogueStore)

BOOST_AUTO_TEST_CASE_TEMPLATE(TheCatalogueIsSavedWithItsProcesses, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    auto store = Store::open(backend.location());
    for (const auto document : forms::demoCatalogueDocuments())
        BOOST_TEST_REQUIRE(store->saveOneThing(std::string(document), kAdmin, kAt).has_value());
    // Saving again changes nothing and refuses nothing.
    BOOST_TEST(store->saveOneThing(std::string(forms::demoCatalogueDocuments()[3]), kAdmin, kAt).has_value());
    const auto entries = store->oneThings();
    BOOST_REQUIRE_EQUAL(entries.size(), 4u);
    BOOST_TEST(entries[0].key == "enterprise-opening");
    BOOST_TEST(entries[0].leadDepartment == "市场监管局");
    BOOST_TEST(entries[2].name == "开办餐饮店");
    BOOST_TEST(entries[2].document == std::string(forms::demoCatalogueDocuments()[1]));
    BOOST_TEST(store->definition("newborn", 1) != nullptr);

    const auto refused = store->saveOneThing(R"({"format": "tongban.onething/1", "key": "x"})", kAdmin, kAt);
    BOOST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message == "the one thing does not read: name: missing; expected a string");
    BOOST_TEST(store->oneThings().size() == 4u);
    BOOST_TEST(store->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(LicencesAreFoundByTheirHolders, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    auto store = Store::open(backend.location());
    store->saveLicence(licence("320104199203152642", "居民身份证", "320104199203152642"), kAdmin, kAt);
    store->saveLicence(licence("320104199203152642", "结婚证", "J320104-2019-004512"), kAdmin, kAt);
    store->saveLicence(licence("320104199007082317", "居民身份证", "320104199007082317"), kAdmin, kAt);
    auto renewed = licence("320104199203152642", "结婚证", "J320104-2019-004512");
    renewed.trust = forms::TrustLevel::B;
    store->saveLicence(renewed, kAdmin, kAt);

    const auto hers = store->licencesOf({"320104199203152642"});
    BOOST_REQUIRE_EQUAL(hers.size(), 2u);
    BOOST_TEST(hers[1].type == "结婚证");
    BOOST_TEST((hers[1].trust == forms::TrustLevel::B));
    BOOST_TEST((hers[0].validUntil == std::optional<sys_days>(sys_days{2040y / May / 1})));
    BOOST_TEST(hers[0].data.front().second == "赵敏");
    BOOST_TEST(store->licencesOf({"320104199203152642", "320104199007082317"}).size() == 3u);
    BOOST_TEST(store->licencesOf({"91320100MA1XXXXX0A"}).empty());
    BOOST_CHECK_THROW(store->saveLicence(licence("", "居民身份证", "1"), kAdmin, kAt), StoreError);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(MaterialFilesAreStoredOnceByTheirDigest, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    auto store = Store::open(backend.location());
    std::string content = "%PDF-1.7\n";
    for (int i = 0; i < 256; ++i)
        content += static_cast<char>(i);  // every byte value, NUL included
    const auto stored = store->storeFile(content, "application/pdf");
    BOOST_TEST(stored.sha256 == forms::sha256Hex(content));
    BOOST_TEST(stored.size == content.size());
    BOOST_TEST(store->storeFile(content, "application/pdf").sha256 == stored.sha256);
    BOOST_TEST(store->fileContent(stored.sha256).value_or("") == content);
    BOOST_TEST(!store->fileContent(std::string(64, '0')).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ACaseKeepsItsIntakeRecord, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    auto store = Store::open(backend.location());
    BOOST_TEST_REQUIRE(store->saveOneThing(std::string(forms::demoCatalogueDocuments()[2]), kAdmin, kAt).has_value());
    const std::string record = R"({"format": "tongban.application/1", "oneThing": "newborn"})";
    CaseData data{{"situation.apply_social_card", true}};
    const auto created = store->createCase({"newborn", 0, "320104", "窗口", {"赵敏", "320104199203152642"}, data,
                                            kAdmin, kAt, record});
    BOOST_REQUIRE(created.has_value());
    BOOST_TEST(store->applicationOf(created->caseNumber).value_or("") == record);
    const auto without = store->createCase({"newborn", 0, "320104", "窗口", {"赵敏", "320104199203152642"}, data,
                                            kAdmin, kAt, {}});
    BOOST_REQUIRE(without.has_value());
    BOOST_TEST(!store->applicationOf(without->caseNumber).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(InboxCountsAgreeWithTheInbox, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    auto store = Store::open(backend.location());
    BOOST_TEST_REQUIRE(store->saveOneThing(std::string(forms::demoCatalogueDocuments()[3]), kAdmin, kAt).has_value());
    const CaseData data{{"situation.has_housing_fund", false}, {"situation.retirement_kind", std::string("正常退休")}};
    const Actor clerk{"clerk01", "政务服务中心"};
    const Actor officer{"hrss01", "人力资源和社会保障局"};
    std::vector<std::string> numbers;
    for (const auto accepted : {kAt, kAt + days{7}, kAt + days{8}})
        numbers.push_back(store->createCase({"retirement", 0, "320102", "窗口", {"陈建国", "320113196208053451"}, data,
                                             clerk, accepted, {}})
                              ->caseNumber);
    const auto first = store->tasksOfCase(numbers[0]).front().task;
    BOOST_TEST_REQUIRE(store->execute(numbers[0], Command{ClaimTask{first}, officer, kAt + days{8}}).has_value());
    // Tuesday 10 November 09:00: the first is overdue; the others fall due after the next seven hours.
    const Instant now = kAt + days{8};
    const auto counts = store->inboxCounts("人力资源和社会保障局", "hrss01", now, now + hours{7});
    BOOST_TEST(counts.all == 3);
    BOOST_TEST(counts.waiting == 2);
    BOOST_TEST(counts.claimed == 1);
    BOOST_TEST(counts.mine == 1);
    BOOST_TEST(counts.overdue == 1);
    BOOST_TEST(counts.dueSoon == 0);
    BOOST_TEST(store->inboxCounts("人力资源和社会保障局", "hrss02", now, now + days{30}).dueSoon == 2);
    BOOST_TEST(store->inboxCounts("税务局", "tax01", now, now).all == 0);
}

BOOST_AUTO_TEST_SUITE_END()
