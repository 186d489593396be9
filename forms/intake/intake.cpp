#include "forms/intake/intake.h"

#include "workflow/model/enum_names.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>

namespace tongban::forms {

namespace {

constexpr std::pair<MaterialState, const char*> kMaterialStateNames[] = {
    {MaterialState::Provided, "provided"},
    {MaterialState::Exempt, "exempt"},
    {MaterialState::Promised, "promised"},
    {MaterialState::Missing, "missing"},
};

std::string textOf(const workflow::CaseData& values, std::string_view key)
{
    const auto at = values.find(key);
    if (at == values.end())
        return {};
    const auto* text = std::get_if<std::string>(&at->second);
    return text ? *text : std::string();
}

MaterialOutcome outcomeFor(const MergedMaterial& material, const std::vector<MaterialSubmission>& submissions,
                           const std::vector<ElectronicLicence>& licences, const std::vector<std::string>& holders,
                           std::chrono::sys_days today)
{
    MaterialOutcome outcome{material.type, material.key, material.matters, MaterialState::Missing, {}, {}, {}, {}, {}};
    const auto& type = *material.type;
    if (!type.issuedBy.empty()) {
        outcome.state = MaterialState::Exempt;
        outcome.exemptBy = type.issuedBy;
        return outcome;
    }
    for (const auto& licence : licences) {
        if (std::ranges::find(type.provenBy, licence.type) == type.provenBy.end() ||
            std::ranges::find(holders, licence.holder) == holders.end())
            continue;
        if (licence.exemptsOn(today)) {
            outcome.state = MaterialState::Exempt;
            outcome.exemptBy = licence.type + " " + licence.number;
            return outcome;
        }
        // Remember why a licence on file did not spare the material.
        if (!licence.validOn(today)) {
            outcome.noteZh = "电子证照 " + licence.type + " " + licence.number + " 不在有效期内，不能免于提交";
            outcome.noteEn = "the electronic licence " + licence.type + " " + licence.number +
                             " is not valid today, so it does not exempt the material";
        } else {
            outcome.noteZh = "电子证照 " + licence.type + " " + licence.number + " 可信等级为 " + toString(licence.trust) +
                             "，需核验原件后才能免于提交";
            outcome.noteEn = "the electronic licence " + licence.type + " " + licence.number + " has trust level " +
                             toString(licence.trust) + "; the original must be checked before it exempts the material";
        }
    }
    const auto submission = std::ranges::find(submissions, type.key, &MaterialSubmission::type);
    if (submission == submissions.end())
        return outcome;
    if (submission->file) {
        outcome.state = MaterialState::Provided;
        outcome.file = submission->file;
    } else if (!submission->promise.empty()) {
        outcome.state = MaterialState::Promised;
        outcome.promise = submission->promise;
    }
    return outcome;
}

} // namespace

std::vector<RecordedMaterial> recordedMaterials(const Poco::JSON::Object::Ptr& record, const OneThing* oneThing)
{
    std::vector<RecordedMaterial> materials;
    const auto items = record ? record->getArray("materials") : nullptr;
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        if (!item)
            continue;
        RecordedMaterial material{item->optValue<std::string>("type", ""), {}, MaterialState::Missing, {}};
        const auto state = item->optValue<std::string>("state", "");
        for (const auto each : {MaterialState::Provided, MaterialState::Exempt, MaterialState::Promised, MaterialState::Missing})
            if (state == toString(each))
                material.state = each;
        const auto* type = oneThing ? oneThing->findMaterialType(material.type) : nullptr;
        material.name = type ? type->name : material.type;
        for (const auto* key : {"exemptBy", "name", "promise"})
            if (item->has(key))
                material.detail = item->getValue<std::string>(key);
        materials.push_back(std::move(material));
    }
    return materials;
}

std::string sha256Hex(std::string_view content)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(content.data(), static_cast<unsigned>(content.size()));
    return Poco::DigestEngine::digestToHex(sha.digest());
}

const char* toString(MaterialState state) { return workflow::nameIn(kMaterialStateNames, state); }

bool MaterialOutcome::allowsAcceptance() const
{
    return state == MaterialState::Provided || state == MaterialState::Exempt ||
           (state == MaterialState::Promised && !key);
}

