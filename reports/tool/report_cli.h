// tongban-report: reports for scheduled runs, from the command line.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tongban::reports::cli {

inline constexpr int kOk = 0;
inline constexpr int kUsage = 2;

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace tongban::reports::cli
