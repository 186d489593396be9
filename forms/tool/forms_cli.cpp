// Verbs of tongban-forms.
#include "forms/tool/forms_cli.h"

#include "forms/identifiers/identifiers.h"
#include "forms/onething/unified_form.h"
#include "forms/schema/form_json.h"
#include "forms/validation/form_validator.h"
#include "workflow/calendar/calendar.h"
#include "workflow/model/diagnostic.h"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>

namespace tongban::forms::cli {

namespace {

constexpr const char* kUsageText =
    "usage: tongban-forms [--lang zh_CN|en] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  validate --schema FILE --data FILE [--override PATH=REASON]... [--today YYYY-MM-DD]\n"
    "                    print every finding about a form's answers as PATH: message;\n"
    "                    the schema is a form (tongban.form/1) or a one thing, whose\n"
    "                    unified form is used\n"
    "  check-id VALUE    is VALUE a valid 居民身份证号 or 统一社会信用代码, and if not, why\n"
    "  unify FILE [--json]\n"
    "                    print the unified form and the merged material list of a one thing\n"
    "\n"
    "options:\n"
    "  --lang zh_CN|en   language of messages (default: from LANG, else Chinese)\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 valid, 1 invalid, 2 bad usage or unreadable input\n";

struct Context {
    std::ostream& out;
    std::ostream& err;
    bool chinese = true;
    const char* say(const char* zh, const char* en) const { return chinese ? zh : en; }
};

std::optional<std::string> readFile(const std::string& path, const Context& context)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        context.err << "tongban-forms: " << context.say("无法读取 ", "cannot read ") << path << "\n";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::chrono::sys_days beijingToday()
{
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + std::chrono::hours{8});
}

/// A form file, or the unified form of a one-thing file.
std::optional<FormSchema> loadSchema(const std::string& path, const Context& context)
{
    const auto text = readFile(path, context);
    if (!text)
        return std::nullopt;
    const auto document = workflow::json::parse(*text);
    const bool oneThing = document && document->type() == typeid(Poco::JSON::Object::Ptr) &&
                          document->extract<Poco::JSON::Object::Ptr>()->optValue<std::string>("format", "") ==
                              kOneThingFormat;
    if (oneThing) {
        const auto read = readOneThing(*text);
        if (!read) {
            context.err << "tongban-forms: " << path << ": " << read.error().describe() << "\n";
            return std::nullopt;
        }
        // Reading a one thing has already unified its forms.
        return std::move(unifyForm(*read)->form);
    }
    auto form = readForm(*text);
    if (!form) {
        context.err << "tongban-forms: " << path << ": " << form.error().describe() << "\n";
        return std::nullopt;
    }
    return std::move(*form);
}

int validate(const std::vector<std::string>& args, const Context& context)
{
    std::string schemaPath, dataPath;
    ValidationContext validation{beijingToday(), {}, true};
    for (std::size_t i = 0; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == "--schema" && hasValue) {
            schemaPath = args[++i];
        } else if (args[i] == "--data" && hasValue) {
            dataPath = args[++i];
        } else if (args[i] == "--today" && hasValue) {
            const auto day = workflow::parseDay(args[++i]);
            if (!day) {
                context.err << "tongban-forms: --today " << args[i] << context.say("：应为 YYYY-MM-DD", ": expected YYYY-MM-DD")
                            << "\n";
                return kUsage;
            }
            validation.today = *day;
        } else if (args[i] == "--override" && hasValue) {
            const auto& text = args[++i];
            const auto equals = text.find('=');
            if (equals == std::string::npos || equals == 0) {
                context.err << "tongban-forms: --override " << text
                            << context.say("：应为 PATH=REASON", ": expected PATH=REASON") << "\n";
                return kUsage;
            }
            validation.overrides.push_back({text.substr(0, equals), text.substr(equals + 1), {}});
        } else {
            context.err << kUsageText;
            return kUsage;
        }
    }
    if (schemaPath.empty() || dataPath.empty()) {
        context.err << kUsageText;
        return kUsage;
    }
    const auto schema = loadSchema(schemaPath, context);
    const auto dataText = schema ? readFile(dataPath, context) : std::nullopt;
    if (!dataText)
        return kUsage;
    const auto answers = workflow::json::parse(*dataText);
    if (!answers) {
        context.err << "tongban-forms: " << dataPath << ": " << answers.error().describe() << "\n";
        return kUsage;
    }
    const auto report = validateAnswers(*schema, *answers, validation);
    for (const auto& finding : report.findings)
        context.out << formatFinding(finding, context.chinese) << "\n";
    if (report.acceptable())
        context.out << context.say("答案有效\n", "the answers are valid\n");
    return report.acceptable() ? kOk : kFinding;
}

