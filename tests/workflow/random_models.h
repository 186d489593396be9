// Random block-structured process models and single-point mutations of them.
#pragma once

#include "workflow/expression/value.h"
#include "workflow/model/process_definition.h"

#include <optional>
#include <random>

namespace tongban::workflow::testing {

/// A model composed from blocks (task, sequence, parallel, exclusive,
/// inclusive, return loop, optionally a rejection route): sound by construction.
ProcessDefinition randomStructuredModel(std::mt19937& random, int maxDepth);

/// Values for every declared field of the model.
CaseData randomData(const ProcessDefinition& definition, std::mt19937& random);

/// Mutations that break soundness; std::nullopt when the model has no join.
std::optional<ProcessDefinition> turnJoinIntoMerge(const ProcessDefinition& model, std::mt19937& random);
std::optional<ProcessDefinition> rewireFlowPastJoin(const ProcessDefinition& model, std::mt19937& random);
std::optional<ProcessDefinition> removeJoin(const ProcessDefinition& model, std::mt19937& random);

} // namespace tongban::workflow::testing
