// Recursive-descent parser, type checker and evaluator of conditions.
#include "workflow/expression/expression.h"

#include "workflow/model/enum_names.h"

#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace tongban::workflow {

std::string describe(const Value& value)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return "null"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(double d) const
        {
            if (std::floor(d) == d && std::fabs(d) < 1e15)
                return std::to_string(static_cast<long long>(d));
            return std::to_string(d);
        }
        std::string operator()(const std::string& s) const { return '"' + s + '"'; }
    };
    return std::visit(Visitor{}, value);
}

namespace {

enum class TokenKind { End, Number, String, Identifier, LParen, RParen, LBracket, RBracket, Comma, Op };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;
    double number = 0;
    std::size_t column = 0;
};

/// Conditions are a line or two; anything longer is refused before it is read.
constexpr std::size_t kMaxConditionBytes = 16 * 1024;

// Field names are ASCII: a word in Chinese is a value and goes in quotes.
bool isIdentifierStart(unsigned char c) { return std::isalpha(c) || c == '_'; }
bool isIdentifierPart(unsigned char c) { return std::isalnum(c) || c == '_'; }

ExpressionError error(std::size_t column, std::string zh, std::string en)
{
    return ExpressionError{column, {std::move(zh), std::move(en)}};
}

/// The character a Chinese input method typed in place of an ASCII one: the
/// full-width forms of ASCII (＂ ＇ （ ＞ ２ …), the ideographic space, curly
/// quotes and the ideographic comma, full stop and brackets.
std::optional<char> asciiMeant(int character)
{
    if (character >= 0xFF01 && character <= 0xFF5E)
        return static_cast<char>(character - 0xFEE0);
    switch (character) {
    case 0x3000: return ' ';
    case 0x201C: case 0x201D: case 0x300C: case 0x300D: return '"';
    case 0x2018: case 0x2019: return '\'';
    case 0x3001: return ',';
    case 0x3002: return '.';
    case 0x3010: case 0x3014: return '[';
    case 0x3011: case 0x3015: return ']';
    default: return std::nullopt;
    }
}

/// The character starting at `at` and its length in bytes; a character of
/// -1 when the bytes there are not UTF-8.
std::pair<int, std::size_t> characterAt(std::string_view text, std::size_t at)
{
    static const Poco::UTF8Encoding utf8;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data() + at);
    const int available = static_cast<int>(std::min<std::size_t>(text.size() - at, 4));
    int length = 1;
    int character = utf8.queryConvert(bytes, length);
    // A lead byte answers with minus the length of its sequence.
    if (character < -1 && -character <= available) {
        length = -character;
        character = utf8.queryConvert(bytes, length);
    }
    if (character < 0)
        return {-1, 1};
    return {character, static_cast<std::size_t>(length)};
}

} // namespace

class ExpressionParser {
public:
    explicit ExpressionParser(std::string_view source) : m_source(source) {}

