#include "forms/validation/form_validator.h"

#include "forms/identifiers/identifiers.h"
#include "forms/schema/conditions.h"
#include "forms/schema/money.h"
#include "workflow/calendar/calendar.h"
#include "workflow/model/enum_names.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace tongban::forms {

namespace {

using Poco::Dynamic::Var;

constexpr std::pair<FindingLevel, const char*> kLevelNames[] = {
    {FindingLevel::Error, "error"}, {FindingLevel::Warning, "warning"}, {FindingLevel::Note, "note"}};

/// Characters in UTF-8 text, or std::nullopt when the text is not UTF-8.
std::optional<std::size_t> characterCount(const std::string& text)
{
    Poco::UTF8Encoding utf8;
    std::size_t count = 0;
    for (Poco::TextIterator it(text, utf8), end(text); it != end; ++it) {
        if (*it < 0)
            return std::nullopt;
        ++count;
    }
    return count;
}

bool isDigits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

bool isTimeOfDay(std::string_view text)
{
    if (text.size() != 5 && text.size() != 8)
        return false;
    if (text[2] != ':' || !isDigits(text.substr(0, 2)) || !isDigits(text.substr(3, 2)))
        return false;
    if (text.size() == 8 && (text[5] != ':' || !isDigits(text.substr(6, 2)) || text.substr(6, 2) > "59"))
        return false;
    return text.substr(0, 2) <= "23" && text.substr(3, 2) <= "59";
}

bool isEmail(std::string_view text)
{
    const auto at = text.find('@');
    if (text.size() > 254 || at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto domain = text.substr(at + 1);
    if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos)
        return false;
    return std::ranges::none_of(text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool isMobile(std::string_view text)
{
    return text.size() == 11 && isDigits(text) && text[0] == '1' && text[1] >= '3' && text[1] <= '9';
}

bool isSha256(std::string_view text)
{
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

/// Digits after the decimal point in the shortest form of `value`.
int decimalPlaces(double value)
{
    char buffer[64];
    const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), value);
    const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    if (error != std::errc{} || text.find('e') != std::string_view::npos)
        return 0;
    const auto point = text.find('.');
    return point == std::string_view::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

std::string numberText(double value)
{
    char buffer[64];
    const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), value);
    return error == std::errc{} ? std::string(buffer, end) : std::string("?");
}

bool isObject(const Var& value) { return value.type() == typeid(Poco::JSON::Object::Ptr); }
bool isArray(const Var& value) { return value.type() == typeid(Poco::JSON::Array::Ptr); }

bool isBlank(const Var& value)
{
    if (value.isEmpty())
        return true;
    if (value.isString())
        return value.extract<std::string>().empty();
    if (isArray(value))
        return value.extract<Poco::JSON::Array::Ptr>()->size() == 0;
    return false;
}

class Checker {
public:
    Checker(const ValidationContext& context, FormReport& report) : m_context(context), m_report(report) {}

    void add(FindingLevel level, const std::string& path, const char* code, std::string zh, std::string en)
    {
        m_report.findings.push_back({level, path, code, {std::move(zh), std::move(en)}, false, {}});
    }
    void error(const std::string& path, const char* code, std::string zh, std::string en)
    {
        add(FindingLevel::Error, path, code, std::move(zh), std::move(en));
    }

