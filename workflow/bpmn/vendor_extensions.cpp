#include "workflow/bpmn/vendor_extensions.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>

namespace tongban::workflow::bpmn {

namespace {

/// The engines whose task attributes designers set: Camunda 7, the Activiti
/// namespace it still reads, and Flowable. They name them alike.
const std::set<std::string, std::less<>> kEngines{"http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn",
                                                  "http://flowable.org/bpmn"};
const std::set<std::string, std::less<>> kDesignerAttributes{"candidateGroups", "candidateUsers", "assignee", "dueDate",
                                                             "formKey"};

std::string localName(const std::string& name)
{
    const auto colon = name.find(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// A duration of whole days written in ISO 8601 (P5D, P2W, PT48H), in days.
std::optional<int> wholeDays(const std::string& text)
{
    // Years and months have no fixed length; hours, minutes and seconds count when they make whole days.
    static const std::regex kDuration(R"(P(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?)");
    std::smatch parts;
    if (!std::regex_match(text, parts, kDuration) || text == "P" || text.ends_with('T'))
        return std::nullopt;
    const auto number = [&](std::size_t part) { return parts[part].matched ? std::stoll(parts[part].str()) : 0LL; };
    const long long seconds = ((number(1) * 7 + number(2)) * 24 + number(3)) * 3600 + number(4) * 60 + number(5);
    constexpr long long kDay = 24 * 3600;
    if (seconds % kDay != 0)
        return std::nullopt;
    return static_cast<int>(seconds / kDay);
}

/// Sets what a designer's attribute says on the node; why not, when it cannot.
std::optional<Bilingual> mapOnto(Node& node, const std::string& attribute, const std::string& value,
                                 const ProcessDefinition& definition)
{
    const bool task = node.kind == NodeKind::Task;
    const auto text = trimmed(value);
    if (attribute == "candidateUsers" || attribute == "assignee")
        return Bilingual{"通办把环节交给部门，由部门人员签收", "Tongban gives a task to a department, whose officers claim it"};
    if (attribute == "candidateGroups") {
        if (!task)
            return Bilingual{"只有办理环节交给部门", "only a task goes to a department"};
        if (!node.department.empty())
            return Bilingual{"环节的部门已由 tongban:department 定为 " + quoted(node.department),
                             "the task's department is " + quoted(node.department) + " from tongban:department"};
        if (text.empty() || text.find_first_of(",${}") != std::string::npos)
            return Bilingual{"通办的环节只交给一个部门", "a Tongban task goes to one department"};
        node.department = text;
        return std::nullopt;
    }
    if (attribute == "dueDate") {
        if (!task)
            return Bilingual{"只有办理环节有时限", "only a task has a time limit"};
        if (node.timeLimit)
            return Bilingual{"环节的时限已由 tongban:timeLimit 给出", "the task's limit comes from tongban:timeLimit"};
        const auto days = wholeDays(text);
        if (!days)
            return Bilingual{"不是整日数的期限（如 P5D、P2W）", "not a duration of whole days (such as P5D or P2W)"};
        node.timeLimit = TimeLimit{*days, LimitUnit::NaturalDays};
        return std::nullopt;
    }
    if (!task)
        return Bilingual{"只有办理环节有表单部分，申请表是一件事的统一表单",
                         "only a task has a form section; the application form is the one-thing's unified form"};
    if (!node.formSection.empty())
        return Bilingual{"环节的表单部分已由 tongban:formSection 定为 " + quoted(node.formSection),
                         "the task's form section is " + quoted(node.formSection) + " from tongban:formSection"};
    const bool declared = std::ranges::any_of(definition.fields, [&](const auto& field) {
        return field.first.starts_with(text + ".");
    });
    if (text.empty() || !declared)
        return Bilingual{"流程没有声明 " + quoted(text + ".") + " 开头的字段，它不是本流程的表单部分",
                         "the process declares no field in a section " + quoted(text)};
    node.formSection = text;
    return std::nullopt;
}

void warn(Diagnostics& out, std::string code, const std::string& element, std::string zh, std::string en)
{
    out.push_back({Severity::Warning, std::move(code), element, {std::move(zh), std::move(en)}});
}

const std::string kKeptZh = "；已原样保留，导出 BPMN 时写回";

/// Keeps the extension elements, naming listeners one by one (they would
/// have run code) and the rest with the attributes already named in `others`.
void keepElements(const VendorExtensions& vendor, const std::string& elementId, std::vector<std::string> others,
                  BpmnExtensions& kept, Diagnostics& out)
{
    for (const auto& element : vendor.elements) {
        kept.elements.push_back(element.xml);
        if (localName(element.name).find("Listener") == std::string::npos) {
            others.push_back(element.name);
            continue;
        }
        const auto event = element.event.empty() ? std::string() : " (" + element.event + ")";
        const auto eventZh = element.event.empty() ? std::string() : "（" + element.event + "）";
        warn(out, "bpmn.listener-kept", elementId,
             quoted(elementId) + " 的监听器 " + element.name + eventZh + " 不会在通办中运行" + kKeptZh,
             "listener " + element.name + event + " on " + quoted(elementId) +
                 " does not run in Tongban; it is kept as it is and written back on export to BPMN");
    }
    if (others.empty())
        return;
    std::vector<std::string> names;  // signavio:signavioMetaData comes a dozen times
    for (const auto& name : others)
        if (std::ranges::find(names, name) == names.end())
            names.push_back(name);
    std::string zh, en;
    for (const auto& name : names) {
        zh += (zh.empty() ? "" : "、") + name;
        en += (en.empty() ? "" : ", ") + name;
    }
    const bool one = names.size() == 1;
    warn(out, "bpmn.extension-kept", elementId, quoted(elementId) + " 的 " + zh + " 在通办中不起作用" + kKeptZh,
         en + " on " + quoted(elementId) + (one ? " has" : " have") + " no effect in Tongban; " + (one ? "it is" : "they are") +
             " kept as " + (one ? "it is" : "they are") + " and written back on export to BPMN");
}

} // namespace

BpmnExtensions importVendorExtensions(const VendorExtensions& vendor, Node& node, const ProcessDefinition& definition,
                                      Diagnostics& out)
{
    BpmnExtensions kept;
    std::vector<std::string> others;
    for (const auto& attribute : vendor.attributes) {
        const auto local = localName(attribute.name);
        if (!kEngines.contains(attribute.namespaceUri) || !kDesignerAttributes.contains(local)) {
            others.push_back(attribute.name);
        } else if (const auto why = mapOnto(node, local, attribute.value, definition)) {
            warn(out, "bpmn.attribute-not-mapped", node.id,
                 quoted(node.id) + " 的 " + attribute.name + "（" + quoted(attribute.value) + "）未映射：" + why->zh + kKeptZh,
                 attribute.name + " (" + quoted(attribute.value) + ") of " + quoted(node.id) + " is not mapped: " + why->en +
                     "; it is kept as it is and written back on export to BPMN");
        } else {
            continue;  // Tongban's own now, and written as Tongban's
        }
        kept.attributes.push_back(attribute);
    }
    keepElements(vendor, node.id, std::move(others), kept, out);
    return kept;
}

BpmnExtensions keepVendorExtensions(const VendorExtensions& vendor, const std::string& elementId, Diagnostics& out)
{
    BpmnExtensions kept;
    kept.attributes = vendor.attributes;
    std::vector<std::string> names;
    for (const auto& attribute : vendor.attributes)
        names.push_back(attribute.name);
    keepElements(vendor, elementId, std::move(names), kept, out);
    return kept;
}

} // namespace tongban::workflow::bpmn