    std::expected<Expression, ExpressionError> parse()
    {
        if (auto tokenised = tokenise(); !tokenised)
            return std::unexpected(tokenised.error());
        if (m_tokens.size() == 1)
            return std::unexpected(error(1, "条件为空", "the condition is empty"));
        auto root = parseOr(0);
        if (!root)
            return std::unexpected(root.error());
        if (peek().kind != TokenKind::End)
            return std::unexpected(error(peek().column, "多余的内容 '" + peek().text + "'",
                                         "unexpected '" + peek().text + "' after the condition"));
        // The root must be the last term; it is by construction of parseOr.
        return std::move(m_expression);
    }

private:
    std::expected<void, ExpressionError> tokenise()
    {
        if (m_source.size() > kMaxConditionBytes)
            return std::unexpected(error(1, "条件过长（" + std::to_string(m_source.size()) + " 字节，最多 " +
                                                std::to_string(kMaxConditionBytes) + " 字节）",
                                         "the condition is too long: " + std::to_string(m_source.size()) +
                                             " bytes, at most " + std::to_string(kMaxConditionBytes)));
        std::size_t i = 0;
        // Columns count characters; tokens come in order, so counting goes on
        // from the last one and the whole source is counted once.
        std::size_t counted = 0;
        std::size_t characters = 1;
        auto column = [&](std::size_t byte) {
            for (; counted < byte; ++counted)
                if ((static_cast<unsigned char>(m_source[counted]) & 0xC0) != 0x80)
                    ++characters;
            return characters;
        };
        while (i < m_source.size()) {
            const unsigned char c = static_cast<unsigned char>(m_source[i]);
            const std::size_t start = i;
            Token token;
            token.column = column(start);
            if (std::isspace(c)) {
                ++i;
                continue;
            }
            if (std::isdigit(c) || (c == '-' && i + 1 < m_source.size() &&
                                    std::isdigit(static_cast<unsigned char>(m_source[i + 1])))) {
                ++i;
                while (i < m_source.size() && (std::isdigit(static_cast<unsigned char>(m_source[i])) ||
                                               m_source[i] == '.'))
                    ++i;
                token.kind = TokenKind::Number;
                token.text = std::string(m_source.substr(start, i - start));
                char* end = nullptr;
                token.number = std::strtod(token.text.c_str(), &end);
                if (end != token.text.c_str() + token.text.size())
                    return std::unexpected(error(token.column, "数字格式错误 '" + token.text + "'",
                                                 "malformed number '" + token.text + "'"));
            } else if (c == '"' || c == '\'') {
                const char quote = static_cast<char>(c);
                ++i;
                std::string text;
                bool closed = false;
                while (i < m_source.size()) {
                    if (m_source[i] == '\\' && i + 1 < m_source.size()) {
                        text += m_source[i + 1];
                        i += 2;
                    } else if (m_source[i] == quote) {
                        ++i;
                        closed = true;
                        break;
                    } else {
                        text += m_source[i++];
                    }
                }
                if (!closed)
                    return std::unexpected(error(token.column, "字符串缺少结束引号", "unterminated string"));
                token.kind = TokenKind::String;
                token.text = std::move(text);
            } else if (isIdentifierStart(c)) {
                while (i < m_source.size() &&
                       (isIdentifierPart(static_cast<unsigned char>(m_source[i])) || m_source[i] == '.'))
                    ++i;
                if (i < m_source.size() && static_cast<unsigned char>(m_source[i]) >= 0x80)
                    return std::unexpected(notAscii(i, column(i)));
                token.kind = TokenKind::Identifier;
                token.text = std::string(m_source.substr(start, i - start));
                if (token.text.back() == '.' || token.text.find("..") != std::string::npos)
                    return std::unexpected(error(token.column, "字段路径格式错误 '" + token.text + "'",
                                                 "malformed field path '" + token.text + "'"));
            } else if (c >= 0x80) {
                return std::unexpected(notAscii(i, token.column));
            } else {
                static constexpr std::string_view kTwoChar[] = {"==", "!=", "<=", ">="};
                const std::string_view rest = m_source.substr(i);
                bool matched = false;
                for (auto op : kTwoChar) {
                    if (rest.starts_with(op)) {
                        token.kind = TokenKind::Op;
                        token.text = std::string(op);
                        i += 2;
                        matched = true;
                        break;
                    }
                }
                if (!matched) {
                    ++i;
                    token.text = std::string(1, static_cast<char>(c));
                    switch (c) {
                    case '(': token.kind = TokenKind::LParen; break;
                    case ')': token.kind = TokenKind::RParen; break;
                    case '[': token.kind = TokenKind::LBracket; break;
                    case ']': token.kind = TokenKind::RBracket; break;
                    case ',': token.kind = TokenKind::Comma; break;
                    case '<':
                    case '>': token.kind = TokenKind::Op; break;
                    case '=':
                        return std::unexpected(error(token.column, "比较请用 '=='",
                                                     "use '==' to compare, not '='"));
                    default:
                        return std::unexpected(error(token.column, "无法识别的字符 '" + token.text + "'",
                                                     "unexpected character '" + token.text + "'"));
                    }
                }
            }
            m_tokens.push_back(std::move(token));
        }
        Token end;
        end.column = column(m_source.size());
        m_tokens.push_back(end);
        return {};
    }

