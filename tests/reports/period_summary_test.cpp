// The period summary's figures, aggregated in SQL, against the same figures
// counted another way: case by case in C++, from each case's journal and the
// calendar, on a seeded store with pauses, on both backends.
#include "reports/catalogue/department_efficiency.h"
#include "reports/catalogue/period_summary.h"
#include "reports/catalogue/throughput.h"
#include "reports/catalogue/warnings.h"
#include "reports/render/renderers.h"
#include "services/seeding/demo_seeder.h"
#include "tests/reports/count_printing.h"
#include "tests/reports/work_case.h"
#include "tests/support/backends.h"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>

using namespace tongban;
using namespace tongban::reports;
using namespace std::chrono;
using workflow::Instant;

namespace {

/// Instants of local (UTC+8) days.
Instant localMidnight(workflow::Day day) { return Instant{day} - hours{8}; }

struct Counted {
    std::int64_t accepted = 0, completed = 0, onTime = 0, early = 0, overdue = 0, notGranted = 0, withdrawn = 0, open = 0;
    std::vector<double> days;  ///< working days taken by each completed case, pauses left out
    std::map<std::string, std::int64_t> channels;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> byLead;  ///< accepted and completed, by lead department
};

/// Every case's figures from its row and its journal, with the C++ calendar.
Counted countCaseByCase(store::Store& store, const ReportScope& scope)
{
    const auto& calendar = store.workingCalendar();
    const Instant begin = localMidnight(scope.from);
    const Instant end = localMidnight(scope.to + days{1});
    Counted counted;
    for (const auto& row : store.reportQuery("SELECT number FROM cases ORDER BY id", {})) {
        const auto view = *store.caseByNumber(std::get<std::string>(row[0]));
        std::string lead = "（目录外）";
        for (const auto& entry : store.oneThings())
            if (entry.name == view.oneThing)
                lead = entry.leadDepartment;
        if (view.acceptedAt >= end || (view.endedAt && *view.endedAt < begin))
            continue;
        if (view.acceptedAt >= begin) {
            ++counted.accepted;
            ++counted.byLead[lead].first;
            ++counted.channels[view.channel];
        }
        if (!view.endedAt || *view.endedAt >= end)
            ++counted.open;
        if (!view.endedAt || *view.endedAt < begin || *view.endedAt >= end)
            continue;
        const auto state = *store.caseState(view.number);
        if (state.status == workflow::CaseStatus::NotGranted)
            ++counted.notGranted;
        if (state.status == workflow::CaseStatus::Withdrawn || state.status == workflow::CaseStatus::Cancelled)
            ++counted.withdrawn;
        if (state.status != workflow::CaseStatus::Completed)
            continue;
        ++counted.completed;
        ++counted.byLead[lead].second;
        const bool onTime = !view.dueAt || *view.endedAt <= *view.dueAt;
        counted.onTime += onTime ? 1 : 0;
        counted.overdue += onTime ? 0 : 1;
        if (view.dueAt && calendar.localDay(*view.endedAt) < calendar.localDay(*view.dueAt))
            ++counted.early;
        long minutes = calendar.officeMinutesBetween(view.acceptedAt, *view.endedAt);
        std::optional<Instant> pausedAt;
        for (const auto& event : store.eventsOfCase(view.number)) {
            if (std::holds_alternative<workflow::CasePaused>(event.what))
                pausedAt = event.at;
            if (std::holds_alternative<workflow::CaseResumed>(event.what) && pausedAt) {
                minutes -= calendar.officeMinutesBetween(*pausedAt, event.at);
                pausedAt.reset();
            }
        }
        counted.days.push_back(static_cast<double>(minutes) / calendar.officeMinutesPerDay());
    }
    std::ranges::sort(counted.days);
    return counted;
}

/// A seeded workspace, with some cases paused for a supplement and resumed.
using Backends = boost::mpl::list<testing::SqliteBackend, testing::PostgresBackend>;

template <typename Backend>
struct Seeded {
    Backend backend;
    std::unique_ptr<store::Store> store = store::Store::open(backend.location());
    Seeded()
    {
        services::SeedOptions options;
        options.cases = 600;
        options.seed = 7;
        services::seedDemo(*store, options);
        // Supplements on running cases, resumed two working days later, then worked to the end.
        const workflow::Actor officer{"market01", "市场监管局"};
        int paused = 0;
        for (const auto& row : store->reportQuery("SELECT number FROM cases WHERE status = 'running' ORDER BY id", {})) {
            if (paused == 40)
                break;
            const auto number = std::get<std::string>(row[0]);
            auto state = *store->caseState(number);
            if (state.isPaused() || state.marking.openTasks.empty())
                continue;
            const auto at = *state.startedAt + hours{30};
            if (!store->execute(number, {workflow::RequestSupplement{{"营业执照"}, "补正"}, officer, at}))
                continue;
            BOOST_TEST_REQUIRE(store->execute(number, {workflow::ResumeCase{"已补正"}, officer, at + hours{48}}).has_value());
            // Every other one is then worked to its end, a working day a step.
            for (auto step = at + hours{72}; paused % 2 == 0 && step < at + days{60}; step += hours{24})
                if (!testing::approveFirstOpenStep(*store, number, step))
                    break;
            ++paused;
        }
        BOOST_TEST_REQUIRE(paused > 10);
    }
};

void compare(store::Store& store, const ReportScope& scope)
{
    const auto figures = periodFigures(store, scope);
    auto counted = countCaseByCase(store, scope);
    BOOST_TEST(figures.accepted == counted.accepted);
    BOOST_TEST(figures.completed == counted.completed);
    BOOST_TEST(figures.onTime == counted.onTime);
    BOOST_TEST(figures.early == counted.early);
    BOOST_TEST(figures.overdue == counted.overdue);
    BOOST_TEST(figures.notGranted == counted.notGranted);
    BOOST_TEST(figures.withdrawn == counted.withdrawn);
    BOOST_TEST(figures.openAtEnd == counted.open);
    BOOST_TEST(figures.processing.cases == static_cast<std::int64_t>(counted.days.size()));
    if (!counted.days.empty()) {
        double mean = 0;
        for (const auto d : counted.days)
            mean += d;
        mean /= static_cast<double>(counted.days.size());
        BOOST_TEST(figures.processing.meanDays == mean, boost::test_tools::tolerance(1e-9));
        const auto n = counted.days.size();
        BOOST_TEST(figures.processing.p50Days == counted.days[(n + 1) / 2 - 1]);
        BOOST_TEST(figures.processing.p90Days == counted.days[(9 * n + 9) / 10 - 1]);
        BOOST_TEST(figures.processing.maxDays == counted.days.back());
    }
    std::int64_t histogram = 0;
    for (const auto count : figures.leadHistogram)
        histogram += count;
    BOOST_TEST(histogram == figures.processing.cases);
    std::map<std::string, std::int64_t> channels(figures.channels.begin(), figures.channels.end());
    BOOST_TEST(channels == counted.channels);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> byLead;
    for (const auto& department : figures.departments)
        byLead[department.name] = {department.accepted, department.completed};
    std::erase_if(counted.byLead, [](const auto& entry) { return entry.second == std::pair<std::int64_t, std::int64_t>{}; });
    BOOST_TEST(byLead == counted.byLead);
}

} // namespace

