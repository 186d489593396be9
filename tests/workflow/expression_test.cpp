// The condition language: parsing, typing, evaluation and its errors.
#include "workflow/expression/expression.h"

#include <boost/test/unit_test.hpp>

using namespace tongban::workflow;

namespace {

bool eval(const std::string& source, const CaseData& data)
{
    auto parsed = parseExpression(source);
    BOOST_TEST_REQUIRE(parsed.has_value(), source << ": " << (parsed ? "" : parsed.error().message.en));
    return parsed->evaluate(data);
}

ExpressionError parseError(const std::string& source)
{
    auto parsed = parseExpression(source);
    BOOST_TEST_REQUIRE(!parsed.has_value(), source << " should not parse");
    return parsed.error();
}

std::optional<ExpressionError> typeError(const std::string& source, bool strict = true)
{
    auto parsed = parseExpression(source);
    BOOST_TEST_REQUIRE(parsed.has_value(), source);
    FieldTypeLookup lookup = [](std::string_view path) -> std::optional<FieldType> {
        if (path == "business.area") return FieldType::Number;
        if (path == "applicant.kind") return FieldType::String;
        if (path == "situation.tobacco") return FieldType::Boolean;
        return std::nullopt;
    };
    return typeCheck(*parsed, lookup, strict);
}

const CaseData kRestaurant{
    {"business.area", 120.0},
    {"applicant.kind", std::string("company")},
    {"situation.tobacco", true},
    {"business.type", std::string("餐饮")},
};

} // namespace

BOOST_AUTO_TEST_SUITE(Expressions)

BOOST_AUTO_TEST_CASE(ComparisonsReadDottedFieldPaths)
{
    BOOST_TEST(eval("business.area > 100", kRestaurant));
    BOOST_TEST(!eval("business.area <= 100", kRestaurant));
    BOOST_TEST(eval("business.area >= 120 and business.area < 120.5", kRestaurant));
    BOOST_TEST(eval("applicant.kind == \"company\"", kRestaurant));
    BOOST_TEST(eval("applicant.kind != 'person'", kRestaurant));
    BOOST_TEST(eval("situation.tobacco == true", kRestaurant));
    BOOST_TEST(eval("situation.tobacco", kRestaurant));
    BOOST_TEST(eval("-5 < business.area", kRestaurant));
}

BOOST_AUTO_TEST_CASE(InListsMatchAnyLiteralIncludingChinese)
{
    BOOST_TEST(eval("business.type in [\"餐饮\", \"食品销售\"]", kRestaurant));
    BOOST_TEST(!eval("business.type not in [\"餐饮\", \"食品销售\"]", kRestaurant));
    BOOST_TEST(eval("business.area in [1, 120]", kRestaurant));
}

BOOST_AUTO_TEST_CASE(AndBindsTighterThanOrAndNotTighterThanAnd)
{
    BOOST_TEST(eval("true or false and false", {}));
    BOOST_TEST(!eval("(true or false) and false", {}));
    BOOST_TEST(eval("not false and true", {}));
    BOOST_TEST(!eval("not (false or true)", {}));
}

BOOST_AUTO_TEST_CASE(MissingFieldsCompareFalse)
{
    BOOST_TEST(!eval("nothing.here == 1", {}));
    BOOST_TEST(!eval("nothing.here != 1", {}));
    BOOST_TEST(!eval("nothing.here in [1]", {}));
    BOOST_TEST(eval("not (nothing.here == 1)", {}));
}

BOOST_AUTO_TEST_CASE(ValuesOfDifferentTypesAreNeverEqual)
{
    BOOST_TEST(!eval("business.area == \"120\"", kRestaurant));
}

BOOST_AUTO_TEST_CASE(ParseErrorsNameTheColumn)
{
    auto unterminated = parseError("applicant.kind == \"company");
    BOOST_TEST(unterminated.column == 19u);
    BOOST_TEST(unterminated.message.en == "unterminated string");
    BOOST_TEST(parseError("a = 1").message.en == "use '==' to compare, not '='");
    BOOST_TEST(parseError("a == 1 b").column == 8u);
    BOOST_TEST(parseError("").message.en == "the condition is empty");
    BOOST_TEST(parseError("a == ").message.en == "the condition ends too early");
    BOOST_TEST(parseError("(a == 1").message.en == "missing ')'");
    BOOST_TEST(parseError("a in 1").message.en == "expected a [list] after 'in'");
    BOOST_TEST(parseError("a in [b]").message.en == "a list holds literals only");
    BOOST_TEST(parseError("a == 1.2.3").message.en == "malformed number '1.2.3'");
    BOOST_TEST(parseError("a.b. == 1").message.en == "malformed field path 'a.b.'");
    BOOST_TEST(parseError("a == $").message.en == "unexpected character '$'");
    // Columns count characters, not bytes: the Chinese literal is three characters.
    BOOST_TEST(parseError("x == \"中文\" )").column == 11u);
}

BOOST_AUTO_TEST_CASE(DeepNestingIsRefusedNotOverflowed)
{
    const std::string deep = std::string(5000, '(') + "true" + std::string(5000, ')');
    BOOST_TEST(parseError(deep).message.en == "the condition is nested too deeply");
    std::string nots;
    for (int i = 0; i < 2000; ++i)
        nots += "not ";
    BOOST_TEST(parseError(nots + "true").message.en == "the condition is nested too deeply");
}

BOOST_AUTO_TEST_CASE(TypeErrorsAreFoundWithoutData)
{
    BOOST_TEST(!typeError("business.area > 100 and situation.tobacco"));
    BOOST_TEST(typeError("business.area == \"big\"")->message.en == "cannot compare a number with a string");
    BOOST_TEST(typeError("applicant.kind > \"a\"")->message.en == "ordering needs numbers, not a string");
    BOOST_TEST(typeError("business.area and true")->message.en == "'and' needs a boolean, not a number");
    BOOST_TEST(typeError("not applicant.kind")->message.en == "'not' needs a boolean, not a string");
    BOOST_TEST(typeError("business.area")->message.en == "a condition must be boolean, not a number");
    BOOST_TEST(typeError("business.area in [1, \"2\"]")->message.en == "list element \"2\" is not a number");
    BOOST_TEST(typeError("business.size > 1")->message.en == "unknown field 'business.size'");
}

BOOST_AUTO_TEST_CASE(UndeclaredFieldsTakeTheirTypeFromUseWhenNotStrict)
{
    BOOST_TEST(!typeError("business.size > 1", false));
    BOOST_TEST(typeError("1 == \"1\"", false)->message.en == "cannot compare a number with a string");
}

BOOST_AUTO_TEST_SUITE_END()
