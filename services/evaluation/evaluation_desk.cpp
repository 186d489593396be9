#include "services/evaluation/evaluation_desk.h"

#include "workflow/model/definition_json.h"

#include <algorithm>

namespace tongban::services {

namespace {

using namespace workflow;
using store::Store;

const Actor kSystem{"tongban", ""};

std::unexpected<DeskRefusal> refuse(std::string zh, std::string en)
{
    return std::unexpected(DeskRefusal{std::move(zh), std::move(en)});
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ",") + item;
    return text;
}

template <typename T>
const T* field(const CaseData& data, std::string_view key)
{
    const auto at = data.find(key);
    return at == data.end() ? nullptr : std::get_if<T>(&at->second);
}

/// Completes the open task of a rectification at one of `nodes`.
std::expected<void, DeskRefusal> complete(Store& store, const std::string& number,
                                          std::initializer_list<std::string_view> nodes, Outcome outcome,
                                          std::string reason, std::string returnTo, CaseData patch, const Actor& actor,
                                          Instant at, const char* stepZh, const char* stepEn)
{
    const auto state = store.caseState(number);
    const auto process = state ? store.definition(state->definitionKey, state->definitionVersion) : nullptr;
    if (!state || !process || state->definitionKey != kRectificationKey)
        return refuse("没有整改单 " + number, "there is no rectification " + number);
    for (const auto& task : state->marking.openTasks) {
        const auto& node = process->definition().nodes()[task.node];
        if (std::ranges::find(nodes, std::string_view(node.id)) == nodes.end())
            continue;
        auto applied = store.execute(number, Command{CompleteTask{task.number, outcome, std::move(reason),
                                                                  std::move(returnTo), std::move(patch)},
                                                     actor, at});
        if (!applied)
            return refuse("未能记录：" + applied.error().message, "not recorded: " + applied.error().message);
        return {};
    }
    return refuse("整改单 " + number + " 当前不在“" + stepZh + "”环节",
                  "rectification " + number + " is not waiting for " + stepEn);
}

std::string owningDepartment(Store& store, const Evaluation& evaluation, const EvaluatedCase& evaluated,
                             const std::vector<Actor>& actors)
{
    switch (evaluation.object.kind) {
    case EvaluatedKind::Department:
        return evaluation.object.id;
    case EvaluatedKind::Staff:
        for (const auto& actor : actors)
            if (actor.user == evaluation.object.id)
                return actor.department;
        break;
    case EvaluatedKind::Matter:
        for (const auto& entry : store.oneThings())
            if (entry.key == evaluated.definitionKey)
                return entry.leadDepartment;
        break;
    }
    return actors.empty() ? std::string() : actors.front().department;
}

} // namespace

int ensureRectificationProcess(Store& store, const EvaluationSettings& settings, const Actor& actor, Instant at)
{
    const auto latest = store.definition(std::string(kRectificationKey), 0);
    if (!latest) {
        if (auto published = store.publishDefinition(rectificationDefinition(settings), actor, at); !published)
            throw store::StoreError("the built-in rectification process cannot be published: " +
                                    published.error().message);
        return 1;
    }
    // A designer's version stays as it is, only with the limits the settings give.
    auto wanted = latest->definition();
    wanted.status = DefinitionStatus::Draft;
    applyRectificationLimits(wanted, settings);
    wanted.status = DefinitionStatus::Published;
    if (writeDefinition(wanted) == writeDefinition(latest->definition()))
        return wanted.version;
    wanted.version += 1;
    wanted.status = DefinitionStatus::Draft;
    if (auto published = store.publishDefinition(wanted, actor, at); !published)
        throw store::StoreError("the rectification process with new limits cannot be published: " +
                                published.error().message);
    return wanted.version;
}

std::optional<EvaluatedCase> evaluatedCase(store::CaseQueries& store, const std::string& caseNumber)
{
    const auto view = store.caseByNumber(caseNumber);
    if (!view)
        return std::nullopt;
    EvaluatedCase evaluated{view->number, view->definitionKey, view->channel, {}, {}, view->acceptedAt, view->endedAt};
    for (const auto& task : store.tasksOfCase(caseNumber))
        if (!task.department.empty() && std::ranges::find(evaluated.departments, task.department) == evaluated.departments.end())
            evaluated.departments.push_back(task.department);
    const auto actors = store.actorsOfCase(caseNumber);
    // The window's staff: whoever acted for the department that accepted the case.
    for (const auto& actor : actors)
        if (actor.department == actors.front().department)
            evaluated.windowStaff.push_back(actor.user);
    return evaluated;
}

