// Conditions between the fields of a form: what they read, whether they type
// check, and the order in which visibility and requiredness are decided.
#pragma once

#include "forms/schema/form_schema.h"
#include "workflow/json/json_document.h"

#include <expected>
#include <vector>

namespace tongban::forms {

/// Parses a condition and lists the fields it reads. Throws
/// workflow::json::JsonFormatError naming `path`.
Condition parseCondition(const std::string& source, const std::string& path);

/// The indices of the form's fields ordered so that every field comes after
/// the fields its conditions read; an error names a condition that reads an
/// unknown field or one conditions cannot read, does not type check, or
/// takes part in a cycle.
std::expected<std::vector<std::size_t>, workflow::json::JsonError> conditionOrder(const FormSchema& form);

} // namespace tongban::forms
