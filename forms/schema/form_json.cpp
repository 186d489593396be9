#include "forms/schema/form_json.h"

#include "forms/schema/conditions.h"
#include "forms/schema/money.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace tongban::forms {

using workflow::json::JsonError;
using workflow::json::JsonFormatError;
using workflow::json::ObjectReader;

namespace {

bool isLowerName(std::string_view text)
{
    return !text.empty() && text.front() >= 'a' && text.front() <= 'z' &&
           text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

/// "applicant.id_number": a section and a name, both lower case.
bool isSemanticKey(std::string_view key)
{
    const auto dot = key.find('.');
    return dot != std::string_view::npos && isLowerName(key.substr(0, dot)) && isLowerName(key.substr(dot + 1));
}

bool isDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (const auto i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9')
            return false;
    return true;
}

/// Which optional members mean something for a kind; any other is refused so
/// that a "maxLength" on a date does not pass for a constraint.
bool applies(std::string_view member, FieldKind kind)
{
    using enum FieldKind;
    const bool textual = kind == Text || kind == LongText;
    if (member == "minLength" || member == "maxLength" || member == "pattern")
        return textual;
    if (member == "minimum" || member == "maximum")
        return kind == Integer || kind == Decimal || kind == Money;
    if (member == "scale")
        return kind == Decimal;
    if (member == "earliest" || member == "latest")
        return kind == Date || kind == DateTime;
    if (member == "choices")
        return kind == SingleChoice || kind == MultipleChoice;
    if (member == "minItems" || member == "maxItems")
        return kind == MultipleChoice || kind == Group;
    if (member == "columns")
        return kind == Group;
    if (member == "mediaTypes" || member == "maxBytes")
        return kind == Attachment;
    return true;
}

std::optional<double> readBound(ObjectReader& reader, const std::string& member, FieldKind kind)
{
    if (kind != FieldKind::Money)
        return reader.optionalNumber(member);
    const auto text = reader.optionalString(member);
    if (text.empty())
        return std::nullopt;
    const auto fen = fenFromYuan(text);
    if (!fen)
        workflow::json::failAt(reader.memberPath(member), "expected yuan as a string such as \"1250.00\"");
    return static_cast<double>(*fen);
}

std::optional<std::size_t> readCount(ObjectReader& reader, const std::string& member)
{
    const auto value = reader.optionalInt(member);
    if (value && *value < 0)
        workflow::json::failAt(reader.memberPath(member), "must not be negative");
    return value ? std::optional<std::size_t>(static_cast<std::size_t>(*value)) : std::nullopt;
}

std::vector<Choice> readChoices(ObjectReader& reader)
{
    std::vector<Choice> choices;
    const auto array = reader.optionalArray("choices");
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto path = reader.memberPath("choices") + "[" + std::to_string(i) + "]";
        const auto item = array->get(static_cast<unsigned>(i));
        Choice choice;
        if (item.isString()) {
            choice.value = choice.label = item.extract<std::string>();
        } else {
            auto object = workflow::json::asObject(item, path);
            choice.value = object.requireString("value");
            choice.label = object.optionalString("label", choice.value);
            choice.labelEn = object.optionalString("labelEn");
            object.finish();
        }
        if (choice.value.empty())
            workflow::json::failAt(path, "a choice needs a value");
        if (std::ranges::find(choices, choice.value, &Choice::value) != choices.end())
            workflow::json::failAt(path, "choice '" + choice.value + "' is listed twice");
        choices.push_back(std::move(choice));
    }
    return choices;
}

FieldSchema readField(ObjectReader reader, bool column)
{
    FieldSchema field;
    field.key = reader.requireString("key");
    if (column ? !isLowerName(field.key) : !isSemanticKey(field.key))
        workflow::json::failAt(reader.memberPath("key"), column ? "a column name is lower-case letters, digits and _"
                                              : "a field key is a semantic key such as applicant.id_number");
    field.kind = reader.requireEnum("type", &fieldKindFromString, "field type");
    std::vector<std::string> members;
    reader.object()->getNames(members);
    for (const auto& member : members)
        if (!applies(member, field.kind))
            workflow::json::failAt(reader.memberPath(member), std::string("does not apply to a field of type ") + toString(field.kind));

    field.label = reader.requireString("label");
    field.labelEn = reader.optionalString("labelEn");
    field.help = reader.optionalString("help");
    field.required = reader.optionalBool("required", false);
    if (const auto source = reader.optionalString("requiredWhen"); !source.empty())
        field.requiredWhen = parseCondition(source, reader.memberPath("requiredWhen"));
    if (const auto source = reader.optionalString("visibleWhen"); !source.empty())
        field.visibleWhen = parseCondition(source, reader.memberPath("visibleWhen"));
    if (column && (field.requiredWhen || field.visibleWhen))
        workflow::json::failAt(reader.path(), "a group's columns take no conditions; put them on the group");
    if (field.required && field.requiredWhen)
        workflow::json::failAt(reader.memberPath("requiredWhen"), "a field that is always required needs no requiredWhen");

    field.minLength = readCount(reader, "minLength");
    field.maxLength = readCount(reader, "maxLength");
    if (!field.maxLength && (field.kind == FieldKind::Text || field.kind == FieldKind::LongText))
        field.maxLength = field.kind == FieldKind::Text ? kDefaultTextLength : kDefaultLongTextLength;
    field.pattern = reader.optionalString("pattern");
    if (!field.pattern.empty()) {
        try {
            field.compiledPattern = std::make_shared<const std::regex>(field.pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& error) {
            workflow::json::failAt(reader.memberPath("pattern"), std::string("not a regular expression: ") + error.what());
        }
    }
    field.minimum = readBound(reader, "minimum", field.kind);
    field.maximum = readBound(reader, "maximum", field.kind);
    field.scale = reader.optionalInt("scale");
    for (auto* bound : {&field.earliest, &field.latest}) {
        const std::string member = bound == &field.earliest ? "earliest" : "latest";
        *bound = reader.optionalString(member);
        if (!bound->empty() && *bound != "today" && !isDate(*bound))
            workflow::json::failAt(reader.memberPath(member), "expected a date YYYY-MM-DD or \"today\"");
    }
    field.choices = readChoices(reader);
    if ((field.kind == FieldKind::SingleChoice || field.kind == FieldKind::MultipleChoice) && field.choices.empty())
        workflow::json::failAt(reader.memberPath("choices"), "a choice field needs choices");
    field.minItems = readCount(reader, "minItems");
    field.maxItems = readCount(reader, "maxItems");
    const auto columns = reader.optionalArray("columns");
    for (std::size_t i = 0; i < columns->size(); ++i) {
        const auto path = reader.memberPath("columns") + "[" + std::to_string(i) + "]";
        auto columnField = readField(workflow::json::asObject(columns->get(static_cast<unsigned>(i)), path), true);
        if (columnField.kind == FieldKind::Group)
            workflow::json::failAt(path, "groups do not nest");
        if (std::ranges::find(field.columns, columnField.key, &FieldSchema::key) != field.columns.end())
            workflow::json::failAt(path, "column '" + columnField.key + "' is listed twice");
        field.columns.push_back(std::move(columnField));
    }
    if (field.kind == FieldKind::Group && field.columns.empty())
        workflow::json::failAt(reader.memberPath("columns"), "a group needs columns");
    field.mediaTypes = reader.optionalStrings("mediaTypes");
    if (const auto maxBytes = reader.optionalNumber("maxBytes")) {
        if (*maxBytes < 1 || *maxBytes > 1e12)
            workflow::json::failAt(reader.memberPath("maxBytes"), "expected a size in bytes");
        field.maxBytes = static_cast<std::uint64_t>(*maxBytes);
    }
    if (field.minimum && field.maximum && *field.minimum > *field.maximum)
        workflow::json::failAt(reader.memberPath("minimum"), "is greater than maximum");
    if (field.minLength && field.maxLength && *field.minLength > *field.maxLength)
        workflow::json::failAt(reader.memberPath("minLength"), "is greater than maxLength");
    reader.finish();
    return field;
}

Poco::JSON::Object::Ptr fieldJson(const FieldSchema& field)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    object->set("key", field.key);
    object->set("type", toString(field.kind));
    object->set("label", field.label);
    if (!field.labelEn.empty())
        object->set("labelEn", field.labelEn);
    if (!field.help.empty())
        object->set("help", field.help);
    if (field.required)
        object->set("required", true);
    if (field.requiredWhen)
        object->set("requiredWhen", field.requiredWhen->source);
    if (field.visibleWhen)
        object->set("visibleWhen", field.visibleWhen->source);
    if (field.minLength)
        object->set("minLength", *field.minLength);
    if (field.maxLength)
        object->set("maxLength", *field.maxLength);
    if (!field.pattern.empty())
        object->set("pattern", field.pattern);
    for (const auto& [member, bound] : {std::pair{"minimum", field.minimum}, std::pair{"maximum", field.maximum}}) {
        if (!bound)
            continue;
        if (field.kind == FieldKind::Money)
            object->set(member, yuanFromFen(static_cast<std::int64_t>(*bound)));
        else
            object->set(member, *bound);
    }
    if (field.scale)
        object->set("scale", *field.scale);
    if (!field.earliest.empty())
        object->set("earliest", field.earliest);
    if (!field.latest.empty())
        object->set("latest", field.latest);
    if (!field.choices.empty()) {
        Poco::JSON::Array::Ptr choices = new Poco::JSON::Array;
        for (const auto& choice : field.choices) {
            Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            item->set("value", choice.value);
            item->set("label", choice.label);
            if (!choice.labelEn.empty())
                item->set("labelEn", choice.labelEn);
            choices->add(item);
        }
        object->set("choices", choices);
    }
    if (field.minItems)
        object->set("minItems", *field.minItems);
    if (field.maxItems)
        object->set("maxItems", *field.maxItems);
    if (!field.columns.empty()) {
        Poco::JSON::Array::Ptr columns = new Poco::JSON::Array;
        for (const auto& column : field.columns)
            columns->add(fieldJson(column));
        object->set("columns", columns);
    }
    if (!field.mediaTypes.empty()) {
        Poco::JSON::Array::Ptr mediaTypes = new Poco::JSON::Array;
        for (const auto& type : field.mediaTypes)
            mediaTypes->add(type);
        object->set("mediaTypes", mediaTypes);
    }
    if (field.maxBytes)
        object->set("maxBytes", static_cast<Poco::UInt64>(*field.maxBytes));
    return object;
}

} // namespace

