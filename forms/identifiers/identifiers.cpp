// Check-character algorithms as the national standards define them.
#include "forms/identifiers/identifiers.h"

#include <algorithm>
#include <array>

namespace tongban::forms {

namespace {

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kResidentWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kResidentChecks = "10X98765432";
constexpr std::array<int, 17> kCreditWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::array<int, 8> kOrganisationWeights{3, 7, 9, 10, 5, 8, 4, 2};

/// Value of a character in an organisation code: digits, then A=10 ... Z=35.
std::optional<int> organisationValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return std::nullopt;
}

IdentifierProblem problem(std::string zh, std::string en) { return {{std::move(zh), std::move(en)}, false}; }

IdentifierProblem checkCharacterProblem(std::string zh, std::string en)
{
    return {{std::move(zh), std::move(en)}, true};
}

} // namespace

bool isProvinceCode(int code)
{
    static constexpr int kProvinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                         43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    return std::find(std::begin(kProvinces), std::end(kProvinces), code) != std::end(kProvinces);
}

std::optional<char> residentIdCheckCharacter(std::string_view first17)
{
    if (first17.size() != 17)
        return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        if (first17[i] < '0' || first17[i] > '9')
            return std::nullopt;
        sum += (first17[i] - '0') * kResidentWeights[i];
    }
    return kResidentChecks[static_cast<std::size_t>(sum % 11)];
}

std::optional<char> creditCodeCheckCharacter(std::string_view first17)
{
    if (first17.size() != 17)
        return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const auto at = kCreditAlphabet.find(first17[i]);
        if (at == std::string_view::npos)
            return std::nullopt;
        sum += static_cast<int>(at) * kCreditWeights[i];
    }
    const int check = (31 - sum % 31) % 31;
    return kCreditAlphabet[static_cast<std::size_t>(check)];
}

std::optional<char> organisationCodeCheckCharacter(std::string_view first8)
{
    if (first8.size() != 8)
        return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const auto value = organisationValue(first8[i]);
        if (!value)
            return std::nullopt;
        sum += *value * kOrganisationWeights[i];
    }
    const int check = 11 - sum % 11;
    if (check == 10)
        return 'X';
    if (check == 11)
        return '0';
    return static_cast<char>('0' + check);
}

std::optional<IdentifierProblem> checkResidentId(std::string_view value, std::chrono::sys_days today)
{
    using namespace std::chrono;
    if (value.size() != 18)
        return problem("身份证号应为18位，而不是" + std::to_string(value.size()) + "位",
                       "a resident ID number has 18 characters, not " + std::to_string(value.size()));
    for (std::size_t i = 0; i < 17; ++i)
        if (value[i] < '0' || value[i] > '9')
            return problem("身份证号第" + std::to_string(i + 1) + "位应为数字",
                           "character " + std::to_string(i + 1) + " of a resident ID number must be a digit");
    const char last = value[17];
    if (!(last >= '0' && last <= '9') && last != 'X')
        return problem("身份证号最后一位应为数字或 X", "the last character of a resident ID number is a digit or X");
    const int province = (value[0] - '0') * 10 + (value[1] - '0');
    if (!isProvinceCode(province))
        return problem("身份证号前两位 " + std::string(value.substr(0, 2)) + " 不是省级行政区划代码",
                       "the first two digits " + std::string(value.substr(0, 2)) + " name no province");
    auto number = [&](std::size_t from, std::size_t length) {
        int n = 0;
        for (std::size_t i = from; i < from + length; ++i)
            n = n * 10 + (value[i] - '0');
        return n;
    };
    const year_month_day birth{year{number(6, 4)}, month{static_cast<unsigned>(number(10, 2))},
                               day{static_cast<unsigned>(number(12, 2))}};
    if (!birth.ok())
        return problem("出生日期 " + std::string(value.substr(6, 8)) + " 不存在",
                       "the birth date " + std::string(value.substr(6, 8)) + " does not exist");
    if (sys_days{birth} > today)
        return problem("出生日期 " + std::string(value.substr(6, 8)) + " 晚于今天",
                       "the birth date " + std::string(value.substr(6, 8)) + " is in the future");
    const auto expected = residentIdCheckCharacter(value.substr(0, 17));
    if (expected != last)
        return problem(std::string("校验码应为 ") + *expected + "，而不是 " + last,
                       std::string("the check character should be ") + *expected + ", not " + last);
    return std::nullopt;
}

std::optional<IdentifierProblem> checkCreditCode(std::string_view value)
{
    if (value.size() != 18)
        return problem("统一社会信用代码应为18位，而不是" + std::to_string(value.size()) + "位",
                       "a unified social credit code has 18 characters, not " + std::to_string(value.size()));
    for (std::size_t i = 0; i < 18; ++i)
        if (kCreditAlphabet.find(value[i]) == std::string_view::npos)
            return problem("第" + std::to_string(i + 1) + "位 '" + std::string(1, value[i]) + "' 不是统一社会信用代码可用字符",
                           "character " + std::to_string(i + 1) + " '" + std::string(1, value[i]) +
                               "' is not used in unified social credit codes (I, O, Z, S, V are excluded)");
    for (std::size_t i = 2; i < 8; ++i)
        if (value[i] < '0' || value[i] > '9')
            return problem("第3至8位应为行政区划代码", "characters 3 to 8 must be a region code");
    const auto organisation = organisationCodeCheckCharacter(value.substr(8, 8));
    if (organisation != value[16])
        return checkCharacterProblem(std::string("组织机构代码的校验码应为 ") + organisation.value_or('?') + "，而不是 " + value[16],
                       std::string("the organisation code's check character should be ") + organisation.value_or('?') +
                           ", not " + value[16]);
    const auto expected = creditCodeCheckCharacter(value.substr(0, 17));
    if (expected != value[17])
        return checkCharacterProblem(std::string("校验码应为 ") + *expected + "，而不是 " + value[17],
                       std::string("the check character should be ") + *expected + ", not " + value[17]);
    return std::nullopt;
}

} // namespace tongban::forms
