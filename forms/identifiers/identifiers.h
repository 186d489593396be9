// Check characters of Chinese identifiers: 居民身份证号 (GB 11643-1999) and
// 统一社会信用代码 (GB 32100-2015) with its organisation code (GB 11714).
#pragma once

#include "workflow/model/bilingual.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::forms {

/// The check character of the first 17 characters of a 居民身份证号
/// ('0'-'9' or 'X'); std::nullopt when they are not 17 digits.
std::optional<char> residentIdCheckCharacter(std::string_view first17);

/// The check character of the first 17 characters of a 统一社会信用代码;
/// std::nullopt when a character is outside the code's alphabet.
std::optional<char> creditCodeCheckCharacter(std::string_view first17);

/// The check character of an 8-character organisation code body (GB 11714).
std::optional<char> organisationCodeCheckCharacter(std::string_view first8);

/// Why an identifier is not valid, in Chinese and English; empty when it is.
struct IdentifierProblem {
    workflow::Bilingual message;
    /// Only a check character is wrong, the rest well formed. Some early
    /// credit codes fail their check legally, so forms let staff override it.
    bool checkCharacterOnly = false;
};

/// Checks length, characters, birth date (a real date, not after `today`),
/// province and check character of a 居民身份证号.
std::optional<IdentifierProblem> checkResidentId(std::string_view value, std::chrono::sys_days today);

/// Checks length, alphabet, the embedded organisation code and the check
/// character of a 统一社会信用代码.
std::optional<IdentifierProblem> checkCreditCode(std::string_view value);

/// Whether the first two digits name a province-level division (GB/T 2260).
bool isProvinceCode(int code);

} // namespace tongban::forms