std::vector<FieldSchema> readFieldList(ObjectReader& reader, const std::string& member)
{
    std::vector<FieldSchema> fields;
    const auto array = reader.requireArray(member);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto path = reader.memberPath(member) + "[" + std::to_string(i) + "]";
        auto field = readField(workflow::json::asObject(array->get(static_cast<unsigned>(i)), path), false);
        if (std::ranges::find(fields, field.key, &FieldSchema::key) != fields.end())
            workflow::json::failAt(path + ".key", "field '" + field.key + "' is listed twice");
        fields.push_back(std::move(field));
    }
    return fields;
}

std::expected<FormSchema, JsonError> readForm(std::string_view text)
{
    auto document = workflow::json::parse(text);
    if (!document)
        return std::unexpected(document.error());
    try {
        auto reader = workflow::json::asObject(*document, "");
        if (reader.requireString("format") != kFormFormat)
            workflow::json::failAt("format", "expected \"" + std::string(kFormFormat) + "\"");
        FormSchema form;
        form.key = reader.requireString("key");
        form.title = reader.requireString("title");
        form.titleEn = reader.optionalString("titleEn");
        form.fields = readFieldList(reader, "fields");
        reader.finish();
        if (auto order = conditionOrder(form); !order)
            return std::unexpected(order.error());
        return form;
    } catch (const JsonFormatError& error) {
        return std::unexpected(error.error);
    }
}

Poco::JSON::Object::Ptr formJson(const FormSchema& form)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    object->set("format", std::string(kFormFormat));
    object->set("key", form.key);
    object->set("title", form.title);
    if (!form.titleEn.empty())
        object->set("titleEn", form.titleEn);
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const auto& field : form.fields)
        fields->add(fieldJson(field));
    object->set("fields", fields);
    return object;
}

} // namespace tongban::forms
