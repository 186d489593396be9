#include "forms/schema/form_schema.h"

#include "workflow/model/enum_names.h"

#include <algorithm>

namespace tongban::forms {

namespace {

constexpr std::pair<FieldKind, const char*> kKindNames[] = {
    {FieldKind::Text, "text"},
    {FieldKind::LongText, "longText"},
    {FieldKind::Integer, "integer"},
    {FieldKind::Decimal, "decimal"},
    {FieldKind::Money, "money"},
    {FieldKind::Date, "date"},
    {FieldKind::DateTime, "dateTime"},
    {FieldKind::SingleChoice, "singleChoice"},
    {FieldKind::MultipleChoice, "multipleChoice"},
    {FieldKind::YesNo, "yesNo"},
    {FieldKind::Mobile, "mobile"},
    {FieldKind::Email, "email"},
    {FieldKind::ResidentId, "residentId"},
    {FieldKind::CreditCode, "creditCode"},
    {FieldKind::RegionCode, "regionCode"},
    {FieldKind::Address, "address"},
    {FieldKind::Group, "group"},
    {FieldKind::Attachment, "attachment"},
};

} // namespace

const char* toString(FieldKind kind) { return workflow::nameIn(kKindNames, kind); }

std::optional<FieldKind> fieldKindFromString(std::string_view text) { return workflow::valueIn(kKindNames, text); }

std::optional<workflow::FieldType> conditionType(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Integer:
    case FieldKind::Decimal:
    case FieldKind::Money:
        return workflow::FieldType::Number;
    case FieldKind::YesNo:
        return workflow::FieldType::Boolean;
    case FieldKind::MultipleChoice:
    case FieldKind::Group:
    case FieldKind::Address:
    case FieldKind::Attachment:
        return std::nullopt;
    case FieldKind::Text:
    case FieldKind::LongText:
    case FieldKind::Date:
    case FieldKind::DateTime:
    case FieldKind::SingleChoice:
    case FieldKind::Mobile:
    case FieldKind::Email:
    case FieldKind::ResidentId:
    case FieldKind::CreditCode:
    case FieldKind::RegionCode:
        return workflow::FieldType::String;
    }
    return std::nullopt;
}

const Choice* FieldSchema::findChoice(std::string_view value) const
{
    const auto at = std::ranges::find(choices, value, &Choice::value);
    return at == choices.end() ? nullptr : &*at;
}

const FieldSchema* FormSchema::find(std::string_view fieldKey) const
{
    const auto at = std::ranges::find(fields, fieldKey, &FieldSchema::key);
    return at == fields.end() ? nullptr : &*at;
}

} // namespace tongban::forms