namespace std {
inline std::ostream& boost_test_print_type(std::ostream& out,
                                           const std::map<std::string, std::pair<std::int64_t, std::int64_t>>& map)
{
    for (const auto& [key, value] : map)
        out << key << "=" << value.first << "/" << value.second << " ";
    return out;
}
} // namespace std

BOOST_AUTO_TEST_SUITE(PeriodSummary)

BOOST_AUTO_TEST_CASE_TEMPLATE(EveryFigureEqualsTheCaseByCaseCount, Backend, Backends)
{
    if (testing::skipped<Backend>())
        return;
    Seeded<Backend> seeded;
    auto& store = *seeded.store;
    const workflow::Day start{2025y / December / 1};
    // A whole year, a month, a single day at a month's turn, and one thing alone.
    compare(store, {start, workflow::Day{2026y / November / 30}, {}, {}, {}});
    compare(store, {workflow::Day{2026y / March / 1}, workflow::Day{2026y / March / 31}, {}, {}, {}});
    compare(store, {workflow::Day{2026y / April / 30}, workflow::Day{2026y / April / 30}, {}, {}, {}});
    const auto one = periodFigures(store, {start, workflow::Day{2026y / November / 30}, {}, {}, {}});
    BOOST_TEST(one.accepted > 100);
    BOOST_TEST(one.completed > 100);
    BOOST_TEST(one.processing.cases > 100);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(ThroughputPerOneThingEqualsTheCaseByCaseCount, Backend, Backends)
{
    if (testing::skipped<Backend>())
        return;
    Seeded<Backend> seeded;
    auto& store = *seeded.store;
    const ReportScope scope{workflow::Day{2025y / December / 1}, workflow::Day{2026y / November / 30}, {}, {}, {}};
    const auto& calendar = store.workingCalendar();
    std::map<std::string, std::vector<double>> taken;
    std::map<std::string, std::int64_t> supplemented;
    for (const auto& row : store.reportQuery("SELECT number FROM cases WHERE status = 'completed' ORDER BY id", {})) {
        const auto view = *store.caseByNumber(std::get<std::string>(row[0]));
        if (*view.endedAt < localMidnight(scope.from) || *view.endedAt >= localMidnight(scope.to + days{1}))
            continue;
        long minutes = calendar.officeMinutesBetween(view.acceptedAt, *view.endedAt);
        std::optional<Instant> pausedAt;
        bool supplement = false;
        for (const auto& event : store.eventsOfCase(view.number)) {
            if (const auto* pause = std::get_if<workflow::CasePaused>(&event.what)) {
                pausedAt = event.at;
                supplement = supplement || pause->kind == workflow::PauseKind::Supplement;
            }
            if (std::holds_alternative<workflow::CaseResumed>(event.what) && pausedAt) {
                minutes -= calendar.officeMinutesBetween(*pausedAt, event.at);
                pausedAt.reset();
            }
        }
        taken[view.oneThing].push_back(static_cast<double>(minutes) / calendar.officeMinutesPerDay());
        supplemented[view.oneThing] += supplement ? 1 : 0;
    }
    const auto figures = throughputFigures(store, scope);
    BOOST_TEST_REQUIRE(figures.oneThings.size() == taken.size());
    std::int64_t anySupplemented = 0;
    for (const auto& thing : figures.oneThings) {
        auto& counted = taken.at(thing.name);
        std::ranges::sort(counted);
        const auto n = counted.size();
        BOOST_TEST(thing.time.cases == static_cast<std::int64_t>(n), thing.name);
        BOOST_TEST(thing.time.p50Days == counted[(n + 1) / 2 - 1]);
        BOOST_TEST(thing.time.p90Days == counted[(9 * n + 9) / 10 - 1]);
        BOOST_TEST(thing.time.maxDays == counted.back());
        BOOST_TEST(thing.supplemented == supplemented.at(thing.name));
        anySupplemented += thing.supplemented;
    }
    BOOST_TEST(anySupplemented > 0);  // the fixture's supplemented cases that were worked to their end
}

BOOST_AUTO_TEST_CASE_TEMPLATE(WarningsAreEveryRedAndYellowStepWithItsUrges, Backend, Backends)
{
    if (testing::skipped<Backend>())
        return;
    Seeded<Backend> seeded;
    auto& store = *seeded.store;
    const auto& calendar = store.workingCalendar();
    const Instant at = localMidnight(workflow::Day{2026y / November / 27}) + hours{16};
    // Some running cases are urged, one of them twice.
    const workflow::Actor supervisor{"supervisor01", "政务服务中心"};
    std::map<std::string, std::int64_t> urged;
    for (const auto& row : store.reportQuery("SELECT number FROM cases WHERE status = 'running' ORDER BY id", {})) {
        const auto number = std::get<std::string>(row[0]);
        if (urged.size() == 5 || store.caseState(number)->isPaused())
            continue;
        const auto times = urged.empty() ? 2 : 1;
        for (int i = 0; i < times; ++i)
            BOOST_TEST_REQUIRE(store.execute(number, {workflow::UrgeCase{workflow::UrgeLevel::Urge, {}, "请加快"}, supervisor,
                                                      *store.caseByNumber(number)->dueAt - hours{1}})
                                   .has_value());
        urged[number] = times;
    }
    // A case with a late step waits for a supplement: paused, overdue.
    const Instant paused = at - hours{1};
    for (const auto& row : store.reportQuery("SELECT number FROM cases WHERE status = 'running' ORDER BY id", {})) {
        const auto number = std::get<std::string>(row[0]);
        const auto tasks = store.tasksOfCase(number);
        const auto state = store.caseState(number);
        const bool toldBefore = std::ranges::any_of(state->pauses, [](const workflow::Pause& p) {
            return p.kind == workflow::PauseKind::Supplement;  // 一次性告知: one notice per case
        });
        if (urged.contains(number) || state->isPaused() || toldBefore ||
            std::ranges::none_of(tasks, [&](const store::TaskView& task) {
                return !task.closedAt && task.dueAt && *task.dueAt < paused;
            }))
            continue;
        BOOST_TEST_REQUIRE(store.execute(number, {workflow::RequestSupplement{{"营业执照副本"}, {}},
                                                  workflow::Actor{"clerk01", "政务服务中心"}, paused})
                               .has_value());
        break;
    }
    // Counted another way: each running case's open steps against the
    // instant, and each paused case's step clocks as its case page shows them.
    const Instant horizon = calendar.addOfficeMinutes(at, calendar.officeMinutesPerDay());
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> expected;  ///< department → red, yellow steps
    std::int64_t redUrges = 0, pausedRed = 0;
    for (const auto& row : store.reportQuery("SELECT number FROM cases WHERE status = 'running'", {})) {
        const auto number = std::get<std::string>(row[0]);
        const auto state = *store.caseState(number);
        const auto process = store.definition(state.definitionKey, state.definitionVersion);
        const auto clocks = workflow::clocksOf(*process, state, calendar, at);
        for (const auto& task : store.tasksOfCase(number)) {
            if ((task.state != store::TaskState::Open && task.state != store::TaskState::Claimed) || !task.dueAt)
                continue;
            bool red = false;
            if (task.pausedSince) {
                const auto clock = std::ranges::find(clocks, std::optional(task.task), &workflow::ClockView::task);
                red = clock->state == workflow::ClockState::PausedOverdue;
                pausedRed += red ? 1 : 0;
                if (!red)
                    continue;
            } else if (*task.dueAt > horizon) {
                continue;
            }
            auto& department = expected[task.department];
            if (red || *task.dueAt < at) {
                ++department.first;
                redUrges += urged.contains(number) ? urged[number] : 0;
            } else {
                ++department.second;
            }
        }
    }
    const auto figures = warningFigures(store, {workflow::Day{2026y / November / 1}, workflow::Day{2026y / November / 27}, {}, {}, {}}, at);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> reported;
    for (const auto& department : figures.departments)
        reported[department.department] = {department.redSteps, department.yellowSteps};
    BOOST_TEST(reported == expected);
    std::int64_t reportedUrges = 0;
    for (const auto& line : figures.redSteps) {
        reportedUrges += line.urges;
        BOOST_TEST(line.workingDays * calendar.officeMinutesPerDay() ==
                       static_cast<double>(calendar.officeMinutesBetween(line.dueAt, at)),
                   boost::test_tools::tolerance(1e-9));
    }
    BOOST_TEST(reportedUrges == redUrges);
    BOOST_TEST(pausedRed > 0);
    BOOST_TEST(std::ranges::count(figures.redSteps, true, &WarningLine::paused) == pausedRed);
    const auto csv = renderCsv(warningsReport(figures, {}, "2026-11-27 16:00"));
    BOOST_TEST(csv.find("已暂停·已超期") != std::string::npos);
    BOOST_TEST(redUrges > 0);  // the oldest running cases, urged, are among the red
    BOOST_TEST(!figures.redSteps.empty());
    BOOST_TEST(std::ranges::is_sorted(figures.redSteps, std::greater<>(), &WarningLine::workingDays));
    // One department alone.
    const auto one = warningFigures(store, {workflow::Day{2026y / November / 1}, workflow::Day{2026y / November / 27}, "税务局", {}, {}}, at);
    BOOST_TEST(std::ranges::all_of(one.redSteps, [](const WarningLine& line) { return line.department == "税务局"; }));
}

BOOST_AUTO_TEST_CASE(EfficiencyRanksLeadDepartmentsBesideThePreviousPeriod)
{
    Seeded<testing::SqliteBackend> seeded;
    auto& store = *seeded.store;
    const ReportScope quarter{workflow::Day{2026y / September / 1}, workflow::Day{2026y / November / 30}, {}, {}, {}};
    const auto figures = efficiencyFigures(store, quarter);
    BOOST_TEST(workflow::formatDay(figures.previous.from) == "2026-06-02");  // 91 days just before
    BOOST_TEST(workflow::formatDay(figures.previous.to) == "2026-08-31");
    BOOST_TEST_REQUIRE(!figures.ranking.empty());
    // The same figures as the summary's of each period, ranked by on-time rate, then working days.
    const auto now = periodFigures(store, quarter);
    const auto before = periodFigures(store, figures.previous);
    for (const auto& entry : figures.ranking) {
        const auto nowFigures = std::ranges::find(now.departments, entry.department, &DepartmentFigures::name);
        if (nowFigures != now.departments.end()) {
            BOOST_TEST(entry.now.completed == nowFigures->completed);
            BOOST_TEST(entry.now.onTime == nowFigures->onTime);
        }
        const auto beforeFigures = std::ranges::find(before.departments, entry.department, &DepartmentFigures::name);
        if (beforeFigures != before.departments.end())
            BOOST_TEST(entry.before.completed == beforeFigures->completed);
    }
    const auto rate = [](const DepartmentFigures& f) {
        return f.completed ? static_cast<double>(f.onTime) / static_cast<double>(f.completed) : 0.0;
    };
    for (std::size_t i = 1; i < figures.ranking.size(); ++i)
        BOOST_TEST(rate(figures.ranking[i - 1].now) >= rate(figures.ranking[i].now));
    const auto report = efficiencyReport(figures, quarter, "2026-11-30 12:00");
    BOOST_TEST(renderCsv(report).find("对比期间,2026-06-02 至 2026-08-31") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(AnEmptyPeriodSaysSoInEveryFormat)
{
    testing::SqliteBackend backend;
    const auto store = store::Store::open(backend.location());
    const ReportScope scope{workflow::Day{2020y / January / 1}, workflow::Day{2020y / January / 31}, {}, {}, {}};
    const auto figures = periodFigures(*store, scope);
    BOOST_TEST(figures.accepted == 0);
    BOOST_TEST(figures.processing.cases == 0);
    const auto report = periodSummary(figures, scope, "2026-11-29 12:00");
    BOOST_TEST(renderHtml(report).find("统计期间内没有办件。") != std::string::npos);
    BOOST_TEST(renderCsv(report).find("统计期间,2020-01-01 至 2020-01-31") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
