// The condition language against what designers actually type: Chinese input
// methods put full-width quotes, digits and punctuation in a condition, and
// Chinese words are values, never field names. Each is refused where it
// stands, with the character it most likely stands for. And however long or
// deep a condition is, it is read in one pass and refused with a message.
#include "workflow/expression/expression.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace tongban::workflow;

namespace {

ExpressionError refusal(const std::string& source)
{
    auto parsed = parseExpression(source);
    BOOST_TEST_REQUIRE(!parsed.has_value(), source.substr(0, 80) << " should not parse");
    return parsed.error();
}

std::string english(const ExpressionError& error) { return error.message.en; }
std::string chinese(const ExpressionError& error) { return error.message.zh; }

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

BOOST_AUTO_TEST_SUITE(ConditionInput)

BOOST_AUTO_TEST_CASE(AChineseWordIsAValueToQuoteNeverAFieldName)
{
    // 餐饮 is the 18th character.
    const auto bare = refusal("business.type == 餐饮");
    BOOST_TEST(bare.column == 18u);
    BOOST_TEST(mentions(english(bare), "'餐饮' is not a field name"), english(bare));
    BOOST_TEST(mentions(english(bare), "\"餐饮\""), english(bare));
    BOOST_TEST(mentions(chinese(bare), "\"餐饮\""), chinese(bare));
    // Not even on the left, nor inside a dotted path.
    BOOST_TEST(refusal("经营面积 > 200").column == 1u);
    const auto inPath = refusal("business.类型 == \"餐饮\"");
    BOOST_TEST(inPath.column == 10u);
    BOOST_TEST(mentions(english(inPath), "'类型' is not a field name"), english(inPath));
    // Quoted, the same word is a value as before.
    BOOST_TEST(parseExpression("business.type == \"餐饮\"").has_value());
    BOOST_TEST(parseExpression("business.type in ['餐饮', '食品销售']").has_value());
}

BOOST_AUTO_TEST_CASE(FullWidthQuotesAreNamedWithTheQuoteMeant)
{
    const auto curly = refusal("applicant.kind == “company”");
    BOOST_TEST(curly.column == 19u);
    BOOST_TEST(mentions(english(curly), "did you mean \"\"\"?"), english(curly));
    const auto single = refusal("applicant.kind == ‘company’");
    BOOST_TEST(single.column == 19u);
    BOOST_TEST(mentions(english(single), "did you mean \"'\"?"), english(single));
    const auto wide = refusal("applicant.kind == ＂company＂");
    BOOST_TEST(wide.column == 19u);
    BOOST_TEST(mentions(chinese(wide), "\"\"\""), chinese(wide));
}

BOOST_AUTO_TEST_CASE(FullWidthDigitsAreNamedWithTheNumberMeant)
{
    const auto digits = refusal("business.area > ２００");
    BOOST_TEST(digits.column == 17u);
    BOOST_TEST(mentions(english(digits), "did you mean \"200\"?"), english(digits));
}

BOOST_AUTO_TEST_CASE(InputMethodPunctuationIsNamedWhereItStands)
{
    const auto paren = refusal("（business.area > 200)");
    BOOST_TEST(paren.column == 1u);
    BOOST_TEST(mentions(english(paren), "did you mean \"(\"?"), english(paren));
    const auto greater = refusal("business.area ＞ 200");
    BOOST_TEST(greater.column == 15u);
    BOOST_TEST(mentions(english(greater), "did you mean \">\"?"), english(greater));
    const auto comma = refusal("business.type in [\"a\"，\"b\"]");
    BOOST_TEST(comma.column == 22u);
    BOOST_TEST(mentions(english(comma), "did you mean \",\"?"), english(comma));
    const auto bracket = refusal("business.type in 【\"a\"]");
    BOOST_TEST(bracket.column == 18u);
    BOOST_TEST(mentions(english(bracket), "did you mean \"[\"?"), english(bracket));
    const auto space = refusal("business.area\u3000> 200");
    BOOST_TEST(space.column == 14u);
    BOOST_TEST(mentions(english(space), "did you mean \" \"?"), english(space));
}

BOOST_AUTO_TEST_CASE(BytesThatAreNoTextAreRefusedWhereTheyStand)
{
    const auto broken = refusal(std::string("a == \xff"));
    BOOST_TEST(broken.column == 6u);
    BOOST_TEST(mentions(english(broken), "not UTF-8"), english(broken));
}

BOOST_AUTO_TEST_CASE(AConditionOfAMegabyteIsRefusedWithAMessage)
{
    std::string huge;
    while (huge.size() < (1u << 20))
        huge += "business.area > 1 and ";
    huge += "true";
    const auto started = std::chrono::steady_clock::now();
    const auto tooLong = refusal(huge);
    const auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST(mentions(english(tooLong), "the condition is too long"), english(tooLong));
    // Refused before it is read, not after a scan of the megabyte per token.
    BOOST_TEST(took < std::chrono::seconds(1));
}

BOOST_AUTO_TEST_CASE(ALongConditionWithinTheLimitIsReadInOnePass)
{
    // Columns were counted from the start for every token: quadratic in length.
    std::string longest;
    while (longest.size() < 15000)
        longest += "business.type == \"餐饮\" or ";
    longest += "true";
    const auto parsed = parseExpression(longest);
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->evaluate(CaseData{{"business.type", std::string("x")}}));
    const auto late = refusal(longest + " )");
    BOOST_TEST(late.column > 10000u);
}

BOOST_AUTO_TEST_SUITE_END()
