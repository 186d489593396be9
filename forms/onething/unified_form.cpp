#include "forms/onething/unified_form.h"

#include "forms/schema/conditions.h"

#include <algorithm>
#include <map>

namespace tongban::forms {

using workflow::json::JsonError;

namespace {

/// A condition as source text; std::nullopt means "always".
using When = std::optional<std::string>;

When sourceOf(const std::optional<Condition>& condition)
{
    return condition ? When(condition->source) : std::nullopt;
}

When both(const When& a, const When& b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return "(" + *a + ") and (" + *b + ")";
}

/// Any of several conditions; "always" when one of them is.
When anyOf(const std::vector<When>& terms)
{
    if (terms.empty() || std::ranges::any_of(terms, [](const When& term) { return !term; }))
        return std::nullopt;
    std::vector<std::string> distinct;
    for (const auto& term : terms)
        if (std::ranges::find(distinct, *term) == distinct.end())
            distinct.push_back(*term);
    if (distinct.size() == 1)
        return distinct.front();
    std::string joined;
    for (const auto& term : distinct)
        joined += (joined.empty() ? "(" : " or (") + term + ")";
    return joined;
}

std::optional<Condition> conditionOf(const When& when, const std::string& path)
{
    return when ? std::optional(parseCondition(*when, path)) : std::nullopt;
}

std::string_view sectionOf(std::string_view key) { return key.substr(0, key.find('.')); }

/// One field of the unified form while the matters' forms are merged into it.
struct Gathered {
    FieldSchema field;
    std::vector<std::string> askedBy;
    std::vector<When> shownWhen;
    std::vector<When> requiredWhen;
};

std::optional<std::string> mergeInto(FieldSchema& into, const FieldSchema& field)
{
    if (into.kind != field.kind)
        return std::string("is asked as ") + toString(into.kind) + " and as " + toString(field.kind);
    if (into.pattern != field.pattern && !into.pattern.empty() && !field.pattern.empty())
        return "is asked with two different patterns";
    if (into.pattern.empty()) {
        into.pattern = field.pattern;
        into.compiledPattern = field.compiledPattern;
    }
    const auto tighterLow = [](auto& a, const auto& b) {
        if (b && (!a || *b > *a))
            a = b;
    };
    const auto tighterHigh = [](auto& a, const auto& b) {
        if (b && (!a || *b < *a))
            a = b;
    };
    tighterLow(into.minLength, field.minLength);
    tighterHigh(into.maxLength, field.maxLength);
    tighterLow(into.minimum, field.minimum);
    tighterHigh(into.maximum, field.maximum);
    tighterLow(into.minItems, field.minItems);
    tighterHigh(into.maxItems, field.maxItems);
    tighterHigh(into.maxBytes, field.maxBytes);
    tighterHigh(into.scale, field.scale);
    if (!field.choices.empty()) {
        std::erase_if(into.choices, [&](const Choice& choice) { return !field.findChoice(choice.value); });
        if (into.choices.empty())
            return std::string("is asked with choices that have nothing in common");
    }
    if (into.kind == FieldKind::Group && into.columns.size() != field.columns.size())
        return std::string("is asked as two different tables");
    return std::nullopt;
}

} // namespace

int sectionRank(std::string_view section)
{
    static constexpr std::string_view kFirst[] = {"situation", "applicant", "agent", "business"};
    const auto at = std::ranges::find(kFirst, section);
    return static_cast<int>(at - std::begin(kFirst));
}

std::expected<UnifiedForm, JsonError> unifyForm(const OneThing& oneThing)
{
    std::vector<Gathered> gathered;
    const auto gather = [&](const FieldSchema& field, const std::string& askedBy, const When& applies,
                            const std::string& path) -> std::optional<JsonError> {
        const auto shown = both(applies, sourceOf(field.visibleWhen));
        auto at = std::ranges::find(gathered, field.key, [](const Gathered& g) { return g.field.key; });
        if (at == gathered.end()) {
            FieldSchema copy = field;
            copy.visibleWhen.reset();
            copy.requiredWhen.reset();
            copy.required = false;
            gathered.push_back({std::move(copy), {}, {}, {}});
            at = std::prev(gathered.end());
        } else if (const auto conflict = mergeInto(at->field, field)) {
            return JsonError{0, 0, path, "'" + field.key + "' " + *conflict + " (" + at->askedBy.front() + ")"};
        }
        at->askedBy.push_back(askedBy);
        at->shownWhen.push_back(shown);
        if (field.required)
            at->requiredWhen.push_back(shown);
        else if (field.requiredWhen)
            at->requiredWhen.push_back(both(shown, field.requiredWhen->source));
        return std::nullopt;
    };
    for (std::size_t i = 0; i < oneThing.guidance.fields.size(); ++i)
        if (auto error = gather(oneThing.guidance.fields[i], "guidance", std::nullopt,
                                "guidance.fields[" + std::to_string(i) + "]"))
            return std::unexpected(*error);
    for (std::size_t m = 0; m < oneThing.matters.size(); ++m) {
        const auto& matter = oneThing.matters[m];
        for (std::size_t i = 0; i < matter.form.fields.size(); ++i)
            if (auto error = gather(matter.form.fields[i], matter.key, sourceOf(matter.appliesWhen),
                                    "matters[" + std::to_string(m) + "].form.fields[" + std::to_string(i) + "]"))
                return std::unexpected(*error);
    }

    std::map<std::string, std::size_t, std::less<>> sectionOrder;
    for (const auto& entry : gathered)
        sectionOrder.emplace(std::string(sectionOf(entry.field.key)), sectionOrder.size());
    std::ranges::stable_sort(gathered, {}, [&](const Gathered& entry) {
        const auto section = sectionOf(entry.field.key);
        return std::pair(sectionRank(section), sectionOrder.find(section)->second);
    });

    UnifiedForm unified;
    unified.form.key = oneThing.key;
    unified.form.title = oneThing.name;
    unified.form.titleEn = oneThing.nameEn;
    try {
        for (auto& entry : gathered) {
            const auto path = "unified form: " + entry.field.key;
            const auto shown = anyOf(entry.shownWhen);
            entry.field.visibleWhen = conditionOf(shown, path);
            if (!entry.requiredWhen.empty()) {
                const auto required = anyOf(entry.requiredWhen);
                // Required whenever it is shown: no condition needed beyond visibility.
                if (!required || required == shown)
                    entry.field.required = true;
                else
                    entry.field.requiredWhen = conditionOf(required, path);
            }
            unified.form.fields.push_back(std::move(entry.field));
            unified.askedBy.push_back(std::move(entry.askedBy));
        }
    } catch (const workflow::json::JsonFormatError& error) {
        return std::unexpected(error.error);
    }
    if (auto order = conditionOrder(unified.form); !order) {
        auto error = order.error();
        error.path = "unified form: " + error.path;
        return std::unexpected(error);
    }
    return unified;
}

std::vector<MergedMaterial> mergeMaterials(const OneThing& oneThing)
{
    struct Entry {
        MergedMaterial material;
        std::vector<When> neededWhen;
    };
    std::vector<Entry> entries;
    for (const auto& matter : oneThing.matters) {
        for (const auto& requirement : matter.materials) {
            auto at = std::ranges::find_if(entries, [&](const Entry& entry) {
                return entry.material.type->key == requirement.type;
            });
            if (at == entries.end()) {
                entries.push_back({{oneThing.findMaterialType(requirement.type), false, {}, {}}, {}});
                at = std::prev(entries.end());
            }
            at->material.key = at->material.key || requirement.key;
            at->material.matters.push_back(matter.key);
            at->neededWhen.push_back(both(sourceOf(matter.appliesWhen), sourceOf(requirement.requiredWhen)));
        }
    }
    std::vector<MergedMaterial> merged;
    for (auto& entry : entries) {
        entry.material.requiredWhen = conditionOf(anyOf(entry.neededWhen), "materials." + entry.material.type->key);
        merged.push_back(std::move(entry.material));
    }
    return merged;
}

FormSchema departmentForm(const OneThing& oneThing, const Matter& matter)
{
    FormSchema form;
    form.key = matter.key;
    form.title = matter.name;
    form.titleEn = matter.nameEn;
    for (const auto& question : oneThing.guidance.fields) {
        const bool read = std::ranges::any_of(matter.form.fields, [&](const FieldSchema& field) {
            return std::ranges::any_of(std::array{&field.visibleWhen, &field.requiredWhen}, [&](const auto* when) {
                return *when && std::ranges::find((*when)->fields, question.key) != (*when)->fields.end();
            });
        });
        if (read)
            form.fields.push_back(question);
    }
    form.fields.insert(form.fields.end(), matter.form.fields.begin(), matter.form.fields.end());
    return form;
}

Poco::JSON::Object::Ptr departmentAnswers(const FormSchema& form, const Poco::JSON::Object::Ptr& unifiedAnswers)
{
    Poco::JSON::Object::Ptr answers = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& field : form.fields)
        if (unifiedAnswers->has(field.key))
            answers->set(field.key, unifiedAnswers->get(field.key));
    return answers;
}

} // namespace tongban::forms
