// Clocks: pauses for 补正 and special procedures, yellow and red, derived due times.
#include "model_builder.h"

#include "workflow/calendar/calendar_json.h"
#include "workflow/clock/deadline.h"
#include "workflow/runtime/case_state_json.h"
#include "workflow/runtime/engine.h"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;
using namespace std::chrono;

namespace {

const Actor kClerk{"clerk01", "政务服务中心"};

Instant local(const std::string& text)
{
    return *parseInstant(text.substr(0, 10) + "T" + text.substr(11) + ":00+08:00");
}

std::string show(Instant instant) { return formatInstant(instant + hours{8}).substr(0, 16); }

/// One case of the reference process, driven with explicit instants.
struct Case {
    std::shared_ptr<const ExecutableProcess> process = *ExecutableProcess::compile(loadExample("reference-one-thing.json"));
    CaseState state;

    explicit Case(const std::string& at) { run(StartCase{"320100-20261130-000001", {}}, at); }

    template <typename Action>
    void run(Action action, const std::string& at)
    {
        auto events = apply(*process, state, Command{std::move(action), kClerk, local(at)});
        BOOST_TEST_REQUIRE(events.has_value(), (events ? "" : events.error().describe()));
        evolve(state, *events);
    }

    template <typename Action>
    EngineError refused(Action action, const std::string& at)
    {
        auto events = apply(*process, state, Command{std::move(action), kClerk, local(at)});
        BOOST_TEST_REQUIRE(!events.has_value());
        return events.error();
    }

    ClockView clock(ClockKind kind, const std::string& now, const WarningPolicy& policy = {})
    {
        for (const auto& c : clocksOf(*process, state, nationalCalendar(), local(now), policy))
            if (c.kind == kind)
                return c;
        BOOST_FAIL("no such clock");
        return {};
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(Clocks)

BOOST_AUTO_TEST_CASE(ASupplementStopsEveryClockUntilResumed)
{
    Case c("2026-11-30 10:00");  // Monday
    BOOST_TEST(show(c.clock(ClockKind::Task, "2026-11-30 10:00").due) == "2026-12-01T17:30");
    BOOST_TEST(show(c.clock(ClockKind::Promised, "2026-11-30 10:00").due) == "2026-12-07T17:30");

    c.run(RequestSupplement{{"公司章程（股东签字页）", "住所使用证明"}, "一次性告知"}, "2026-11-30 11:00");
    BOOST_TEST(c.state.isPaused());
    const auto paused = c.clock(ClockKind::Task, "2026-12-01 09:00");
    BOOST_TEST((paused.state == ClockState::Paused));
    BOOST_TEST(c.refused(CompleteTask{1, Outcome::Approve, {}, {}, {}}, "2026-11-30 15:00").code ==
               EngineErrorCode::CasePaused);
    BOOST_TEST(c.refused(RequestSupplement{{"身份证"}, {}}, "2026-11-30 15:00").code == EngineErrorCode::CasePaused);

    c.run(ResumeCase{"材料已补齐"}, "2026-12-02 11:00");  // Wednesday: 840 office minutes later
    const auto task = c.clock(ClockKind::Task, "2026-12-02 11:00");
    BOOST_TEST(task.pausedMinutes == 840);
    BOOST_TEST(show(task.due) == "2026-12-03T17:30");
    BOOST_TEST(show(c.clock(ClockKind::Promised, "2026-12-02 11:00").due) == "2026-12-09T17:30");
    BOOST_TEST(c.refused(ResumeCase{}, "2026-12-02 12:00").code == EngineErrorCode::CaseNotPaused);
    c.run(CompleteTask{1, Outcome::Approve, {}, {}, {}}, "2026-12-02 14:00");
}

BOOST_AUTO_TEST_CASE(ASupplementNoticeListsTheMaterials)
{
    Case c("2026-11-30 10:00");
    BOOST_TEST(c.refused(RequestSupplement{{}, "请补正"}, "2026-11-30 11:00").message.en ==
               "a supplement notice must list every missing or deficient material at once");
    BOOST_TEST(c.refused(RequestSupplement{{"章程", ""}, {}}, "2026-11-30 11:00").code == EngineErrorCode::InvalidData);
}

BOOST_AUTO_TEST_CASE(ASpecialProcedureRunsItsOwnClock)
{
    Case c("2026-11-30 10:00");
    c.run(StartSpecialProcedure{PauseKind::Inspection, TimeLimit{5, LimitUnit::WorkingDays}, "食品检验"},
          "2026-11-30 14:00");
    const auto inspection = c.clock(ClockKind::SpecialProcedure, "2026-12-07 10:00");
    BOOST_TEST(show(inspection.due) == "2026-12-07T17:30");
    BOOST_TEST((inspection.state == ClockState::DueSoon));
    BOOST_TEST((c.clock(ClockKind::SpecialProcedure, "2026-12-08 10:00").state == ClockState::Overdue));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-08 10:00").state == ClockState::Paused));
    BOOST_TEST(c.refused(StartSpecialProcedure{PauseKind::Inspection, TimeLimit{0, LimitUnit::WorkingDays}, {}},
                         "2026-11-30 15:00")
                   .code == EngineErrorCode::CasePaused);
    c.run(ResumeCase{"检验合格"}, "2026-12-03 14:00");
    const auto ended = c.clock(ClockKind::SpecialProcedure, "2026-12-08 10:00");
    BOOST_TEST((ended.state == ClockState::Stopped));
    BOOST_TEST(c.clock(ClockKind::Promised, "2026-12-08 10:00").pausedMinutes == 3 * 420);
}

BOOST_AUTO_TEST_CASE(YellowBeforeRed)
{
    Case c("2026-11-30 10:00");  // promised: 5 working days, due Monday 7 December 17:30
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-03 17:00").state == ClockState::Running));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-04 18:00").state == ClockState::DueSoon));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-07 17:30").state == ClockState::DueSoon));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-07 17:31").state == ClockState::Overdue));
    const WarningPolicy share{1, 0.5};
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-02 10:00", share).state == ClockState::Running));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-12-03 15:00", share).state == ClockState::DueSoon));
}

