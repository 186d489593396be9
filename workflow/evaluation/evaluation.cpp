#include "workflow/evaluation/evaluation.h"

#include "workflow/model/enum_names.h"

#include <algorithm>

namespace tongban::workflow {

namespace {

constexpr std::pair<EvaluationLevel, const char*> kLevelNames[] = {
    {EvaluationLevel::VeryDissatisfied, "非常不满意"}, {EvaluationLevel::Dissatisfied, "不满意"},
    {EvaluationLevel::BasicallySatisfied, "基本满意"}, {EvaluationLevel::Satisfied, "满意"},
    {EvaluationLevel::VerySatisfied, "非常满意"},
};
constexpr std::pair<EvaluationChannel, const char*> kChannelNames[] = {
    {EvaluationChannel::Window, "window"}, {EvaluationChannel::Online, "online"},
    {EvaluationChannel::Mobile, "mobile"}, {EvaluationChannel::Kiosk, "kiosk"},
    {EvaluationChannel::Hotline, "hotline"}, {EvaluationChannel::Paper, "paper"},
};
constexpr std::pair<EvaluationChannel, const char*> kChannelChineseNames[] = {
    {EvaluationChannel::Window, "窗口"}, {EvaluationChannel::Online, "网上"},
    {EvaluationChannel::Mobile, "移动端"}, {EvaluationChannel::Kiosk, "自助终端"},
    {EvaluationChannel::Hotline, "热线电话"}, {EvaluationChannel::Paper, "纸质"},
};
constexpr std::pair<EvaluatedKind, const char*> kKindNames[] = {
    {EvaluatedKind::Matter, "matter"}, {EvaluatedKind::Department, "department"}, {EvaluatedKind::Staff, "staff"}};

EvaluationProblem problem(std::string zh, std::string en) { return {std::move(zh), std::move(en)}; }

bool contains(const std::vector<std::string>& items, const std::string& item)
{
    return std::ranges::find(items, item) != items.end();
}

/// Cases handled entirely online or at a kiosk rate the matter only.
bool servedAtAWindow(const EvaluatedCase& evaluated) { return evaluated.channel == "窗口"; }

} // namespace

bool isBad(EvaluationLevel level) { return static_cast<int>(level) <= 2; }

const char* chineseName(EvaluationLevel level) { return nameIn(kLevelNames, level); }

std::optional<EvaluationLevel> evaluationLevelFromNumber(int number)
{
    if (number < 1 || number > 5)
        return std::nullopt;
    return static_cast<EvaluationLevel>(number);
}

const char* toString(EvaluationChannel channel) { return nameIn(kChannelNames, channel); }

const char* chineseName(EvaluationChannel channel) { return nameIn(kChannelChineseNames, channel); }

std::optional<EvaluationChannel> evaluationChannelFromString(std::string_view text)
{
    if (auto channel = valueIn(kChannelNames, text))
        return channel;
    if (text == "意见箱")
        return EvaluationChannel::Paper;
    return valueIn(kChannelChineseNames, text);
}

bool enteredByStaff(EvaluationChannel channel)
{
    return channel == EvaluationChannel::Hotline || channel == EvaluationChannel::Paper;
}

const std::vector<std::string>& contentItems(EvaluationChannel channel)
{
    static const std::vector<std::string> kOnline{"整体满意度", "办事效率", "办事指南精确度", "办事便捷度", "平台操作性"};
    static const std::vector<std::string> kOffline{"整体满意度", "服务效率", "服务水平", "服务态度"};
    const bool online = channel == EvaluationChannel::Online || channel == EvaluationChannel::Mobile ||
                        channel == EvaluationChannel::Kiosk;
    return online ? kOnline : kOffline;
}

const char* toString(EvaluatedKind kind) { return nameIn(kKindNames, kind); }

std::optional<EvaluatedKind> evaluatedKindFromString(std::string_view text) { return valueIn(kKindNames, text); }

std::optional<Instant> evaluationWindowEnd(const EvaluatedCase& evaluated, const EvaluationSettings& settings)
{
    if (!evaluated.endedAt)
        return std::nullopt;
    return *evaluated.endedAt + std::chrono::days{settings.windowDays};
}

std::optional<EvaluationProblem> checkEvaluation(const Evaluation& candidate, const EvaluatedCase& evaluated,
                                                 const std::vector<Evaluation>& existing,
                                                 const std::vector<std::string>& closedRectifications,
                                                 const EvaluationSettings& settings)
{
    if (candidate.at < evaluated.acceptedAt)
        return problem("评价早于办件受理", "the evaluation is dated before the case was accepted");
    const auto closes = evaluationWindowEnd(evaluated, settings);
    // A follow-up comes after a rectification, which may end after the window.
    if (!candidate.followUpOf && closes && candidate.at > *closes)
        return problem("办结后 " + std::to_string(settings.windowDays) + " 日的评价期已过",
                       "the evaluation window of " + std::to_string(settings.windowDays) +
                           " days after completion has closed");
    const auto& object = candidate.object;
    switch (object.kind) {
    case EvaluatedKind::Matter:
        if (object.id != evaluated.definitionKey)
            return problem("办件 " + evaluated.number + " 办理的不是事项 " + object.id,
                           "case " + evaluated.number + " is not a case of " + object.id);
        break;
    case EvaluatedKind::Department:
        if (!contains(evaluated.departments, object.id))
            return problem("部门 " + object.id + " 未办理该办件", "department " + object.id + " did no work on the case");
        break;
    case EvaluatedKind::Staff:
        if (!servedAtAWindow(evaluated))
            return problem("全程网办或自助办理的办件只评价事项", "a case handled online or at a kiosk rates the matter only");
        if (!contains(evaluated.windowStaff, object.id))
            return problem(object.id + " 未在窗口办理该办件", object.id + " did not serve the case at the window");
        break;
    }
    const auto& allowed = contentItems(candidate.channel);
    std::vector<std::string> rated;
    for (const auto& score : candidate.items) {
        if (!contains(allowed, score.item))
            return problem("“" + score.item + "”不是" + chineseName(candidate.channel) + "渠道的评价内容",
                           "'" + score.item + "' is not rated on the " + toString(candidate.channel) + " channel");
        if (contains(rated, score.item))
            return problem("“" + score.item + "”评了两次", "'" + score.item + "' is rated twice");
        rated.push_back(score.item);
    }
    if (enteredByStaff(candidate.channel) && candidate.enteredBy.empty())
        return problem("纸质和热线评价须记录录入人员", "a paper or hotline evaluation records who entered it");
    if (!candidate.evaluator.anonymous && (candidate.evaluator.name.empty() || candidate.evaluator.identity.empty()))
        return problem("实名评价须有评价人姓名和证件号码", "a real-name evaluation needs the evaluator's name and identity number");

    if (!candidate.followUpOf) {
        const bool twice = std::ranges::any_of(existing, [&](const Evaluation& e) {
            return !e.followUpOf && e.caseNumber == candidate.caseNumber && e.object == object;
        });
        if (twice)
            return problem("该办件的这一评价对象已评价过，一事一评",
                           "this object of the case has been evaluated already: one evaluation per object per case");
        return std::nullopt;
    }
    const auto original = std::ranges::find(existing, *candidate.followUpOf, &Evaluation::id);
    if (original == existing.end() || original->caseNumber != candidate.caseNumber)
        return problem("追评所针对的评价不存在", "the evaluation to follow up does not exist on this case");
    if (original->object != object)
        return problem("追评须针对同一评价对象", "a follow-up rates the same object as the evaluation it follows");
    if (original->rectificationCase.empty() || !contains(closedRectifications, original->rectificationCase))
        return problem("差评整改闭环后方可追评", "a follow-up is taken once the rectification of a bad evaluation has closed");
    const bool followedAlready = std::ranges::any_of(existing, [&](const Evaluation& e) {
        return e.followUpOf == candidate.followUpOf;
    });
    if (followedAlready)
        return problem("每条差评只能追评一次", "a bad evaluation takes one follow-up only");
    return std::nullopt;
}

} // namespace tongban::workflow
