// The evaluation and rectification reports, counted in SQL, against the
// evaluation metrics computed in C++ from the facts the evaluation desk reads
// case by case: a seeded store with evaluations on every channel and object,
// appeals upheld and rejected, loops closed on time and late, unsatisfied
// revisits, follow-ups and loops opened by hand, on both backends.
#include "reports/catalogue/evaluations.h"
#include "reports/catalogue/rectifications.h"
#include "reports/render/renderers.h"
#include "services/seeding/demo_seeder.h"
#include "services/evaluation/evaluation_desk.h"
#include "tests/reports/count_printing.h"
#include "tests/reports/run_program.h"
#include "tests/support/backends.h"
#include "workflow/evaluation/metrics.h"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

using namespace tongban;
using namespace tongban::reports;
using namespace std::chrono;
using workflow::Instant;

namespace {

using Backends = boost::mpl::list<testing::SqliteBackend, testing::PostgresBackend>;

Instant localMidnight(workflow::Day day) { return Instant{day} - hours{8}; }

const workflow::Actor kSupervisor{"supervisor01", "政务服务中心"};
const workflow::Actor kRevisitor{"clerk02", "政务服务中心"};
const std::vector<std::string> kTags{"办理时间长", "材料要求多", "态度不好", "指引清楚", "一次办成", "跑了多次"};

/// Demo cases, then evaluations of those that ended from October on, and each
/// loop a 差评 opened taken some way along: every step a little early or late.
template <typename Backend>
struct Evaluated {
    Backend backend;
    std::unique_ptr<store::Store> store = store::Store::open(backend.location());
    workflow::EvaluationSettings settings;
    std::mt19937 random{20261129};
    int recorded = 0, followUps = 0, upheld = 0, returned = 0, closed = 0;

    bool chance(int percent) { return static_cast<int>(random() % 100) < percent; }
    Instant later(Instant at, int maxHours) { return at + hours{1 + static_cast<int>(random() % static_cast<unsigned>(maxHours))}; }

    Evaluated()
    {
        services::SeedOptions options;
        options.cases = 1200;
        options.seed = 11;
        services::seedDemo(*store, options);
        const auto ended = store->reportQuery(
            "SELECT number FROM cases WHERE ended_at >= $1 ORDER BY ended_at, id",
            {std::int64_t{duration_cast<seconds>(localMidnight(workflow::Day{2026y / October / 1}).time_since_epoch()).count()}});
        for (const auto& row : ended)
            evaluate(std::get<std::string>(row[0]));
        for (int i = 0; i < 6; ++i) {
            const auto opened = services::openRectification(*store, i % 2 ? "税务局" : "市场监管局", i % 3 ? "投诉" : "督查发现",
                                                          "320100", settings, kSupervisor,
                                                          localMidnight(workflow::Day{2026y / November / 2}) + days{4 * i} + hours{10});
            BOOST_TEST_REQUIRE(opened.has_value(), (opened ? "" : opened.error().message.en));
            if (i % 2 == 0)
                work(*opened, localMidnight(workflow::Day{2026y / November / 2}) + days{4 * i} + hours{12});
        }
    }

    void evaluate(const std::string& number)
    {
        const auto evaluated = services::evaluatedCase(*store, number);
        workflow::Evaluation e;
        e.caseNumber = number;
        e.at = later(*evaluated->endedAt, 150);
        e.level = static_cast<workflow::EvaluationLevel>(1 + random() % 5);
        e.channel = static_cast<workflow::EvaluationChannel>(random() % 6);
        if (workflow::enteredByStaff(e.channel))
            e.enteredBy = "clerk01";
        const auto kind = random() % 3;
        if (kind == 1 && !evaluated->departments.empty())
            e.object = {workflow::EvaluatedKind::Department, evaluated->departments[random() % evaluated->departments.size()]};
        else if (kind == 2 && evaluated->channel == "窗口" && !evaluated->windowStaff.empty())
            e.object = {workflow::EvaluatedKind::Staff, evaluated->windowStaff.front()};
        else
            e.object = {workflow::EvaluatedKind::Matter, evaluated->definitionKey};
        for (const auto& item : workflow::contentItems(e.channel))
            e.items.push_back({item, e.level});
        for (const auto& tag : kTags)
            if (chance(25))
                e.reasonTags.push_back(tag);
        e.evaluator = {"评价人", "320113196208053451", "13812345678", false};
        if (!chance(75))
            return;  // left unrated
        const auto saved = services::recordEvaluation(*store, e, settings);
        BOOST_TEST_REQUIRE(saved.has_value(), (saved ? "" : saved.error().message.en));
        ++recorded;
        if (saved->rectificationCase.empty())
            return;
        const auto end = work(saved->rectificationCase, later(e.at, 4));
        if (!end || !chance(50))
            return;
        auto followUp = e;
        followUp.followUpOf = saved->id;
        followUp.level = workflow::EvaluationLevel::Satisfied;
        followUp.at = later(*end, 48);
        const auto again = services::recordEvaluation(*store, followUp, settings);
        BOOST_TEST_REQUIRE(again.has_value(), (again ? "" : again.error().message.en));
        ++followUps;
    }

