// Diagnostic helpers shared by the validator and the command-line tool.
#include "workflow/model/diagnostic.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace tongban::workflow {

bool hasErrors(const Diagnostics& diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

bool chineseFromEnvironment()
{
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value && std::string_view(value) != "C" && std::string_view(value) != "POSIX")
            return !std::string_view(value).starts_with("en");
    }
    return true;
}

std::string formatDiagnostic(const Diagnostic& diagnostic, bool chinese)
{
    std::string line = diagnostic.severity == Severity::Error ? "error " : "warning ";
    line += diagnostic.elementId.empty() ? "-" : diagnostic.elementId;
    line += ": ";
    line += diagnostic.message.in(chinese);
    line += " [" + diagnostic.code + "]";
    return line;
}

} // namespace tongban::workflow
