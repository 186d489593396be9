// Evaluations (好差评) and their rectification loop: entering an evaluation,
// a case's evaluations as the caller may see them, opening a rectification,
// its steps (verification, reply, revisit) by the department that owns each,
// and supervisors' decisions on appeals. The rules are the evaluation desk's
// (services/evaluation); this file reads requests and answers.
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "services/evaluation/evaluation_desk.h"
#include "workflow/evaluation/evaluation_json.h"
#include "workflow/evaluation/rectification.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace tongban::server::handlers {

namespace {

/// A refusal of the evaluation desk, in the caller's request's terms.
[[noreturn]] void refuseDesk(const services::DeskRefusal& refusal, int status = 422)
{
    refuse(status, "refused", refusal.message.en + " (" + refusal.message.zh + ")");
}

/// The department an open step of a rectification at `node` is assigned to, if one is open there.
std::optional<std::string> openStepDepartment(store::Store& store, const std::string& rectification,
                                              std::initializer_list<std::string_view> nodes)
{
    for (const auto& task : store.tasksOfCase(rectification))
        if ((task.state == store::TaskState::Open || task.state == store::TaskState::Claimed) &&
            std::ranges::find(nodes, std::string_view(task.node)) != nodes.end())
            return task.department;
    return std::nullopt;
}

} // namespace

ApiResponse recordEvaluation(ApiCall& call)
{
    require(call, Capability::EnterEvaluations, "enter evaluations");
    const auto& caller = callerOf(call);
    auto reader = bodyReader(call);
    workflow::Evaluation evaluation;
    evaluation.caseNumber = reader.requireString("case");
    auto rated = reader.requireObject("object");
    evaluation.object.kind = rated.requireEnum("kind", workflow::evaluatedKindFromString, "evaluated kind");
    evaluation.object.id = rated.requireString("id");
    rated.finish();
    const auto level = workflow::evaluationLevelFromNumber(reader.requireInt("level"));
    if (!level)
        workflow::json::failAt(reader.memberPath("level"), "a level is 1 (非常不满意) to 5 (非常满意)");
    evaluation.level = *level;
    evaluation.channel = reader.requireEnum("channel", workflow::evaluationChannelFromString, "channel");
    if (const auto items = reader.optionalArray("items"))
        for (std::size_t i = 0; i < items->size(); ++i) {
            workflow::json::ObjectReader item(items->getObject(static_cast<unsigned>(i)),
                                              reader.memberPath("items") + "[" + std::to_string(i) + "]");
            const auto itemLevel = workflow::evaluationLevelFromNumber(item.requireInt("level"));
            if (!itemLevel)
                workflow::json::failAt(item.memberPath("level"), "a level is 1 to 5");
            evaluation.items.push_back({item.requireString("item"), *itemLevel});
            item.finish();
        }
    evaluation.reasonTags = reader.optionalStrings("reasonTags");
    evaluation.comment = reader.optionalString("comment");
    auto evaluator = reader.requireObject("evaluator");
    evaluation.evaluator = {evaluator.requireString("name"), evaluator.requireString("identity"),
                            evaluator.optionalString("phone"), evaluator.optionalBool("anonymous", false)};
    evaluator.finish();
    if (const auto followUp = reader.optionalNumber("followUpOf"))
        evaluation.followUpOf = static_cast<std::int64_t>(*followUp);
    reader.finish();
    if (workflow::enteredByStaff(evaluation.channel) || evaluation.channel == workflow::EvaluationChannel::Window)
        evaluation.enteredBy = caller.user.login;
    evaluation.at = call.now;
    const auto [view, access] = readableCase(call, evaluation.caseNumber);
    const auto recorded = services::recordEvaluation(*call.service.stores.writer(), evaluation, workflow::EvaluationSettings{});
    if (!recorded)
        refuseDesk(recorded.error());
    auto body = object();
    body->set("id", static_cast<Poco::Int64>(recorded->id));
    body->set("rectification", recorded->rectificationCase);
    return jsonResponse(body, 201);
}

