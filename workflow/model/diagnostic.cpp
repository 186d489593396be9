// Diagnostic helpers shared by the validator and the command-line tool.
#include "workflow/model/diagnostic.h"

#include <algorithm>

namespace tongban::workflow {

bool hasErrors(const Diagnostics& diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::string formatDiagnostic(const Diagnostic& diagnostic, bool chinese)
{
    std::string line = diagnostic.severity == Severity::Error ? "error " : "warning ";
    line += diagnostic.elementId.empty() ? "-" : diagnostic.elementId;
    line += ": ";
    line += chinese ? diagnostic.messageZh : diagnostic.messageEn;
    line += " [" + diagnostic.code + "]";
    return line;
}

} // namespace tongban::workflow