int checkId(const std::string& value, const Context& context)
{
    const auto idProblem = checkResidentId(value, beijingToday());
    if (!idProblem) {
        context.out << value << ": " << context.say("有效的居民身份证号", "valid resident ID number") << "\n";
        return kOk;
    }
    const auto creditProblem = checkCreditCode(value);
    if (!creditProblem) {
        context.out << value << ": " << context.say("有效的统一社会信用代码", "valid unified social credit code") << "\n";
        return kOk;
    }
    // Explain the failure of the kind the value looks like: letters other
    // than a final X belong to credit codes.
    const bool letters = value.find_first_not_of("0123456789") < 17 ||
                         (!value.empty() && value.back() != 'X' && (value.back() < '0' || value.back() > '9'));
    if (letters)
        context.out << value << ": " << context.say("无效的统一社会信用代码：", "invalid unified social credit code: ")
                    << creditProblem->message.in(context.chinese) << "\n";
    else
        context.out << value << ": " << context.say("无效的居民身份证号：", "invalid resident ID number: ")
                    << idProblem->message.in(context.chinese) << "\n";
    return kFinding;
}

std::string joined(const std::vector<std::string>& items, const char* separator)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string matterNames(const OneThing& oneThing, const std::vector<std::string>& keys, bool chinese)
{
    std::vector<std::string> names;
    for (const auto& key : keys) {
        const auto* matter = oneThing.findMatter(key);
        names.push_back(!matter ? (chinese ? "情形引导" : "guidance")
                                : (chinese || matter->nameEn.empty() ? matter->name : matter->nameEn));
    }
    return joined(names, chinese ? "、" : ", ");
}

void printUnifiedJson(const UnifiedForm& unified, const std::vector<MergedMaterial>& materials,
                      std::ostream& out)
{
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    root->set("form", formJson(unified.form));
    Poco::JSON::Array::Ptr askedBy = new Poco::JSON::Array;
    for (std::size_t i = 0; i < unified.form.fields.size(); ++i) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("key", unified.form.fields[i].key);
        Poco::JSON::Array::Ptr matters = new Poco::JSON::Array;
        for (const auto& matter : unified.askedBy[i])
            matters->add(matter);
        item->set("askedBy", matters);
        askedBy->add(item);
    }
    root->set("askedBy", askedBy);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& material : materials) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("type", material.type->key);
        item->set("name", material.type->name);
        item->set("key", material.key);
        Poco::JSON::Array::Ptr matters = new Poco::JSON::Array;
        for (const auto& matter : material.matters)
            matters->add(matter);
        item->set("matters", matters);
        if (material.requiredWhen)
            item->set("requiredWhen", material.requiredWhen->source);
        if (!material.type->provenBy.empty())
            item->set("provenBy", joined(material.type->provenBy, ", "));
        if (!material.type->issuedBy.empty())
            item->set("issuedBy", material.type->issuedBy);
        list->add(item);
    }
    root->set("materials", list);
    out << workflow::json::stringify(root) << "\n";
}