std::expected<Evaluation, DeskRefusal> recordEvaluation(Store& store, Evaluation evaluation,
                                                        const EvaluationSettings& settings)
{
    const auto evaluated = evaluatedCase(store, evaluation.caseNumber);
    if (!evaluated)
        return refuse("没有办件 " + evaluation.caseNumber, "there is no case " + evaluation.caseNumber);
    if (evaluated->definitionKey == kRectificationKey)
        return refuse("整改单不接受评价", "a rectification is not evaluated");
    const auto existing = store.evaluationsOfCase(evaluation.caseNumber);
    std::vector<std::string> closed;
    for (const auto& earlier : existing)
        if (!earlier.rectificationCase.empty())
            if (const auto view = store.caseByNumber(earlier.rectificationCase); view && view->endedAt)
                closed.push_back(earlier.rectificationCase);
    if (const auto problem = checkEvaluation(evaluation, *evaluated, existing, closed, settings))
        return std::unexpected(DeskRefusal{problem->message});

    std::optional<store::NewCase> rectification;
    if (isBad(evaluation.level) && !evaluation.followUpOf) {
        const auto view = store.caseByNumber(evaluation.caseNumber);
        const auto owner = owningDepartment(store, evaluation, *evaluated, store.actorsOfCase(evaluation.caseNumber));
        const int version = ensureRectificationProcess(store, settings, kSystem, evaluation.at);
        const Actor opener{evaluation.enteredBy.empty() ? std::string("applicant") : evaluation.enteredBy, ""};
        rectification = store::NewCase{std::string(kRectificationKey), version, view->region, "好差评",
                                       {view->applicantName, view->applicantIdentity},
                                       rectificationStartData(owner, 0, "差评"), opener, evaluation.at, {}};
    }
    auto saved = store.recordEvaluation(evaluation, rectification);
    if (!saved)
        return refuse("评价未保存：" + saved.error().message, "the evaluation was not saved: " + saved.error().message);
    return std::move(*saved);
}

std::expected<std::string, DeskRefusal> openRectification(Store& store, const std::string& owner, const std::string& source,
                                                          const std::string& region, const EvaluationSettings& settings,
                                                          const Actor& supervisor, Instant at)
{
    if (source != "督查发现" && source != "投诉")
        return refuse("整改来源应为“督查发现”或“投诉”", "a rectification opened by hand comes from 督查发现 or 投诉");
    const auto departments = store.departments();
    if (std::ranges::none_of(departments, [&](const store::Department& d) { return d.code == owner; }))
        return refuse("没有部门 " + owner, "there is no department " + owner);
    const int version = ensureRectificationProcess(store, settings, supervisor, at);
    auto created = store.createCase({std::string(kRectificationKey), version, region, source, {source, supervisor.user},
                                     rectificationStartData(owner, 0, source), supervisor, at, {}});
    if (!created)
        return refuse("未能立单：" + created.error().message, "not opened: " + created.error().message);
    return created->caseNumber;
}

std::expected<void, DeskRefusal> verifyRectification(Store& store, const std::string& rectification,
                                                     RectificationKind kind, const std::string& finding,
                                                     const std::vector<std::string>& evidence, const Actor& actor,
                                                     Instant at)
{
    if (kind == RectificationKind::Unclassified)
        return refuse("核实后须确定整改方式", "verifying means classifying: at once, with a deadline, explain or appeal");
    if (finding.empty())
        return refuse("须记录核实情况", "the finding of the verification must be recorded");
    CaseData patch{{std::string(rectification::kKind), std::string(chineseName(kind))},
                   {"verify.finding", finding},
                   {"verify.evidence", joined(evidence)}};
    return complete(store, rectification, {rectification::kVerify}, Outcome::Approve, {}, {}, std::move(patch), actor, at,
                    "回访核实", "verification");
}

std::expected<void, DeskRefusal> decideAppeal(Store& store, const std::string& rectification, bool upheld,
                                              const std::string& reason, const Actor& supervisor, Instant at)
{
    if (reason.empty())
        return refuse("申诉复核须说明理由", "an appeal decision keeps its reason");
    CaseData patch{{std::string(rectification::kAppealUpheld), upheld}, {"appeal.reason", reason}};
    return complete(store, rectification, {rectification::kAppealReview}, Outcome::Approve, {}, {}, std::move(patch),
                    supervisor, at, "申诉复核", "an appeal decision");
}

