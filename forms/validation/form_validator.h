// Checking a form's answers: every finding at once, each with the path of the
// answer and a message in Chinese and English. Never throws on bad answers,
// whatever their shape.
#pragma once

#include "forms/regions/region_table.h"
#include "forms/schema/form_schema.h"
#include "workflow/expression/value.h"
#include "workflow/model/bilingual.h"

#include <Poco/Dynamic/Var.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace tongban::forms {

/// Error: the answers cannot be accepted. Warning: they can, once a member of
/// staff overrides it with a reason (`overridable`). Note: for information.
enum class FindingLevel { Error, Warning, Note };

const char* toString(FindingLevel level);

struct FormFinding {
    FindingLevel level = FindingLevel::Error;
    std::string path;  ///< "business.shareholders[2].id_number"; empty for the whole form
    std::string code;  ///< stable, e.g. "field.required"
    workflow::Bilingual message;
    bool overridable = false;
    std::string overrideReason;  ///< set when staff overrode this warning
};

/// A member of staff accepting a warning, with the reason on the record.
struct Override {
    std::string path;
    std::string reason;
    std::string by;
};

struct ValidationContext {
    std::chrono::sys_days today;
    std::vector<Override> overrides;
    /// Answers the form does not ask are noted; a department's matter form
    /// reads the unified answers and turns this off.
    bool noteUnknownAnswers = true;
};

struct FormReport {
    std::vector<FormFinding> findings;
    /// The answers of visible fields as conditions see them: yes/no as
    /// booleans, numbers and money (in fen) as numbers, the rest as text.
    workflow::CaseData values;
    /// The fields asked given the answers: those without a visibleWhen, and
    /// those whose visibleWhen holds. A form shows these and hides the rest.
    std::set<std::string, std::less<>> shown;

    /// No errors, and every overridable warning overridden.
    bool acceptable() const;
    std::size_t count(FindingLevel level) const;
};

FormReport validateAnswers(const FormSchema& form, const Poco::Dynamic::Var& answers, const ValidationContext& context);

/// "PATH: message" in one language, as the tools print a finding.
std::string formatFinding(const FormFinding& finding, bool chinese);

} // namespace tongban::forms
