// Identifier check characters against the standards' own examples and broken variants.
#include "forms/identifiers/identifiers.h"

#include <boost/test/unit_test.hpp>

using namespace tongban::forms;
using namespace std::chrono;

namespace {
const sys_days kToday{2026y / November / 29};
std::string residentProblem(const std::string& value)
{
    auto problem = checkResidentId(value, kToday);
    return problem ? problem->message.en : "valid";
}
std::string creditProblem(const std::string& value)
{
    auto problem = checkCreditCode(value);
    return problem ? problem->message.en : "valid";
}
} // namespace

BOOST_AUTO_TEST_SUITE(Identifiers)

BOOST_AUTO_TEST_CASE(ResidentIdNumbers)
{
    BOOST_TEST(residentProblem("11010519491231002X") == "valid");
    BOOST_TEST(residentProblem("440524188001010014") == "valid");  // a historical region code still checks
    BOOST_TEST(residentProblem("110105194912310021") == "the check character should be X, not 1");
    BOOST_TEST(residentProblem("110105194902300021") == "the birth date 19490230 does not exist");
    BOOST_TEST(residentProblem("110105203001010011").find("is in the future") != std::string::npos);
    BOOST_TEST(residentProblem("990105194912310021") == "the first two digits 99 name no province");
    BOOST_TEST(residentProblem("1101051949123100") == "a resident ID number has 18 characters, not 16");
    BOOST_TEST(residentProblem("11010519491231A02X") == "character 15 of a resident ID number must be a digit");
}

BOOST_AUTO_TEST_CASE(UnifiedSocialCreditCodes)
{
    BOOST_TEST(creditProblem("91310110666007217T") == "valid");
    BOOST_TEST(creditProblem("91310110666007217A") == "the check character should be T, not A");
    BOOST_TEST(creditProblem("91310110666007218T") == "the organisation code's check character should be 7, not 8");
    BOOST_TEST(creditProblem("9131011066600721OT").starts_with("character 17 'O' is not used"));
    BOOST_TEST(creditProblem("91310110666007217") == "a unified social credit code has 18 characters, not 17");
    BOOST_TEST(organisationCodeCheckCharacter("66600721").value_or('?') == '7');
    BOOST_TEST(creditCodeCheckCharacter("91310110666007217").value_or('?') == 'T');
}

BOOST_AUTO_TEST_SUITE_END()
