// Form schemas and the validation of answers: every kind of field, conditions,
// overrides, and answers of any shape without a throw.
#include "forms/schema/form_json.h"
#include "forms/schema/money.h"
#include "forms/validation/form_validator.h"
#include "workflow/json/json_document.h"

#include <Poco/JSON/Array.h>

#include <boost/test/unit_test.hpp>

#include <random>

using namespace tongban::forms;
using namespace std::chrono;

namespace {

const sys_days kToday{2026y / November / 29};

FormSchema form(const std::string& fields)
{
    auto read = readForm(R"({"format": "tongban.form/1", "key": "test", "title": "测试", "fields": [)" + fields + "]}");
    if (!read)
        BOOST_FAIL("the test form does not read: " + read.error().describe());
    return *read;
}

std::string readError(const std::string& fields)
{
    auto read = readForm(R"({"format": "tongban.form/1", "key": "test", "title": "测试", "fields": [)" + fields + "]}");
    return read ? std::string("read") : read.error().describe();
}

FormReport check(const FormSchema& schema, const std::string& answers, std::vector<Override> overrides = {})
{
    auto parsed = tongban::workflow::json::parse(answers);
    if (!parsed)
        BOOST_FAIL("test answers are not JSON: " + parsed.error().describe());
    return validateAnswers(schema, *parsed, {kToday, std::move(overrides), true});
}

/// "path code" of each finding, to compare whole reports at once.
std::vector<std::string> codes(const FormReport& report)
{
    std::vector<std::string> result;
    for (const auto& finding : report.findings)
        result.push_back(finding.path + " " + finding.code);
    return result;
}

const std::string kApplicantFields = R"(
  {"key": "applicant.name", "label": "姓名", "type": "text", "required": true, "maxLength": 4},
  {"key": "applicant.id_number", "label": "身份证号", "type": "residentId", "required": true},
  {"key": "applicant.mobile", "label": "手机", "type": "mobile"},
  {"key": "applicant.email", "label": "邮箱", "type": "email"}
)";

} // namespace

BOOST_AUTO_TEST_SUITE(FormSchemas)

BOOST_AUTO_TEST_CASE(SchemaMistakesAreNamedByTheirPath)
{
    BOOST_TEST(readError(R"({"key": "name", "label": "x", "type": "text"})") ==
               "fields[0].key: a field key is a semantic key such as applicant.id_number");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "colour"})") == "fields[0].type: unknown field type 'colour'");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "date", "maxLength": 3})") ==
               "fields[0].maxLength: does not apply to a field of type date");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "text", "pattern": "[0-9"})").starts_with(
        "fields[0].pattern: not a regular expression"));
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "singleChoice"})") ==
               "fields[0].choices: a choice field needs choices");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "text"}, {"key": "a.b", "label": "y", "type": "text"})") ==
               "fields[1].key: field 'a.b' is listed twice");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "money", "minimum": 5})") ==
               "fields[0].minimum: expected a string");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "text", "visibleWhen": "a.c == 1"})") ==
               "fields[0].visibleWhen: reads 'a.c', which the form does not ask");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "text", "visibleWhen": "a.c == 1"},
                            {"key": "a.c", "label": "y", "type": "integer", "visibleWhen": "a.b == \"x\""})") ==
               "fields: conditions depend on each other in a cycle");
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "yesNo"},
                            {"key": "a.c", "label": "y", "type": "text", "visibleWhen": "a.b == 3"})")
                   .starts_with("fields[1].visibleWhen:"));
    BOOST_TEST(readError(R"({"key": "a.b", "label": "x", "type": "group",
                             "columns": [{"key": "n", "label": "n", "type": "group",
                                          "columns": [{"key": "m", "label": "m", "type": "text"}]}]})") ==
               "fields[0].columns[0]: groups do not nest");
}

