// tongban-server's verbs as a function of arguments and streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::server::cli {

enum ExitCode { kOk = 0, kFinding = 1, kUsage = 2 };

/// Runs one command; `in` gives what a command reads (a password).
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace tongban::server::cli
