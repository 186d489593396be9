#include "services/intake/window_intake.h"

#include "workflow/calendar/calendar_json.h"
#include "workflow/runtime/case_state_json.h"
#include "workflow/json/json_document.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace tongban::services {

namespace {

using store::Store;

Poco::JSON::Object::Ptr object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string valueText(const workflow::CaseData& values, const std::string& key)
{
    const auto at = values.find(key);
    const auto* text = at == values.end() ? nullptr : std::get_if<std::string>(&at->second);
    return text ? *text : std::string();
}

/// Why the window cannot accept yet, every reason on its own line.
IntakeRefusal refusalFor(const forms::IntakeAssessment& assessment, const std::vector<std::string>& missingFiles)
{
    IntakeRefusal refusal{"不能受理：", "cannot accept:"};
    for (const auto& finding : assessment.form.findings) {
        const bool blocks = finding.level == forms::FindingLevel::Error ||
                            (finding.overridable && finding.overrideReason.empty());
        if (!blocks)
            continue;
        refusal.message.zh += "\n" + forms::formatFinding(finding, true);
        refusal.message.en += "\n" + forms::formatFinding(finding, false);
    }
    for (const auto* material : assessment.blockingMaterials()) {
        const auto& type = *material->type;
        const auto nameEn = "material '" + (type.nameEn.empty() ? type.name : type.nameEn) + "' ";
        if (material->state == forms::MaterialState::Promised) {
            refusal.message.zh += "\n材料“" + type.name + "”是关键材料，不能容缺承诺";
            refusal.message.en += "\n" + nameEn + "is a key material and cannot be promised later";
        } else if (material->key) {
            refusal.message.zh += "\n关键材料“" + type.name + "”未提交";
            refusal.message.en += "\n" + nameEn + "is a key material and is missing";
        } else {
            refusal.message.zh += "\n材料“" + type.name + "”未提交，可由申请人书面承诺后补（容缺）";
            refusal.message.en += "\n" + nameEn + "is missing; the applicant may promise in writing to supply it later";
        }
    }
    for (const auto& file : missingFiles) {
        refusal.message.zh += "\n文件 " + file + " 未上传到工作区";
        refusal.message.en += "\nthe file " + file + " has not been uploaded to the workspace";
    }
    return refusal;
}

} // namespace

std::expected<Review, IntakeRefusal> reviewApplication(Store& store, const Application& application)
{
    const auto entries = store.oneThings();
    const auto entry = std::ranges::find(entries, application.oneThing, &store::OneThingEntry::key);
    if (entry == entries.end())
        return std::unexpected(IntakeRefusal{"工作区没有“" + application.oneThing + "”这件事",
                                             "the workspace has no one thing '" + application.oneThing + "'"});
    auto oneThing = forms::readOneThing(entry->document);
    if (!oneThing)
        throw store::StoreError("one thing " + entry->key + " in the database does not read: " +
                                          oneThing.error().describe());
    Review review;
    review.oneThing = std::move(*oneThing);
    review.unified = *forms::unifyForm(review.oneThing);
    review.assessment = assessApplication(store, review.oneThing, review.unified, application);
    return review;
}

forms::IntakeAssessment assessApplication(Store& store, const forms::OneThing& oneThing, const forms::UnifiedForm& unified,
                                          const Application& application)
{
    const forms::ValidationContext context{workflow::nationalCalendar().localDay(application.at),
                                           application.overrides, true};
    const Poco::Dynamic::Var answers = application.answers ? Poco::Dynamic::Var(application.answers) : Poco::Dynamic::Var();
    return forms::assessIntake(oneThing, unified, answers, application.materials,
                               [&](const std::vector<std::string>& holders) { return store.licencesOf(holders); }, context);
}

std::expected<store::Applied, IntakeRefusal> acceptApplication(Store& store, const Application& application)
{
    auto review = reviewApplication(store, application);
    if (!review)
        return std::unexpected(review.error());
    const auto& assessment = review->assessment;
    std::vector<std::string> missingFiles;
    for (const auto& material : assessment.materials)
        if (material.file && !store.fileContent(material.file->sha256))
            missingFiles.push_back(material.file->name + " (" + material.file->sha256 + ")");
    if (!assessment.acceptable() || !missingFiles.empty())
        return std::unexpected(refusalFor(assessment, missingFiles));

    const auto& values = assessment.form.values;
    workflow::CaseData data;
    for (const auto& [key, declaration] : review->oneThing.process.fields)
        if (const auto at = values.find(key); at != values.end())
            data.emplace(key, at->second);
    const auto creditCode = valueText(values, "business.credit_code");
    const store::Applicant applicant =
        creditCode.empty() ? store::Applicant{valueText(values, "applicant.name"), valueText(values, "applicant.id_number")}
                           : store::Applicant{valueText(values, "business.name"), creditCode};
    auto created = store.createCase({review->oneThing.process.key, 0, application.region, application.channel, applicant,
                                     std::move(data), application.clerk, application.at,
                                     applicationRecord(application, *review)});
    if (!created)
        return std::unexpected(IntakeRefusal{"不能受理：" + created.error().message, "cannot accept: " + created.error().message});
    return std::move(*created);
}

std::string applicationRecord(const Application& application, const Review& review)
{
    const auto& assessment = review.assessment;
    auto root = object();
    root->set("format", std::string("tongban.application/1"));
    root->set("oneThing", review.oneThing.key);
    root->set("acceptedBy", application.clerk.user);
    root->set("department", application.clerk.department);
    root->set("at", workflow::formatInstant(application.at));
    root->set("answers", application.answers ? application.answers : object());
    Poco::JSON::Array::Ptr matters = new Poco::JSON::Array;
    for (const auto& matter : assessment.matters)
        matters->add(matter);
    root->set("matters", matters);
    Poco::JSON::Array::Ptr materials = new Poco::JSON::Array;
    for (const auto& material : assessment.materials) {
        auto item = object();
        item->set("type", material.type->key);
        item->set("state", forms::toString(material.state));
        if (!material.exemptBy.empty())
            item->set("exemptBy", material.exemptBy);
        if (material.file) {
            item->set("sha256", material.file->sha256);
            item->set("name", material.file->name);
            item->set("mediaType", material.file->mediaType);
            item->set("size", static_cast<Poco::UInt64>(material.file->size));
        }
        if (!material.promise.empty())
            item->set("promise", material.promise);
        materials->add(item);
    }
    root->set("materials", materials);
    Poco::JSON::Array::Ptr overrides = new Poco::JSON::Array;
    for (const auto& finding : assessment.form.findings) {
        if (finding.overrideReason.empty())
            continue;
        auto item = object();
        item->set("path", finding.path);
        item->set("warning", finding.message.zh);
        item->set("reason", finding.overrideReason);
        item->set("by", application.clerk.user);
        overrides->add(item);
    }
    root->set("overrides", overrides);
    return workflow::json::stringify(root, 0);
}

} // namespace tongban::services