BOOST_AUTO_TEST_CASE(UrgesAreRecordedWithTheirNote)
{
    Case c("2026-11-30 10:00");
    c.run(UrgeCase{UrgeLevel::Urge, 1, "请尽快受理"}, "2026-12-01 09:00");
    c.run(UrgeCase{UrgeLevel::Supervise, std::nullopt, "已超期，列入督办"}, "2026-12-02 09:00");
    BOOST_TEST(c.state.urges.size() == 2u);
    BOOST_TEST((c.state.urges[1].level == UrgeLevel::Supervise));
    BOOST_TEST(c.refused(UrgeCase{UrgeLevel::Urge, 99, "x"}, "2026-12-02 09:00").code == EngineErrorCode::UnknownTask);
    BOOST_TEST(c.refused(UrgeCase{UrgeLevel::Urge, 1, ""}, "2026-12-02 09:00").code == EngineErrorCode::ReasonRequired);
}

BOOST_AUTO_TEST_CASE(PausesAndUrgesSurviveSavingTheCase)
{
    Case c("2026-11-30 10:00");
    c.run(StartSpecialProcedure{PauseKind::ExpertReview, TimeLimit{10, LimitUnit::WorkingDays}, "专家评审"},
          "2026-11-30 11:00");
    c.run(ResumeCase{}, "2026-12-01 11:00");
    c.run(RequestSupplement{{"章程"}, {}}, "2026-12-01 15:00");
    c.run(UrgeCase{UrgeLevel::Urge, 1, "催办"}, "2026-12-01 16:00");
    auto again = readCaseState(*c.process, writeCaseState(*c.process, c.state));
    BOOST_TEST_REQUIRE(again.has_value(), (again ? "" : again.error().describe()));
    BOOST_TEST((*again == c.state));
}

BOOST_AUTO_TEST_CASE(PausesNeverBringADueTimeForwardAndShiftItByTheirOfficeTime)
{
    std::mt19937 random(4);
    const auto& calendar = nationalCalendar();
    const auto first = local("2024-01-02 09:00");
    for (int i = 0; i < 5000; ++i) {
        const Instant started = first + minutes{std::uniform_int_distribution<long>(0, 2L * 365 * 24 * 60)(random)};
        const TimeLimit limit{std::uniform_int_distribution<>(0, 30)(random), LimitUnit::WorkingDays};
        std::vector<Pause> pauses;
        Instant cursor = started;
        for (int p = std::uniform_int_distribution<>(0, 3)(random); p > 0; --p) {
            const Instant from = cursor + minutes{std::uniform_int_distribution<long>(0, 5 * 24 * 60)(random)};
            const Instant to = from + minutes{std::uniform_int_distribution<long>(0, 5 * 24 * 60)(random)};
            pauses.push_back(Pause{PauseKind::Supplement, from, to, std::nullopt});
            cursor = to;
        }
        const auto plain = plainDueTime(calendar, limit, started);
        const auto due = dueTime(calendar, limit, started, pauses, cursor);
        BOOST_TEST_REQUIRE((due >= plain));
        long paused = 0;
        for (const auto& pause : pauses)
            paused += calendar.officeMinutesBetween(pause.from, *pause.to);
        BOOST_TEST_REQUIRE(calendar.officeMinutesBetween(plain, due) == paused);
    }
}

BOOST_AUTO_TEST_SUITE_END()