    /// Checks one present answer; returns what conditions see of it.
    workflow::Value check(const FieldSchema& field, const Var& value, const std::string& path)
    {
        try {
            return checkKind(field, value, path);
        } catch (const Poco::Exception& exception) {
            error(path, "answer.unreadable", "无法读取此答案：" + exception.displayText(),
                  "the answer cannot be read: " + exception.displayText());
            return {};
        }
    }

private:
    workflow::Value checkKind(const FieldSchema& field, const Var& value, const std::string& path)
    {
        using enum FieldKind;
        switch (field.kind) {
        case Text:
        case LongText:
            return checkText(field, value, path);
        case Integer:
        case Decimal:
            return checkNumber(field, value, path);
        case Money:
            return checkMoney(field, value, path);
        case Date:
        case DateTime:
            return checkDate(field, value, path);
        case SingleChoice:
            if (!requireString(value, path))
                return {};
            if (!field.findChoice(value.extract<std::string>())) {
                error(path, "choice.unknown", "“" + value.extract<std::string>() + "”不是可选项",
                      "'" + value.extract<std::string>() + "' is not one of the choices");
                return {};
            }
            return value.extract<std::string>();
        case MultipleChoice:
            checkMultipleChoice(field, value, path);
            return {};
        case YesNo:
            if (!value.isBoolean()) {
                error(path, "answer.type", "应为是或否（true/false）", "expected yes or no (true or false)");
                return {};
            }
            return value.extract<bool>();
        case Mobile:
            if (!requireString(value, path))
                return {};
            if (!isMobile(value.extract<std::string>())) {
                error(path, "mobile.invalid", "手机号码应为11位数字，以13至19开头",
                      "a mobile number has 11 digits and starts with 13 to 19");
                return {};
            }
            return value.extract<std::string>();
        case Email:
            if (!requireString(value, path))
                return {};
            if (!isEmail(value.extract<std::string>())) {
                error(path, "email.invalid", "不是有效的电子邮箱地址", "not a valid e-mail address");
                return {};
            }
            return value.extract<std::string>();
        case ResidentId:
            return checkResidentIdAnswer(value, path);
        case CreditCode:
            return checkCreditCodeAnswer(value, path);
        case RegionCode:
            return checkRegion(value, path);
        case Address:
            checkAddress(value, path);
            return {};
        case Group:
            checkGroup(field, value, path);
            return {};
        case Attachment:
            checkAttachment(field, value, path);
            return {};
        }
        return {};
    }

    bool requireString(const Var& value, const std::string& path)
    {
        if (value.isString())
            return true;
        error(path, "answer.type", "应为文本", "expected text");
        return false;
    }

    workflow::Value checkText(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!requireString(value, path))
            return {};
        const auto& text = value.extract<std::string>();
        const auto length = characterCount(text);
        if (!length) {
            error(path, "text.encoding", "文本不是有效的 UTF-8", "the text is not valid UTF-8");
            return {};
        }
        if (field.kind == FieldKind::Text && text.find_first_of("\r\n") != std::string::npos)
            error(path, "text.line-break", "此栏只填一行", "this field takes a single line");
        if (field.minLength && *length < *field.minLength)
            error(path, "text.too-short", "至少 " + std::to_string(*field.minLength) + " 个字，现为 " + std::to_string(*length) + " 个",
                  "at least " + std::to_string(*field.minLength) + " characters, not " + std::to_string(*length));
        if (field.maxLength && *length > *field.maxLength) {
            error(path, "text.too-long", "至多 " + std::to_string(*field.maxLength) + " 个字，现为 " + std::to_string(*length) + " 个",
                  "at most " + std::to_string(*field.maxLength) + " characters, not " + std::to_string(*length));
            return {};
        }
        if (field.compiledPattern && !std::regex_match(text, *field.compiledPattern))
            error(path, "text.pattern", "格式不符合要求（" + field.pattern + "）",
                  "does not have the required form (" + field.pattern + ")");
        return text;
    }

    void checkRange(const FieldSchema& field, double number, const std::string& shown, const std::string& path,
                    const std::function<std::string(double)>& render)
    {
        if (field.minimum && number < *field.minimum)
            error(path, "number.too-small", shown + " 小于下限 " + render(*field.minimum),
                  shown + " is below the minimum " + render(*field.minimum));
        if (field.maximum && number > *field.maximum)
            error(path, "number.too-large", shown + " 大于上限 " + render(*field.maximum),
                  shown + " is above the maximum " + render(*field.maximum));
    }

