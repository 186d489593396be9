// What the evaluation and rectification reports share to count in the
// database: the evaluations of a period with the department that answers for
// each and whether an upheld appeal excludes it, and facts the rectification
// loop records in the journal's case data.
#pragma once

#include "reports/catalogue/report_sql.h"

namespace tongban::reports::sql {

/// A report on evaluations: $1 and $2 the period's instants, `at` the report's
/// instant, the scope's one thing and region on the evaluated case `c`, its
/// department on the department that answers for an evaluation.
class EvaluationQuery {
public:
    EvaluationQuery(store::ReportQueries& store, const ReportScope& scope, workflow::Instant at);

    const std::vector<ReportValue>& parameters() const { return m_parameters; }
    store::SqlDialect dialect() const { return m_dialect; }
    /// The parameter holding the report's instant, "$3".
    const std::string& at() const { return m_at; }
    /// " AND …" on the evaluated case `c`, or empty.
    const std::string& caseFilter() const { return m_period.filter; }
    /// " AND <column> = $n" for a department scope, or empty.
    std::string departmentIs(const std::string& column) const;

    /// A common table `rated` of the evaluations given from $1 until the
    /// report's instant: id, case_number, level, channel, follow_up_of,
    /// rectification_case, department, excluded (1 when an upheld appeal takes
    /// it out of the rates), body.
    std::string rated() const;

    /// True where the journal record `j` is a completed step whose data set
    /// `key` to true.
    std::string stepSetTrue(const std::string& key) const;

private:
    Period m_period;
    store::SqlDialect m_dialect;
    std::vector<ReportValue> m_parameters;
    std::string m_at;
    std::string m_department;
};

} // namespace tongban::reports::sql
