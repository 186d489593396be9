#include "forms/onething/one_thing.h"

#include "forms/onething/unified_form.h"
#include "forms/schema/conditions.h"
#include "forms/schema/form_json.h"
#include "workflow/analysis/validator.h"
#include "workflow/model/definition_json.h"

#include <algorithm>

namespace tongban::forms {

using workflow::json::JsonError;
using workflow::json::JsonFormatError;
using workflow::json::ObjectReader;

namespace {

template <typename Item, typename Read>
std::vector<Item> readList(ObjectReader& reader, const std::string& member, Read read)
{
    std::vector<Item> items;
    const auto array = reader.requireArray(member);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto path = reader.memberPath(member) + "[" + std::to_string(i) + "]";
        auto item = read(workflow::json::asObject(array->get(static_cast<unsigned>(i)), path));
        if (std::ranges::find(items, item.key, &Item::key) != items.end())
            workflow::json::failAt(path + ".key", "'" + item.key + "' is listed twice");
        items.push_back(std::move(item));
    }
    return items;
}

MaterialType readMaterialType(ObjectReader reader)
{
    MaterialType type;
    type.key = reader.requireString("key");
    type.name = reader.requireString("name");
    type.nameEn = reader.optionalString("nameEn");
    type.provenBy = reader.optionalStrings("provenBy");
    type.issuedBy = reader.optionalString("issuedBy");
    type.mediaTypes = reader.optionalStrings("mediaTypes");
    if (type.mediaTypes.empty())
        type.mediaTypes = {"application/pdf", "application/ofd", "image/jpeg", "image/png"};
    if (const auto maxBytes = reader.optionalInt("maxBytes")) {
        if (*maxBytes < 1)
            workflow::json::failAt(reader.memberPath("maxBytes"), "expected a size in bytes");
        type.maxBytes = static_cast<std::uint64_t>(*maxBytes);
    }
    reader.finish();
    return type;
}

std::optional<Condition> readCondition(ObjectReader& reader, const std::string& member)
{
    const auto source = reader.optionalString(member);
    return source.empty() ? std::nullopt : std::optional(parseCondition(source, reader.memberPath(member)));
}

Matter readMatter(ObjectReader reader)
{
    Matter matter;
    matter.key = reader.requireString("key");
    matter.name = reader.requireString("name");
    matter.nameEn = reader.optionalString("nameEn");
    matter.department = reader.requireString("department");
    if (auto limit = reader.optionalObject("legalLimit"))
        matter.legalLimit = workflow::readTimeLimit(*limit);
    if (auto limit = reader.optionalObject("promisedLimit"))
        matter.promisedLimit = workflow::readTimeLimit(*limit);
    if (matter.legalLimit && matter.promisedLimit &&
        workflow::inWorkingDays(*matter.promisedLimit) > workflow::inWorkingDays(*matter.legalLimit))
        workflow::json::failAt(reader.memberPath("promisedLimit"), "a promised limit longer than the legal limit");
    matter.appliesWhen = readCondition(reader, "appliesWhen");
    matter.form.key = matter.key;
    matter.form.title = matter.name;
    matter.form.titleEn = matter.nameEn;
    matter.form.fields = readFieldList(reader, "fields");
    const auto materials = reader.requireArray("materials");
    for (std::size_t i = 0; i < materials->size(); ++i) {
        const auto path = reader.memberPath("materials") + "[" + std::to_string(i) + "]";
        auto item = workflow::json::asObject(materials->get(static_cast<unsigned>(i)), path);
        MaterialRequirement requirement;
        requirement.type = item.requireString("type");
        requirement.key = item.optionalBool("key", false);
        requirement.requiredWhen = readCondition(item, "requiredWhen");
        item.finish();
        if (std::ranges::find(matter.materials, requirement.type, &MaterialRequirement::type) != matter.materials.end())
            workflow::json::failAt(path + ".type", "material '" + requirement.type + "' is asked twice");
        matter.materials.push_back(std::move(requirement));
    }
    reader.finish();
    return matter;
}

workflow::ProcessDefinition readProcess(ObjectReader reader)
{
    auto loaded = workflow::readDefinition(workflow::json::stringify(reader.object()));
    if (!loaded) {
        auto error = loaded.error();
        error.path = error.path.empty() ? reader.path() : reader.path() + "." + error.path;
        throw JsonFormatError{error};
    }
    auto report = workflow::validate(loaded->definition);
    report.diagnostics.insert(report.diagnostics.begin(), loaded->diagnostics.begin(), loaded->diagnostics.end());
    for (const auto& diagnostic : report.diagnostics)
        if (diagnostic.severity == workflow::Severity::Error)
            workflow::json::failAt(reader.path() + (diagnostic.elementId.empty() ? "" : "." + diagnostic.elementId),
                 "the process does not validate: " + diagnostic.code + ": " + diagnostic.message.en);
    return std::move(loaded->definition);
}

/// The process, the matters and the unified form must tell one story.
void checkAgreement(const OneThing& oneThing, const UnifiedForm& unified)
{
    const auto& process = oneThing.process;
    for (const auto& node : process.nodes()) {
        if (node.kind != workflow::NodeKind::Task || node.matter.empty())
            continue;
        const auto* matter = oneThing.findMatter(node.matter);
        if (!matter)
            workflow::json::failAt("process." + node.id, "works matter '" + node.matter + "', which the one thing does not have");
        if (node.department != matter->department)
            workflow::json::failAt("process." + node.id, "belongs to " + node.department + " but matter '" + matter->key +
                                           "' belongs to " + matter->department);
    }
    for (std::size_t m = 0; m < oneThing.matters.size(); ++m) {
        const auto& matter = oneThing.matters[m];
        if (std::ranges::none_of(process.nodes(), [&](const workflow::Node& node) { return node.matter == matter.key; }))
            workflow::json::failAt("matters[" + std::to_string(m) + "]", "no task of the process works matter '" + matter.key + "'");
    }
    if (std::ranges::none_of(oneThing.matters, [&](const Matter& m) { return m.department == oneThing.leadDepartment; }))
        workflow::json::failAt("leadDepartment", "the lead department " + oneThing.leadDepartment + " has no matter of its own");
    for (const auto& [key, declaration] : process.fields) {
        const auto* field = unified.form.find(key);
        if (!field)
            workflow::json::failAt("process.fields." + key, "the process reads '" + key + "', which the unified form does not ask");
        if (conditionType(field->kind) != declaration.type)
            workflow::json::failAt("process.fields." + key, "the process reads '" + key + "' as " + toString(declaration.type) +
                                              " but the form asks it as " + toString(field->kind));
        if (!field->required || field->visibleWhen)
            workflow::json::failAt("process.fields." + key, "the process needs '" + key + "' to start a case, so the form must always ask it");
        for (const auto& value : declaration.allowedValues)
            if (!field->findChoice(value))
                workflow::json::failAt("process.fields." + key, "the process expects '" + value + "', which is not a choice of the form");
    }
    const auto lookup = [&](std::string_view path) -> std::optional<workflow::FieldType> {
        const auto* field = unified.form.find(path);
        return field ? conditionType(field->kind) : std::nullopt;
    };
    const auto checkCondition = [&](const std::optional<Condition>& condition, const std::string& path) {
        if (!condition)
            return;
        if (const auto error = workflow::typeCheck(condition->expression, lookup, true))
            workflow::json::failAt(path, error->message.en);
    };
    for (std::size_t m = 0; m < oneThing.matters.size(); ++m) {
        const auto& matter = oneThing.matters[m];
        const auto path = "matters[" + std::to_string(m) + "]";
        checkCondition(matter.appliesWhen, path + ".appliesWhen");
        for (std::size_t i = 0; i < matter.materials.size(); ++i)
            checkCondition(matter.materials[i].requiredWhen, path + ".materials[" + std::to_string(i) + "].requiredWhen");
    }
}

OneThing readOneThingObject(ObjectReader reader)
{
    OneThing oneThing;
    if (reader.requireString("format") != kOneThingFormat)
        workflow::json::failAt("format", "expected \"" + std::string(kOneThingFormat) + "\"");
    oneThing.key = reader.requireString("key");
    oneThing.name = reader.requireString("name");
    oneThing.nameEn = reader.optionalString("nameEn");
    oneThing.leadDepartment = reader.requireString("leadDepartment");
    oneThing.description = reader.optionalString("description");
    oneThing.guidance.key = "guidance";
    oneThing.guidance.title = "情形引导";
    oneThing.guidance.titleEn = "Situational guidance";
    oneThing.guidance.fields = readFieldList(reader, "guidance");
    for (std::size_t i = 0; i < oneThing.guidance.fields.size(); ++i)
        if (!oneThing.guidance.fields[i].key.starts_with("situation."))
            workflow::json::failAt("guidance[" + std::to_string(i) + "].key", "guidance questions have keys under situation.");
    oneThing.materialTypes = readList<MaterialType>(reader, "materialTypes", readMaterialType);
    oneThing.matters = readList<Matter>(reader, "matters", readMatter);
    if (oneThing.matters.empty())
        workflow::json::failAt("matters", "a one thing has at least one matter");
    for (std::size_t m = 0; m < oneThing.matters.size(); ++m) {
        const auto& matter = oneThing.matters[m];
        if (matter.appliesWhen)
            for (const auto& read : matter.appliesWhen->fields)
                if (!oneThing.guidance.find(read))
                    workflow::json::failAt("matters[" + std::to_string(m) + "].appliesWhen",
                         "reads '" + read + "'; whether a matter applies is decided by guidance questions only");
        for (std::size_t i = 0; i < matter.form.fields.size(); ++i)
            if (matter.form.fields[i].key.starts_with("situation."))
                workflow::json::failAt("matters[" + std::to_string(m) + "].fields[" + std::to_string(i) + "].key",
                     "situation. keys belong to guidance questions");
        for (std::size_t i = 0; i < matter.materials.size(); ++i)
            if (!oneThing.findMaterialType(matter.materials[i].type))
                workflow::json::failAt("matters[" + std::to_string(m) + "].materials[" + std::to_string(i) + "].type",
                     "unknown material type '" + matter.materials[i].type + "'");
    }
    oneThing.process = readProcess(reader.requireObject("process"));
    reader.finish();
    return oneThing;
}

} // namespace

