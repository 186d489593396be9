// Time limits of tasks and of whole cases (法定/承诺时限).
#pragma once

#include <optional>
#include <string_view>

namespace tongban::workflow {

enum class LimitUnit { WorkingDays, NaturalDays, WorkingHours };

struct TimeLimit {
    int amount = 0;
    LimitUnit unit = LimitUnit::WorkingDays;
    friend bool operator==(const TimeLimit&, const TimeLimit&) = default;
};

/// Working hours in one working day for comparing limits across units; the
/// default calendar's office hours (09:00-12:00, 13:30-17:30) make seven.
inline constexpr double kWorkingHoursPerDay = 7.0;

/// The longest limit any procedure has, in working days (about four years;
/// natural days and working hours are bounded by the same span). Longer is a
/// typo, refused by validation before a due time runs off the calendar.
inline constexpr int kLongestLimitWorkingDays = 1000;

/// Whether a limit is longer than kLongestLimitWorkingDays. Zero is a limit
/// (即办件: due at the close of the day it starts); below zero, none.
bool isTooLong(const TimeLimit& limit);

/// The limit in working days for the critical path. Natural days count as the
/// same number of working days: an upper bound, so a promise that fits this
/// figure fits the real calendar too.
double inWorkingDays(const TimeLimit& limit);

const char* toString(LimitUnit unit);
std::optional<LimitUnit> limitUnitFromString(std::string_view text);

} // namespace tongban::workflow