    /// Why the text at `at`, outside quotes and not ASCII, cannot stand
    /// there: a character an input method typed for an ASCII one (the whole
    /// run of them, so that ２００ reads as 200), a word that is a value to
    /// quote, or bytes that are not text.
    ExpressionError notAscii(std::size_t at, std::size_t column) const
    {
        auto [character, length] = characterAt(m_source, at);
        if (character < 0)
            return error(column, "此处的字节不是 UTF-8 文本", "a byte here is not UTF-8 text");
        if (asciiMeant(character)) {
            std::string typed;
            std::string meant;
            for (std::size_t k = at; k < m_source.size();) {
                const auto [next, size] = characterAt(m_source, k);
                const auto ascii = next < 0 ? std::nullopt : asciiMeant(next);
                if (!ascii)
                    break;
                typed += m_source.substr(k, size);
                meant += *ascii;
                k += size;
            }
            return error(column, "全角或中文输入法字符 '" + typed + "'，应为 \"" + meant + "\"",
                         "full-width or input-method character '" + typed + "': did you mean \"" + meant + "\"?");
        }
        std::size_t end = at;
        while (end < m_source.size() && static_cast<unsigned char>(m_source[end]) >= 0x80) {
            const auto [next, size] = characterAt(m_source, end);
            if (next < 0 || asciiMeant(next))
                break;
            end += size;
        }
        const std::string word(m_source.substr(at, end - at));
        return error(column,
                     "'" + word + "' 不是字段名（字段名由英文字母、数字、下划线和点组成）；文字值请加引号：\"" + word +
                         "\"",
                     "'" + word + "' is not a field name (field names are ASCII letters, digits, '_' and '.'); " +
                         "text values go in quotes: \"" + word + "\"");
    }

    const Token& peek() const { return m_tokens[m_position]; }
    Token next() { return m_tokens[m_position++]; }
    bool peekWord(std::string_view word) const
    {
        return peek().kind == TokenKind::Identifier && peek().text == word;
    }

    std::size_t add(Expression::Term term)
    {
        m_expression.m_terms.push_back(std::move(term));
        return m_expression.m_terms.size() - 1;
    }

    using Parsed = std::expected<std::size_t, ExpressionError>;

    static constexpr int kMaxDepth = 64;

    Parsed parseOr(int depth)
    {
        auto left = parseAnd(depth);
        while (left && peekWord("or")) {
            const auto column = next().column;
            auto right = parseAnd(depth);
            if (!right)
                return right;
            left = add({.kind = Expression::Kind::Or, .left = *left, .right = *right, .column = column});
        }
        return left;
    }

    Parsed parseAnd(int depth)
    {
        auto left = parseNot(depth);
        while (left && peekWord("and")) {
            const auto column = next().column;
            auto right = parseNot(depth);
            if (!right)
                return right;
            left = add({.kind = Expression::Kind::And, .left = *left, .right = *right, .column = column});
        }
        return left;
    }

    Parsed parseNot(int depth)
    {
        if (depth > kMaxDepth)
            return std::unexpected(error(peek().column, "条件嵌套过深", "the condition is nested too deeply"));
        if (peekWord("not")) {
            const auto column = next().column;
            auto operand = parseNot(depth + 1);
            if (!operand)
                return operand;
            return add({.kind = Expression::Kind::Not, .left = *operand, .column = column});
        }
        return parseComparison(depth);
    }

