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

/// The reference process, with another promised limit when one is given.
std::shared_ptr<const ExecutableProcess> reference(std::optional<TimeLimit> promised = std::nullopt)
{
    auto definition = loadExample("reference-one-thing.json");
    if (promised)
        definition.promisedLimit = promised;
    auto process = ExecutableProcess::compile(definition);
    BOOST_TEST_REQUIRE(process.has_value());
    return *process;
}

/// One case of the reference process, driven with explicit instants.
struct Case {
    std::shared_ptr<const ExecutableProcess> process;
    CaseState state;

    explicit Case(const std::string& at, std::shared_ptr<const ExecutableProcess> p = reference()) : process(std::move(p))
    {
        run(StartCase{"320100-20261130-000001", {}}, at);
    }

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

BOOST_AUTO_TEST_CASE(PausesNeverBringADueTimeForwardAndMoveItByTheirOwnKindOfTime)
{
    std::mt19937 random(4);
    const auto& calendar = nationalCalendar();
    const auto first = local("2024-01-02 09:00");
    constexpr LimitUnit kUnits[] = {LimitUnit::WorkingDays, LimitUnit::WorkingHours, LimitUnit::NaturalDays};
    for (int i = 0; i < 6000; ++i) {
        const Instant started = first + minutes{std::uniform_int_distribution<long>(0, 2L * 365 * 24 * 60)(random)};
        const TimeLimit limit{std::uniform_int_distribution<>(0, 30)(random), kUnits[i % 3]};
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
        if (limit.unit == LimitUnit::NaturalDays) {
            // The due day moves on by the dates the pauses span, then on to a working day.
            long paused = 0;
            for (const auto& pause : pauses)
                paused += (calendar.localDay(*pause.to) - calendar.localDay(pause.from)).count();
            const Day moved = calendar.localDay(plain) + days{paused};
            const Day dueDay = calendar.localDay(due);
            BOOST_TEST_REQUIRE((dueDay >= moved));
            for (Day day = moved; day < dueDay; day += days{1})
                BOOST_TEST_REQUIRE(!calendar.isWorkingDay(day));
            BOOST_TEST_REQUIRE((due == calendar.closeOf(dueDay) && calendar.isWorkingDay(dueDay)));
        } else {
            long paused = 0;
            for (const auto& pause : pauses)
                paused += calendar.officeMinutesBetween(pause.from, *pause.to);
            BOOST_TEST_REQUIRE(calendar.officeMinutesBetween(plain, due) == paused);
        }
    }
}

// National Day 2026 (workflow/calendar/data/national.json): Thursday 1 to
// Wednesday 7 October off, Sunday 20 September and Saturday 10 October worked.
// Each clock starts on Monday 28 September at 10:00 and stands still from
// Wednesday 30 September 15:00 to Thursday 8 October 10:00: 210 office
// minutes (150 before the holiday, 60 after it) over 8 calendar days.
BOOST_AUTO_TEST_CASE(EachKindOfLimitPausedOverNationalDayMovesByItsOwnTime)
{
    const auto& calendar = nationalCalendar();
    const Instant started = local("2026-09-28 10:00");
    const std::vector<Pause> overTheHoliday{
        {PauseKind::Supplement, local("2026-09-30 15:00"), local("2026-10-08 10:00"), std::nullopt}};
    const auto due = [&](TimeLimit limit, const std::vector<Pause>& pauses) {
        return show(dueTime(calendar, limit, started, pauses, local("2026-10-20 09:00")));
    };
    // 12 natural days end on Saturday 10 October, a working day; 8 days later
    // is Sunday 18 October, a day off, so the limit ends on Monday 19.
    BOOST_TEST(due({12, LimitUnit::NaturalDays}, {}) == "2026-10-10T17:30");
    BOOST_TEST(due({12, LimitUnit::NaturalDays}, overTheHoliday) == "2026-10-19T17:30");
    // 5 working days: 29 and 30 September, 8, 9 and 10 October; 210 office
    // minutes later: 3 hours on Monday 12 October, then half an hour.
    BOOST_TEST(due({5, LimitUnit::WorkingDays}, {}) == "2026-10-10T17:30");
    BOOST_TEST(due({5, LimitUnit::WorkingDays}, overTheHoliday) == "2026-10-12T14:00");
    // 24 working hours: 6 on 28 September, 7 each on 29 and 30, 4 on 8
    // October; 210 office minutes later: 3 hours that day, half an hour on the 9th.
    BOOST_TEST(due({24, LimitUnit::WorkingHours}, {}) == "2026-10-08T14:30");
    BOOST_TEST(due({24, LimitUnit::WorkingHours}, overTheHoliday) == "2026-10-09T09:30");
}

BOOST_AUTO_TEST_CASE(ANaturalDayPauseCountsTheDatesItSpans)
{
    const auto& calendar = nationalCalendar();
    const Instant started = local("2026-09-28 10:00");
    const TimeLimit twelve{12, LimitUnit::NaturalDays};  // due Saturday 10 October 17:30
    const auto due = [&](const std::string& from, std::optional<std::string> to, const std::string& now) {
        const std::vector<Pause> pauses{
            {PauseKind::Supplement, local(from), to ? std::optional(local(*to)) : std::nullopt, std::nullopt}};
        return show(dueTime(calendar, twelve, started, pauses, local(now)));
    };
    // Paused and resumed on one date: no day taken out, whatever the hours.
    BOOST_TEST(due("2026-09-29 09:00", "2026-09-29 17:00", "2026-10-20 09:00") == "2026-10-10T17:30");
    // Overnight: one day, to Sunday 11 October, a day off: Monday 12 October.
    BOOST_TEST(due("2026-09-29 17:00", "2026-09-30 09:00", "2026-10-20 09:00") == "2026-10-12T17:30");
    // A pause that still lasts counts to the date of now: 30 September to 5 October, five days.
    BOOST_TEST(due("2026-09-30 15:00", std::nullopt, "2026-10-05 12:00") == "2026-10-15T17:30");
    // Only the days after the clock started count: 28 to 29 September, one day.
    BOOST_TEST(due("2026-09-27 10:00", "2026-09-29 10:00", "2026-10-20 09:00") == "2026-10-12T17:30");
}

BOOST_AUTO_TEST_CASE(ACaseClockAndTheDueTimeItIsStoredByAgree)
{
    const TimeLimit twelve{12, LimitUnit::NaturalDays};
    Case c("2026-09-28 10:00", reference(twelve));
    c.run(RequestSupplement{{"住所使用证明"}, {}}, "2026-09-30 15:00");
    c.run(ResumeCase{"材料已补齐"}, "2026-10-08 10:00");
    const auto promised = c.clock(ClockKind::Promised, "2026-10-08 10:00");
    BOOST_TEST(show(promised.due) == "2026-10-19T17:30");
    BOOST_TEST((promised.due ==
                dueTime(nationalCalendar(), twelve, *c.state.startedAt, c.state.pauses, local("2026-10-08 10:00"))));
    BOOST_TEST(promised.pausedMinutes == 210);
}

BOOST_AUTO_TEST_CASE(AClockOverdueWhenPausedStaysRedWhilePaused)
{
    Case c("2026-09-28 10:00");  // acceptance: one working day, due Tuesday 29 September 17:30
    c.run(RequestSupplement{{"住所使用证明"}, "一次性告知"}, "2026-09-30 15:00");  // 270 office minutes late
    const auto accept = c.clock(ClockKind::Task, "2026-10-05 12:00");
    BOOST_TEST((accept.state == ClockState::PausedOverdue));
    BOOST_TEST(toString(accept.state) == std::string("pausedOverdue"));
    // Moved on by the 150 office minutes paused so far: still 270 behind.
    BOOST_TEST(show(accept.due) == "2026-09-30T11:30");
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-10-05 12:00").state == ClockState::Paused));  // due 10 October
    c.run(ResumeCase{"材料已补齐"}, "2026-10-08 10:00");
    BOOST_TEST((c.clock(ClockKind::Task, "2026-10-08 10:00").state == ClockState::Overdue));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-10-08 10:00").state == ClockState::Running));
}

BOOST_AUTO_TEST_CASE(ANaturalDayClockPausedOnItsLastDayFallsDueEachEvening)
{
    // Five natural days from Friday 25 September: due Wednesday 30 September 17:30.
    Case c("2026-09-25 10:00", reference(TimeLimit{5, LimitUnit::NaturalDays}));
    c.run(RequestSupplement{{"住所使用证明"}, {}}, "2026-09-30 15:00");
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-09-30 17:30").state == ClockState::Paused));
    // The day is over and the pause has taken no day out yet: resumed now, the case would be late.
    const auto evening = c.clock(ClockKind::Promised, "2026-09-30 18:00");
    BOOST_TEST((evening.state == ClockState::PausedOverdue));
    BOOST_TEST(show(evening.due) == "2026-09-30T17:30");
    // From midnight it has: Thursday 1 October is a holiday, so Thursday 8 October.
    const auto holiday = c.clock(ClockKind::Promised, "2026-10-01 09:00");
    BOOST_TEST((holiday.state == ClockState::Paused));
    BOOST_TEST(show(holiday.due) == "2026-10-08T17:30");
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-10-08 18:00").state == ClockState::PausedOverdue));
    BOOST_TEST((c.clock(ClockKind::Promised, "2026-10-09 09:00").state == ClockState::Paused));
}

BOOST_AUTO_TEST_SUITE_END()