    std::string owner(const std::string& rectification)
    {
        for (const auto& task : store->tasksOfCase(rectification))
            if (task.state == store::TaskState::Open)
                return task.department;
        return {};
    }

    /// Takes a loop some way: steps 2 to 40 hours apart (verification is due
    /// in one working day, so some are late). The instant it closed, if it did.
    std::optional<Instant> work(const std::string& rectification, Instant at)
    {
        using namespace services;
        const workflow::Actor department{"officer", owner(rectification)};
        for (int round = 0; round < 2; ++round) {
            if (chance(10))
                return std::nullopt;  // not yet verified
            at = later(at, 40);
            if (chance(15)) {
                require(verifyRectification(*store, rectification, workflow::RectificationKind::Appeal, "误评", {}, department, at));
                at = later(at, 40);
                const bool upheldNow = chance(50);
                require(decideAppeal(*store, rectification, upheldNow, "复核", kSupervisor, at));
                if (upheldNow) {
                    ++upheld;
                    return at;
                }
            } else {
                const auto kind = chance(30) ? workflow::RectificationKind::Explain : workflow::RectificationKind::AtOnce;
                require(verifyRectification(*store, rectification, kind, "属实", {"sha256:1"}, department, at));
            }
            if (chance(15))
                return std::nullopt;  // still being rectified
            at = later(at, 60);
            require(replyToEvaluator(*store, rectification, "已整改", {}, department, at));
            at = later(at, 30);
            const bool satisfied = chance(60);
            const bool settle = !satisfied && (round == 1 || chance(50));
            require(recordRevisit(*store, rectification, satisfied, settle, settle ? "已解释，评价人仍不满意" : "", kRevisitor, at));
            if (satisfied || settle) {
                ++closed;
                return at;
            }
            ++returned;
        }
        return std::nullopt;
    }

