// Clocks (时限): how much of a limit has run, when it falls due, and whether
// it is running, paused, due soon (yellow) or overdue (red).
#pragma once

#include "workflow/calendar/calendar.h"
#include "workflow/runtime/case_state.h"
#include "workflow/runtime/executable_process.h"

#include <optional>
#include <vector>

namespace tongban::workflow {

enum class ClockKind { Promised, Legal, Task, SpecialProcedure };
/// What a clock shows; docs/engine/clocks.md has the table of when.
enum class ClockState { Running, Paused, PausedOverdue, DueSoon, Overdue, Stopped, StoppedLate };

/// When a clock turns yellow: a number of working days of office time before
/// the due time (default 1), or once a share of the limit has run.
struct WarningPolicy {
    int yellowWorkingDays = 1;
    std::optional<double> yellowShare;
};

struct ClockView {
    ClockKind kind = ClockKind::Task;
    std::optional<TaskNumber> task;
    TimeLimit limit;
    Instant started{};
    std::optional<Instant> stopped;
    long pausedMinutes = 0;  ///< office minutes the clock stood still
    Instant due{};
    ClockState state = ClockState::Running;
};

/// The due time of a limit started at `started` on `calendar`, before any pause.
Instant plainDueTime(const Calendar& calendar, const TimeLimit& limit, Instant started);

/// Office minutes of the pauses after `started`; a pause that still lasts
/// counts until `now`.
long pausedOfficeMinutes(const Calendar& calendar, Instant started, const std::vector<Pause>& pauses, Instant now);

/// The due time derived from the limit and the recorded pauses: the plain due
/// time moved on by the time the clock stood still, counted as the limit
/// counts. Working days and working hours move by the office minutes paused;
/// natural days move the due day on by the local dates each pause spans (a
/// pause begun and ended on one date takes none out, an overnight one takes
/// one) and, should that day be a day off, on to the next working day. The one
/// rule for clocksOf() and for the deadlines a store keeps; never stored as a
/// number of its own, so a corrected calendar moves every open deadline.
Instant dueTime(const Calendar& calendar, const TimeLimit& limit, Instant started, const std::vector<Pause>& pauses,
                Instant now);

/// One clock at `now`: started at `started`, stopped at `stopped` if it has
/// been, standing still in `pauses` (the last may still last). A paused clock
/// is never yellow; it is red (PausedOverdue) when its due time had passed
/// when the pause began, or has passed since with the pause counted until
/// `now`. The kind and task are left for the caller to fill in.
ClockView clockOf(const Calendar& calendar, const TimeLimit& limit, Instant started, std::optional<Instant> stopped,
                  const std::vector<Pause>& pauses, Instant now, const WarningPolicy& policy = {});

/// Every clock of a case at `now`: promised and legal limits of the case, each
/// open task's limit, each special procedure's own limit.
std::vector<ClockView> clocksOf(const ExecutableProcess& process, const CaseState& state, const Calendar& calendar,
                                Instant now, const WarningPolicy& policy = {});

const char* toString(ClockState state);
const char* toString(ClockKind kind);

} // namespace tongban::workflow
