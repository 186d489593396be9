#include "workflow/evaluation/rectification.h"

#include "workflow/model/definition_json.h"
#include "workflow/model/enum_names.h"

#include <stdexcept>

namespace tongban::workflow {

extern const std::string_view kRectificationJson;

namespace {

constexpr std::pair<RectificationKind, const char*> kKindNames[] = {
    {RectificationKind::Unclassified, "未分类"}, {RectificationKind::AtOnce, "立行立改"},
    {RectificationKind::WithDeadline, "限期整改"}, {RectificationKind::Explain, "解释说明"},
    {RectificationKind::Appeal, "申诉"},
};

} // namespace

const char* chineseName(RectificationKind kind) { return nameIn(kKindNames, kind); }

std::optional<RectificationKind> rectificationKindFromString(std::string_view text) { return valueIn(kKindNames, text); }

ProcessDefinition rectificationDefinition(const EvaluationSettings& settings)
{
    auto loaded = readDefinition(kRectificationJson);
    if (!loaded)
        throw std::logic_error("the built-in rectification process does not read: " + loaded.error().describe());
    applyRectificationLimits(loaded->definition, settings);
    return std::move(loaded->definition);
}

void applyRectificationLimits(ProcessDefinition& definition, const EvaluationSettings& settings)
{
    const std::pair<std::string_view, TimeLimit> limits[] = {
        {rectification::kVerify, settings.verifyLimit},   {rectification::kAppealReview, settings.appealLimit},
        {rectification::kRectify, settings.rectifyLimit}, {rectification::kExplain, settings.rectifyLimit},
        {rectification::kRevisit, settings.revisitLimit},
    };
    for (const auto& [node, limit] : limits)
        if (const auto index = definition.findNode(node))
            definition.node(*index).timeLimit = limit;
}

CaseData rectificationStartData(const std::string& owningDepartment, std::int64_t evaluationId, const std::string& source)
{
    return {{std::string(rectification::kDepartment), owningDepartment},
            {std::string(rectification::kKind), std::string(chineseName(RectificationKind::Unclassified))},
            {std::string(rectification::kAppealUpheld), false},
            {std::string(rectification::kSatisfied), false},
            {std::string(rectification::kEvaluation), static_cast<double>(evaluationId)},
            {std::string(rectification::kSource), source}};
}

} // namespace tongban::workflow