void printUnifiedText(const OneThing& oneThing, const UnifiedForm& unified, const std::vector<MergedMaterial>& materials,
                      const Context& context)
{
    auto& out = context.out;
    const bool zh = context.chinese;
    out << (zh ? oneThing.name : (oneThing.nameEn.empty() ? oneThing.name : oneThing.nameEn)) << "\n";
    out << context.say("牵头部门：", "lead department: ") << oneThing.leadDepartment << "\n";
    out << context.say("协办部门：", "cooperating departments: ")
        << joined(oneThing.cooperatingDepartments(), zh ? "、" : ", ") << "\n\n";
    out << context.say("一表申请", "The unified form") << " (" << unified.form.fields.size()
        << context.say(" 栏)\n", " fields)\n");
    std::string section;
    for (std::size_t i = 0; i < unified.form.fields.size(); ++i) {
        const auto& field = unified.form.fields[i];
        const auto fieldSection = field.key.substr(0, field.key.find('.'));
        if (fieldSection != section) {
            section = fieldSection;
            out << "  [" << section << "]\n";
        }
        out << "    " << field.key << "  " << (zh || field.labelEn.empty() ? field.label : field.labelEn) << "  "
            << toString(field.kind);
        if (field.required)
            out << context.say("  必填", "  required");
        if (field.requiredWhen)
            out << context.say("  必填条件：", "  required when: ") << field.requiredWhen->source;
        if (field.visibleWhen)
            out << context.say("  显示条件：", "  shown when: ") << field.visibleWhen->source;
        out << context.say("  （", "  (") << matterNames(oneThing, unified.askedBy[i], zh) << context.say("）", ")")
            << "\n";
    }
    out << "\n" << context.say("一套材料", "The merged materials") << " (" << materials.size() << ")\n";
    for (const auto& material : materials) {
        const auto& type = *material.type;
        out << "    " << type.key << "  " << (zh || type.nameEn.empty() ? type.name : type.nameEn);
        if (material.key)
            out << context.say("  关键材料", "  key material");
        if (material.requiredWhen)
            out << context.say("  需要条件：", "  needed when: ") << material.requiredWhen->source;
        if (!type.issuedBy.empty())
            out << context.say("  免于提交，由 ", "  exempt, shared by ") << type.issuedBy
                << context.say(" 共享", "");
        else if (!type.provenBy.empty())
            out << context.say("  可由电子证照免交：", "  an electronic licence spares it: ")
                << joined(type.provenBy, zh ? "、" : ", ");
        out << context.say("  （", "  (") << matterNames(oneThing, material.matters, zh) << context.say("）", ")")
            << "\n";
    }
}

int unify(const std::vector<std::string>& args, const Context& context)
{
    const bool json = args.size() == 2 && args[1] == "--json";
    if (args.empty() || (args.size() == 2 && !json) || args.size() > 2) {
        context.err << kUsageText;
        return kUsage;
    }
    const auto text = readFile(args[0], context);
    if (!text)
        return kUsage;
    const auto oneThing = readOneThing(*text);
    if (!oneThing) {
        context.err << "tongban-forms: " << args[0] << ": " << oneThing.error().describe() << "\n";
        return kFinding;
    }
    const auto unified = unifyForm(*oneThing);
    const auto materials = mergeMaterials(*oneThing);
    if (json)
        printUnifiedJson(*unified, materials, context.out);
    else
        printUnifiedText(*oneThing, *unified, materials, context);
    return kOk;
}

} // namespace

const workflow::cli::ToolDescription kFormsTool{"tongban-forms", kUsageText, TONGBAN_VERSION};

int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    std::vector<std::string> args = arguments;
    Context context{out, err, workflow::chineseFromEnvironment()};
    if (args.size() >= 2 && args[0] == "--lang") {
        context.chinese = args[1].starts_with("zh");
        args.erase(args.begin(), args.begin() + 2);
    }
    if (args.empty()) {
        err << kUsageText;
        return kUsage;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "validate")
        return validate(rest, context);
    if (args[0] == "check-id" && rest.size() == 1)
        return checkId(rest[0], context);
    if (args[0] == "unify")
        return unify(rest, context);
    err << kUsageText;
    return kUsage;
}

} // namespace tongban::forms::cli
