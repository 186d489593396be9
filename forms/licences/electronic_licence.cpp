#include "forms/licences/electronic_licence.h"

#include "forms/identifiers/identifiers.h"
#include "workflow/calendar/calendar.h"
#include "workflow/model/enum_names.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace tongban::forms {

using workflow::json::JsonError;
using workflow::json::JsonFormatError;
using workflow::json::ObjectReader;

namespace {

constexpr std::pair<TrustLevel, const char*> kTrustNames[] = {
    {TrustLevel::A, "A"}, {TrustLevel::B, "B"}, {TrustLevel::C, "C"}, {TrustLevel::D, "D"}};

std::chrono::sys_days readDay(ObjectReader& reader, const std::string& member)
{
    const auto text = reader.requireString(member);
    const auto day = workflow::parseDay(text);
    if (!day)
        workflow::json::failAt(reader.memberPath(member), "expected a date YYYY-MM-DD");
    return *day;
}

ElectronicLicence readLicence(ObjectReader reader)
{
    ElectronicLicence licence;
    licence.holder = reader.requireString("holder");
    licence.type = reader.requireString("type");
    licence.number = reader.requireString("number");
    licence.issuer = reader.requireString("issuer");
    licence.validFrom = readDay(reader, "validFrom");
    if (reader.has("validUntil"))
        licence.validUntil = readDay(reader, "validUntil");
    else
        reader.optionalString("validUntil");
    licence.trust = reader.requireEnum("trust", &trustLevelFromString, "trust level");
    if (auto data = reader.optionalObject("data")) {
        std::vector<std::string> names;
        data->object()->getNames(names);
        for (const auto& name : names)
            licence.data.emplace_back(name, data->requireString(name));
    }
    if (licence.validUntil && *licence.validUntil < licence.validFrom)
        workflow::json::failAt(reader.memberPath("validUntil"), "is before validFrom");
    reader.finish();
    return licence;
}

} // namespace

const char* toString(TrustLevel level) { return workflow::nameIn(kTrustNames, level); }

std::optional<TrustLevel> trustLevelFromString(std::string_view text) { return workflow::valueIn(kTrustNames, text); }

bool ElectronicLicence::validOn(std::chrono::sys_days day) const
{
    return validFrom <= day && (!validUntil || day <= *validUntil);
}

bool ElectronicLicence::exemptsOn(std::chrono::sys_days day) const
{
    return validOn(day) && (trust == TrustLevel::A || trust == TrustLevel::B);
}

std::expected<std::vector<ElectronicLicence>, JsonError> readLicences(std::string_view text)
{
    auto document = workflow::json::parse(text);
    if (!document)
        return std::unexpected(document.error());
    try {
        auto reader = workflow::json::asObject(*document, "");
        if (reader.requireString("format") != kLicencesFormat)
            workflow::json::failAt("format", "expected \"" + std::string(kLicencesFormat) + "\"");
        std::vector<ElectronicLicence> licences;
        const auto array = reader.requireArray("licences");
        for (std::size_t i = 0; i < array->size(); ++i)
            licences.push_back(readLicence(
                workflow::json::asObject(array->get(static_cast<unsigned>(i)), "licences[" + std::to_string(i) + "]")));
        reader.finish();
        return licences;
    } catch (const JsonFormatError& error) {
        return std::unexpected(error.error);
    }
}

std::string writeLicences(const std::vector<ElectronicLicence>& licences)
{
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    root->set("format", std::string(kLicencesFormat));
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& licence : licences) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("holder", licence.holder);
        item->set("type", licence.type);
        item->set("number", licence.number);
        item->set("issuer", licence.issuer);
        item->set("validFrom", workflow::formatDay(licence.validFrom));
        if (licence.validUntil)
            item->set("validUntil", workflow::formatDay(*licence.validUntil));
        item->set("trust", toString(licence.trust));
        if (!licence.data.empty()) {
            Poco::JSON::Object::Ptr data = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            for (const auto& [key, value] : licence.data)
                data->set(key, value);
            item->set("data", data);
        }
        array->add(item);
    }
    root->set("licences", array);
    return workflow::json::stringify(root);
}

Prefill prefillAnswers(const std::vector<std::string>& keys, const std::vector<std::string>& holders,
                       const std::vector<ElectronicLicence>& licences, std::chrono::sys_days today)
{
    Prefill prefill{new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER), {}};
    const auto wanted = [&](const std::string& key) {
        return std::ranges::find(keys, key) != keys.end() && !prefill.answers->has(key);
    };
    for (const auto& holder : holders) {
        if (checkResidentId(holder, today))
            continue;
        const auto source = "居民身份证号 " + holder;
        if (wanted("applicant.birth_date")) {
            prefill.answers->set("applicant.birth_date",
                                 holder.substr(6, 4) + "-" + holder.substr(10, 2) + "-" + holder.substr(12, 2));
            prefill.sources.emplace_back("applicant.birth_date", source);
        }
        if (wanted("applicant.sex")) {
            prefill.answers->set("applicant.sex", std::string((holder[16] - '0') % 2 == 1 ? "男" : "女"));
            prefill.sources.emplace_back("applicant.sex", source);
        }
    }
    for (const auto& licence : licences) {
        if (!licence.validOn(today) || std::ranges::find(holders, licence.holder) == holders.end())
            continue;
        for (const auto& [key, value] : licence.data)
            if (wanted(key)) {
                prefill.answers->set(key, value);
                prefill.sources.emplace_back(key, licence.type + " " + licence.number);
            }
    }
    return prefill;
}

} // namespace tongban::forms
