#include "client/supervision/supervision_presenter.h"

namespace tongban::client {

void SupervisionPresenter::refresh()
{
    const auto warnings = m_session.store().warnings(m_session.now(), 1);
    m_byDepartment.clear();
    m_byOneThing.clear();
    m_rows.clear();
    m_rows.reserve(warnings.overdueTasks.size() + warnings.dueSoonTasks.size());
    for (const auto* list : {&warnings.overdueTasks, &warnings.dueSoonTasks}) {
        const bool red = list == &warnings.overdueTasks;
        for (const auto& warning : *list) {
            const auto& definition = warning.process->definition();
            const auto& oneThing = definition.name.empty() ? definition.key : definition.name;
            auto& department = m_byDepartment[warning.department];
            auto& thing = m_byOneThing[oneThing];
            (red ? department.red : department.yellow) += 1;
            (red ? thing.red : thing.yellow) += 1;
            const auto& node = warning.nodeInfo();
            m_rows.push_back({warning.caseNumber, warning.task, oneThing, node.name.empty() ? node.id : node.name,
                              warning.department, warning.dueAt, red, warning.pausedSince.has_value()});
        }
    }
}

std::expected<void, ActionRefusal> SupervisionPresenter::urge(const WarningRow& row, bool supervise, const std::string& note)
{
    const auto role = m_session.user().role;
    if (role != store::Role::Supervisor && role != store::Role::Administrator)
        return std::unexpected(ActionRefusal{"只有督查人员可以催办、督办", "only supervisors urge or supervise"});
    const auto level = supervise ? workflow::UrgeLevel::Supervise : workflow::UrgeLevel::Urge;
    const auto applied = m_session.execute(
        row.caseNumber, workflow::Command{workflow::UrgeCase{level, row.task, note}, m_session.actor(), m_session.now()});
    if (!applied)
        return std::unexpected(ActionRefusal{"未执行：" + applied.error().message, "not done: " + applied.error().message});
    return {};
}

std::vector<store::User> SupervisionPresenter::officersFor(const WarningRow& row)
{
    std::vector<store::User> officers;
    for (auto& user : m_session.store().users())
        if (user.department == row.department && store::worksCases(user.role))
            officers.push_back(std::move(user));
    return officers;
}

std::expected<void, ActionRefusal> SupervisionPresenter::reassign(const WarningRow& row, const std::string& assignee,
                                                                  const std::string& reason)
{
    if (m_session.user().role != store::Role::Supervisor)
        return std::unexpected(ActionRefusal{"只有督查人员可以改派", "only supervisors reassign a step"});
    const auto applied = m_session.execute(
        row.caseNumber,
        workflow::Command{workflow::ReassignTask{row.task, assignee, reason}, m_session.actor(), m_session.now()});
    if (!applied)
        return std::unexpected(ActionRefusal{"未改派：" + applied.error().message, "not reassigned: " + applied.error().message});
    return {};
}

} // namespace tongban::client
