// The JSON format of process definitions (docs/formats/process-definition.md).
#pragma once

#include "workflow/json/json_document.h"
#include "workflow/model/diagnostic.h"
#include "workflow/model/process_definition.h"

#include <expected>
#include <string>
#include <string_view>

namespace tongban::workflow {

inline constexpr std::string_view kDefinitionFormat = "tongban.process/1";

/// A definition as read, with the findings that reading itself made: ids used
/// twice, flows that name a node that does not exist (such flows are left out).
struct LoadedDefinition {
    ProcessDefinition definition;
    Diagnostics diagnostics;
};

/// Reads a definition. A document that is not JSON, has members of the wrong
/// type, misses a required member or has an unknown one is a JsonError.
std::expected<LoadedDefinition, json::JsonError> readDefinition(std::string_view text);

/// Writes a definition; reading the result gives an equal definition.
std::string writeDefinition(const ProcessDefinition& definition);

/// A time limit as `{"amount": N, "unit": "workingDays"}`, shared by every
/// format that carries one. Reading throws json::JsonFormatError.
TimeLimit readTimeLimit(json::ObjectReader reader);
Poco::JSON::Object::Ptr timeLimitJson(const TimeLimit& limit);

} // namespace tongban::workflow
