// Who may see and do what, decided in one place for every route of the sync
// service, from the signed-in user and the facts of the case:
// - an officer sees the cases their department takes part in and works only
//   its tasks and its steps of a rectification; a clerk likewise, and also
//   creates cases and enters evaluations;
// - a supervisor reads every case of their region and urges, supervises or
//   cancels, enters evaluations, opens rectifications, decides appeals and
//   makes reports of the region; a designer works on definitions; an
//   administrator on users and departments. Neither of the last two reads cases.
#pragma once

#include "workflow/runtime/command_json.h"
#include "store/store.h"

#include <optional>
#include <string>
#include <vector>

namespace tongban::server {

/// The signed-in user and the region of their department.
struct Caller {
    store::User user;
    std::string region;
};

/// What a case shows of itself for deciding access.
struct CaseAccess {
    std::string region;
    std::vector<std::string> departments;          ///< every department that has had a task in it
    std::vector<std::string> openTaskDepartments;  ///< the departments working on it now
    /// A rectification loop: its steps carry the evaluation desk's checks
    /// (findings, evidence, who decides an appeal), so they are taken through
    /// the desk's routes, never as plain commands.
    bool rectification = false;
};

/// The centre's own rules, from the service's configuration.
struct CasePolicy {
    /// Whether a supervisor may allow a second supplement notice, with a
    /// reason (一次性告知 forbids it otherwise); `supplement.second_notice`.
    bool secondSupplementNotice = true;
};

/// The case's access facts read from the store.
CaseAccess caseAccess(store::CaseQueries& store, const store::CaseView& view);
/// The same from the case's tasks, already read.
CaseAccess caseAccess(const store::CaseView& view, const std::vector<store::TaskView>& tasks);

enum class Capability {
    ReadCases,          ///< any case data at all
    CreateCases,
    ReadAllInRegion,    ///< beyond their department's cases
    PublishDefinitions,
    ManageUsers,
    ReadMetrics,        ///< the service's own figures
    WorkInbox,          ///< a department's open tasks
    EnterEvaluations,   ///< at the window, from paper or a call
    Supervise,          ///< open rectifications by hand, decide appeals, make reports
};

bool may(const Caller& caller, Capability capability);

/// Whether `region` (a GB/T 2260 code) lies within `area`: 320102 within 320100 and 320000.
bool regionWithin(const std::string& region, const std::string& area);

bool mayReadCase(const Caller& caller, const CaseAccess& access);

/// Whether the caller may set `login`'s password: their own, or anyone's as an administrator.
bool maySetPassword(const Caller& caller, const std::string& login);

/// Why the caller may not take a step of a rectification that `stepDepartment` is assigned to, or nothing.
std::optional<std::string> stepForbidden(const Caller& caller, const std::string& stepDepartment);

/// Why the caller may not have a report of `region`, or nothing: a supervisor's own region, or a part of it.
std::optional<std::string> reportForbidden(const Caller& caller, const std::string& region);

/// The task a claim, release or completion names.
std::optional<workflow::TaskNumber> taskNamedBy(const workflow::CommandAction& action);

/// Why the caller may not send `action` to the case, or nothing when they
/// may; `taskDepartment` is the department of the task the action names.
/// A supervisor reassigns tasks and allows a second supplement notice.
std::optional<std::string> commandForbidden(const Caller& caller, const workflow::CommandAction& action,
                                            const CaseAccess& access, const std::optional<std::string>& taskDepartment,
                                            const CasePolicy& policy);

} // namespace tongban::server