    Parsed parseComparison(int depth)
    {
        auto left = parsePrimary(depth);
        if (!left)
            return left;
        if (peek().kind == TokenKind::Op) {
            const Token op = next();
            auto right = parsePrimary(depth);
            if (!right)
                return right;
            return add({.kind = Expression::Kind::Compare, .op = compareOp(op.text), .left = *left,
                        .right = *right, .column = op.column});
        }
        const bool negated = peekWord("not") && m_position + 1 < m_tokens.size() &&
                             m_tokens[m_position + 1].kind == TokenKind::Identifier &&
                             m_tokens[m_position + 1].text == "in";
        if (negated)
            next();
        if (peekWord("in")) {
            const auto column = next().column;
            auto list = parseList();
            if (!list)
                return std::unexpected(list.error());
            return add({.kind = Expression::Kind::In, .negated = negated, .list = std::move(*list),
                        .left = *left, .column = column});
        }
        return left;
    }

    std::expected<std::vector<Value>, ExpressionError> parseList()
    {
        if (peek().kind != TokenKind::LBracket)
            return std::unexpected(error(peek().column, "'in' 之后应为 [ 列表 ]",
                                         "expected a [list] after 'in'"));
        next();
        std::vector<Value> values;
        while (true) {
            auto literal = parseLiteral();
            if (!literal)
                return std::unexpected(literal.error());
            values.push_back(std::move(*literal));
            if (peek().kind == TokenKind::Comma) {
                next();
                continue;
            }
            if (peek().kind == TokenKind::RBracket) {
                next();
                return values;
            }
            return std::unexpected(error(peek().column, "列表中应为 ',' 或 ']'", "expected ',' or ']' in the list"));
        }
    }

    std::expected<Value, ExpressionError> parseLiteral()
    {
        const Token token = next();
        switch (token.kind) {
        case TokenKind::Number: return Value{token.number};
        case TokenKind::String: return Value{token.text};
        case TokenKind::Identifier:
            if (token.text == "true") return Value{true};
            if (token.text == "false") return Value{false};
            break;
        default: break;
        }
        return std::unexpected(error(token.column, "列表中只能是常量", "a list holds literals only"));
    }

    Parsed parsePrimary(int depth)
    {
        const Token token = next();
        switch (token.kind) {
        case TokenKind::Number:
            return add({.kind = Expression::Kind::Literal, .literal = token.number, .column = token.column});
        case TokenKind::String:
            return add({.kind = Expression::Kind::Literal, .literal = token.text, .column = token.column});
        case TokenKind::LParen: {
            auto inner = parseOr(depth + 1);
            if (!inner)
                return inner;
            if (peek().kind != TokenKind::RParen)
                return std::unexpected(error(peek().column, "缺少 ')'", "missing ')'"));
            next();
            return inner;
        }
        case TokenKind::Identifier:
            if (token.text == "true" || token.text == "false")
                return add({.kind = Expression::Kind::Literal, .literal = token.text == "true",
                            .column = token.column});
            if (token.text == "and" || token.text == "or" || token.text == "not" || token.text == "in")
                break;
            return add({.kind = Expression::Kind::Field, .path = token.text, .column = token.column});
        case TokenKind::End:
            return std::unexpected(error(token.column, "条件不完整", "the condition ends too early"));
        default: break;
        }
        return std::unexpected(error(token.column, "此处不应出现 '" + token.text + "'",
                                     "unexpected '" + token.text + "'"));
    }

    static CompareOp compareOp(std::string_view text)
    {
        static constexpr std::pair<CompareOp, const char*> kSpellings[] = {
            {CompareOp::Equal, "=="}, {CompareOp::NotEqual, "!="}, {CompareOp::Less, "<"},
            {CompareOp::LessEqual, "<="}, {CompareOp::Greater, ">"}, {CompareOp::GreaterEqual, ">="}};
        // The tokenizer passes only these six.
        return valueIn(kSpellings, text).value_or(CompareOp::GreaterEqual);
    }

