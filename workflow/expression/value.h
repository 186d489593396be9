// Values of case data as conditions see them.
#pragma once

#include <map>
#include <string>
#include <variant>

namespace tongban::workflow {

/// null, boolean, number or string. Money and integers travel as numbers:
/// doubles hold every integer up to 2^53 exactly.
using Value = std::variant<std::monostate, bool, double, std::string>;

/// Case data, flattened to dotted paths ("applicant.kind" -> "company").
using CaseData = std::map<std::string, Value, std::less<>>;

std::string describe(const Value& value);

} // namespace tongban::workflow
