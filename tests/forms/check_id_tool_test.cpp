// tongban-forms check-id as users run it.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

struct Run {
    int exitCode = 0;
    std::string out;
};

Run checkId(const std::string& value)
{
    Poco::Pipe out;
    Poco::Process::Env env{{"LANG", "en_US.UTF-8"}, {"LC_ALL", ""}};
    auto process = Poco::Process::launch(TONGBAN_FORMS_TOOL, {"check-id", value}, ".", nullptr, &out, nullptr, env);
    Poco::PipeInputStream stream(out);
    std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    return {process.wait(), text};
}

} // namespace

BOOST_AUTO_TEST_SUITE(CheckIdTool)

BOOST_AUTO_TEST_CASE(ValidIdentifiersExitZeroAndSayWhatTheyAre)
{
    BOOST_TEST(checkId("11010519491231002X").out == "11010519491231002X: valid resident ID number\n");
    BOOST_TEST(checkId("91310110666007217T").out == "91310110666007217T: valid unified social credit code\n");
    BOOST_TEST(checkId("440524188001010014").exitCode == 0);
}

BOOST_AUTO_TEST_CASE(InvalidIdentifiersExitOneAndSayWhy)
{
    const auto id = checkId("110105194912310021");
    BOOST_TEST(id.exitCode == 1);
    BOOST_TEST(id.out == "110105194912310021: invalid resident ID number: the check character should be X, not 1\n");
    const auto credit = checkId("91310110666007217A");
    BOOST_TEST(credit.exitCode == 1);
    BOOST_TEST(credit.out == "91310110666007217A: invalid unified social credit code: the check character should be T, "
                             "not A\n");
}

BOOST_AUTO_TEST_SUITE_END()