BOOST_AUTO_TEST_CASE(AFormWritesAndReadsBackTheSame)
{
    const auto original = form(kApplicantFields + R"(,
      {"key": "business.capital", "label": "资本", "type": "money", "minimum": "0.01", "maximum": "1000000.50"},
      {"key": "business.kind", "label": "类型", "type": "singleChoice", "choices": ["餐馆", {"value": "小吃店", "labelEn": "Snacks"}]},
      {"key": "business.staff", "label": "人员", "type": "group", "minItems": 1,
       "columns": [{"key": "name", "label": "姓名", "type": "text", "required": true}]})");
    const auto text = tongban::workflow::json::stringify(formJson(original));
    const auto again = readForm(text);
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST(tongban::workflow::json::stringify(formJson(*again)) == text);
    BOOST_TEST(text.find("\"maximum\": \"1000000.50\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(MoneyIsCountedInFen)
{
    BOOST_TEST(fenFromYuan("1250").value_or(-1) == 125000);
    BOOST_TEST(fenFromYuan("1250.5").value_or(-1) == 125050);
    BOOST_TEST(fenFromYuan("0.07").value_or(-1) == 7);
    BOOST_TEST(fenFromYuan("999999999999999.99").value_or(-1) == 99999999999999999);
    for (const auto* bad : {"", "1.", ".5", "1.234", "-3", "1,000", "1e3", "１２"})
        BOOST_TEST(!fenFromYuan(bad).has_value(), bad);
    BOOST_TEST(yuanFromFen(125005) == "1250.05");
    BOOST_TEST(yuanFromFen(-7) == "-0.07");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(FormValidation)

BOOST_AUTO_TEST_CASE(EveryErrorIsReportedAtOnceWithItsPath)
{
    const auto schema = form(kApplicantFields);
    const auto report = check(schema, R"({"applicant.name": "欧阳司马青", "applicant.id_number": "110105194912310021",
                                          "applicant.mobile": "12345678901", "applicant.email": "a@b"})");
    BOOST_TEST(codes(report) == (std::vector<std::string>{"applicant.name text.too-long",
                                                          "applicant.id_number resident-id.invalid",
                                                          "applicant.mobile mobile.invalid",
                                                          "applicant.email email.invalid"}),
               boost::test_tools::per_element());
    BOOST_TEST(report.findings[0].message.zh == "至多 4 个字，现为 5 个");
    BOOST_TEST(report.findings[1].message.en == "invalid resident ID number: the check character should be X, not 1");
    BOOST_TEST(!report.acceptable());
}

BOOST_AUTO_TEST_CASE(RequiredFieldsAndTheirLabels)
{
    const auto report = check(form(kApplicantFields), R"({"applicant.name": ""})");
    BOOST_TEST(codes(report) == (std::vector<std::string>{"applicant.name field.required", "applicant.id_number field.required"}),
               boost::test_tools::per_element());
    BOOST_TEST(report.findings[0].message.zh == "“姓名”为必填项");
}

BOOST_AUTO_TEST_CASE(AValidApplicationPassesAndShowsItsValues)
{
    const auto report = check(form(kApplicantFields), R"({"applicant.name": "张三", "applicant.id_number": "320102198506151236",
                                                          "applicant.mobile": "13912345678", "applicant.email": "zhang@example.cn"})");
    BOOST_TEST(report.findings.empty());
    BOOST_TEST(report.acceptable());
    BOOST_TEST(std::get<std::string>(report.values.at("applicant.mobile")) == "13912345678");
}

BOOST_AUTO_TEST_CASE(AHistoricalRegionCodeIsANoteNeverARejection)
{
    const auto report = check(form(kApplicantFields), R"({"applicant.name": "李四", "applicant.id_number": "440524197001018889"})");
    BOOST_REQUIRE_EQUAL(report.findings.size(), 1u);
    BOOST_TEST(report.findings[0].code == "resident-id.historical-region");
    BOOST_TEST((report.findings[0].level == FindingLevel::Note));
    BOOST_TEST(report.acceptable());
}

BOOST_AUTO_TEST_CASE(ACreditCodeFailingOnlyItsCheckIsAWarningStaffMayOverride)
{
    const auto schema = form(R"({"key": "business.credit_code", "label": "信用代码", "type": "creditCode", "required": true})");
    const std::string answers = R"({"business.credit_code": "91310110666007217A"})";
    const auto warned = check(schema, answers);
    BOOST_REQUIRE_EQUAL(warned.findings.size(), 1u);
    BOOST_TEST((warned.findings[0].level == FindingLevel::Warning));
    BOOST_TEST(warned.findings[0].overridable);
    BOOST_TEST(!warned.acceptable());

    const auto overridden = check(schema, answers, {{"business.credit_code", "1998年发证，经工商档案核实", "clerk01"}});
    BOOST_TEST(overridden.acceptable());
    BOOST_TEST(overridden.findings[0].overrideReason == "1998年发证，经工商档案核实");
    BOOST_TEST(formatFinding(overridden.findings[0], false).ends_with("(overridden: 1998年发证，经工商档案核实)"));

    const auto noReason = check(schema, answers, {{"business.credit_code", "", "clerk01"}});
    BOOST_TEST(!noReason.acceptable());
    BOOST_TEST(codes(noReason).back() == "business.credit_code override.reason");

    // A structural fault is an error that no override lifts.
    const auto broken = check(schema, R"({"business.credit_code": "9131011066600721OT"})",
                              {{"business.credit_code", "我说可以", "clerk01"}});
    BOOST_TEST(codes(broken) == (std::vector<std::string>{"business.credit_code credit-code.invalid",
                                                          "business.credit_code override.nothing"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(NumbersMoneyAndDates)
{
    const auto schema = form(R"(
      {"key": "business.staff", "label": "人数", "type": "integer", "minimum": 1, "maximum": 500},
      {"key": "business.area", "label": "面积", "type": "decimal", "scale": 2, "minimum": 0.5},
      {"key": "business.capital", "label": "资本", "type": "money", "minimum": "0.01", "maximum": "100.00"},
      {"key": "business.opened", "label": "开业", "type": "date", "latest": "today"},
      {"key": "business.visit", "label": "预约", "type": "dateTime", "earliest": "2026-01-01"})");
    BOOST_TEST(codes(check(schema, R"({"business.staff": 3.5, "business.area": 12.345, "business.capital": 50,
                                       "business.opened": "2026-02-30", "business.visit": "2026-03-01 09:30"})")) ==
                   (std::vector<std::string>{"business.staff number.whole", "business.area number.scale",
                                             "business.capital money.type", "business.opened date.invalid",
                                             "business.visit date.invalid"}),
               boost::test_tools::per_element());
    const auto ranges = check(schema, R"({"business.staff": 501, "business.area": 0.25, "business.capital": "100.01",
                                          "business.opened": "2026-11-30", "business.visit": "2025-12-31T23:59"})");
    BOOST_TEST(codes(ranges) == (std::vector<std::string>{"business.staff number.too-large", "business.area number.too-small",
                                                          "business.capital number.too-large", "business.opened date.too-late",
                                                          "business.visit date.too-early"}),
               boost::test_tools::per_element());
    BOOST_TEST(ranges.findings[2].message.zh == "100.01 元 大于上限 100.00 元");
    const auto fine = check(schema, R"({"business.staff": 500, "business.area": 12.5, "business.capital": "99.99",
                                        "business.opened": "2026-11-29", "business.visit": "2026-12-01T09:30:00"})");
    BOOST_TEST(fine.findings.empty());
    BOOST_TEST(std::get<double>(fine.values.at("business.capital")) == 9999.0);
}

BOOST_AUTO_TEST_CASE(ChoicesAddressesTablesAndAttachments)
{
    const auto schema = form(R"(
      {"key": "food.items", "label": "项目", "type": "multipleChoice", "choices": ["热食", "冷食", "饮品"], "maxItems": 2},
      {"key": "business.address", "label": "地址", "type": "address"},
      {"key": "business.region", "label": "区划", "type": "regionCode"},
      {"key": "business.investors", "label": "投资人", "type": "group", "minItems": 1, "columns": [
         {"key": "name", "label": "姓名", "type": "text", "required": true},
         {"key": "share", "label": "出资", "type": "money", "required": true}]},
      {"key": "business.plan", "label": "平面图", "type": "attachment", "mediaTypes": ["application/pdf"], "maxBytes": 1000})");
    const auto report = check(schema, R"({
        "food.items": ["热食", "热食", "西餐"],
        "business.address": {"region": "320199", "detail": "", "floor": 3},
        "business.region": "440524",
        "business.investors": [{"name": "王五", "share": "10"}, {"share": "x"}, 7],
        "business.plan": {"sha256": "ABC", "name": "plan.pdf", "mediaType": "image/png", "size": 5000}})");
    BOOST_TEST(codes(report) == (std::vector<std::string>{
                                    "food.items[1] choice.twice", "food.items[2] choice.unknown", "food.items items.too-many",
                                    "business.address.region region.unknown", "business.address.detail field.required",
                                    "business.address.floor answer.unknown-member", "business.region region.unknown",
                                    "business.investors[1].name field.required", "business.investors[1].share money.invalid",
                                    "business.investors[2] answer.type", "business.plan.sha256 attachment.digest",
                                    "business.plan.mediaType attachment.type", "business.plan.size attachment.too-large"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ConditionsDecideWhatIsShownAndRequired)
{
    const auto schema = form(R"(
      {"key": "business.sign_text", "label": "招牌文字", "type": "text", "visibleWhen": "situation.sign == true", "required": true},
      {"key": "situation.sign", "label": "户外招牌", "type": "yesNo", "required": true},
      {"key": "business.area", "label": "面积", "type": "decimal", "required": true},
      {"key": "business.fire_plan", "label": "消防预案", "type": "longText", "requiredWhen": "business.area > 300"})");
    BOOST_TEST(codes(check(schema, R"({"situation.sign": true, "business.area": 400})")) ==
                   (std::vector<std::string>{"business.sign_text field.required", "business.fire_plan field.required"}),
               boost::test_tools::per_element());
    const auto hidden = check(schema, R"({"situation.sign": false, "business.area": 40, "business.sign_text": "老王面馆"})");
    BOOST_TEST(codes(hidden) == (std::vector<std::string>{"business.sign_text field.not-asked"}), boost::test_tools::per_element());
    BOOST_TEST(!hidden.shown.contains("business.sign_text"));
    BOOST_TEST(hidden.shown.contains("situation.sign"));
    BOOST_TEST(hidden.shown.size() == 3u);
    BOOST_TEST(hidden.acceptable());
    BOOST_TEST(!hidden.values.contains("business.sign_text"));
}

BOOST_AUTO_TEST_CASE(AnswersTheFormDoesNotAskAreNoted)
{
    const auto report = check(form(kApplicantFields), R"({"applicant.name": "张三", "applicant.id_number": "320102198506151236",
                                                          "applicant.nmae": "typo"})");
    BOOST_TEST(codes(report) == (std::vector<std::string>{"applicant.nmae answer.unknown-field"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(AnswersOfAnyShapeGiveErrorsNeverAThrow)
{
    const auto schema = form(kApplicantFields + R"(,
      {"key": "business.capital", "label": "资本", "type": "money"},
      {"key": "business.area", "label": "面积", "type": "decimal", "scale": 1},
      {"key": "business.count", "label": "数量", "type": "integer"},
      {"key": "business.open", "label": "营业", "type": "yesNo"},
      {"key": "business.day", "label": "日期", "type": "dateTime"},
      {"key": "business.items", "label": "项目", "type": "multipleChoice", "choices": ["a", "b"]},
      {"key": "business.address", "label": "地址", "type": "address"},
      {"key": "business.file", "label": "文件", "type": "attachment"},
      {"key": "business.rows", "label": "表", "type": "group", "columns": [{"key": "n", "label": "n", "type": "integer"}]})");
    const std::vector<std::string> keys{"applicant.name", "applicant.id_number", "applicant.mobile", "business.capital",
                                        "business.area", "business.count", "business.open", "business.day",
                                        "business.items", "business.address", "business.file", "business.rows", "x"};
    const std::vector<std::string> values{"null", "true", "0", "-1", "1e308", "18446744073709551616", "3.5", "\"\"",
                                          "\"\\u0000\"", "\"abc\"", "[]", "[1, \"a\", null]", "{}",
                                          "{\"region\": 1, \"detail\": []}", "{\"sha256\": 5, \"size\": -3}",
                                          "[{\"n\": \"x\"}, {}]", "\"320102198506151236\"", "\"\xff\xfe\""};
    std::mt19937 random(20261129);
    std::size_t findings = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string answers = "{";
        const auto members = random() % 6;
        for (std::size_t m = 0; m < members; ++m)
            answers += (m ? ", \"" : "\"") + keys[random() % keys.size()] + "\": " + values[random() % values.size()];
        answers += "}";
        const auto parsed = tongban::workflow::json::parse(answers);
        const auto& document = parsed ? *parsed : Poco::Dynamic::Var(answers);
        try {
            findings += validateAnswers(schema, document, {kToday, {}, true}).findings.size();
        } catch (const std::exception& exception) {
            BOOST_ERROR(answers << " threw " << exception.what());
        }
    }
    // Documents that are no object at all.
    for (const auto& document : {Poco::Dynamic::Var(), Poco::Dynamic::Var(3), Poco::Dynamic::Var(std::string("x")),
                                 Poco::Dynamic::Var(Poco::JSON::Array::Ptr(new Poco::JSON::Array))})
        BOOST_TEST(codes(validateAnswers(schema, document, {kToday, {}, true})) ==
                       (std::vector<std::string>{" answers.not-object"}),
                   boost::test_tools::per_element());
    BOOST_TEST(findings > 3000u);
}

BOOST_AUTO_TEST_SUITE_END()
