// A form: the fields an application asks for, each under a semantic key
// ("applicant.id_number") that is the same in every form that asks it, so
// that a one thing asks it once. docs/formats/form.md describes the JSON.
#pragma once

#include "workflow/expression/expression.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace tongban::forms {

enum class FieldKind {
    Text,
    LongText,
    Integer,
    Decimal,
    Money,           ///< yuan written as a string ("1250.00"), held as fen
    Date,            ///< YYYY-MM-DD
    DateTime,        ///< YYYY-MM-DDTHH:MM[:SS], Beijing time
    SingleChoice,
    MultipleChoice,
    YesNo,
    Mobile,
    Email,
    ResidentId,      ///< 居民身份证号
    CreditCode,      ///< 统一社会信用代码
    RegionCode,      ///< 行政区划代码
    Address,         ///< {"region": "320102", "detail": "..."}
    Group,           ///< a table of rows, each with the group's columns
    Attachment,      ///< {"sha256": ..., "name": ..., "mediaType": ..., "size": ...}
};

const char* toString(FieldKind kind);
std::optional<FieldKind> fieldKindFromString(std::string_view text);

/// The type a condition sees for a field of this kind; std::nullopt for the
/// kinds conditions cannot read (multiple choice, groups, addresses, attachments).
std::optional<workflow::FieldType> conditionType(FieldKind kind);

struct Choice {
    std::string value;
    std::string label;
    std::string labelEn;
};

/// A condition on other answers, in the engine's expression language.
struct Condition {
    std::string source;
    workflow::Expression expression;
    std::vector<std::string> fields;  ///< the fields it reads
};

struct FieldSchema {
    std::string key;  ///< semantic key; for a group's column, the column name
    std::string label;
    std::string labelEn;
    std::string help;
    FieldKind kind = FieldKind::Text;

    bool required = false;
    std::optional<Condition> requiredWhen;
    std::optional<Condition> visibleWhen;

    std::optional<std::size_t> minLength;  ///< characters, not bytes
    std::optional<std::size_t> maxLength;
    std::string pattern;  ///< ECMAScript regular expression over the whole value
    std::shared_ptr<const std::regex> compiledPattern;

    /// Integer and decimal: numbers; money: fen; dates and date-times: the
    /// text itself compares in time order ("today" is resolved when checking).
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::string earliest;  ///< dates: YYYY-MM-DD or "today"
    std::string latest;
    std::optional<int> scale;  ///< decimal: most digits after the point

    std::vector<Choice> choices;
    std::optional<std::size_t> minItems;  ///< multiple choice and group rows
    std::optional<std::size_t> maxItems;

    std::vector<FieldSchema> columns;  ///< group

    std::vector<std::string> mediaTypes;  ///< attachment: accepted types
    std::optional<std::uint64_t> maxBytes;

    const Choice* findChoice(std::string_view value) const;
};

struct FormSchema {
    std::string key;
    std::string title;
    std::string titleEn;
    std::vector<FieldSchema> fields;

    const FieldSchema* find(std::string_view fieldKey) const;
};

/// Default most characters of free text, so that no field is unbounded.
inline constexpr std::size_t kDefaultTextLength = 200;
inline constexpr std::size_t kDefaultLongTextLength = 5000;

} // namespace tongban::forms