    static void require(const std::expected<void, services::DeskRefusal>& step)
    {
        BOOST_TEST_REQUIRE(step.has_value(), (step ? "" : step.error().message.en));
    }
};

/// 谁办理、谁负责, worked out case by case from the journal's actors and the catalogue.
std::string answeringDepartment(store::Store& store, const workflow::Evaluation& e)
{
    const auto actors = store.actorsOfCase(e.caseNumber);
    if (e.object.kind == workflow::EvaluatedKind::Department)
        return e.object.id;
    if (e.object.kind == workflow::EvaluatedKind::Staff)
        for (const auto& actor : actors)
            if (actor.user == e.object.id)
                return actor.department;
    if (e.object.kind == workflow::EvaluatedKind::Matter)
        for (const auto& entry : store.oneThings())
            if (entry.key == store.caseByNumber(e.caseNumber)->definitionKey)
                return entry.leadDepartment;
    return actors.front().department;
}

void compare(store::Store& store, const ReportScope& scope, Instant now,
             const workflow::EvaluationSettings& settings)
{
    const auto& calendar = store.workingCalendar();
    const auto at = reportInstant(scope, now, calendar);
    const auto begin = localMidnight(scope.from);
    const auto end = localMidnight(scope.to + days{1});
    const auto records = services::evaluationRecords(store, at);
    const auto metrics = workflow::computeEvaluationMetrics(records.evaluations, records.rectifications,
                                                            records.endedCases, calendar, at, settings, begin);

    const auto figures = evaluationFigures(store, scope, at, settings);
    BOOST_TEST(figures.counted == metrics.counted);
    BOOST_TEST(figures.good == metrics.good);
    BOOST_TEST(figures.bad == metrics.bad);
    BOOST_TEST(figures.excludedByAppeal == metrics.excludedByAppeal);
    BOOST_TEST(figures.defaulted == metrics.defaulted);
    BOOST_TEST(figures.followUps == metrics.followUps);
    BOOST_TEST(figures.endedCases == metrics.endedCases);
    BOOST_TEST(figures.evaluatedCases == metrics.evaluatedCases);
    for (int level = 1; level <= 5; ++level) {
        const auto found = metrics.byLevel.find(static_cast<workflow::EvaluationLevel>(level));
        BOOST_TEST(figures.byLevel[static_cast<std::size_t>(level) - 1] == (found == metrics.byLevel.end() ? 0 : found->second),
                   "level " << level);
    }
    std::map<workflow::EvaluationChannel, std::int64_t> channels(figures.byChannel.begin(), figures.byChannel.end());
    BOOST_TEST(channels.size() == metrics.byChannel.size());
    for (const auto& [channel, count] : metrics.byChannel)
        BOOST_TEST(channels[channel] == count, workflow::toString(channel));

    // By answering department and reason, from the counted evaluations one by one.
    std::map<std::string, std::array<std::int64_t, 3>> departments;  // counted, good, bad
    std::map<std::string, std::int64_t> tags;
    for (const auto& [e, excluded] : records.evaluations) {
        if (e.followUpOf || excluded || e.at < begin)
            continue;
        auto& department = departments[answeringDepartment(store, e)];
        ++department[0];
        ++department[workflow::isBad(e.level) ? 2 : 1];
        for (const auto& tag : e.reasonTags)
            ++tags[tag];
    }
    BOOST_TEST(figures.departments.size() == departments.size());
    for (const auto& entry : figures.departments)
        BOOST_TEST((departments[entry.department] == std::array<std::int64_t, 3>{entry.counted, entry.good, entry.bad}),
                   entry.department);
    const std::map<std::string, std::int64_t> reasons(figures.reasonTags.begin(), figures.reasonTags.end());
    BOOST_TEST(reasons == tags);

    const auto loops = rectificationFigures(store, scope, at);
    BOOST_TEST(loops.rectifications == metrics.rectifications);
    BOOST_TEST(loops.closed == metrics.closed);
    BOOST_TEST(loops.closedOnTime == metrics.closedOnTime);
    BOOST_TEST(loops.revisited == metrics.revisited);
    BOOST_TEST(loops.satisfied == metrics.satisfiedAfterRevisit);
    for (std::size_t bucket = 0; bucket < loops.openByAge.size(); ++bucket)
        BOOST_TEST(loops.openByAge[bucket] == metrics.openByAge[bucket], workflow::kAgeBuckets[bucket]);
    BOOST_TEST(loops.closing.cases == static_cast<std::int64_t>(metrics.closedWorkingDays.size()));
    if (const auto mean = metrics.averageWorkingDays()) {
        BOOST_TEST(loops.closing.meanDays == *mean, boost::test_tools::tolerance(1e-9));
        BOOST_TEST(loops.closing.p90Days == *metrics.percentileWorkingDays(0.9));
    }
    std::int64_t opened = 0, byHand = 0;
    std::map<std::string, std::int64_t> openByOwner;
    for (const auto& facts : records.rectifications) {
        const bool inPeriod = facts.openedAt >= begin && facts.openedAt < end;
        opened += inPeriod ? 1 : 0;
        byHand += inPeriod && facts.evaluationId == 0 ? 1 : 0;
        openByOwner[facts.department] += facts.closedAt ? 0 : 1;
    }
    BOOST_TEST(loops.opened == opened);
    BOOST_TEST(loops.openedByHand == byHand);
    for (const auto& entry : loops.departments)
        BOOST_TEST(entry.open == openByOwner[entry.department], entry.department);

    // A department's own report is its row of the whole one.
    if (!loops.departments.empty()) {
        auto own = scope;
        own.department = loops.departments.front().department;
        const auto mine = rectificationFigures(store, own, at);
        BOOST_TEST(mine.closed == loops.departments.front().closed);
        BOOST_TEST(mine.opened == loops.departments.front().opened);
        const auto rated = evaluationFigures(store, own, at, settings);
        BOOST_TEST(rated.bad == departments[own.department][2]);
    }
}

} // namespace

namespace std {
inline std::ostream& boost_test_print_type(std::ostream& out, const std::array<std::int64_t, 3>& values)
{
    return out << values[0] << "/" << values[1] << "/" << values[2];
}
} // namespace std

