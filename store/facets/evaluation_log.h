// Evaluations (好差评) as the store keeps them, each bad one linked to the
// rectification case it opened.
#pragma once

#include "store/records/cases.h"
#include "store/records/outcomes.h"

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace tongban::store {

class EvaluationLog {
public:
    virtual ~EvaluationLog() = default;

    /// Saves an evaluation (its id is assigned) and, for a 差评, creates its
    /// rectification case in the same transaction and links the two. Refuses
    /// a second evaluation of one object of a case, and a second follow-up.
    virtual std::expected<Evaluation, Refusal> recordEvaluation(const Evaluation& evaluation,
                                                                const std::optional<NewCase>& rectification) = 0;
    virtual std::vector<Evaluation> evaluationsOfCase(const std::string& caseNumber) = 0;
    /// Evaluations given before `at`, oldest first.
    virtual std::vector<Evaluation> evaluationsBefore(Instant at) = 0;
    /// The evaluation whose rectification is the case `rectificationCase`.
    virtual std::optional<Evaluation> evaluationRectifiedBy(const std::string& rectificationCase) = 0;
};

} // namespace tongban::store
