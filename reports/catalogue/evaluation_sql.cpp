#include "reports/catalogue/evaluation_sql.h"

#include "workflow/evaluation/rectification.h"

namespace tongban::reports::sql {

namespace {

ReportScope withoutDepartment(ReportScope scope)
{
    scope.department.clear();
    return scope;
}

} // namespace

EvaluationQuery::EvaluationQuery(store::ReportQueries& store, const ReportScope& scope, workflow::Instant at)
    : m_period(store, withoutDepartment(scope)), m_dialect(store.dialect()),
      m_parameters(m_period.parameters)
{
    m_parameters.emplace_back(static_cast<std::int64_t>(std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count()));
    m_at = "$" + std::to_string(m_parameters.size());
    if (!scope.department.empty()) {
        m_parameters.emplace_back(scope.department);
        m_department = "$" + std::to_string(m_parameters.size());
    }
}

std::string EvaluationQuery::departmentIs(const std::string& column) const
{
    return m_department.empty() ? std::string() : " AND " + column + " = " + m_department;
}

std::string EvaluationQuery::stepSetTrue(const std::string& key) const
{
    // Case data travels in a completed step's journal record as {"data": {"appeal.upheld": true}}.
    const std::string completed = "j.type = 'taskCompleted' AND ";
    if (m_dialect == store::SqlDialect::PostgreSQL)
        return completed + "(j.body::jsonb -> 'data' -> '" + key + "') = 'true'::jsonb";
    return completed + "json_extract(j.body, '$.data.\"" + key + "\"') = 1";
}

std::string EvaluationQuery::rated() const
{
    // 谁办理、谁负责: the rated department; a member of staff's department in
    // the case; for the matter, the one thing's lead department; otherwise
    // whoever acted first.
    const std::string firstActor = "(SELECT f.department FROM journal f WHERE f.case_id = c.id ORDER BY f.seq LIMIT 1)";
    const std::string department =
        "CASE e.object_kind WHEN 'department' THEN e.object_id"
        " WHEN 'staff' THEN COALESCE((SELECT s.department FROM journal s WHERE s.case_id = c.id AND s.actor = e.object_id"
        " ORDER BY s.seq LIMIT 1), " + firstActor + ")"
        " ELSE COALESCE((SELECT o.lead_department FROM one_things o WHERE o.key = c.definition_key), " + firstActor + ") END";
    const std::string upheld = "EXISTS (SELECT 1 FROM cases r JOIN journal j ON j.case_id = r.id"
                               " WHERE r.number = e.rectification_case AND r.ended_at <= " + m_at + " AND " +
                               stepSetTrue(std::string(workflow::rectification::kAppealUpheld)) + ")";
    return "rated AS (SELECT * FROM (SELECT e.id, e.case_number, e.level, e.channel, e.follow_up_of,"
           " e.rectification_case, " + department + " AS department, CASE WHEN " + upheld +
           " THEN 1 ELSE 0 END AS excluded, e.body FROM evaluations e JOIN cases c ON c.number = e.case_number"
           " WHERE e.at >= $1 AND e.at < $2 AND e.at < " + m_at + m_period.filter + ") x WHERE 1 = 1" + departmentIs("x.department") + ")";
}

} // namespace tongban::reports::sql
