// Electronic licences (电子证照, GB/T 36901-36906) held for an applicant, and
// what they spare the applicant: materials they prove (免于提交) and answers
// they already give (prefill).
#pragma once

#include "workflow/json/json_document.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tongban::forms {

/// A issued by the body itself, used directly; B verified by window staff;
/// C uploaded by the user, original still to be checked; D the user's own
/// material under a written promise. Only A and B stand in for a material.
enum class TrustLevel { A, B, C, D };

const char* toString(TrustLevel level);
std::optional<TrustLevel> trustLevelFromString(std::string_view text);

struct ElectronicLicence {
    std::string holder;  ///< 居民身份证号 or 统一社会信用代码 of whom it was issued to
    std::string type;    ///< "营业执照", "居民身份证", "食品经营许可证" …
    std::string number;
    std::string issuer;
    std::chrono::sys_days validFrom;
    std::optional<std::chrono::sys_days> validUntil;  ///< none: valid for good
    TrustLevel trust = TrustLevel::A;
    /// What the licence states, under the semantic keys of forms.
    std::vector<std::pair<std::string, std::string>> data;

    bool validOn(std::chrono::sys_days day) const;
    /// Valid on `day` and trusted enough to stand in for the material.
    bool exemptsOn(std::chrono::sys_days day) const;
};

inline constexpr std::string_view kLicencesFormat = "tongban.licences/1";

/// Reads a licence list document; the error names the member at fault.
std::expected<std::vector<ElectronicLicence>, workflow::json::JsonError> readLicences(std::string_view text);
std::string writeLicences(const std::vector<ElectronicLicence>& licences);

/// Answers that the applicant's licences and identity number already give,
/// with where each came from ("营业执照 91320102MA1XXXXX0X").
struct Prefill {
    Poco::JSON::Object::Ptr answers;
    std::vector<std::pair<std::string, std::string>> sources;  ///< key, source
};

/// Fills the fields `keys` can take from licences valid on `today` held by
/// `holders`, and from a resident ID number: birth date and sex (性别).
Prefill prefillAnswers(const std::vector<std::string>& keys, const std::vector<std::string>& holders,
                       const std::vector<ElectronicLicence>& licences, std::chrono::sys_days today);

} // namespace tongban::forms