    workflow::Value checkNumber(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!value.isNumeric() || value.isBoolean()) {
            error(path, "answer.type", "应为数字", "expected a number");
            return {};
        }
        const double number = value.convert<double>();
        if (field.kind == FieldKind::Integer && (!value.isInteger() || std::abs(number) > 9007199254740992.0)) {
            error(path, "number.whole", "应为整数", "expected a whole number");
            return {};
        }
        if (field.scale && decimalPlaces(number) > *field.scale)
            error(path, "number.scale", "小数点后至多 " + std::to_string(*field.scale) + " 位",
                  "at most " + std::to_string(*field.scale) + " digits after the decimal point");
        checkRange(field, number, numberText(number), path, numberText);
        return number;
    }

    workflow::Value checkMoney(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!value.isString()) {
            error(path, "money.type", "金额以元为单位写成文本，如 \"1250.00\"",
                  "write money as text in yuan, such as \"1250.00\"");
            return {};
        }
        const auto fen = fenFromYuan(value.extract<std::string>());
        if (!fen) {
            error(path, "money.invalid", "金额应为元，至多两位小数，如 1250.00",
                  "money is yuan with at most two decimals, such as 1250.00");
            return {};
        }
        const auto yuan = [](double f) { return yuanFromFen(static_cast<std::int64_t>(f)) + " 元"; };
        checkRange(field, static_cast<double>(*fen), yuanFromFen(*fen) + " 元", path, yuan);
        return static_cast<double>(*fen);
    }

    workflow::Value checkDate(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!requireString(value, path))
            return {};
        const auto& text = value.extract<std::string>();
        const bool dateTime = field.kind == FieldKind::DateTime;
        const auto day = workflow::parseDay(std::string_view(text).substr(0, 10));
        const bool wellFormed = dateTime ? text.size() > 11 && text[10] == 'T' && isTimeOfDay(text.substr(11)) && day
                                         : text.size() == 10 && day;
        if (!wellFormed) {
            error(path, "date.invalid",
                  dateTime ? "应为存在的日期和时间，如 2026-03-01T09:30" : "应为存在的日期，如 2026-03-01",
                  dateTime ? "expected a real date and time such as 2026-03-01T09:30"
                           : "expected a real date such as 2026-03-01");
            return {};
        }
        const auto bound = [&](const std::string& b) { return b == "today" ? workflow::formatDay(m_context.today) : b; };
        const auto dayPart = text.substr(0, 10);
        if (!field.earliest.empty() && dayPart < bound(field.earliest))
            error(path, "date.too-early", "不得早于 " + bound(field.earliest),
                  "must not be before " + bound(field.earliest));
        if (!field.latest.empty() && dayPart > bound(field.latest))
            error(path, "date.too-late", "不得晚于 " + bound(field.latest), "must not be after " + bound(field.latest));
        return text;
    }

    void checkMultipleChoice(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!isArray(value)) {
            error(path, "answer.type", "应为选项列表", "expected a list of choices");
            return;
        }
        const auto array = value.extract<Poco::JSON::Array::Ptr>();
        std::set<std::string> chosen;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto item = array->get(static_cast<unsigned>(i));
            const auto itemPath = path + "[" + std::to_string(i) + "]";
            if (!item.isString() || !field.findChoice(item.extract<std::string>())) {
                error(itemPath, "choice.unknown", "不是可选项", "is not one of the choices");
                continue;
            }
            if (!chosen.insert(item.extract<std::string>()).second)
                error(itemPath, "choice.twice", "重复选择", "chosen twice");
        }
        checkCount(field, array->size(), path, "项", "choices");
    }

    void checkCount(const FieldSchema& field, std::size_t count, const std::string& path, const char* unitZh,
                    const char* unitEn)
    {
        if (field.minItems && count < *field.minItems)
            error(path, "items.too-few", "至少 " + std::to_string(*field.minItems) + " " + std::string(unitZh) + "，现为 " + std::to_string(count),
                  "at least " + std::to_string(*field.minItems) + " " + std::string(unitEn) + ", not " + std::to_string(count));
        if (field.maxItems && count > *field.maxItems)
            error(path, "items.too-many", "至多 " + std::to_string(*field.maxItems) + " " + std::string(unitZh) + "，现为 " + std::to_string(count),
                  "at most " + std::to_string(*field.maxItems) + " " + std::string(unitEn) + ", not " + std::to_string(count));
    }

    workflow::Value checkResidentIdAnswer(const Var& value, const std::string& path)
    {
        if (!requireString(value, path))
            return {};
        const auto& text = value.extract<std::string>();
        if (const auto problem = checkResidentId(text, m_context.today)) {
            error(path, "resident-id.invalid", "身份证号无效：" + problem->message.zh,
                  "invalid resident ID number: " + problem->message.en);
            return {};
        }
        const auto region = text.substr(0, 6);
        if (!RegionTable::current().contains(*regionCodeOf(region)))
            add(FindingLevel::Note, path, "resident-id.historical-region",
                "地区码 " + region + " 不在现行行政区划代码表中；身份证号保留签发地的原代码，不影响有效性",
                "region " + region +
                    " is not in today's table; a number keeps the code of the place that issued it, so it stays valid");
        return text;
    }

    workflow::Value checkCreditCodeAnswer(const Var& value, const std::string& path)
    {
        if (!requireString(value, path))
            return {};
        const auto& text = value.extract<std::string>();
        const auto problem = checkCreditCode(text);
        if (!problem)
            return text;
        if (!problem->checkCharacterOnly) {
            error(path, "credit-code.invalid", "统一社会信用代码无效：" + problem->message.zh,
                  "invalid unified social credit code: " + problem->message.en);
            return {};
        }
        m_report.findings.push_back({FindingLevel::Warning, path, "credit-code.check-character",
                                     {"统一社会信用代码校验未通过：" + problem->message.zh +
                                          "。部分早期代码合法但校验不通过，核实后可说明理由放行",
                                      "the unified social credit code fails its check: " + problem->message.en +
                                          ". Some early codes fail it legally; staff may accept it with a reason"},
                                     true,
                                     {}});
        return text;
    }

    workflow::Value checkRegion(const Var& value, const std::string& path)
    {
        if (!requireString(value, path))
            return {};
        const auto& text = value.extract<std::string>();
        const auto code = regionCodeOf(text);
        if (!code || !RegionTable::current().contains(*code)) {
            error(path, "region.unknown", "“" + text + "”不是现行的行政区划代码",
                  "'" + text + "' is not a current administrative region code");
            return {};
        }
        return text;
    }

    void checkAddress(const Var& value, const std::string& path)
    {
        if (!isObject(value)) {
            error(path, "answer.type", "地址应包含 region（行政区划代码）和 detail（详细地址）",
                  "an address has a region (region code) and a detail (street and number)");
            return;
        }
        const auto object = value.extract<Poco::JSON::Object::Ptr>();
        if (!object->has("region"))
            error(path + ".region", "field.required", "必填", "required");
        else
            checkRegion(object->get("region"), path + ".region");
        FieldSchema detail;
        detail.kind = FieldKind::Text;
        detail.minLength = 2;
        detail.maxLength = kDefaultTextLength;
        if (!object->has("detail") || isBlank(object->get("detail")))
            error(path + ".detail", "field.required", "必填", "required");
        else
            checkText(detail, object->get("detail"), path + ".detail");
        rejectUnknownMembers(*object, {"region", "detail"}, path);
    }

    void checkAttachment(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!isObject(value)) {
            error(path, "answer.type", "附件应为已上传文件的记录", "an attachment is the record of an uploaded file");
            return;
        }
        const auto object = value.extract<Poco::JSON::Object::Ptr>();
        const auto member = [&](const char* name) { return object->has(name) ? object->get(name) : Var(); };
        if (!member("sha256").isString() || !isSha256(member("sha256").extract<std::string>()))
            error(path + ".sha256", "attachment.digest", "应为64位小写十六进制 SHA-256 摘要",
                  "expected a SHA-256 digest in 64 lower-case hex digits");
        if (!member("name").isString() || member("name").extract<std::string>().empty())
            error(path + ".name", "field.required", "需要文件名", "a file name is required");
        const auto type = member("mediaType");
        if (!type.isString())
            error(path + ".mediaType", "field.required", "需要文件类型", "a media type is required");
        else if (!field.mediaTypes.empty() &&
                 std::ranges::find(field.mediaTypes, type.extract<std::string>()) == field.mediaTypes.end())
            error(path + ".mediaType", "attachment.type", "不接受 " + type.extract<std::string>() + " 类型的文件",
                  "files of type " + type.extract<std::string>() + " are not accepted");
        const auto size = member("size");
        if (!size.isInteger() || size.convert<double>() < 0)
            error(path + ".size", "field.required", "需要文件大小（字节）", "the size in bytes is required");
        else if (field.maxBytes && size.convert<Poco::UInt64>() > *field.maxBytes)
            error(path + ".size", "attachment.too-large",
                  "文件超过 " + std::to_string(*field.maxBytes) + " 字节的上限",
                  "the file is larger than the limit of " + std::to_string(*field.maxBytes) + " bytes");
        rejectUnknownMembers(*object, {"sha256", "name", "mediaType", "size"}, path);
    }

    void checkGroup(const FieldSchema& field, const Var& value, const std::string& path)
    {
        if (!isArray(value)) {
            error(path, "answer.type", "应为表格（行的列表）", "expected a table (a list of rows)");
            return;
        }
        const auto rows = value.extract<Poco::JSON::Array::Ptr>();
        for (std::size_t r = 0; r < rows->size(); ++r) {
            const auto rowPath = path + "[" + std::to_string(r) + "]";
            const auto row = rows->get(static_cast<unsigned>(r));
            if (!isObject(row)) {
                error(rowPath, "answer.type", "每一行应为对象", "each row is an object");
                continue;
            }
            const auto cells = row.extract<Poco::JSON::Object::Ptr>();
            for (const auto& column : field.columns) {
                const auto cellPath = rowPath + "." + column.key;
                const bool present = cells->has(column.key) && !isBlank(cells->get(column.key));
                if (!present) {
                    if (column.required)
                        error(cellPath, "field.required", "必填", "required");
                    continue;
                }
                check(column, cells->get(column.key), cellPath);
            }
            std::vector<std::string> names;
            for (const auto& column : field.columns)
                names.push_back(column.key);
            rejectUnknownMembers(*cells, names, rowPath);
        }
        checkCount(field, rows->size(), path, "行", "rows");
    }

    void rejectUnknownMembers(const Poco::JSON::Object& object, const std::vector<std::string>& known,
                              const std::string& path)
    {
        std::vector<std::string> names;
        object.getNames(names);
        for (const auto& name : names)
            if (std::ranges::find(known, name) == known.end())
                error(path + "." + name, "answer.unknown-member", "不是此处的栏目", "not a member here");
    }

    const ValidationContext& m_context;
    FormReport& m_report;
};

