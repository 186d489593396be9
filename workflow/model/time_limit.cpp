// Conversions between limit units.
#include "workflow/model/time_limit.h"

namespace tongban::workflow {

double inWorkingDays(const TimeLimit& limit)
{
    switch (limit.unit) {
    case LimitUnit::WorkingDays:
    case LimitUnit::NaturalDays:
        return limit.amount;
    case LimitUnit::WorkingHours:
        return limit.amount / kWorkingHoursPerDay;
    }
    return limit.amount;
}

bool isTooLong(const TimeLimit& limit) { return inWorkingDays(limit) > kLongestLimitWorkingDays; }

const char* toString(LimitUnit unit)
{
    switch (unit) {
    case LimitUnit::WorkingDays: return "workingDays";
    case LimitUnit::NaturalDays: return "naturalDays";
    case LimitUnit::WorkingHours: return "workingHours";
    }
    return "?";
}

std::optional<LimitUnit> limitUnitFromString(std::string_view text)
{
    if (text == "workingDays") return LimitUnit::WorkingDays;
    if (text == "naturalDays") return LimitUnit::NaturalDays;
    if (text == "workingHours") return LimitUnit::WorkingHours;
    return std::nullopt;
}

} // namespace tongban::workflow
