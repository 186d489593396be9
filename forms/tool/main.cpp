// tongban-forms: checks identifiers (and, as the forms library grows, forms).
#include "forms/identifiers/identifiers.h"
#include "workflow/model/diagnostic.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage: tongban-forms check-id VALUE\n"
    "\n"
    "  check-id VALUE   is VALUE a valid 居民身份证号 or 统一社会信用代码, and if not, why\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 valid, 1 invalid, 2 bad usage\n";

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 1 && args[0] == "--help") {
        std::cout << kUsage;
        return 0;
    }
    if (args.size() == 1 && args[0] == "--version") {
        std::cout << "tongban-forms " << TONGBAN_VERSION << "\n";
        return 0;
    }
    if (args.size() != 2 || args[0] != "check-id") {
        std::cerr << kUsage;
        return 2;
    }
    const std::string& value = args[1];
    const bool zh = tongban::workflow::chineseFromEnvironment();
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + std::chrono::hours{8});
    const auto idProblem = tongban::forms::checkResidentId(value, today);
    if (!idProblem) {
        std::cout << value << ": " << (zh ? "有效的居民身份证号" : "valid resident ID number") << "\n";
        return 0;
    }
    const auto creditProblem = tongban::forms::checkCreditCode(value);
    if (!creditProblem) {
        std::cout << value << ": " << (zh ? "有效的统一社会信用代码" : "valid unified social credit code") << "\n";
        return 0;
    }
    // Explain the failure of the kind the value looks like: letters other
    // than a final X belong to credit codes.
    const bool letters = value.find_first_not_of("0123456789") < 17 ||
                         (!value.empty() && value.back() != 'X' && (value.back() < '0' || value.back() > '9'));
    if (letters)
        std::cout << value << ": " << (zh ? "无效的统一社会信用代码：" + creditProblem->messageZh
                                           : "invalid unified social credit code: " + creditProblem->messageEn)
                  << "\n";
    else
        std::cout << value << ": " << (zh ? "无效的居民身份证号：" + idProblem->messageZh
                                           : "invalid resident ID number: " + idProblem->messageEn)
                  << "\n";
    return 1;
}