/// The field key an answer path starts with: semantic keys have one dot, so
/// "business.address.region" and "business.staff[2].name" belong to the
/// fields business.address and business.staff.
std::string_view fieldKeyOf(std::string_view path)
{
    const auto dot = path.find('.');
    return dot == std::string_view::npos ? path : path.substr(0, path.find_first_of(".[", dot + 1));
}

bool evaluate(const Condition& condition, const workflow::CaseData& values)
{
    return condition.expression.evaluate(values);
}

void applyOverrides(FormReport& report, const std::vector<Override>& overrides, Checker& checker)
{
    for (const auto& override : overrides) {
        auto target = std::ranges::find_if(report.findings, [&](const FormFinding& finding) {
            return finding.overridable && finding.path == override.path;
        });
        if (target == report.findings.end()) {
            checker.error(override.path, "override.nothing", "此处没有可放行的警告", "there is no warning here to override");
            continue;
        }
        if (override.reason.empty()) {
            checker.error(override.path, "override.reason", "放行需要说明理由", "an override needs a reason");
            continue;
        }
        target->overrideReason = override.reason;
    }
}

} // namespace

const char* toString(FindingLevel level) { return workflow::nameIn(kLevelNames, level); }

bool FormReport::acceptable() const
{
    return std::ranges::none_of(findings, [](const FormFinding& finding) {
        return finding.level == FindingLevel::Error ||
               (finding.level == FindingLevel::Warning && finding.overridable && finding.overrideReason.empty());
    });
}