std::vector<const MaterialOutcome*> IntakeAssessment::blockingMaterials() const
{
    std::vector<const MaterialOutcome*> blocking;
    for (const auto& material : materials)
        if (!material.allowsAcceptance())
            blocking.push_back(&material);
    return blocking;
}

std::vector<std::string> applicantHolders(const workflow::CaseData& values)
{
    std::vector<std::string> holders;
    for (const auto* key : {"applicant.id_number", "business.credit_code"})
        if (auto text = textOf(values, key); !text.empty())
            holders.push_back(std::move(text));
    return holders;
}

IntakeAssessment assessIntake(const OneThing& oneThing, const UnifiedForm& unified, const Poco::Dynamic::Var& answers,
                              const std::vector<MaterialSubmission>& submissions, const LicenceLookup& licencesOf,
                              const ValidationContext& context)
{
    IntakeAssessment assessment;
    assessment.form = validateAnswers(unified.form, answers, context);
    const auto& values = assessment.form.values;
    for (const auto& matter : oneThing.matters)
        if (!matter.appliesWhen || matter.appliesWhen->expression.evaluate(values))
            assessment.matters.push_back(matter.key);
    const auto holders = applicantHolders(values);
    const auto licences = licencesOf(holders);
    for (const auto& material : mergeMaterials(oneThing)) {
        if (material.requiredWhen && !material.requiredWhen->expression.evaluate(values))
            continue;
        assessment.materials.push_back(outcomeFor(material, submissions, licences, holders, context.today));
    }
    return assessment;
}

IntakeAssessment assessIntake(const OneThing& oneThing, const UnifiedForm& unified, const Poco::Dynamic::Var& answers,
                              const std::vector<MaterialSubmission>& submissions,
                              const std::vector<ElectronicLicence>& licences, const ValidationContext& context)
{
    return assessIntake(oneThing, unified, answers, submissions,
                        [&](const std::vector<std::string>&) { return licences; }, context);
}

std::optional<std::string> detectMediaType(std::string_view content)
{
    if (content.starts_with("%PDF-"))
        return "application/pdf";
    if (content.starts_with("\x89PNG\r\n\x1a\n"))
        return "image/png";
    if (content.starts_with("\xff\xd8\xff"))
        return "image/jpeg";
    // OFD (GB/T 33190) is a ZIP package whose entry point is OFD.xml.
    if (content.starts_with("PK\x03\x04") && content.find("OFD.xml") != std::string_view::npos)
        return "application/ofd";
    return std::nullopt;
}

std::expected<ProvidedFile, UploadProblem> inspectUpload(std::string_view content, std::string name,
                                                         const MaterialType& type)
{
    if (content.empty())
        return std::unexpected(UploadProblem{"文件“" + name + "”是空的", "the file '" + name + "' is empty"});
    if (content.size() > type.maxBytes)
        return std::unexpected(UploadProblem{
            "文件“" + name + "”有 " + std::to_string(content.size()) + " 字节，超过“" + type.name + "”的上限 " +
                std::to_string(type.maxBytes) + " 字节",
            "the file '" + name + "' has " + std::to_string(content.size()) + " bytes, more than the limit of " +
                std::to_string(type.maxBytes) + " for " + (type.nameEn.empty() ? type.name : type.nameEn)});
    const auto mediaType = detectMediaType(content);
    std::string accepted;
    for (const auto& each : type.mediaTypes)
        accepted += (accepted.empty() ? "" : ", ") + each;
    if (!mediaType || std::ranges::find(type.mediaTypes, *mediaType) == type.mediaTypes.end())
        return std::unexpected(UploadProblem{
            "文件“" + name + "”的内容" + (mediaType ? "是 " + *mediaType : std::string("不是可识别的文件类型")) +
                "；“" + type.name + "”只接受 " + accepted,
            "the content of '" + name + "' is " + (mediaType ? *mediaType : std::string("of no recognised type")) +
                "; " + (type.nameEn.empty() ? type.name : type.nameEn) + " accepts " + accepted});
    return ProvidedFile{sha256Hex(content), std::move(name), *mediaType, content.size()};
}

} // namespace tongban::forms