ApiResponse caseEvaluations(ApiCall& call)
{
    const auto [view, access] = readableCase(call, call.parameters.at("number"));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& evaluation : call.store.evaluationsOfCase(view.number)) {
        std::string owner;
        if (!evaluation.rectificationCase.empty())
            for (const auto& task : call.store.tasksOfCase(evaluation.rectificationCase))
                if (task.node == workflow::rectification::kVerify)
                    owner = task.department;
        const auto shown = services::visibleTo(evaluation, callerOf(call).user, owner);
        list->add(workflow::json::parse(workflow::writeEvaluation(shown))->extract<Object>());
    }
    auto body = object();
    body->set("evaluations", list);
    return jsonResponse(body);
}

ApiResponse openRectification(ApiCall& call)
{
    require(call, Capability::Supervise, "open a rectification by hand");
    const auto& caller = callerOf(call);
    auto reader = bodyReader(call);
    const auto owner = reader.requireString("owner");
    const auto source = reader.requireString("source");
    reader.finish();
    const auto opened = services::openRectification(*call.service.stores.writer(), owner, source, caller.region, workflow::EvaluationSettings{},
                                                  actorOf(caller), call.now);
    if (!opened)
        refuseDesk(opened.error());
    auto body = object();
    body->set("rectification", *opened);
    return jsonResponse(body, 201);
}

ApiResponse rectificationStep(ApiCall& call)
{
    namespace loop = workflow::rectification;
    const auto& number = call.parameters.at("number");
    const auto& step = call.parameters.at("step");
    const auto [view, access] = readableCase(call, number);
    if (view.definitionKey != workflow::kRectificationKey)
        refuse(404, "case-not-found", "case " + number + " is not a rectification");
    const auto& caller = callerOf(call);
    auto reader = bodyReader(call);
    const auto forStep = [&](std::initializer_list<std::string_view> nodes) {
        const auto department = openStepDepartment(call.store, number, nodes);
        if (!department)
            refuse(409, "not-at-step", "rectification " + number + " is not waiting for " + step);
        if (const auto forbidden = stepForbidden(caller, *department))
            refuse(403, "forbidden", "rectification " + number + ": " + *forbidden);
    };
    std::expected<void, services::DeskRefusal> done;
    if (step == "verification") {
        const auto kind = reader.requireEnum("kind", workflow::rectificationKindFromString, "rectification kind");
        const auto finding = reader.requireString("finding");
        const auto evidence = reader.optionalStrings("evidence");
        reader.finish();
        forStep({loop::kVerify});
        done = services::verifyRectification(*call.service.stores.writer(), number, kind, finding, evidence, actorOf(caller), call.now);
    } else if (step == "reply") {
        const auto reply = reader.requireString("reply");
        const auto evidence = reader.optionalStrings("evidence");
        reader.finish();
        forStep({loop::kRectify, loop::kExplain});
        done = services::replyToEvaluator(*call.service.stores.writer(), number, reply, evidence, actorOf(caller), call.now);
    } else if (step == "revisit") {
        const bool satisfied = reader.optionalBool("satisfied", false);
        const bool settle = reader.optionalBool("settleOnRecord", false);
        const auto note = reader.optionalString("note");
        reader.finish();
        forStep({loop::kRevisit});
        done = services::recordRevisit(*call.service.stores.writer(), number, satisfied, settle, note, actorOf(caller), call.now);
    } else {
        refuse(404, "no-such-route", "a rectification's steps are verification, reply and revisit, not '" + step + "'");
    }
    if (!done)
        refuseDesk(done.error());
    return noContent();
}

ApiResponse decideAppeal(ApiCall& call)
{
    const auto& number = call.parameters.at("number");
    require(call, Capability::Supervise, "decide an appeal");
    const auto& caller = callerOf(call);
    readableCase(call, number);
    auto reader = bodyReader(call);
    const bool upheld = reader.optionalBool("upheld", false);
    const auto reason = reader.requireString("reason");
    reader.finish();
    if (const auto done = services::decideAppeal(*call.service.stores.writer(), number, upheld, reason, actorOf(caller), call.now); !done)
        refuseDesk(done.error());
    return noContent();
}

} // namespace tongban::server::handlers