std::size_t FormReport::count(FindingLevel level) const
{
    return static_cast<std::size_t>(std::ranges::count(findings, level, &FormFinding::level));
}

FormReport validateAnswers(const FormSchema& form, const Poco::Dynamic::Var& answers, const ValidationContext& context)
{
    FormReport report;
    Checker checker(context, report);
    if (!isObject(answers)) {
        checker.error("", "answers.not-object", "答案应为以字段键为成员的 JSON 对象",
                      "the answers are a JSON object with one member per field key");
        return report;
    }
    const auto order = conditionOrder(form);
    if (!order) {
        checker.error(order.error().path, "form.conditions", "表单的条件有误：" + order.error().message,
                      "the form's conditions are wrong: " + order.error().message);
        return report;
    }
    const auto object = answers.extract<Poco::JSON::Object::Ptr>();
    for (const auto index : *order) {
        const auto& field = form.fields[index];
        const bool answered = object->has(field.key) && !isBlank(object->get(field.key));
        if (field.visibleWhen && !evaluate(*field.visibleWhen, report.values)) {
            if (answered)
                checker.add(FindingLevel::Note, field.key, "field.not-asked", "按前面的回答，此栏无需填写，已忽略",
                            "not asked given the answers before it; ignored");
            continue;
        }
        report.shown.insert(field.key);
        if (!answered) {
            if (field.required || (field.requiredWhen && evaluate(*field.requiredWhen, report.values)))
                checker.error(field.key, "field.required", "“" + field.label + "”为必填项",
                              "'" + (field.labelEn.empty() ? field.label : field.labelEn) + "' is required");
            continue;
        }
        auto value = checker.check(field, object->get(field.key), field.key);
        if (!std::holds_alternative<std::monostate>(value))
            report.values.emplace(field.key, std::move(value));
    }
    if (context.noteUnknownAnswers) {
        std::vector<std::string> names;
        object->getNames(names);
        for (const auto& name : names)
            if (!form.find(name))
                checker.add(FindingLevel::Note, name, "answer.unknown-field", "表单中没有此栏，已忽略",
                            "the form does not ask this; ignored");
    }
    applyOverrides(report, context.overrides, checker);
    // Findings in the order of the form, whatever the order conditions needed.
    std::ranges::stable_sort(report.findings, {}, [&](const FormFinding& finding) {
        const auto* field = form.find(fieldKeyOf(finding.path));
        return field ? static_cast<std::size_t>(field - form.fields.data()) : form.fields.size();
    });
    return report;
}

std::string formatFinding(const FormFinding& finding, bool chinese)
{
    std::string line = finding.path.empty() ? std::string(chinese ? "（整个表单）" : "(form)") : finding.path;
    line += ": ";
    if (finding.level != FindingLevel::Error)
        line += chinese ? (finding.level == FindingLevel::Warning ? "警告：" : "提示：")
                        : (finding.level == FindingLevel::Warning ? "warning: " : "note: ");
    line += finding.message.in(chinese);
    if (!finding.overrideReason.empty())
        line += chinese ? "（已放行：" + finding.overrideReason + "）" : " (overridden: " + finding.overrideReason + ")";
    return line;
}

} // namespace tongban::forms