    std::string_view m_source;
    std::vector<Token> m_tokens;
    std::size_t m_position = 0;
    Expression m_expression;
};

std::expected<Expression, ExpressionError> parseExpression(std::string_view source)
{
    return ExpressionParser(source).parse();
}

namespace {

enum class Type { Boolean, Number, String, Unknown };

const char* typeNameZh(Type type)
{
    switch (type) {
    case Type::Boolean: return "布尔值";
    case Type::Number: return "数字";
    case Type::String: return "文本";
    case Type::Unknown: return "未知";
    }
    return "?";
}
const char* typeNameEn(Type type)
{
    switch (type) {
    case Type::Boolean: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Unknown: return "unknown";
    }
    return "?";
}

Type typeOf(const Value& value)
{
    if (std::holds_alternative<bool>(value)) return Type::Boolean;
    if (std::holds_alternative<double>(value)) return Type::Number;
    if (std::holds_alternative<std::string>(value)) return Type::String;
    return Type::Unknown;
}

Type fromFieldType(FieldType type)
{
    switch (type) {
    case FieldType::Boolean: return Type::Boolean;
    case FieldType::Number: return Type::Number;
    case FieldType::String: return Type::String;
    }
    return Type::Unknown;
}

class TypeChecker {
public:
    TypeChecker(const Expression& expression, const FieldTypeLookup& lookup, bool strict)
        : m_expression(expression), m_lookup(lookup), m_strict(strict) {}

    std::expected<Type, ExpressionError> check(std::size_t index)
    {
        const auto& term = m_expression.term(index);
        switch (term.kind) {
        case Expression::Kind::Literal: return typeOf(term.literal);
        case Expression::Kind::Field: {
            if (auto type = m_lookup ? m_lookup(term.path) : std::nullopt)
                return fromFieldType(*type);
            if (m_strict)
                return std::unexpected(error(term.column, "未声明的字段 '" + term.path + "'",
                                             "unknown field '" + term.path + "'"));
            return Type::Unknown;
        }
        case Expression::Kind::Not: return expectBoolean(term.left, "not");
        case Expression::Kind::And:
        case Expression::Kind::Or: {
            const char* word = term.kind == Expression::Kind::And ? "and" : "or";
            if (auto left = expectBoolean(term.left, word); !left)
                return left;
            return expectBoolean(term.right, word);
        }
        case Expression::Kind::Compare: {
            auto left = check(term.left);
            if (!left) return left;
            auto right = check(term.right);
            if (!right) return right;
            const bool ordering = term.op != CompareOp::Equal && term.op != CompareOp::NotEqual;
            if (*left != Type::Unknown && *right != Type::Unknown && *left != *right)
                return std::unexpected(error(term.column,
                                             std::string("不能比较") + typeNameZh(*left) + "和" + typeNameZh(*right),
                                             std::string("cannot compare ") + typeNameEn(*left) + " with " +
                                                 typeNameEn(*right)));
            const Type known = *left != Type::Unknown ? *left : *right;
            if (ordering && known != Type::Number && known != Type::Unknown)
                return std::unexpected(error(term.column, std::string("大小比较只适用于数字，不适用于") + typeNameZh(known),
                                             std::string("ordering needs numbers, not ") + typeNameEn(known)));
            return Type::Boolean;
        }
        case Expression::Kind::In: {
            auto left = check(term.left);
            if (!left) return left;
            for (const auto& value : term.list) {
                const Type type = typeOf(value);
                if (*left != Type::Unknown && type != *left)
                    return std::unexpected(error(term.column,
                                                 std::string("列表元素 ") + describe(value) + " 不是" + typeNameZh(*left),
                                                 "list element " + describe(value) + " is not " + typeNameEn(*left)));
            }
            return Type::Boolean;
        }
        }
        return Type::Unknown;
    }

private:
    std::expected<Type, ExpressionError> expectBoolean(std::size_t index, const char* word)
    {
        auto type = check(index);
        if (type && *type != Type::Boolean && *type != Type::Unknown)
            return std::unexpected(error(m_expression.term(index).column,
                                         std::string("'") + word + "' 的操作数应为布尔值，而不是" + typeNameZh(*type),
                                         std::string("'") + word + "' needs a boolean, not " + typeNameEn(*type)));
        return Type::Boolean;
    }

