// The supervisor's view (督查): yellow and red tasks across the centre, counted
// by department and by one thing, listed most overdue first, and the urge
// (催办), supervise (督办) and reassign (改派) actions on them.
#pragma once

#include "client/casework/case_presenter.h"
#include "client/session/session.h"

#include <expected>
#include <map>
#include <string>
#include <vector>

namespace tongban::client {

struct WarningCount {
    int red = 0;
    int yellow = 0;
};

struct WarningRow {
    std::string caseNumber;
    workflow::TaskNumber task = 0;
    std::string oneThing;
    std::string step;
    std::string department;
    workflow::Instant due{};  ///< as it stands now
    bool red = false;
    bool paused = false;  ///< red while its case is paused (已暂停·已超期)
};

class SupervisionPresenter {
public:
    explicit SupervisionPresenter(Session& session) : m_session(session) {}

    /// Reads the warnings as of now: yellow within one working day of the due time.
    void refresh();

    const std::map<std::string, WarningCount>& byDepartment() const { return m_byDepartment; }
    const std::map<std::string, WarningCount>& byOneThing() const { return m_byOneThing; }
    /// Red first, most overdue first; then yellow, soonest due first.
    const std::vector<WarningRow>& rows() const { return m_rows; }

    /// 催办 (`supervise` false) or 督办 a task of a listed case, with a note.
    /// Only supervisors and administrators urge.
    std::expected<void, ActionRefusal> urge(const WarningRow& row, bool supervise, const std::string& note);

    /// The clerks and officers of the listed task's department, who may take it over.
    std::vector<store::User> officersFor(const WarningRow& row);

    /// 改派: gives the task to another officer of its department, or back to
    /// the department's inbox (empty `assignee`), with the reason. Only
    /// supervisors reassign.
    std::expected<void, ActionRefusal> reassign(const WarningRow& row, const std::string& assignee,
                                                const std::string& reason);

private:
    Session& m_session;
    std::map<std::string, WarningCount> m_byDepartment;
    std::map<std::string, WarningCount> m_byOneThing;
    std::vector<WarningRow> m_rows;
};

} // namespace tongban::client
