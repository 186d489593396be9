// tongban-forms validate and unify, run in-process on files as users give them.
#include "forms/tool/forms_cli.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

struct Run {
    int exitCode = 0;
    std::string out;
    std::string err;
};

Run run(std::vector<std::string> args)
{
    std::ostringstream out, err;
    args.insert(args.begin(), {"--lang", "en"});
    const int code = tongban::workflow::cli::runTool(tongban::forms::cli::kFormsTool, args, out, err, tongban::forms::cli::run);
    return {code, out.str(), err.str()};
}

struct Files {
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("tongban-forms-cli-" + std::to_string(::getpid()));
    Files() { std::filesystem::create_directories(folder); }
    ~Files() { std::filesystem::remove_all(folder); }
    std::string write(const std::string& name, const std::string& text) const
    {
        std::ofstream(folder / name) << text;
        return (folder / name).string();
    }
};

const std::string kForm = R"({"format": "tongban.form/1", "key": "t", "title": "t", "fields": [
  {"key": "applicant.name", "label": "姓名", "labelEn": "Name", "type": "text", "required": true},
  {"key": "business.credit_code", "label": "信用代码", "type": "creditCode", "required": true}]})";

const std::string kCatalogue = TONGBAN_SOURCE_DIR "/forms/catalogue/data/";

} // namespace

BOOST_AUTO_TEST_SUITE(FormsTool)

BOOST_AUTO_TEST_CASE(ValidatePrintsEveryFindingAsPathAndMessage)
{
    Files files;
    const auto schema = files.write("form.json", kForm);
    const auto bad = run({"validate", "--schema", schema, "--data", files.write("bad.json", R"({"business.credit_code": "9131011066600721OT"})")});
    BOOST_TEST(bad.exitCode == 1);
    BOOST_TEST(bad.out == "applicant.name: 'Name' is required\n"
                          "business.credit_code: invalid unified social credit code: character 17 'O' is not used in "
                          "unified social credit codes (I, O, Z, S, V are excluded)\n");

    const auto warned = files.write("warned.json", R"({"applicant.name": "张三", "business.credit_code": "91310110666007217A"})");
    BOOST_TEST(run({"validate", "--schema", schema, "--data", warned}).exitCode == 1);
    const auto overridden = run({"validate", "--schema", schema, "--data", warned, "--override",
                                 "business.credit_code=early code, checked against the 1998 register"});
    BOOST_TEST(overridden.exitCode == 0);
    BOOST_TEST(overridden.out.find("(overridden: early code, checked against the 1998 register)") != std::string::npos);
    BOOST_TEST(overridden.out.ends_with("the answers are valid\n"));
}

BOOST_AUTO_TEST_CASE(ValidateRefusesUnreadableInputWithExitTwo)
{
    Files files;
    const auto schema = files.write("form.json", kForm);
    const auto notJson = run({"validate", "--schema", schema, "--data", files.write("x.json", "{\"applicant.name\": ")});
    BOOST_TEST(notJson.exitCode == 2);
    BOOST_TEST(notJson.err.find("x.json: line 1") != std::string::npos);
    const auto badSchema = run({"validate", "--schema", files.write("s.json", R"({"format": "tongban.form/1"})"), "--data", schema});
    BOOST_TEST(badSchema.exitCode == 2);
    BOOST_TEST(badSchema.err.find("key: missing") != std::string::npos);
    BOOST_TEST(run({"validate", "--schema", schema, "--data", (files.folder / "none.json").string()}).exitCode == 2);
    BOOST_TEST(run({"validate", "--schema", schema}).exitCode == 2);
    BOOST_TEST(run({"validate", "--schema", schema, "--data", schema, "--override", "no-reason"}).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(ValidateTakesAOneThingsUnifiedForm)
{
    Files files;
    const auto result = run({"validate", "--schema", kCatalogue + "retirement.json", "--data",
                             files.write("a.json", R"({"situation.retirement_kind": "正常退休", "situation.has_housing_fund": false})")});
    BOOST_TEST(result.exitCode == 1);
    BOOST_TEST(result.out.find("applicant.id_number: 'Applicant's resident ID number' is required") != std::string::npos);
    BOOST_TEST(result.out.find("fund.account_number") == std::string::npos);  // no housing fund, not asked
}

BOOST_AUTO_TEST_CASE(UnifyPrintsTheFormAndTheMaterials)
{
    const auto result = run({"unify", kCatalogue + "restaurant-opening.json"});
    BOOST_TEST(result.exitCode == 0);
    BOOST_TEST(result.out.starts_with("Opening a restaurant\nlead department: 市场监管局\n"));
    BOOST_TEST(result.out.find("    business.credit_code  Unified social credit code  creditCode  required  "
                               "(Business licence check, Food business licence, Tobacco retail licence)\n") !=
               std::string::npos);
    BOOST_TEST(result.out.find("    food-licence  Food business licence  needed when: situation.sells_tobacco == true  exempt, shared by "
                               "市场监管局  (Tobacco retail licence)\n") !=
               std::string::npos);
    const auto json = run({"unify", kCatalogue + "newborn.json", "--json"});
    BOOST_TEST(json.exitCode == 0);
    BOOST_TEST(json.out.find("\"format\": \"tongban.form/1\"") != std::string::npos);
    BOOST_TEST(run({"unify", kCatalogue + "none.json"}).exitCode == 2);
}

BOOST_AUTO_TEST_SUITE_END()