    const Expression& m_expression;
    const FieldTypeLookup& m_lookup;
    bool m_strict;
};

const Value kNull{};

bool lessThan(const Value& a, const Value& b)
{
    return std::holds_alternative<double>(a) && std::holds_alternative<double>(b) &&
           std::get<double>(a) < std::get<double>(b);
}

bool equal(const Value& a, const Value& b)
{
    return a.index() != 0 && a == b;
}

class Evaluator {
public:
    Evaluator(const Expression& expression, const std::function<const Value*(std::string_view)>& lookup)
        : m_expression(expression), m_lookup(lookup) {}

    const Value& value(std::size_t index, Value& scratch) const
    {
        const auto& term = m_expression.term(index);
        if (term.kind == Expression::Kind::Literal)
            return term.literal;
        if (term.kind == Expression::Kind::Field) {
            const Value* found = m_lookup(term.path);
            return found ? *found : kNull;
        }
        scratch = truth(index);
        return scratch;
    }

    bool truth(std::size_t index) const
    {
        const auto& term = m_expression.term(index);
        switch (term.kind) {
        case Expression::Kind::Literal:
        case Expression::Kind::Field: {
            Value scratch;
            const Value& v = value(index, scratch);
            return std::holds_alternative<bool>(v) && std::get<bool>(v);
        }
        case Expression::Kind::Not: return !truth(term.left);
        case Expression::Kind::And: return truth(term.left) && truth(term.right);
        case Expression::Kind::Or: return truth(term.left) || truth(term.right);
        case Expression::Kind::Compare: {
            Value s1, s2;
            const Value& a = value(term.left, s1);
            const Value& b = value(term.right, s2);
            if (a.index() == 0 || b.index() == 0 || a.index() != b.index())
                return false;
            switch (term.op) {
            case CompareOp::Equal: return equal(a, b);
            case CompareOp::NotEqual: return !equal(a, b);
            case CompareOp::Less: return lessThan(a, b);
            case CompareOp::LessEqual: return lessThan(a, b) || equal(a, b);
            case CompareOp::Greater: return lessThan(b, a);
            case CompareOp::GreaterEqual: return lessThan(b, a) || equal(a, b);
            }
            return false;
        }
        case Expression::Kind::In: {
            Value scratch;
            const Value& v = value(term.left, scratch);
            if (v.index() == 0)
                return false;
            bool found = false;
            for (const auto& candidate : term.list)
                found = found || equal(v, candidate);
            return found != term.negated;
        }
        }
        return false;
    }

private:
    const Expression& m_expression;
    const std::function<const Value*(std::string_view)>& m_lookup;
};

} // namespace

std::optional<ExpressionError> typeCheck(const Expression& expression, const FieldTypeLookup& lookup,
                                         bool strictFields)
{
    TypeChecker checker(expression, lookup, strictFields);
    auto type = checker.check(expression.root());
    if (!type)
        return type.error();
    if (*type != Type::Boolean && *type != Type::Unknown)
        return error(1, std::string("条件的结果应为布尔值，而不是") + typeNameZh(*type),
                     std::string("a condition must be boolean, not ") + typeNameEn(*type));
    return std::nullopt;
}

bool Expression::evaluate(const std::function<const Value*(std::string_view)>& lookup) const
{
    return Evaluator(*this, lookup).truth(root());
}

bool Expression::evaluate(const CaseData& data) const
{
    return evaluate([&data](std::string_view path) -> const Value* {
        auto it = data.find(path);
        return it == data.end() ? nullptr : &it->second;
    });
}

} // namespace tongban::workflow