std::expected<void, DeskRefusal> replyToEvaluator(Store& store, const std::string& rectification, const std::string& reply,
                                                  const std::vector<std::string>& evidence, const Actor& actor, Instant at)
{
    if (reply.empty())
        return refuse("须记录答复内容", "the reply to the evaluator must be recorded");
    CaseData patch{{"reply.text", reply}, {"reply.evidence", joined(evidence)}};
    return complete(store, rectification, {rectification::kRectify, rectification::kExplain}, Outcome::Approve, {}, {},
                    std::move(patch), actor, at, "整改答复", "a reply");
}

std::expected<void, DeskRefusal> recordRevisit(Store& store, const std::string& rectification, bool satisfied,
                                               bool settleOnRecord, const std::string& note, const Actor& actor,
                                               Instant at)
{
    CaseData patch{{std::string(rectification::kSatisfied), satisfied}, {"revisit.note", note}};
    if (satisfied || settleOnRecord) {
        if (!satisfied && note.empty())
            return refuse("评价人仍不满意时办结，须记录理由", "closing while the evaluator is unsatisfied needs the reason on record");
        return complete(store, rectification, {rectification::kRevisit}, Outcome::Approve, {}, {}, std::move(patch), actor,
                        at, "回访评价人", "a revisit");
    }
    return complete(store, rectification, {rectification::kRevisit}, Outcome::Return,
                    note.empty() ? std::string("评价人仍不满意") : note, std::string(rectification::kVerify),
                    std::move(patch), actor, at, "回访评价人", "a revisit");
}

bool mayContactEvaluator(const store::User& viewer, const std::string& owningDepartment)
{
    switch (viewer.role) {
    case store::Role::Supervisor:
    case store::Role::Administrator:
        return true;
    case store::Role::Officer:
    case store::Role::Clerk:
        return viewer.department == owningDepartment;
    case store::Role::Designer:
        return false;
    }
    return false;
}

Evaluation visibleTo(Evaluation evaluation, const store::User& viewer, const std::string& owningDepartment)
{
    if (!mayContactEvaluator(viewer, owningDepartment))
        evaluation.evaluator = Evaluator{{}, {}, {}, evaluation.evaluator.anonymous};
    return evaluation;
}

EvaluationRecords evaluationRecords(Store& store, Instant at)
{
    EvaluationRecords records;
    std::vector<std::int64_t> upheld;
    for (const auto& view : store.casesOfDefinition(std::string(kRectificationKey))) {
        if (view.acceptedAt > at)
            continue;
        const auto state = store.caseState(view.number);
        RectificationFacts facts;
        facts.caseNumber = view.number;
        facts.openedAt = view.acceptedAt;
        if (view.endedAt && *view.endedAt <= at)
            facts.closedAt = view.endedAt;
        if (const auto* id = field<double>(state->data, rectification::kEvaluation))
            facts.evaluationId = static_cast<std::int64_t>(*id);
        if (const auto* owner = field<std::string>(state->data, rectification::kDepartment))
            facts.department = *owner;
        const auto* appealUpheld = field<bool>(state->data, rectification::kAppealUpheld);
        facts.appealUpheld = appealUpheld && *appealUpheld && facts.closedAt;
        const auto* satisfied = field<bool>(state->data, rectification::kSatisfied);
        facts.satisfied = satisfied && *satisfied;
        for (const auto& task : store.tasksOfCase(view.number)) {
            const bool done = task.closedAt && *task.closedAt <= at;
            if (task.node == rectification::kRevisit && done)
                facts.revisited = true;
            if (task.dueAt && ((done && *task.closedAt > *task.dueAt) || (!done && at > *task.dueAt)))
                facts.onTime = false;
        }
        if (facts.appealUpheld)
            upheld.push_back(facts.evaluationId);
        records.rectifications.push_back(std::move(facts));
    }
    for (auto& evaluation : store.evaluationsBefore(at)) {
        const bool excluded = std::ranges::find(upheld, evaluation.id) != upheld.end();
        records.evaluations.push_back({std::move(evaluation), excluded});
    }
    for (const auto& view : store.casesEndedBefore(at))
        if (view.definitionKey != kRectificationKey)
            records.endedCases.push_back({view.number, *view.endedAt});
    return records;
}

EvaluationMetrics evaluationMetrics(Store& store, const Calendar& calendar, Instant at, const EvaluationSettings& settings)
{
    const auto records = evaluationRecords(store, at);
    return computeEvaluationMetrics(records.evaluations, records.rectifications, records.endedCases, calendar, at, settings);
}

} // namespace tongban::services
