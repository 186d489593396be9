// 一窗受理: checking one application of a one thing before the window accepts
// it: the unified form's answers, which matters apply, and each material
// provided, exempt (免于提交), promised later (容缺) or missing.
#pragma once

#include "forms/licences/electronic_licence.h"
#include "forms/onething/unified_form.h"
#include "forms/validation/form_validator.h"
#include "workflow/model/bilingual.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tongban::forms {

enum class MaterialState { Provided, Exempt, Promised, Missing };

const char* toString(MaterialState state);

/// A file the applicant handed in, stored by its SHA-256.
struct ProvidedFile {
    std::string sha256;
    std::string name;
    std::string mediaType;
    std::uint64_t size = 0;
};

/// What the window recorded for one material type: a file, or the applicant's
/// written promise to supply it later, or nothing.
struct MaterialSubmission {
    std::string type;
    std::optional<ProvidedFile> file;
    std::string promise;
};

struct MaterialOutcome {
    const MaterialType* type = nullptr;
    bool key = false;
    std::vector<std::string> matters;
    MaterialState state = MaterialState::Missing;
    std::string exemptBy;  ///< the licence ("营业执照 9132…") or the issuing body that proves it
    std::optional<ProvidedFile> file;
    std::string promise;
    std::string noteZh;  ///< e.g. a licence that would exempt it has expired
    std::string noteEn;

    /// Whether the window may accept with this material as it stands: provided,
    /// exempt, or promised when it is not a key material.
    bool allowsAcceptance() const;
};

struct IntakeAssessment {
    FormReport form;
    std::vector<std::string> matters;  ///< keys of the matters that apply
    std::vector<MaterialOutcome> materials;  ///< the materials these matters need

    /// The materials that keep the window from accepting, in list order.
    std::vector<const MaterialOutcome*> blockingMaterials() const;
    bool acceptable() const { return form.acceptable() && blockingMaterials().empty(); }
};

/// The identities an application is made under: the applicant's resident ID
/// number and the business's credit code, when answered.
std::vector<std::string> applicantHolders(const workflow::CaseData& values);

/// Where the licences of the identities an application names come from.
using LicenceLookup = std::function<std::vector<ElectronicLicence>(const std::vector<std::string>& holders)>;

/// Checks the answers once, then asks `licencesOf` for the licences of the
/// identities they name, which decide the exemptions.
IntakeAssessment assessIntake(const OneThing& oneThing, const UnifiedForm& unified, const Poco::Dynamic::Var& answers,
                              const std::vector<MaterialSubmission>& submissions, const LicenceLookup& licencesOf,
                              const ValidationContext& context);
/// The same with the licences at hand; those of other holders are ignored.
IntakeAssessment assessIntake(const OneThing& oneThing, const UnifiedForm& unified, const Poco::Dynamic::Var& answers,
                              const std::vector<MaterialSubmission>& submissions,
                              const std::vector<ElectronicLicence>& licences, const ValidationContext& context);

/// A material as a case's intake record keeps it, named as its one thing names it.
struct RecordedMaterial {
    std::string type;
    std::string name;  ///< the material type's name; the type key when the one thing is not known
    MaterialState state = MaterialState::Missing;
    std::string detail;  ///< the licence or body that exempts it, the file's name, or the promise
};

/// The materials of an intake record (the "materials" of the JSON the window
/// keeps with a case); `oneThing`, when known, names them.
std::vector<RecordedMaterial> recordedMaterials(const Poco::JSON::Object::Ptr& record, const OneThing* oneThing);

/// The SHA-256 of `content` in lower-case hex: the name a material file is stored under.
std::string sha256Hex(std::string_view content);

/// Why a file cannot be taken as a material, in Chinese and English.
struct UploadProblem {
    workflow::Bilingual message;
};

/// The media type the content shows (PDF, OFD, JPEG, PNG), whatever its name
/// says; std::nullopt for anything else.
std::optional<std::string> detectMediaType(std::string_view content);

/// Checks a file for a material type (not empty, within the size limit, of an
/// accepted type by its content) and names it by its SHA-256.
std::expected<ProvidedFile, UploadProblem> inspectUpload(std::string_view content, std::string name,
                                                         const MaterialType& type);

} // namespace tongban::forms