const Matter* OneThing::findMatter(std::string_view matterKey) const
{
    const auto at = std::ranges::find(matters, matterKey, &Matter::key);
    return at == matters.end() ? nullptr : &*at;
}

const MaterialType* OneThing::findMaterialType(std::string_view typeKey) const
{
    const auto at = std::ranges::find(materialTypes, typeKey, &MaterialType::key);
    return at == materialTypes.end() ? nullptr : &*at;
}

std::vector<std::string> OneThing::cooperatingDepartments() const
{
    std::vector<std::string> departments;
    for (const auto& matter : matters)
        if (matter.department != leadDepartment && std::ranges::find(departments, matter.department) == departments.end())
            departments.push_back(matter.department);
    return departments;
}

std::expected<OneThing, JsonError> readOneThing(std::string_view text)
{
    auto document = workflow::json::parse(text);
    if (!document)
        return std::unexpected(document.error());
    try {
        auto oneThing = readOneThingObject(workflow::json::asObject(*document, ""));
        const auto unified = unifyForm(oneThing);
        if (!unified)
            return std::unexpected(unified.error());
        checkAgreement(oneThing, *unified);
        return oneThing;
    } catch (const JsonFormatError& error) {
        return std::unexpected(error.error);
    }
}

} // namespace tongban::forms
