// Findings about a process definition, each naming the element it concerns.
#pragma once

#include "workflow/model/bilingual.h"

#include <string>
#include <vector>

namespace tongban::workflow {

enum class Severity { Error, Warning };

/// One finding of validation: what is wrong, where, in Chinese and English.
/// `code` is stable (e.g. "soundness.deadlock") so tools and tests can rely on it.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;
    std::string elementId;  ///< node or flow id; empty for the whole definition
    Bilingual message;
};

using Diagnostics = std::vector<Diagnostic>;

bool hasErrors(const Diagnostics& diagnostics);

/// Whether the tools speak Chinese: from LC_ALL, LC_MESSAGES or LANG, the
/// first that is set and not C or POSIX; Chinese, the first language, when
/// none says otherwise.
bool chineseFromEnvironment();

/// "error NODE-ID: message" as the command-line tools print it.
std::string formatDiagnostic(const Diagnostic& diagnostic, bool chinese);

} // namespace tongban::workflow
