#include "server/auth/authorisation.h"

#include "workflow/evaluation/rectification.h"

#include <algorithm>

namespace tongban::server {

namespace {

using store::Role;

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::ranges::find(list, item) != list.end();
}

bool worksCases(const Caller& caller) { return store::worksCases(caller.user.role); }

} // namespace

std::optional<workflow::TaskNumber> taskNamedBy(const workflow::CommandAction& action)
{
    return std::visit(
        [](const auto& a) -> std::optional<workflow::TaskNumber> {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, workflow::ClaimTask> || std::is_same_v<A, workflow::ReleaseTask> ||
                          std::is_same_v<A, workflow::CompleteTask>)
                return a.task;
            else
                return std::nullopt;
        },
        action);
}

CaseAccess caseAccess(store::CaseQueries& store, const store::CaseView& view)
{
    return caseAccess(view, store.tasksOfCase(view.number));
}

CaseAccess caseAccess(const store::CaseView& view, const std::vector<store::TaskView>& tasks)
{
    CaseAccess access{view.region, {}, {}, view.definitionKey == workflow::kRectificationKey};
    for (const auto& task : tasks) {
        if (!contains(access.departments, task.department))
            access.departments.push_back(task.department);
        const bool open = task.state == store::TaskState::Open || task.state == store::TaskState::Claimed;
        if (open && !contains(access.openTaskDepartments, task.department))
            access.openTaskDepartments.push_back(task.department);
    }
    return access;
}

bool may(const Caller& caller, Capability capability)
{
    const auto role = caller.user.role;
    switch (capability) {
    case Capability::ReadCases:
        return role == Role::Clerk || role == Role::Officer || role == Role::Supervisor;
    case Capability::CreateCases:
        return role == Role::Clerk;
    case Capability::ReadAllInRegion:
        return role == Role::Supervisor;
    case Capability::PublishDefinitions:
        return role == Role::Designer;
    case Capability::ManageUsers:
        return role == Role::Administrator;
    case Capability::ReadMetrics:
        return role == Role::Administrator || role == Role::Supervisor;
    case Capability::WorkInbox:
        return worksCases(caller);
    case Capability::EnterEvaluations:
        return role == Role::Clerk || role == Role::Supervisor;
    case Capability::Supervise:
        return role == Role::Supervisor;
    }
    return false;
}

bool maySetPassword(const Caller& caller, const std::string& login)
{
    return may(caller, Capability::ManageUsers) || caller.user.login == login;
}

std::optional<std::string> stepForbidden(const Caller& caller, const std::string& stepDepartment)
{
    if (stepDepartment != caller.user.department)
        return "this step is " + stepDepartment + "'s";
    return std::nullopt;
}

std::optional<std::string> reportForbidden(const Caller& caller, const std::string& region)
{
    if (!may(caller, Capability::Supervise))
        return "reports are made for supervisors";
    if (!regionWithin(region, caller.region))
        return "region " + region + " is outside yours";
    return std::nullopt;
}

bool regionWithin(const std::string& region, const std::string& area)
{
    // A province ends in 0000, a city in 00: the code's significant part is its prefix.
    auto prefix = area;
    while (prefix.size() > 2 && prefix.ends_with("00"))
        prefix.resize(prefix.size() - 2);
    return !prefix.empty() && region.starts_with(prefix);
}

bool mayReadCase(const Caller& caller, const CaseAccess& access)
{
    if (!may(caller, Capability::ReadCases))
        return false;
    if (may(caller, Capability::ReadAllInRegion))
        return regionWithin(access.region, caller.region);
    return contains(access.departments, caller.user.department);
}

std::optional<std::string> commandForbidden(const Caller& caller, const workflow::CommandAction& action,
                                            const CaseAccess& access, const std::optional<std::string>& taskDepartment,
                                            const CasePolicy& policy)
{
    if (!mayReadCase(caller, access))
        return "the case is not one your department takes part in";
    const bool supervisor = caller.user.role == Role::Supervisor;
    if (access.rectification && !std::holds_alternative<workflow::UrgeCase>(action))
        return "a rectification's steps are taken through /rectifications and /appeals, with the checks each step has";
    if (std::holds_alternative<workflow::UrgeCase>(action) || std::holds_alternative<workflow::CancelCase>(action))
        return supervisor ? std::nullopt : std::optional<std::string>("only a supervisor urges or cancels a case");
    if (std::holds_alternative<workflow::ReassignTask>(action))
        return supervisor ? std::nullopt : std::optional<std::string>("only a supervisor reassigns a task");
    if (const auto* supplement = std::get_if<workflow::RequestSupplement>(&action); supplement && !supplement->repeatReason.empty()) {
        if (!policy.secondSupplementNotice)
            return "this centre allows no second supplement notice: the applicant is told everything at once";
        return supervisor ? std::nullopt
                          : std::optional<std::string>("only a supervisor allows a second supplement notice");
    }
    if (!worksCases(caller))
        return "only clerks and officers work on cases";
    if (taskNamedBy(action)) {
        if (!taskDepartment)
            return std::nullopt;  // no such task: the engine says so
        if (*taskDepartment != caller.user.department)
            return "the task belongs to " + *taskDepartment + ", not to your department";
        return std::nullopt;
    }
    // Pausing, resuming and withdrawing: by a department working on the case now.
    if (!contains(access.openTaskDepartments, caller.user.department))
        return "your department is not working on the case now";
    return std::nullopt;
}

} // namespace tongban::server
