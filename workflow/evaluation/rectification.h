// 差评整改: the closed loop a bad evaluation opens, a built-in process
// definition (workflow/evaluation/data/rectification.json) that the same
// engine and clocks run:
//
//   回访核实 (the owning department; classifies) ─► 申诉复核 (a supervisor) when appealed
//     ─► 整改并答复 or 解释说明并答复 ─► 回访评价人 ─► closed
//   回访 still unsatisfied ─► back to 回访核实 (a return flow); an upheld appeal ends it.
#pragma once

#include "workflow/evaluation/evaluation.h"
#include "workflow/model/process_definition.h"

#include <string_view>

namespace tongban::workflow {

inline constexpr std::string_view kRectificationKey = "rectification";

/// The case-data fields the loop reads and its tasks write.
namespace rectification {
inline constexpr std::string_view kDepartment = "rectification.department";  ///< who owns it: 谁办理、谁负责
inline constexpr std::string_view kKind = "rectification.kind";
inline constexpr std::string_view kAppealUpheld = "appeal.upheld";
inline constexpr std::string_view kSatisfied = "revisit.satisfied";
inline constexpr std::string_view kEvaluation = "rectification.evaluation";  ///< the evaluation id, or 0 when opened by hand
inline constexpr std::string_view kSource = "rectification.source";  ///< 差评, 督查发现, 投诉
// Node ids.
inline constexpr std::string_view kVerify = "verify";
inline constexpr std::string_view kAppealReview = "appeal-review";
inline constexpr std::string_view kRectify = "rectify";
inline constexpr std::string_view kExplain = "explain";
inline constexpr std::string_view kRevisit = "revisit";
inline constexpr std::string_view kClosedEnd = "end";
inline constexpr std::string_view kUpheldEnd = "end-upheld";
} // namespace rectification

/// How the owning department classifies the complaint after verifying it.
enum class RectificationKind { Unclassified, AtOnce, WithDeadline, Explain, Appeal };

const char* chineseName(RectificationKind kind);  ///< 未分类, 立行立改, 限期整改, 解释说明, 申诉
std::optional<RectificationKind> rectificationKindFromString(std::string_view text);

/// The built-in definition with the limits of `settings` on its tasks.
ProcessDefinition rectificationDefinition(const EvaluationSettings& settings);

/// Sets the settings' limits on the loop's tasks that `definition` has (by
/// node id), leaving everything else a designer changed as it is.
void applyRectificationLimits(ProcessDefinition& definition, const EvaluationSettings& settings);

/// The case data a rectification starts with.
CaseData rectificationStartData(const std::string& owningDepartment, std::int64_t evaluationId, const std::string& source);

} // namespace tongban::workflow
