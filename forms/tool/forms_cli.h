// tongban-forms's verbs as a function of arguments and streams, so tests can
// run the tool in-process as well as a real program.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::forms::cli {

enum ExitCode { kOk = 0, kFinding = 1, kUsage = 2 };

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace tongban::forms::cli
