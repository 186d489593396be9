// The condition language of exclusive and inclusive flows: small, typed, safe.
//
//   applicant.kind == "company" and not (business.area > 200)
//   situation.tobacco == true or business.type in ["餐饮", "食品销售"]
//
// Literals (numbers, strings in double or single quotes, true, false), dotted
// field paths, comparisons (== != < <= > >=), `in [..]` and `not in [..]`,
// `and`, `or`, `not` and parentheses. No calls, no assignment, no loops.
#pragma once

#include "workflow/expression/value.h"
#include "workflow/model/bilingual.h"
#include "workflow/model/process_definition.h"

#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow {

struct ExpressionError {
    std::size_t column = 0;  ///< 1-based character position in the source
    Bilingual message;
};

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

/// A parsed expression: a tree stored in one vector, root last.
class Expression {
public:
    enum class Kind { Literal, Field, Not, And, Or, Compare, In };
    struct Term {
        Kind kind = Kind::Literal;
        Value literal;               ///< Literal
        std::string path;            ///< Field
        CompareOp op = CompareOp::Equal;
        bool negated = false;        ///< In: `not in`
        std::vector<Value> list;     ///< In: the literal list
        std::size_t left = 0;        ///< operand index (Not, And, Or, Compare, In)
        std::size_t right = 0;       ///< second operand index (And, Or, Compare)
        std::size_t column = 0;
    };

    const std::vector<Term>& terms() const { return m_terms; }
    std::size_t root() const { return m_terms.size() - 1; }
    const Term& term(std::size_t index) const { return m_terms[index]; }

    /// Evaluates against case data. A missing field is null; every comparison
    /// with null is false (so `not` of it is true).
    bool evaluate(const std::function<const Value*(std::string_view)>& lookup) const;
    bool evaluate(const CaseData& data) const;

private:
    friend class ExpressionParser;
    std::vector<Term> m_terms;
};

std::expected<Expression, ExpressionError> parseExpression(std::string_view source);

/// Declared type of a field; std::nullopt when the field is unknown.
using FieldTypeLookup = std::function<std::optional<FieldType>(std::string_view path)>;

/// Checks that the whole expression is boolean and that every comparison
/// compares like with like. With `strictFields`, unknown fields are errors;
/// otherwise they take the type of what they are compared with.
std::optional<ExpressionError> typeCheck(const Expression& expression, const FieldTypeLookup& lookup,
                                         bool strictFields);

} // namespace tongban::workflow
