// The JSON format of forms (docs/formats/form.md).
#pragma once

#include "forms/schema/form_schema.h"
#include "workflow/json/json_document.h"

#include <expected>
#include <string_view>

namespace tongban::forms {

inline constexpr std::string_view kFormFormat = "tongban.form/1";

/// Reads a form document and checks its conditions: every field they read
/// exists and can be compared, and no two fields depend on each other.
std::expected<FormSchema, workflow::json::JsonError> readForm(std::string_view text);

/// Reads the array `member` of fields, as forms and one things hold them.
/// Throws workflow::json::JsonFormatError.
std::vector<FieldSchema> readFieldList(workflow::json::ObjectReader& reader, const std::string& member);

/// Writes a form; reading the result gives the same form.
Poco::JSON::Object::Ptr formJson(const FormSchema& form);

} // namespace tongban::forms
