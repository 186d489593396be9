// Evaluations as JSON ("tongban.evaluation/1"): how the store keeps them and
// the tools print them.
#pragma once

#include "workflow/evaluation/evaluation.h"
#include "workflow/json/json_document.h"

#include <expected>
#include <string>

namespace tongban::workflow {

/// `withEvaluator` false leaves out who evaluated, for readers who may not see it.
std::string writeEvaluation(const Evaluation& evaluation, bool withEvaluator = true);
std::expected<Evaluation, json::JsonError> readEvaluation(std::string_view text);

} // namespace tongban::workflow
