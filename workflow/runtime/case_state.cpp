// Names of statuses and outcomes as they appear in files and messages.
#include "workflow/runtime/case_state.h"

#include "workflow/model/enum_names.h"
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
constexpr std::pair<PauseKind, const char*> kPauseKinds[] = {
    {PauseKind::Supplement, "supplement"}, {PauseKind::Hearing, "hearing"},       {PauseKind::Tendering, "tendering"},
    {PauseKind::Auction, "auction"},       {PauseKind::Inspection, "inspection"}, {PauseKind::Testing, "testing"},
    {PauseKind::Quarantine, "quarantine"}, {PauseKind::Appraisal, "appraisal"},   {PauseKind::ExpertReview, "expertReview"},
};
constexpr std::pair<UrgeLevel, const char*> kUrgeLevels[] = {{UrgeLevel::Urge, "urge"}, {UrgeLevel::Supervise, "supervise"}};
} // namespace

const char* toString(CaseStatus status) { return nameIn(kStatuses, status); }
std::optional<CaseStatus> caseStatusFromString(std::string_view text) { return valueIn(kStatuses, text); }

const char* toString(PauseKind kind) { return nameIn(kPauseKinds, kind); }
std::optional<PauseKind> pauseKindFromString(std::string_view text) { return valueIn(kPauseKinds, text); }
const char* toString(UrgeLevel level) { return nameIn(kUrgeLevels, level); }
std::optional<UrgeLevel> urgeLevelFromString(std::string_view text) { return valueIn(kUrgeLevels, text); }

const char* toString(Outcome outcome) { return nameIn(kOutcomes, outcome); }
std::optional<Outcome> outcomeFromString(std::string_view text) { return valueIn(kOutcomes, text); }

const char* eventName(const Event& event)
{
    static constexpr const char* kNames[] = {"caseStarted",    "taskOpened",    "taskClaimed",   "taskReleased",
                                             "taskReassigned", "taskCompleted", "taskReturned",  "workDiscarded",
                                             "gatewayPassed",  "casePaused",    "caseResumed",   "caseUrged",
                                             "endReached",     "caseEnded"};
    static_assert(std::size(kNames) == std::variant_size_v<decltype(event.what)>);
    return kNames[event.what.index()];
}

std::string departmentFor(const Node& node, const CaseData& data)
{
    const auto field = departmentField(node);
    if (!field)
        return node.department;
    const auto at = data.find(*field);
    const auto* text = at == data.end() ? nullptr : std::get_if<std::string>(&at->second);
    return text ? *text : std::string();
}

} // namespace tongban::workflow
