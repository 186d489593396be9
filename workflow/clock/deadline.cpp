// Deadline arithmetic over the working-day calendar.
#include "workflow/clock/deadline.h"

#include "workflow/model/enum_names.h"

#include <algorithm>

namespace tongban::workflow {

namespace {
constexpr std::pair<ClockState, const char*> kStateNames[] = {
    {ClockState::Running, "running"},
    {ClockState::Paused, "paused"},
    {ClockState::PausedOverdue, "pausedOverdue"},
    {ClockState::DueSoon, "dueSoon"},
    {ClockState::Overdue, "overdue"},
    {ClockState::Stopped, "stopped"},
    {ClockState::StoppedLate, "stoppedLate"},
};
constexpr std::pair<ClockKind, const char*> kKindNames[] = {
    {ClockKind::Promised, "promised"},
    {ClockKind::Legal, "legal"},
    {ClockKind::Task, "task"},
    {ClockKind::SpecialProcedure, "specialProcedure"},
};
} // namespace

Instant plainDueTime(const Calendar& calendar, const TimeLimit& limit, Instant started)
{
    switch (limit.unit) {
    case LimitUnit::WorkingDays: return calendar.addWorkingDays(started, limit.amount);
    case LimitUnit::NaturalDays: return calendar.addNaturalDays(started, limit.amount);
    case LimitUnit::WorkingHours: return calendar.addWorkingHours(started, limit.amount);
    }
    return started;
}

namespace {
/// Calendar days a clock stood still: for each pause after `started`, the
/// local dates from the one it began on to the one it ended on (a pause that
/// still lasts ends at `now`).
long pausedCalendarDays(const Calendar& calendar, Instant started, const std::vector<Pause>& pauses, Instant now)
{
    long total = 0;
    for (const auto& pause : pauses) {
        const Instant from = std::max(pause.from, started);
        const Instant to = pause.to.value_or(std::max(now, pause.from));
        if (to > from)
            total += (calendar.localDay(to) - calendar.localDay(from)).count();
    }
    return total;
}
} // namespace

long pausedOfficeMinutes(const Calendar& calendar, Instant started, const std::vector<Pause>& pauses, Instant now)
{
    long total = 0;
    for (const auto& pause : pauses) {
        const Instant from = std::max(pause.from, started);
        const Instant to = pause.to.value_or(std::max(now, pause.from));
        total += calendar.officeMinutesBetween(from, to);
    }
    return total;
}

Instant dueTime(const Calendar& calendar, const TimeLimit& limit, Instant started, const std::vector<Pause>& pauses,
                Instant now)
{
    const Instant plain = plainDueTime(calendar, limit, started);
    if (limit.unit == LimitUnit::NaturalDays)
        // Natural days count dates, so a pause moves the due day on by the
        // dates it spans; a day off there moves it on to the next working day,
        // as it does the plain due day.
        return calendar.addNaturalDays(plain, static_cast<int>(pausedCalendarDays(calendar, started, pauses, now)));
    return calendar.addOfficeMinutes(plain, pausedOfficeMinutes(calendar, started, pauses, now));
}

ClockView clockOf(const Calendar& calendar, const TimeLimit& limit, Instant started, std::optional<Instant> stopped,
                  const std::vector<Pause>& pauses, Instant now, const WarningPolicy& policy)
{
    ClockView clock;
    clock.limit = limit;
    clock.started = started;
    clock.stopped = stopped;
    const Instant until = stopped.value_or(now);
    clock.pausedMinutes = pausedOfficeMinutes(calendar, started, pauses, until);
    clock.due = dueTime(calendar, limit, started, pauses, until);
    const auto& due = clock.due;
    if (stopped) {
        clock.state = *stopped <= due ? ClockState::Stopped : ClockState::StoppedLate;
    } else if (!pauses.empty() && !pauses.back().to) {
        // A pause keeps a clock that was already late on the red list, and a
        // natural-day clock whose due day has come can fall due while it lasts.
        const Instant since = std::max(pauses.back().from, started);
        const bool lateWhenPaused = since > dueTime(calendar, limit, started, pauses, since);
        clock.state = lateWhenPaused || now > due ? ClockState::PausedOverdue : ClockState::Paused;
    } else if (now > due) {
        clock.state = ClockState::Overdue;
    } else if (policy.yellowShare) {
        const long total = calendar.officeMinutesBetween(started, due) - clock.pausedMinutes;
        const long elapsed = calendar.officeMinutesBetween(started, now) - clock.pausedMinutes;
        clock.state = total > 0 && static_cast<double>(elapsed) >= *policy.yellowShare * static_cast<double>(total)
                          ? ClockState::DueSoon
                          : ClockState::Running;
    } else {
        const long left = calendar.officeMinutesBetween(now, due);
        clock.state = left <= static_cast<long>(policy.yellowWorkingDays) * calendar.officeMinutesPerDay()
                          ? ClockState::DueSoon
                          : ClockState::Running;
    }
    return clock;
}

std::vector<ClockView> clocksOf(const ExecutableProcess& process, const CaseState& state, const Calendar& calendar,
                                Instant now, const WarningPolicy& policy)
{
    std::vector<ClockView> clocks;
    if (!state.startedAt)
        return clocks;
    auto add = [&](ClockKind kind, std::optional<TaskNumber> task, const TimeLimit& limit, Instant started,
                   std::optional<Instant> stopped, const std::vector<Pause>& pauses) {
        auto clock = clockOf(calendar, limit, started, stopped, pauses, now, policy);
        clock.kind = kind;
        clock.task = task;
        clocks.push_back(clock);
    };
    const auto& def = process.definition();
    if (def.promisedLimit)
        add(ClockKind::Promised, std::nullopt, *def.promisedLimit, *state.startedAt, state.endedAt, state.pauses);
    if (def.legalLimit)
        add(ClockKind::Legal, std::nullopt, *def.legalLimit, *state.startedAt, state.endedAt, state.pauses);
    for (const auto& task : state.marking.openTasks)
        if (const auto& limit = def.nodes()[task.node].timeLimit)
            add(ClockKind::Task, task.number, *limit, task.openedAt, std::nullopt, state.pauses);
    // A special procedure's own clock runs while the case stands still.
    for (const auto& pause : state.pauses)
        if (pause.limit)
            add(ClockKind::SpecialProcedure, std::nullopt, *pause.limit, pause.from, pause.to, {});
    return clocks;
}

const char* toString(ClockState state) { return nameIn(kStateNames, state); }

const char* toString(ClockKind kind) { return nameIn(kKindNames, kind); }

} // namespace tongban::workflow
