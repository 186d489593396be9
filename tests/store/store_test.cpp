// The store, the same suite on SQLite and on PostgreSQL.
#include "tests/support/backends.h"

#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"
#include "workflow/calendar/calendar_json.h"
#include "store/sql/schema.h"
#include "store/store.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <thread>
#include <iostream>
#include <sstream>

using namespace tongban::workflow;
using namespace tongban::store;
using namespace tongban::testing;

namespace {

using Backends = boost::mpl::list<SqliteBackend, PostgresBackend>;

const Actor kAdmin{"admin", "政务服务中心"};
const Actor kClerk{"clerk01", "政务服务中心"};

Instant local(const std::string& text)
{
    return *parseInstant(text.substr(0, 10) + "T" + text.substr(11) + ":00+08:00");
}

ProcessDefinition reference()
{
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/reference-one-thing.json");
    std::ostringstream text;
    text << in.rdbuf();
    return readDefinition(text.str())->definition;
}

/// The reference process counted in natural days: 12 promised, 3 for the acceptance step.
ProcessDefinition inNaturalDays()
{
    auto definition = reference();
    definition.key = "enterprise-opening-natural-days";
    definition.status = DefinitionStatus::Draft;
    definition.promisedLimit = TimeLimit{12, LimitUnit::NaturalDays};
    definition.node(*definition.findNode("accept")).timeLimit = TimeLimit{3, LimitUnit::NaturalDays};
    definition.status = DefinitionStatus::Published;
    return definition;
}


/// A store on a fresh database with the reference process published.
template <typename Backend>
struct Workspace {
    Backend backend;
    std::unique_ptr<Store> store = Store::open(backend.location());

    Workspace()
    {
        store->saveDepartment({"政务服务中心", "南京市政务服务中心", "320100"}, kAdmin, local("2026-11-01 09:00"));
        store->saveDepartment({"税务局", "南京市税务局", "320100"}, kAdmin, local("2026-11-01 09:00"));
        store->saveUser({"wang", "王芳", "税务局", Role::Officer}, kAdmin, local("2026-11-01 09:00"));
        BOOST_TEST_REQUIRE(store->publishDefinition(reference(), kAdmin, local("2026-11-01 09:00")).has_value());
    }

    std::string open(const std::string& at = "2026-11-30 10:00", const std::string& identity = "91320100MA1XXXXX0A")
    {
        auto created = store->createCase({"enterprise-opening-reference", 0, "320100", "窗口", {"南京通办餐饮有限公司", identity},
                                          {}, kClerk, local(at)});
        BOOST_TEST_REQUIRE(created.has_value(), (created ? "" : created.error().message));
        return created->caseNumber;
    }

    /// A case of the reference process counted in natural days, accepted on
    /// the Monday before National Day 2026.
    std::string openInNaturalDays()
    {
        BOOST_TEST_REQUIRE(store->publishDefinition(inNaturalDays(), kAdmin, local("2026-09-01 09:00")).has_value());
        auto created = store->createCase({"enterprise-opening-natural-days", 0, "320100", "窗口",
                                          {"南京通办餐饮有限公司", "91320100MA1XXXXX0A"}, {}, kClerk, local("2026-09-28 10:00")});
        BOOST_TEST_REQUIRE(created.has_value(), (created ? "" : created.error().message));
        return created->caseNumber;
    }

    TaskNumber taskAt(const std::string& number, const std::string& node)
    {
        const auto state = store->caseState(number);
        const auto process = store->definition("enterprise-opening-reference", 1);
        for (const auto& task : state->marking.openTasks)
            if (process->definition().nodes()[task.node].id == node)
                return task.number;
        BOOST_FAIL("no open task at " + node);
        return 0;
    }

