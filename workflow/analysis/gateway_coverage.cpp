// Proves that the conditions of a split without a default flow cover every case.
//
// Conditions compare fields with literals and with each other, so each one is
// constant on the cells cut out by the literals it mentions and by the order
// of the fields it compares. Testing one representative value per cell decides
// coverage exactly: for a field compared with no other field, each literal,
// the midpoints, and beyond both ends (each declared string value or one
// unseen string; both booleans); for a field compared with k - 1 others, k
// distinct values in each of those open intervals (k unseen strings), so that
// every ordering of the k fields, ties included, is tried. Every combination
// of the fields read is evaluated.
#include "workflow/analysis/checks.h"
#include "workflow/expression/expression.h"

#include <algorithm>
#include <map>
#include <set>

namespace tongban::workflow::analysis {

namespace {

constexpr std::size_t kMaxCombinations = 65536;

void collect(const Expression& expression, std::set<std::string>& fields, std::vector<Value>& literals)
{
    for (const auto& term : expression.terms()) {
        if (term.kind == Expression::Kind::Field)
            fields.insert(term.path);
        else if (term.kind == Expression::Kind::Literal)
            literals.push_back(term.literal);
        else if (term.kind == Expression::Kind::In)
            literals.insert(literals.end(), term.list.begin(), term.list.end());
    }
}

/// Fields compared with each other fall into groups (union-find over the
/// comparisons field == field, field < field ...): a field must be able to
/// stand below, at and above every other field of its group.
class ComparedFields {
public:
    void collect(const Expression& expression)
    {
        for (const auto& term : expression.terms()) {
            if (term.kind != Expression::Kind::Compare)
                continue;
            const auto& left = expression.term(term.left);
            const auto& right = expression.term(term.right);
            if (left.kind == Expression::Kind::Field && right.kind == Expression::Kind::Field)
                m_parent[find(left.path)] = find(right.path);
        }
    }

    /// How many fields share `field`'s group, itself included.
    std::size_t groupSize(const std::string& field)
    {
        if (!m_parent.contains(field))
            return 1;
        const auto root = find(field);
        std::size_t size = 0;
        for (const auto& [name, parent] : m_parent)
            size += find(name) == root ? 1 : 0;
        return size;
    }

private:
    std::string find(const std::string& field)
    {
        auto [at, added] = m_parent.try_emplace(field, field);
        if (at->second == field)
            return field;
        return at->second = find(at->second);
    }

    std::map<std::string, std::string> m_parent;
};

/// `count` distinct values strictly between `low` and `high`.
void spread(std::vector<Value>& values, double low, double high, std::size_t count)
{
    for (std::size_t i = 1; i <= count; ++i)
        values.push_back(Value{low + (high - low) * static_cast<double>(i) / static_cast<double>(count + 1)});
}

std::vector<Value> representatives(const FieldDeclaration& field, const std::vector<Value>& literals,
                                   std::size_t compared)
{
    std::vector<Value> values;
    switch (field.type) {
    case FieldType::Boolean:
        values = {Value{false}, Value{true}};
        break;
    case FieldType::Number: {
        std::vector<double> points;
        for (const auto& literal : literals)
            if (auto number = std::get_if<double>(&literal))
                points.push_back(*number);
        std::sort(points.begin(), points.end());
        points.erase(std::unique(points.begin(), points.end()), points.end());
        if (points.empty()) {
            spread(values, -1, static_cast<double>(compared), compared);
            break;
        }
        spread(values, points.front() - 1, points.front(), compared);
        for (std::size_t i = 0; i < points.size(); ++i) {
            values.push_back(Value{points[i]});
            if (i + 1 < points.size())
                spread(values, points[i], points[i + 1], compared);
        }
        spread(values, points.back(), points.back() + 1, compared);
        break;
    }
    case FieldType::String:
        if (!field.allowedValues.empty()) {
            for (const auto& allowed : field.allowedValues)
                values.push_back(Value{allowed});
        } else {
            std::set<std::string> seen;
            for (const auto& literal : literals)
                if (auto text = std::get_if<std::string>(&literal))
                    seen.insert(*text);
            for (const auto& text : seen)
                values.push_back(Value{text});
            for (std::size_t i = 0; i < compared; ++i)
                values.push_back(Value{"\x01unseen " + std::to_string(i)});
        }
        break;
    }
    return values;
}

} // namespace

void checkGatewayCoverage(const ModelView& view, Diagnostics& out)
{
    const auto& def = view.definition;
    for (std::size_t n = 0; n < def.nodes().size(); ++n) {
        const auto kind = view.node(n).kind;
        if ((kind != NodeKind::ExclusiveGateway && kind != NodeKind::InclusiveGateway) || !view.isSplit(n))
            continue;
        std::vector<Expression> conditions;
        bool hasDefault = false;
        bool unparsable = false;
        for (auto f : view.sequenceOut[n]) {
            const auto& flow = def.flows()[f];
            if (flow.isDefault) {
                hasDefault = true;
                continue;
            }
            auto parsed = parseExpression(flow.condition);
            if (!parsed) {
                unparsable = true;
                continue;
            }
            conditions.push_back(std::move(*parsed));
        }
        if (hasDefault || unparsable)
            continue;  // a default covers the rest; a broken condition is reported already

        std::set<std::string> fields;
        std::vector<Value> literals;
        ComparedFields compared;
        for (const auto& condition : conditions) {
            collect(condition, fields, literals);
            compared.collect(condition);
        }

        bool provable = true;
        std::vector<std::string> names(fields.begin(), fields.end());
        std::vector<std::vector<Value>> domains;
        std::size_t combinations = 1;
        for (const auto& name : names) {
            auto declared = def.fields.find(name);
            if (declared == def.fields.end()) {
                provable = false;
                break;
            }
            domains.push_back(representatives(declared->second, literals, compared.groupSize(name)));
            combinations *= domains.back().size();
            if (combinations > kMaxCombinations) {
                provable = false;
                break;
            }
        }

        std::string uncovered;
        if (provable) {
            std::vector<std::size_t> choice(names.size(), 0);
            CaseData data;
            for (std::size_t combination = 0; combination < combinations && uncovered.empty(); ++combination) {
                for (std::size_t i = 0; i < names.size(); ++i)
                    data[names[i]] = domains[i][choice[i]];
                const bool covered = std::any_of(conditions.begin(), conditions.end(),
                                                 [&](const Expression& c) { return c.evaluate(data); });
                if (!covered) {
                    for (std::size_t i = 0; i < names.size(); ++i)
                        uncovered += (i ? ", " : "") + names[i] + " = " + describe(data[names[i]]);
                    if (names.empty())
                        uncovered = "(always)";
                }
                for (std::size_t i = 0; i < choice.size(); ++i) {
                    if (++choice[i] < domains[i].size())
                        break;
                    choice[i] = 0;
                }
            }
            if (uncovered.empty())
                continue;
        }
        const auto& id = view.node(n).id;
        if (provable)
            addFinding(out, Severity::Error, "gateway.not-exhaustive", id,
                       "网关 '" + id + "' 没有默认连线，且当 " + uncovered + " 时没有条件成立",
                       "gateway '" + id + "' has no default flow and no condition holds when " + uncovered);
        else
            addFinding(out, Severity::Error, "gateway.no-default", id,
                       "网关 '" + id + "' 没有默认连线，也无法证明其条件覆盖所有情况（条件只读取已声明的字段时才能证明）",
                       "gateway '" + id + "' has no default flow and its conditions cannot be proved exhaustive "
                       "(proof needs conditions over declared fields only)");
    }
}

} // namespace tongban::workflow::analysis
