// A case as an officer works it: header, progress through the process, the
// case data, the task history, and the actions this user may take now.
#pragma once

#include "client/session/session.h"

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

enum class StepProgress { Done, Active, Pending, Skipped };

struct ProgressStep {
    std::string node;
    std::string name;
    std::string department;
    StepProgress progress = StepProgress::Pending;
};

enum class CaseActionKind { Claim, Release, Approve, Reject, Return };

struct CaseAction {
    CaseActionKind kind = CaseActionKind::Approve;
    workflow::TaskNumber task = 0;
    std::string step;  ///< the task's name
    /// Return: the earlier steps it may go back to (node id, name).
    std::vector<std::pair<std::string, std::string>> returnTargets;
};

/// A refused action: what is wrong, for the user, in both languages.
struct ActionRefusal {
    std::string messageZh;
    std::string messageEn;
};

/// Reject and Return need the user's reason.
bool needsReason(CaseActionKind kind);

class CasePresenter {
public:
    explicit CasePresenter(Session& session) : m_session(session) {}

    /// Loads a case; false when there is no such case.
    bool load(const std::string& caseNumber);

    const workflow::store::CaseView& header() const { return *m_case; }
    const std::vector<ProgressStep>& progress() const { return m_progress; }
    /// The case data as key and text, in key order.
    const std::vector<std::pair<std::string, std::string>>& data() const { return m_data; }
    const std::vector<workflow::store::TaskView>& history() const { return m_tasks; }
    /// What the logged-in user may do now, task by task.
    std::vector<CaseAction> actions() const;

    /// Performs an action and reloads the case. Nothing changes when it is refused.
    std::expected<void, ActionRefusal> perform(const CaseAction& action, const std::string& reason = {},
                                               const std::string& returnTo = {});

private:
    Session& m_session;
    std::optional<workflow::store::CaseView> m_case;
    std::optional<workflow::CaseState> m_state;
    std::shared_ptr<const workflow::ExecutableProcess> m_process;
    std::vector<ProgressStep> m_progress;
    std::vector<std::pair<std::string, std::string>> m_data;
    std::vector<workflow::store::TaskView> m_tasks;
};

} // namespace tongban::client