BOOST_AUTO_TEST_SUITE(EvaluationReports)

BOOST_AUTO_TEST_CASE_TEMPLATE(EveryFigureEqualsTheMetricsOfTheFacts, Backend, Backends)
{
    if (testing::skipped<Backend>())
        return;
    Evaluated<Backend> seeded;
    auto& store = *seeded.store;
    // Enough of each path for the comparison to mean something.
    BOOST_TEST_REQUIRE(seeded.recorded > 60);
    BOOST_TEST_REQUIRE(seeded.followUps > 2);
    BOOST_TEST_REQUIRE(seeded.upheld > 1);
    BOOST_TEST_REQUIRE(seeded.returned > 1);
    BOOST_TEST_REQUIRE(seeded.closed > 10);

    const Instant december = localMidnight(workflow::Day{2026y / December / 10}) + hours{12};
    auto defaulting = seeded.settings;
    defaulting.unrated = workflow::UnratedPolicy::CountsAsBasicallySatisfied;
    // A period that has ended, one still running, and a week at a month's turn.
    compare(store, {workflow::Day{2026y / October / 20}, workflow::Day{2026y / November / 25}, {}, {}, {}}, december,
            seeded.settings);
    compare(store, {workflow::Day{2026y / November / 1}, workflow::Day{2026y / December / 31}, {}, {}, {}}, december,
            defaulting);
    compare(store, {workflow::Day{2026y / October / 28}, workflow::Day{2026y / November / 3}, {}, {}, {}}, december,
            defaulting);
}

BOOST_AUTO_TEST_CASE(TheReportsStateTheirFiguresInChineseInEveryFormat)
{
    Evaluated<testing::SqliteBackend> seeded;
    auto& store = *seeded.store;
    const ReportScope scope{workflow::Day{2026y / October / 1}, workflow::Day{2026y / November / 30}, {}, {}, {}};
    const Instant at = localMidnight(workflow::Day{2026y / December / 1});
    const auto figures = evaluationFigures(store, scope, at);
    const auto evaluations = evaluationsReport(figures, scope, "2026-12-01 09:00");
    const auto loops = rectificationFigures(store, scope, at);
    const auto rectification = rectificationReport(loops, scope, "2026-12-01 09:00");

    const auto csv = renderCsv(evaluations);
    BOOST_TEST(csv.find("评价数," + std::to_string(figures.counted)) != std::string::npos);
    BOOST_TEST(csv.find("差评数," + std::to_string(figures.bad)) != std::string::npos);
    BOOST_TEST(csv.find("统计截至,2026-12-01 00:00") != std::string::npos);
    BOOST_TEST(renderCsv(rectification).find("差评整改," + std::to_string(loops.rectifications)) != std::string::npos);

    const auto folder = std::filesystem::path(seeded.backend.location()).parent_path();
    const auto pdf = (folder / "rectification.pdf").string();
    BOOST_TEST_REQUIRE(renderPdf(rectification, pdf).has_value());
    const auto text = testing::runProgram("/usr/bin/pdftotext", {"-layout", pdf, "-"});
    for (const char* expected : {"差评整改情况", "差评整改率", "回访率", "在办整改账龄", "按责任部门"})
        BOOST_TEST(text.find(expected) != std::string::npos, expected);
    BOOST_TEST(renderHtml(evaluations).find("<svg") != std::string::npos);  // the level chart and the channel pie
}

BOOST_AUTO_TEST_CASE(AnEmptyPeriodSaysSo)
{
    testing::SqliteBackend backend;
    const auto store = store::Store::open(backend.location());
    const ReportScope scope{workflow::Day{2020y / January / 1}, workflow::Day{2020y / January / 31}, {}, {}, {}};
    const Instant at = localMidnight(workflow::Day{2020y / February / 1});
    const auto figures = evaluationFigures(*store, scope, at);
    BOOST_TEST(figures.counted == 0);
    BOOST_TEST(renderHtml(evaluationsReport(figures, scope, "2026-11-29 12:00")).find("统计期间内没有评价") != std::string::npos);
    const auto loops = rectificationFigures(*store, scope, at);
    BOOST_TEST(loops.opened == 0);
    BOOST_TEST(renderHtml(rectificationReport(loops, scope, "2026-11-29 12:00")).find("统计期间内没有整改") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
