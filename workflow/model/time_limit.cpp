// Conversions between limit units.
#include "workflow/model/time_limit.h"

#include "workflow/model/enum_names.h"

namespace tongban::workflow {

namespace {
constexpr std::pair<LimitUnit, const char*> kUnitNames[] = {
    {LimitUnit::WorkingDays, "workingDays"},
    {LimitUnit::NaturalDays, "naturalDays"},
    {LimitUnit::WorkingHours, "workingHours"},
};
} // namespace

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

const char* toString(LimitUnit unit) { return nameIn(kUnitNames, unit); }

std::optional<LimitUnit> limitUnitFromString(std::string_view text) { return valueIn(kUnitNames, text); }

} // namespace tongban::workflow
