// Case state to and from a versioned JSON document ("tongban.case/1").
#pragma once

#include "workflow/json/json_document.h"
#include "workflow/runtime/case_state.h"
#include "workflow/runtime/executable_process.h"

#include <expected>
#include <string>

namespace tongban::workflow {

inline constexpr std::string_view kCaseStateFormat = "tongban.case/1";

/// Writes a case with node and flow ids (not indices), so that the document
/// stays readable and survives a reordering of the definition's elements.
std::string writeCaseState(const ExecutableProcess& process, const CaseState& state);

/// Reads a case written by writeCaseState for the same definition version.
/// Refuses a newer format, another definition, or an id it does not know.
std::expected<CaseState, json::JsonError> readCaseState(const ExecutableProcess& process, std::string_view text);

Poco::Dynamic::Var toJson(const Value& value);
std::optional<Value> valueFromJson(const Poco::Dynamic::Var& value);

std::string formatInstant(Instant instant);
std::optional<Instant> parseInstant(std::string_view text);

} // namespace tongban::workflow
