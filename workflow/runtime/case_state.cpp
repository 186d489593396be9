// Names of statuses and outcomes as they appear in files and messages.
#include "workflow/runtime/case_state.h"
#include "workflow/runtime/command.h"
#include "workflow/runtime/event.h"

namespace tongban::workflow {

const OpenTask* CaseState::findTask(TaskNumber number) const
{
    for (const auto& task : marking.openTasks)
        if (task.number == number)
            return &task;
    return nullptr;
}

namespace {
constexpr std::pair<CaseStatus, const char*> kStatuses[] = {
    {CaseStatus::NotStarted, "notStarted"}, {CaseStatus::Running, "running"},
    {CaseStatus::Completed, "completed"},   {CaseStatus::NotGranted, "notGranted"},
    {CaseStatus::Withdrawn, "withdrawn"},   {CaseStatus::Cancelled, "cancelled"},
};
constexpr std::pair<Outcome, const char*> kOutcomes[] = {
    {Outcome::Approve, "approve"}, {Outcome::Reject, "reject"}, {Outcome::Return, "return"}};
} // namespace

const char* toString(CaseStatus status)
{
    for (const auto& [value, name] : kStatuses)
        if (value == status)
            return name;
    return "?";
}

std::optional<CaseStatus> caseStatusFromString(std::string_view text)
{
    for (const auto& [value, name] : kStatuses)
        if (text == name)
            return value;
    return std::nullopt;
}

const char* toString(Outcome outcome)
{
    for (const auto& [value, name] : kOutcomes)
        if (value == outcome)
            return name;
    return "?";
}

std::optional<Outcome> outcomeFromString(std::string_view text)
{
    for (const auto& [value, name] : kOutcomes)
        if (text == name)
            return value;
    return std::nullopt;
}

const char* eventName(const Event& event)
{
    static constexpr const char* kNames[] = {"caseStarted",   "taskOpened",   "taskClaimed",   "taskReleased",
                                             "taskCompleted", "taskReturned", "workDiscarded", "gatewayPassed",
                                             "endReached",    "caseEnded"};
    static_assert(std::size(kNames) == std::variant_size_v<decltype(event.what)>);
    return kNames[event.what.index()];
}

} // namespace tongban::workflow
