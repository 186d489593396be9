#include "workflow/model/definition_diff.h"

#include <algorithm>

namespace tongban::workflow {

namespace {

using Change = DefinitionChange;

template <typename Value>
void compare(std::vector<std::string>& members, const char* name, const Value& before, const Value& after)
{
    if (!(before == after))
        members.emplace_back(name);
}

std::vector<std::string> nodeMembers(const Node& a, const Node& b)
{
    std::vector<std::string> members;
    compare(members, "type", a.kind, b.kind);
    compare(members, "name", a.name, b.name);
    compare(members, "department", a.department, b.department);
    compare(members, "role", a.role, b.role);
    compare(members, "matter", a.matter, b.matter);
    compare(members, "formSection", a.formSection, b.formSection);
    compare(members, "timeLimit", a.timeLimit, b.timeLimit);
    compare(members, "documentation", a.documentation, b.documentation);
    return members;
}

std::vector<std::string> flowMembers(const ProcessDefinition& before, std::size_t f, const ProcessDefinition& after,
                                     std::size_t g)
{
    const auto& a = before.flows()[f];
    const auto& b = after.flows()[g];
    std::vector<std::string> members;
    compare(members, "from", before.nodes()[before.source(f)].id, after.nodes()[after.source(g)].id);
    compare(members, "to", before.nodes()[before.target(f)].id, after.nodes()[after.target(g)].id);
    compare(members, "name", a.name, b.name);
    compare(members, "kind", a.kind, b.kind);
    compare(members, "condition", a.condition, b.condition);
    compare(members, "default", a.isDefault, b.isDefault);
    compare(members, "documentation", a.documentation, b.documentation);
    return members;
}

bool sameField(const FieldDeclaration& a, const FieldDeclaration& b)
{
    return a.type == b.type && a.allowedValues == b.allowedValues;
}

} // namespace

std::vector<DefinitionChange> diffDefinitions(const ProcessDefinition& before, const ProcessDefinition& after)
{
    std::vector<Change> changes;
    std::vector<std::string> members;
    compare(members, "key", before.key, after.key);
    compare(members, "name", before.name, after.name);
    compare(members, "documentation", before.documentation, after.documentation);
    compare(members, "promisedLimit", before.promisedLimit, after.promisedLimit);
    compare(members, "legalLimit", before.legalLimit, after.legalLimit);
    if (!members.empty())
        changes.push_back({Change::Kind::Changed, Change::Element::Definition, {}, std::move(members)});

    for (const auto& [path, field] : after.fields) {
        const auto old = before.fields.find(path);
        if (old == before.fields.end())
            changes.push_back({Change::Kind::Added, Change::Element::Field, path, {}});
        else if (!sameField(old->second, field))
            changes.push_back({Change::Kind::Changed, Change::Element::Field, path, {"type", "values"}});
    }
    for (const auto& [path, field] : before.fields)
        if (!after.fields.contains(path))
            changes.push_back({Change::Kind::Removed, Change::Element::Field, path, {}});

    for (const auto& node : after.nodes()) {
        const auto old = before.findNode(node.id);
        if (!old)
            changes.push_back({Change::Kind::Added, Change::Element::Node, node.id, {}});
        else if (auto differ = nodeMembers(before.nodes()[*old], node); !differ.empty())
            changes.push_back({Change::Kind::Changed, Change::Element::Node, node.id, std::move(differ)});
    }
    for (const auto& node : before.nodes())
        if (!after.findNode(node.id))
            changes.push_back({Change::Kind::Removed, Change::Element::Node, node.id, {}});

    for (std::size_t g = 0; g < after.flows().size(); ++g) {
        const auto& flow = after.flows()[g];
        const auto old = before.findFlow(flow.id);
        if (!old)
            changes.push_back({Change::Kind::Added, Change::Element::Flow, flow.id, {}});
        else if (auto differ = flowMembers(before, *old, after, g); !differ.empty())
            changes.push_back({Change::Kind::Changed, Change::Element::Flow, flow.id, std::move(differ)});
    }
    for (const auto& flow : before.flows())
        if (!after.findFlow(flow.id))
            changes.push_back({Change::Kind::Removed, Change::Element::Flow, flow.id, {}});
    return changes;
}

std::string describe(const DefinitionChange& change, bool chinese)
{
    static constexpr const char* kKindZh[] = {"新增", "删除", "修改"};
    static constexpr const char* kKindEn[] = {"added", "removed", "changed"};
    static constexpr const char* kElementZh[] = {"流程", "字段", "节点", "连线"};
    static constexpr const char* kElementEn[] = {"the definition", "field", "node", "flow"};
    const auto kind = static_cast<std::size_t>(change.kind);
    const auto element = static_cast<std::size_t>(change.element);
    std::string text = chinese ? std::string(kKindZh[kind]) + " " + kElementZh[element]
                               : std::string(kKindEn[kind]) + " " + kElementEn[element];
    if (!change.id.empty())
        text += " " + change.id;
    if (!change.members.empty()) {
        text += chinese ? "：" : ": ";
        for (std::size_t i = 0; i < change.members.size(); ++i)
            text += (i ? ", " : "") + change.members[i];
    }
    return text;
}

} // namespace tongban::workflow
