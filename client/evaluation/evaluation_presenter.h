// 好差评 and 整改 at the desk: recording an applicant's evaluation of a
// finished case, the list of evaluations as this user may see them, and the
// rectification board with the next step of each loop.
#pragma once

#include "client/session/session.h"
#include "services/evaluation/evaluation_desk.h"
#include "workflow/model/bilingual.h"

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

struct DeskProblem {
    workflow::Bilingual message;
};

/// An evaluation as the list shows it; the evaluator is blank for those who may not see them.
struct EvaluationRow {
    workflow::Evaluation evaluation;
    std::string owner;  ///< the department that owns its rectification, if any
};

/// The stages of the loop, as the board's columns.
enum class RectificationStage { Verify, Appeal, Reply, Revisit, Closed };
inline constexpr std::array kRectificationStages{RectificationStage::Verify, RectificationStage::Appeal,
                                                 RectificationStage::Reply, RectificationStage::Revisit,
                                                 RectificationStage::Closed};

struct RectificationCard {
    std::string caseNumber;
    std::string owner;
    std::string source;  ///< 差评, 督查发现, 投诉
    RectificationStage stage = RectificationStage::Verify;
    std::string kind;  ///< 立行立改 …, once classified
    std::optional<workflow::Instant> due;  ///< of the step it waits at
    bool overdue = false;
    bool mine = false;  ///< this user's department acts next
    std::string evaluationComment;
};

class EvaluationPresenter {
public:
    explicit EvaluationPresenter(Session& session) : m_session(session) {}

    /// Cases that ended within the evaluation window, newest first.
    std::vector<store::CaseView> casesToEvaluate(std::size_t limit = 200) const;
    /// Records the case applicant's evaluation of the matter (or of a department).
    std::expected<workflow::Evaluation, DeskProblem> record(const std::string& caseNumber, workflow::EvaluationLevel level,
                                                            workflow::EvaluationChannel channel,
                                                            const std::string& department, const std::string& comment,
                                                            const std::vector<std::string>& tags);
    /// The departments of the workspace, which a rating may name.
    std::vector<std::string> departments() const;
    /// Evaluations given so far, newest first; `badOnly` keeps the 差评.
    std::vector<EvaluationRow> evaluations(bool badOnly) const;

    /// Rectifications this user may see: a supervisor all of them; others
    /// those their department owns or acts on.
    std::vector<RectificationCard> board() const;

    std::expected<void, DeskProblem> verify(const std::string& rectification, workflow::RectificationKind kind,
                                            const std::string& finding);
    std::expected<void, DeskProblem> decideAppeal(const std::string& rectification, bool upheld, const std::string& reason);
    std::expected<void, DeskProblem> reply(const std::string& rectification, const std::string& reply);
    std::expected<void, DeskProblem> revisit(const std::string& rectification, bool satisfied, bool settle,
                                             const std::string& note);
    /// Supervisors open a rectification from a supervision finding or a complaint.
    std::expected<std::string, DeskProblem> openByHand(const std::string& owner, const std::string& source);

private:
    Session& m_session;
    workflow::EvaluationSettings m_settings;
};

} // namespace tongban::client