    void complete(const std::string& number, const std::string& node, const Actor& actor, const std::string& at)
    {
        auto done = store->execute(number, Command{CompleteTask{taskAt(number, node), Outcome::Approve, {}, {}, {}},
                                                   actor, local(at)});
        BOOST_TEST_REQUIRE(done.has_value(), (done ? "" : done.error().message));
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(DurableStore)

BOOST_AUTO_TEST_CASE_TEMPLATE(OpensAnEmptyDatabaseAtTheLatestSchema, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    const int version = Store::open(backend.location())->schemaVersion();
    BOOST_TEST(version >= 1);
    BOOST_TEST(Store::open(backend.location())->schemaVersion() == version);  // reopening migrates nothing
}

BOOST_AUTO_TEST_CASE_TEMPLATE(RefusesADatabaseFromANewerTongban, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Backend backend;
    Store::open(backend.location());
    backend.tamper("UPDATE schema_info SET version = 99");
    try {
        Store::open(backend.location());
        BOOST_FAIL("a newer schema must be refused");
    } catch (const StoreError& e) {
        BOOST_TEST(std::string(e.what()).find("schema version 99, written by a newer Tongban") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ReferenceDataIsSavedAndJournaled, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    BOOST_TEST(w.store->departments().size() == 2u);
    w.store->saveUser({"wang", "王芳芳", "税务局", Role::Supervisor}, kAdmin, local("2026-11-02 09:00"));
    const auto users = w.store->users();
    BOOST_TEST_REQUIRE(users.size() == 1u);
    BOOST_TEST(users[0].name == "王芳芳");
    BOOST_TEST((users[0].role == Role::Supervisor));
    const auto report = w.store->verifyJournal();
    BOOST_TEST(report.intact);
    BOOST_TEST(report.records == 5u);  // 2 departments, 2 user saves, 1 definition
}

BOOST_AUTO_TEST_CASE_TEMPLATE(PublishedVersionsAreImmutableAndInvalidOnesRefused, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    BOOST_TEST(w.store->publishDefinition(reference(), kAdmin, local("2026-11-02 09:00")).has_value());  // same content
    auto changed = reference();
    changed.status = DefinitionStatus::Draft;
    changed.name = "企业开办（新）";
    auto refused = w.store->publishDefinition(changed, kAdmin, local("2026-11-02 09:00"));
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message ==
               "version 1 of enterprise-opening-reference is published and cannot change; publish it as version 2");
    changed.version = 2;
    BOOST_TEST(w.store->publishDefinition(changed, kAdmin, local("2026-11-02 09:00")).has_value());
    BOOST_TEST(w.store->definition("enterprise-opening-reference", 0)->definition().version == 2);

    auto invalid = changed;
    invalid.version = 3;
    invalid.removeNode(*invalid.findNode("join"));
    auto error = w.store->publishDefinition(invalid, kAdmin, local("2026-11-02 09:00"));
    BOOST_TEST_REQUIRE(!error.has_value());
    BOOST_TEST(error.error().message.find("does not validate") != std::string::npos);
    BOOST_TEST(!w.store->definition("enterprise-opening-reference", 3));
    std::vector<std::string> versions;
    for (const auto& published : w.store->definitionVersions())
        if (published.key == "enterprise-opening-reference")
            versions.push_back(std::to_string(published.version) + " " + published.name);
    BOOST_TEST(versions == (std::vector<std::string>{"1 " + reference().name, "2 企业开办（新）"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(CaseNumbersRunPerCentreAndDay, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    BOOST_TEST(w.open("2026-11-30 10:00") == "320100-20261130-000001");
    BOOST_TEST(w.open("2026-11-30 16:00") == "320100-20261130-000002");
    BOOST_TEST(w.open("2026-12-01 00:30") == "320100-20261201-000001");  // local date, not UTC
    auto elsewhere = w.store->createCase({"enterprise-opening-reference", 1, "320500", "网上", {"苏州某公司", "91320500X"}, {},
                                          kClerk, local("2026-11-30 10:00")});
    BOOST_TEST(elsewhere->caseNumber == "320500-20261130-000001");
    auto badRegion = w.store->createCase({"enterprise-opening-reference", 1, "3201", "窗口", {"某", "1"}, {}, kClerk,
                                          local("2026-11-30 10:00")});
    BOOST_TEST(badRegion.error().message == "the region code must be six digits, not '3201'");
    auto unknown = w.store->createCase({"no-such-thing", 0, "320100", "窗口", {"某", "1"}, {}, kClerk,
                                        local("2026-11-30 10:00")});
    BOOST_TEST((unknown.error().kind == Refusal::Kind::NotFound));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(CommandsMoveTasksThroughTheInbox, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open("2026-11-30 10:00");  // a Monday
    BOOST_TEST(w.store->inbox("政务服务中心", 50).tasks.size() == 1u);
    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    BOOST_TEST(w.store->inbox("政务服务中心", 50).tasks.empty());

    const auto inbox = w.store->inbox("税务局", 50);
    BOOST_TEST_REQUIRE(inbox.tasks.size() == 1u);
    const auto& review = inbox.tasks[0];
    BOOST_TEST(review.caseNumber == number);
    BOOST_TEST(review.node == "tax-review");
    BOOST_TEST(review.name == "发票领用审查");
    BOOST_TEST(review.oneThing == "企业开办");
    BOOST_TEST(review.applicantName == "南京通办餐饮有限公司");
    BOOST_TEST(formatInstant(*review.dueAt) == "2026-12-01T09:30:00Z");  // Tuesday 17:30 in Nanjing

    const Actor wang{"wang", "税务局"};
    BOOST_TEST(w.store->execute(number, Command{ClaimTask{review.task}, wang, local("2026-11-30 14:00")}).has_value());
    const auto claimed = w.store->claimedTasks("wang");
    BOOST_TEST_REQUIRE(claimed.size() == 1u);
    BOOST_TEST((claimed[0].state == TaskState::Claimed));
    BOOST_TEST(w.store->inbox("税务局", 50).tasks.size() == 1u);  // claimed tasks stay in the department's inbox
    w.complete(number, "tax-review", wang, "2026-11-30 15:00");
    BOOST_TEST(w.store->claimedTasks("wang").empty());
    BOOST_TEST(w.store->inbox("税务局", 50).tasks[0].node == "tax-approve");

    const auto view = w.store->caseByNumber(number);
    BOOST_TEST_REQUIRE(view.has_value());
    BOOST_TEST(view->version == w.store->caseState(number)->version);
    BOOST_TEST((view->status == CaseStatus::Running));
    BOOST_TEST(formatInstant(*view->dueAt) == "2026-12-07T09:30:00Z");  // promised 5 working days
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ACaseRunsToTheEndAndSurvivesReopening, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    for (const auto* department : {"market", "police", "tax", "hrss", "fund"}) {
        w.complete(number, std::string(department) + "-review", kClerk, "2026-12-01 10:00");
        w.complete(number, std::string(department) + "-approve", kClerk, "2026-12-01 11:00");
    }
    w.complete(number, "issue", kClerk, "2026-12-02 10:00");
    const auto before = *w.store->caseState(number);
    BOOST_TEST((before.status == CaseStatus::Completed));

    auto reopened = Store::open(w.backend.location());
    const auto after = reopened->caseState(number);
    BOOST_TEST_REQUIRE(after.has_value());
    BOOST_TEST((*after == before));
    BOOST_TEST((reopened->caseByNumber(number)->status == CaseStatus::Completed));
    BOOST_TEST(reopened->caseByNumber(number)->endedAt.has_value());
    BOOST_TEST(reopened->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(RefusedCommandsWriteNothing, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    const auto records = w.store->verifyJournal().records;
    auto refused = w.store->execute(number, Command{CompleteTask{99, Outcome::Approve, {}, {}, {}}, kClerk,
                                                    local("2026-11-30 11:00")});
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().kind == Refusal::Kind::Engine));
    BOOST_TEST(refused.error().message == "case " + number + ": there is no open task #99");
    BOOST_TEST(w.store->verifyJournal().records == records);
    BOOST_TEST(!w.store->execute("320100-20261130-999999", Command{WithdrawCase{"x"}, kClerk, {}}).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(AStaleVersionIsAConflict, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    const auto seen = w.store->caseState(number)->version;
    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    Command stale{WithdrawCase{"申请人撤回"}, kClerk, local("2026-11-30 12:00"), seen};
    auto refused = w.store->execute(number, stale);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().kind == Refusal::Kind::Conflict));
    BOOST_TEST((w.store->caseState(number)->status == CaseStatus::Running));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(TwoStoresOnOneDatabaseNeverLoseAnUpdate, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    auto other = Store::open(w.backend.location());
    BOOST_TEST(other->caseState(number).has_value());  // the other store now caches version N

    w.complete(number, "tax-review", kClerk, "2026-11-30 12:00");  // moves the case on behind its back
    const auto task = w.taskAt(number, "police-review");
    auto done = other->execute(number, Command{CompleteTask{task, Outcome::Approve, {}, {}, {}}, kClerk,
                                               local("2026-11-30 13:00")});
    BOOST_TEST_REQUIRE(done.has_value(), (done ? "" : done.error().message));
    auto fresh = Store::open(w.backend.location());
    const auto state = fresh->caseState(number);
    BOOST_TEST(state->findTask(w.taskAt(number, "tax-approve")) != nullptr);
    BOOST_TEST(fresh->inbox("公安局", 10).tasks.size() == 1u);
    BOOST_TEST(fresh->inbox("公安局", 10).tasks[0].node == "police-approve");
    BOOST_TEST(fresh->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(AStoreReadsACaseAsAnotherStoreLeftIt, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    auto reader = Store::open(w.backend.location());
    const auto before = reader->caseState(number);  // the reader now holds the case as it was
    BOOST_TEST_REQUIRE(before.has_value());

    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    const auto after = reader->caseState(number);
    const auto written = Store::open(w.backend.location())->caseState(number);
    BOOST_TEST_REQUIRE(after.has_value());
    BOOST_TEST(after->version == written->version);
    BOOST_TEST(after->version > before->version);
    BOOST_TEST(after->findTask(w.taskAt(number, "tax-review")) != nullptr);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ACommandSentTwiceIsAppliedOnce, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    const auto accept = w.taskAt(number, "accept");
    const Command complete{CompleteTask{accept, Outcome::Approve, {}, {}, {}}, kClerk, local("2026-11-30 11:00")};
    const auto first = w.store->executeOnce("3f1c-accept", number, complete);
    BOOST_TEST_REQUIRE(first.has_value());
    const auto again = w.store->executeOnce("3f1c-accept", number, complete);
    BOOST_TEST_REQUIRE(again.has_value());
    BOOST_TEST(again->version == first->version);
    BOOST_TEST(again->events.empty());
    BOOST_TEST(w.store->caseState(number)->version == first->version);

    // A refusal is kept with the engine's reason; a stale version never becomes an application later.
    const Command stale{ClaimTask{w.taskAt(number, "tax-review")}, kClerk, local("2026-11-30 12:00"), first->version - 1};
    const auto refused = w.store->executeOnce("3f1c-stale", number, stale);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().engine && refused.error().engine->code == EngineErrorCode::VersionConflict));
    auto fresh = Store::open(w.backend.location());
    const auto replayed = fresh->executeOnce("3f1c-stale", number, {stale.action, kClerk, local("2026-11-30 12:00")});
    BOOST_TEST_REQUIRE(!replayed.has_value());
    BOOST_TEST((replayed.error().engine && replayed.error().engine->code == EngineErrorCode::VersionConflict));
    BOOST_TEST(fresh->commandReceipt("3f1c-stale")->message == refused.error().message);
    BOOST_TEST(!fresh->commandReceipt("never-sent").has_value());
    BOOST_TEST(!w.store->executeOnce("", number, complete).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(TwoStoresSendingOneCommandApplyItOnce, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    const auto before = w.store->caseState(number)->version;
    // Each of several connections sends the same claims at once, as a desktop retrying through two servers would.
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < 4; ++i)
        stores.push_back(Store::open(w.backend.location()));
    const auto task = w.taskAt(number, "tax-review");
    std::vector<std::thread> senders;
    std::vector<std::uint64_t> versions(stores.size());
    for (std::size_t i = 0; i < stores.size(); ++i)
        senders.emplace_back([&, i] {
            const auto applied = stores[i]->executeOnce("claim-tax-review", number,
                                                        Command{ClaimTask{task}, Actor{"wang", "税务局"}, local("2026-11-30 12:00")});
            versions[i] = applied ? applied->version : 0;
        });
    for (auto& sender : senders)
        sender.join();
    for (const auto version : versions)
        BOOST_TEST(version == before + 1);  // every sender hears the one application
    auto fresh = Store::open(w.backend.location());
    BOOST_TEST(fresh->caseState(number)->version == before + 1);
    BOOST_TEST(fresh->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(QueriesFindCasesAndDueTasks, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto first = w.open("2026-11-30 10:00", "11010519491231002X");
    const auto second = w.open("2026-12-02 10:00", "11010519491231002X");
    w.open("2026-12-02 11:00", "440524188001010014");
    const auto mine = w.store->casesByApplicant("11010519491231002X");
    BOOST_TEST_REQUIRE(mine.size() == 2u);
    BOOST_TEST(mine[0].number == second);  // newest first
    BOOST_TEST(mine[1].number == first);
    BOOST_TEST(!w.store->caseByNumber("320100-20261130-000099").has_value());

    // Acceptance tasks are due the next working day at 17:30.
    BOOST_TEST(w.store->tasksDueBefore(local("2026-12-01 17:00"), 10).empty());
    BOOST_TEST(w.store->tasksDueBefore(local("2026-12-01 18:00"), 10).size() == 1u);
    BOOST_TEST(w.store->tasksDueBefore(local("2026-12-04 18:00"), 10).size() == 3u);
    BOOST_TEST(w.store->caseCount() == 3u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(InboxPagesInDueOrderWithoutGapsOrRepeats, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    w.store->inOneTransaction([&] {
        for (int day = 1; day <= 24; ++day)
            for (int i = 0; i < 5; ++i) {
                char at[32];
                std::snprintf(at, sizeof at, "2026-11-%02d 10:00", day);
                w.open(at);
            }
    });
    std::vector<TaskView> all;
    std::optional<InboxCursor> cursor;
    int pages = 0;
    do {
        auto page = w.store->inbox("政务服务中心", 50, cursor);
        all.insert(all.end(), page.tasks.begin(), page.tasks.end());
        cursor = page.next;
        ++pages;
    } while (cursor);
    BOOST_TEST(pages == 3);
    BOOST_TEST(all.size() == 120u);
    for (std::size_t i = 1; i < all.size(); ++i) {
        const auto key = [](const TaskView& t) { return std::make_tuple(*t.dueAt, t.caseId, t.task); };
        BOOST_TEST_REQUIRE((key(all[i - 1]) < key(all[i])));
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ABatchCommitsTogetherOrNotAtAll, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    BOOST_CHECK_THROW(w.store->inOneTransaction([&] {
        w.open();
        w.open();
        throw std::runtime_error("interrupted");
    }),
                      std::runtime_error);
    BOOST_TEST(w.store->caseCount() == 0u);
    BOOST_TEST(w.store->verifyJournal().intact);
    BOOST_TEST(w.open() == "320100-20261130-000001");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(TheJournalNamesTheFirstAlteredRecord, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    auto check = [](auto mutate, std::uint64_t firstBroken, const std::string& problem) {
        Workspace<Backend> w;
        const auto number = w.open();
        w.complete(number, "accept", kClerk, "2026-11-30 11:00");
        const auto intact = w.store->verifyJournal();
        BOOST_TEST_REQUIRE(intact.intact);
        BOOST_TEST(intact.headHash.size() == 64u);
        mutate(w.backend);
        const auto report = Store::open(w.backend.location())->verifyJournal();
        BOOST_TEST(!report.intact);
        BOOST_TEST(report.firstBroken.value_or(0) == firstBroken);
        BOOST_TEST(report.problem.find(problem) != std::string::npos, report.problem);
    };
    // Records 1-4 are reference data; the case's events are 5 to 13.
    check([](auto& b) { b.tamper("UPDATE journal SET body = REPLACE(body, 'accept', 'issue') WHERE seq = 7"); }, 7,
          "record 7 does not match its hash");
    check([](auto& b) { b.tamper("UPDATE journal SET actor = 'someone' WHERE seq = 9"); }, 9,
          "record 9 does not match its hash");
    check([](auto& b) { b.tamper("DELETE FROM journal WHERE seq = 8"); }, 8, "record 8 is missing");
    check([](auto& b) {
        b.tamper("INSERT INTO journal (seq, case_id, case_version, type, actor, department, at, body, hash)"
                 " SELECT MAX(seq) + 1, NULL, 0, 'userSaved', 'mallory', '', 0, '{}', 'forged' FROM journal");
    },
          14, "record 14 does not match its hash");
    check([](auto& b) { b.tamper("UPDATE cases SET version = version + 1"); }, 14,
          "has a version that its journal records do not account for");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(PausingAndResumingMovesEveryOpenDeadline, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open("2026-11-30 10:00");
    w.complete(number, "accept", kClerk, "2026-11-30 11:00");
    BOOST_TEST(formatInstant(*w.store->inbox("税务局", 5).tasks[0].dueAt) == "2026-12-01T09:30:00Z");
    auto paused = w.store->execute(number, Command{RequestSupplement{{"公司章程"}, "一次性告知"}, kClerk,
                                                   local("2026-11-30 14:00")});
    BOOST_TEST_REQUIRE(paused.has_value());
    const auto waiting = w.store->inbox("税务局", 5).tasks[0];
    BOOST_TEST(waiting.pausedSince.has_value());
    BOOST_TEST(w.store->warnings(local("2026-12-02 09:00")).overdueTasks.empty());  // paused on time: not red
    BOOST_TEST(w.store->caseByNumber(number)->pausedSince.has_value());

    BOOST_TEST(w.store->execute(number, Command{ResumeCase{"已补齐"}, kClerk, local("2026-12-02 14:00")}).has_value());
    const auto resumed = w.store->inbox("税务局", 5).tasks[0];
    BOOST_TEST(!resumed.pausedSince.has_value());
    BOOST_TEST(formatInstant(*resumed.dueAt) == "2026-12-03T09:30:00Z");  // Thursday 17:30: 840 office minutes later
    BOOST_TEST(formatInstant(*w.store->caseByNumber(number)->dueAt) == "2026-12-09T09:30:00Z");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ANaturalDayDeadlinePausedOverNationalDayIsKeptAsItsClockShowsIt, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.openInNaturalDays();
    // 12 natural days end on Saturday 10 October (worked); 3 on Thursday 1 October, a holiday: Thursday 8 October.
    BOOST_TEST(formatInstant(*w.store->caseByNumber(number)->dueAt) == "2026-10-10T09:30:00Z");
    BOOST_TEST(formatInstant(*w.store->tasksOfCase(number)[0].dueAt) == "2026-10-08T09:30:00Z");
    const auto pause = [&](const Command& command) {
        const auto applied = w.store->execute(number, command);
        BOOST_TEST_REQUIRE(applied.has_value(), (applied ? "" : applied.error().message));
    };
    pause(Command{RequestSupplement{{"住所使用证明"}, "一次性告知"}, kClerk, local("2026-09-30 15:00")});
    // A paused clock is kept as it stood when the pause began: nothing moves
    // as the pause goes on, nor when the same calendar is applied again.
    pause(Command{UrgeCase{UrgeLevel::Urge, std::nullopt, "请跟进补正"}, kAdmin, local("2026-10-05 10:00")});
    BOOST_TEST(formatInstant(*w.store->caseByNumber(number)->dueAt) == "2026-10-10T09:30:00Z");
    BOOST_TEST(w.store->recomputeDeadlines(nationalCalendar(), local("2026-10-06 10:00")).empty());
    pause(Command{ResumeCase{"材料已补齐"}, kClerk, local("2026-10-08 10:00")});
    // Eight dates paused: Sunday 18 October, a day off, so Monday 19; and Friday 16 October.
    const auto view = *w.store->caseByNumber(number);
    const auto task = w.store->tasksOfCase(number)[0];
    BOOST_TEST(formatInstant(*view.dueAt) == "2026-10-19T09:30:00Z");
    BOOST_TEST(formatInstant(*task.dueAt) == "2026-10-16T09:30:00Z");
    // The clocks a case page shows are the deadlines the store keeps.
    const auto process = w.store->definition("enterprise-opening-natural-days", 1);
    for (const auto& clock : clocksOf(*process, *w.store->caseState(number), nationalCalendar(), local("2026-10-08 11:00"))) {
        if (clock.kind == ClockKind::Promised)
            BOOST_TEST((clock.due == *view.dueAt));
        if (clock.kind == ClockKind::Task)
            BOOST_TEST((clock.due == *task.dueAt));
    }
    BOOST_TEST(w.store->recomputeDeadlines(nationalCalendar(), local("2026-10-08 11:00")).empty());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(WarningsListYellowAndRed, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto old = w.open("2026-11-23 10:00");     // acceptance due Tue 24 Nov: red on 1 Dec
    const auto recent = w.open("2026-11-30 10:00");  // due Tue 1 Dec 17:30: yellow on 1 Dec morning
    w.open("2026-12-01 08:00");                      // due Wed 2 Dec 17:30: more than a working day left
    const auto at = local("2026-12-01 09:00");
    const auto warnings = w.store->warnings(at);
    BOOST_TEST_REQUIRE(warnings.overdueTasks.size() == 1u);
    BOOST_TEST(warnings.overdueTasks[0].caseNumber == old);
    BOOST_TEST(warnings.overdueTasks[0].nodeInfo().id == "accept");
    BOOST_TEST(warnings.overdueTasks[0].nodeInfo().department == "政务服务中心");
    BOOST_TEST(formatInstant(warnings.overdueTasks[0].dueAt) == "2026-11-24T09:30:00Z");
    BOOST_TEST_REQUIRE(warnings.dueSoonTasks.size() == 1u);
    BOOST_TEST(warnings.dueSoonTasks[0].caseNumber == recent);
    BOOST_TEST(warnings.overdueCases.size() == 1u);  // promised 5 days from 23 Nov: due 30 Nov
    BOOST_TEST(w.store->warnings(at, 2).dueSoonTasks.size() == 2u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(APausedCaseThatWasOverdueStaysOnTheRedListAsPaused, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    // Acceptance due Tuesday 24 November 17:30, the promised limit Monday 30 November 17:30.
    const auto late = w.open("2026-11-23 10:00");
    const auto onTime = w.open("2026-12-01 09:00");  // acceptance due Wednesday 2 December 17:30
    for (const auto& number : {late, onTime})
        BOOST_TEST_REQUIRE(w.store->execute(number, Command{RequestSupplement{{"公司章程"}, "一次性告知"}, kClerk,
                                                            local("2026-12-01 10:00")})
                               .has_value());
    const auto at = local("2026-12-03 09:00");
    const auto warnings = w.store->warnings(at);
    // Still late by what they were late when paused: moved on by the 780 office minutes paused so far.
    BOOST_TEST_REQUIRE(warnings.overdueTasks.size() == 1u);
    const auto& task = warnings.overdueTasks[0];
    BOOST_TEST(task.caseNumber == late);
    BOOST_TEST(task.nodeInfo().id == "accept");
    BOOST_TEST(formatInstant(task.dueAt) == "2026-11-26T08:30:00Z");  // Thursday 26 November 16:30
    BOOST_TEST(formatInstant(task.pausedSince.value()) == "2026-12-01T02:00:00Z");
    BOOST_TEST_REQUIRE(warnings.overdueCases.size() == 1u);
    BOOST_TEST(warnings.overdueCases[0].number == late);
    BOOST_TEST(formatInstant(*warnings.overdueCases[0].dueAt) == "2026-12-02T08:30:00Z");  // Wednesday 16:30
    BOOST_TEST(warnings.overdueCases[0].pausedSince.has_value());
    // Paused on time: neither red nor yellow, though its kept deadline has passed.
    BOOST_TEST(warnings.dueSoonTasks.empty());
    BOOST_TEST(warnings.dueSoonCases.empty());
    // The department's inbox counts it among the overdue and can name it.
    BOOST_TEST(w.store->inboxCounts("政务服务中心", "clerk01", at, at + std::chrono::hours{24}).overdue == 1);
    const auto paused = w.store->pausedOverdueTasks("政务服务中心", at);
    BOOST_TEST_REQUIRE(paused.size() == 1u);
    BOOST_TEST(paused[0].caseNumber == late);
    BOOST_TEST((paused[0].dueAt == task.dueAt));
    BOOST_TEST(w.store->pausedOverdueTasks("税务局", at).empty());
    // Resumed, it is red as any late clock.
    BOOST_TEST_REQUIRE(w.store->execute(late, Command{ResumeCase{"已补齐"}, kClerk, at}).has_value());
    const auto resumed = w.store->warnings(at);
    BOOST_TEST_REQUIRE(resumed.overdueTasks.size() == 1u);
    BOOST_TEST(!resumed.overdueTasks[0].pausedSince.has_value());
    BOOST_TEST((resumed.overdueTasks[0].dueAt == task.dueAt));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ANaturalDayStepPausedOnItsLastDayIsRedThatEvening, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.openInNaturalDays();
    // Acceptance: 3 natural days to Thursday 1 October, a holiday, so Thursday 8 October 17:30.
    BOOST_TEST_REQUIRE(w.store->execute(number, Command{RequestSupplement{{"住所使用证明"}, {}}, kClerk,
                                                                      local("2026-10-08 10:00")})
                           .has_value());
    BOOST_TEST(w.store->warnings(local("2026-10-08 17:00")).overdueTasks.empty());
    const auto evening = w.store->warnings(local("2026-10-08 18:00"));
    BOOST_TEST_REQUIRE(evening.overdueTasks.size() == 1u);
    BOOST_TEST(evening.overdueTasks[0].pausedSince.has_value());
    BOOST_TEST(formatInstant(evening.overdueTasks[0].dueAt) == "2026-10-08T09:30:00Z");
    BOOST_TEST(evening.overdueCases.empty());  // 12 natural days: Saturday 10 October
    // From midnight the pause has taken out a day: due Friday 9 October 17:30.
    BOOST_TEST(w.store->warnings(local("2026-10-09 09:00")).overdueTasks.empty());
}

BOOST_AUTO_TEST_CASE(TheWarningsScanReadsTheDeadlineIndexesInDueOrder)
{
    // The queries of the store's warnings scan, as it runs them. SQLite
    // plans without statistics here as on a seeded million cases: with
    // schema 8's reports index (status, …) and a deadline index without the
    // status, it read every running case and sorted them (400 ms instead of 110).
    SqliteBackend backend;
    Store::open(backend.location());  // at the latest schema
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, backend.location());
    const auto planOf = [&](const std::string& select) {
        std::vector<int> ids, parents, unused;
        std::vector<std::string> details;
        session << "EXPLAIN QUERY PLAN " + select, Poco::Data::Keywords::into(ids), Poco::Data::Keywords::into(parents),
            Poco::Data::Keywords::into(unused), Poco::Data::Keywords::into(details), Poco::Data::Keywords::now;
        std::string plan;
        for (const auto& detail : details)
            plan += detail + "\n";
        return plan;
    };
    const auto cases = planOf("SELECT id FROM cases WHERE status = 'running' AND due_at <= 0 ORDER BY due_at");
    BOOST_TEST(cases.find("INDEX cases_running_due") != std::string::npos, cases);
    BOOST_TEST(cases.find("TEMP B-TREE") == std::string::npos, cases);
    const auto tasks = planOf("SELECT t.number FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.state IN ('open', 'claimed')"
                              " AND t.paused_since IS NULL AND t.due_key <= 0 ORDER BY t.due_key, t.case_id, t.number");
    BOOST_TEST(tasks.find("INDEX tasks_running_due") != std::string::npos, tasks);
    BOOST_TEST(tasks.find("TEMP B-TREE") == std::string::npos, tasks);
    const auto paused = planOf("SELECT t.number FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.state IN ('open', 'claimed')"
                               " AND t.paused_since IS NOT NULL AND t.due_key < 0 ORDER BY t.due_key, t.case_id, t.number");
    BOOST_TEST(paused.find("INDEX tasks_paused_due") != std::string::npos, paused);
    BOOST_TEST(paused.find("TEMP B-TREE") == std::string::npos, paused);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ACorrectedCalendarMovesOpenDeadlinesAndSaysWhich, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open("2026-11-30 10:00");
    auto data = nationalCalendar().data();
    for (auto& y : data.years)
        if (y.year == 2026)
            y.holidays.push_back({"临时休假", std::chrono::sys_days{std::chrono::year{2026} / 12 / 1},
                                  std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}});
    const Calendar corrected(data);
    const auto changes = w.store->recomputeDeadlines(corrected, local("2026-11-30 12:00"));
    BOOST_TEST_REQUIRE(changes.size() == 2u);  // the acceptance task and the case's promised deadline
    BOOST_TEST(formatInstant(w.store->inbox("政务服务中心", 5).tasks[0].dueAt.value()) == "2026-12-02T09:30:00Z");
    BOOST_TEST(formatInstant(w.store->caseByNumber(number)->dueAt.value()) == "2026-12-08T09:30:00Z");
    const auto next = w.open("2026-11-30 16:00");  // new work is counted on the corrected calendar
    BOOST_TEST(formatInstant(w.store->caseByNumber(next)->dueAt.value()) == "2026-12-08T09:30:00Z");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(EachDepartmentCountsOnItsOwnCalendar, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    BOOST_CHECK_THROW(w.store->saveDepartment({"税务局", "南京市税务局", "320100", "无此日历"}, kAdmin, local("2026-11-01 09:00")),
                      StoreError);
    auto sixDays = nationalCalendar().data();
    sixDays.name = "税务局周六办公";
    sixDays.workingWeekdays[5] = true;
    BOOST_TEST(w.store->saveCalendar("six-days", sixDays, kAdmin, local("2026-11-01 09:00")).empty());
    w.store->saveDepartment({"税务局", "南京市税务局", "320100", "six-days"}, kAdmin, local("2026-11-01 09:00"));
    BOOST_TEST(w.store->departments().back().calendar == "six-days");

    const auto number = w.open("2026-12-04 10:00");  // a Friday
    w.complete(number, "accept", kClerk, "2026-12-04 11:00");
    BOOST_TEST(formatInstant(*w.store->inbox("税务局", 5).tasks[0].dueAt) == "2026-12-05T09:30:00Z");  // Saturday
    BOOST_TEST(formatInstant(*w.store->inbox("公安局", 5).tasks[0].dueAt) == "2026-12-07T09:30:00Z");  // Monday

    auto fiveDays = sixDays;
    fiveDays.workingWeekdays[5] = false;
    const auto changes = w.store->saveCalendar("six-days", fiveDays, kAdmin, local("2026-12-04 12:00"));
    BOOST_TEST_REQUIRE(changes.size() == 1u);
    BOOST_TEST(*changes[0].task == w.store->inbox("税务局", 5).tasks[0].task);
    BOOST_TEST(formatInstant(changes[0].after) == "2026-12-07T09:30:00Z");
    BOOST_TEST(formatInstant(*w.store->inbox("税务局", 5).tasks[0].dueAt) == "2026-12-07T09:30:00Z");
    BOOST_TEST(Store::open(w.backend.location())->calendarNames() == std::vector<std::string>{"six-days"});
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ACopiedCaseReplacesWhatTheReplicaHeldOfIt, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    // The server's workspace, and a desktop's copy of it with the same definition.
    Workspace<Backend> server;
    Workspace<Backend> copy;
    auto created = server.store->createCase({"enterprise-opening-reference", 0, "320100", "窗口",
                                             {"南京通办餐饮有限公司", "91320100MA1XXXXX0A"}, {}, kClerk,
                                             local("2026-11-30 10:00")});
    BOOST_TEST_REQUIRE(created.has_value());
    const auto number = created->caseNumber;
    auto accepted = server.store->execute(number, Command{CompleteTask{server.taskAt(number, "accept"), Outcome::Approve, {}, {}, {}},
                                                          kClerk, local("2026-11-30 11:00")});
    BOOST_TEST_REQUIRE(accepted.has_value());
    Events all = created->events;
    all.insert(all.end(), accepted->events.begin(), accepted->events.end());
    const auto header = *server.store->caseByNumber(number);

    copy.store->replaceCase(header, all, R"({"answers": {}})");
    BOOST_TEST((copy.store->caseState(number)->marking == server.store->caseState(number)->marking));
    BOOST_TEST(copy.store->caseByNumber(number)->applicantName == "南京通办餐饮有限公司");
    BOOST_TEST(copy.store->caseByNumber(number)->version == header.version);
    BOOST_TEST(copy.store->inbox("税务局", 10).tasks.size() == server.store->inbox("税务局", 10).tasks.size());
    BOOST_TEST(copy.store->applicationOf(number).value_or("") == R"({"answers": {}})");

    // Copied again as it was before the acceptance (a refused command of the desktop's no longer counts):
    // the tasks the acceptance opened are gone, the acceptance is open again, the record replaced.
    copy.store->replaceCase(header, created->events, "");
    BOOST_TEST(copy.store->inbox("税务局", 10).tasks.empty());
    BOOST_TEST(copy.store->caseState(number)->version == created->events.size());
    BOOST_TEST(Store::open(copy.backend.location())->inbox("政务服务中心", 10).tasks.size() == 1u);
    BOOST_TEST(!copy.store->applicationOf(number).has_value());
    BOOST_CHECK_THROW(copy.store->replaceCase(header, {}, ""), StoreError);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(QueriesReturnEachCellAsItsColumnHoldsIt, Backend, Backends)
{
    if (skipped<Backend>())
        return;
    Workspace<Backend> w;
    const auto number = w.open();
    // Asked twice: on SQLite the second answer comes from the statement kept prepared.
    for (int round = 0; round < 2; ++round) {
        const auto rows = w.store->reportQuery("SELECT COUNT(*), MIN(number), MIN(ended_at), CAST($1 AS BIGINT) + 1"
                                               " FROM cases WHERE region = $2",
                                               {std::int64_t{41}, std::string("320100")});
        BOOST_TEST_REQUIRE(rows.size() == 1u);
        BOOST_TEST(std::get<std::int64_t>(rows[0][0]) == 1);
        BOOST_TEST(std::get<std::string>(rows[0][1]) == number);
        BOOST_TEST(std::holds_alternative<std::monostate>(rows[0][2]));
        BOOST_TEST(std::get<std::int64_t>(rows[0][3]) == 42);
    }
    BOOST_TEST(w.store->reportQuery("SELECT number FROM cases WHERE region = $1", {std::string("320500")}).empty());
    // A query the database refuses says which, and the store goes on working.
    try {
        w.store->reportQuery("SELECT no_such_column FROM cases", {});
        BOOST_FAIL("a query naming a missing column was answered");
    } catch (const StoreError& error) {
        BOOST_TEST(std::string(error.what()).find("SELECT no_such_column") != std::string::npos, error.what());
    }
    BOOST_CHECK_THROW(w.store->reportQuery("SELECT number FROM cases WHERE number = $1", {}), StoreError);
    BOOST_TEST(w.store->caseByNumber(number).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Migrations)

BOOST_AUTO_TEST_CASE(EachMigrationAppliesOnTheSchemaBeforeItWithDataInPlace)
{
    for (int target = 1; target < latestSchemaVersion(); ++target) {
        SqliteBackend backend;
        {
            Poco::Data::SQLite::Connector::registerConnector();
            Poco::Data::Session session("SQLite", backend.location());
            migrate(session, Dialect::sqlite(), target);
            BOOST_TEST(schemaVersionOf(session, Dialect::sqlite()) == target);
        }
        // Work done on the older schema stays usable after the upgrade.
        backend.tamper("INSERT INTO departments (code, name, region) VALUES ('税务局', '南京市税务局', '320100')");
        backend.tamper("INSERT INTO definitions VALUES ('k', 1, 'n', '{}')");
        backend.tamper("INSERT INTO cases (id, number, definition_key, definition_version, one_thing, status, version,"
                       " applicant_name, applicant_identity, region, channel, accepted_at) VALUES (7, '320100-20261130-000001',"
                       " 'k', 1, 'n', 'running', 0, 'a', 'b', '320100', '窗口', 0)");
        backend.tamper("INSERT INTO tasks (case_id, number, node, name, department, role, state, assignee, opened_at, due_key)"
                       " VALUES (7, 1, 'x', 'x', '税务局', '', 'open', '', 0, 100)");
        auto store = Store::open(backend.location());
        BOOST_TEST(store->schemaVersion() == latestSchemaVersion());
        const auto inbox = store->inbox("税务局", 10);
        BOOST_TEST_REQUIRE(inbox.tasks.size() == 1u, "after migrating from schema " << target);
        BOOST_TEST(!inbox.tasks[0].pausedSince.has_value());
    }
}

BOOST_AUTO_TEST_SUITE_END()
