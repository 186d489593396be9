#include "forms/schema/conditions.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <iterator>

namespace tongban::forms {

using workflow::json::JsonError;
using workflow::json::JsonFormatError;

Condition parseCondition(const std::string& source, const std::string& path)
{
    auto parsed = workflow::parseExpression(source);
    if (!parsed)
        throw JsonFormatError{JsonError{0, parsed.error().column, path, parsed.error().message.en}};
    Condition condition{source, std::move(*parsed), {}};
    for (const auto& term : condition.expression.terms())
        if (term.kind == workflow::Expression::Kind::Field &&
            std::ranges::find(condition.fields, term.path) == condition.fields.end())
            condition.fields.push_back(term.path);
    return condition;
}

std::expected<std::vector<std::size_t>, JsonError> conditionOrder(const FormSchema& form)
{
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph dependencies(form.fields.size());
    const auto lookup = [&](std::string_view path) -> std::optional<workflow::FieldType> {
        const auto* field = form.find(path);
        return field ? conditionType(field->kind) : std::nullopt;
    };
    for (std::size_t i = 0; i < form.fields.size(); ++i) {
        const auto& field = form.fields[i];
        for (const auto* condition : {&field.visibleWhen, &field.requiredWhen}) {
            if (!*condition)
                continue;
            const auto path = "fields[" + std::to_string(i) + "]." +
                              (condition == &field.visibleWhen ? "visibleWhen" : "requiredWhen");
            for (const auto& read : (*condition)->fields) {
                const auto* source = form.find(read);
                if (!source)
                    return std::unexpected(JsonError{0, 0, path, "reads '" + read + "', which the form does not ask"});
                if (!conditionType(source->kind))
                    return std::unexpected(JsonError{0, 0, path,
                                                     "reads '" + read + "', a " + toString(source->kind) +
                                                         " field that conditions cannot compare"});
                if (source == &field)
                    return std::unexpected(JsonError{0, 0, path, "reads the field it belongs to"});
                boost::add_edge(static_cast<std::size_t>(source - form.fields.data()), i, dependencies);
            }
            if (const auto error = workflow::typeCheck((*condition)->expression, lookup, true))
                return std::unexpected(JsonError{0, error->column, path, error->message.en});
        }
    }
    std::vector<std::size_t> reversed;
    try {
        boost::topological_sort(dependencies, std::back_inserter(reversed));
    } catch (const boost::not_a_dag&) {
        return std::unexpected(JsonError{0, 0, "fields", "conditions depend on each other in a cycle"});
    }
    return std::vector<std::size_t>(reversed.rbegin(), reversed.rend());
}

} // namespace tongban::forms
