// 好差评 and 整改闭环 on a workspace: recording evaluations under the rules,
// opening rectifications (谁办理、谁负责), moving each rectification through its
// steps, who may see the evaluator, and the figures supervisors read.
#pragma once

#include "workflow/evaluation/metrics.h"
#include "workflow/evaluation/rectification.h"
#include "workflow/model/bilingual.h"
#include "store/store.h"

#include <expected>
#include <string>
#include <vector>

namespace tongban::services {

struct DeskRefusal {
    workflow::Bilingual message;
};

/// Publishes the built-in rectification definition with the settings' limits,
/// unless the latest published version already has them; returns its version.
int ensureRectificationProcess(store::Store& store, const workflow::EvaluationSettings& settings,
                               const workflow::Actor& actor, workflow::Instant at);

/// What the rules need to know of a case, read from the store.
std::optional<workflow::EvaluatedCase> evaluatedCase(store::CaseQueries& store, const std::string& caseNumber);

/// Records an evaluation under the rules. A 差评 (not a follow-up) opens its
/// rectification at once, owned by the department that did the rated work:
/// the department rated, the department of the member of staff rated, or for
/// the matter the one thing's lead department (else the accepting one).
std::expected<workflow::Evaluation, DeskRefusal> recordEvaluation(store::Store& store,
                                                                  workflow::Evaluation evaluation,
                                                                  const workflow::EvaluationSettings& settings);

/// A supervisor opens a rectification by hand from a supervision finding
/// (督查发现) or a complaint (投诉).
std::expected<std::string, DeskRefusal> openRectification(store::Store& store, const std::string& owner,
                                                          const std::string& source, const std::string& region,
                                                          const workflow::EvaluationSettings& settings,
                                                          const workflow::Actor& supervisor, workflow::Instant at);

/// Step 1, the owning department: contacted and verified; how it is classified,
/// what was found, and the evidence (file digests).
std::expected<void, DeskRefusal> verifyRectification(store::Store& store, const std::string& rectification,
                                                     workflow::RectificationKind kind, const std::string& finding,
                                                     const std::vector<std::string>& evidence,
                                                     const workflow::Actor& actor, workflow::Instant at);

/// An appealed 差评: a supervisor upholds it (excluded from the rates, the loop
/// ends) or rejects it (the department rectifies), with the reason kept.
std::expected<void, DeskRefusal> decideAppeal(store::Store& store, const std::string& rectification,
                                              bool upheld, const std::string& reason, const workflow::Actor& supervisor,
                                              workflow::Instant at);

/// The department's reply to the evaluator after rectifying or explaining.
std::expected<void, DeskRefusal> replyToEvaluator(store::Store& store, const std::string& rectification,
                                                  const std::string& reply, const std::vector<std::string>& evidence,
                                                  const workflow::Actor& actor, workflow::Instant at);

/// The revisit: satisfied closes the loop; unsatisfied sends it back to the
/// department, unless `settleOnRecord` closes it with the dissatisfaction kept.
std::expected<void, DeskRefusal> recordRevisit(store::Store& store, const std::string& rectification,
                                               bool satisfied, bool settleOnRecord, const std::string& note,
                                               const workflow::Actor& actor, workflow::Instant at);

/// Whether `viewer` may see who evaluated: supervisors and administrators, and
/// the owning department's officers while they must contact the evaluator.
bool mayContactEvaluator(const store::User& viewer, const std::string& owningDepartment);

/// The evaluation as `viewer` may see it.
workflow::Evaluation visibleTo(workflow::Evaluation evaluation, const store::User& viewer,
                               const std::string& owningDepartment);

/// The facts the metrics are computed from, read from the store as of `at`.
struct EvaluationRecords {
    std::vector<workflow::EvaluationFacts> evaluations;
    std::vector<workflow::RectificationFacts> rectifications;
    std::vector<workflow::EndedCase> endedCases;
};

EvaluationRecords evaluationRecords(store::Store& store, workflow::Instant at);

workflow::EvaluationMetrics evaluationMetrics(store::Store& store, const workflow::Calendar& calendar,
                                              workflow::Instant at, const workflow::EvaluationSettings& settings);

} // namespace tongban::services
