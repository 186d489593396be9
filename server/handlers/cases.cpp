// Cases and what changes them: the cases a caller may see, one case with its
// tasks, data and intake record, creating a case, and batches of commands
// (idempotent by the sender's identifier, version-checked, each allowed or
// refused against the case as the writer finds it).
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "store/protocol/sync_protocol.h"
#include "workflow/runtime/case_state_json.h"

namespace tongban::server::handlers {

namespace {

protocol::CommandResult resultOf(const protocol::CommandEnvelope& envelope,
                                 const std::expected<store::Applied, store::Refusal>& outcome)
{
    if (!outcome)
        return protocol::refusedResult(envelope.id, envelope.caseNumber, outcome.error());
    return {envelope.id, envelope.caseNumber, true, outcome->version, 200, {}, {}};
}

} // namespace

ApiResponse queryCases(ApiCall& call)
{
    if (!may(callerOf(call), Capability::ReadCases))
        refuse(403, "forbidden", "your role does not read cases");
    const auto limit = queryNumber(call, "limit", 100, 1, 1000);
    std::vector<store::ReportValue> parameters;
    std::string where;
    const auto add = [&](const std::string& condition, const std::string& value) {
        parameters.emplace_back(value);
        where += " AND " + condition + "$" + std::to_string(parameters.size());
    };
    for (const auto& name : {std::string("applicant"), std::string("state"), std::string("oneThing"),
                             std::string("department")})
        if (call.request.query.contains(name) && queryText(call, name).empty())
            refuse(400, "invalid-parameter", "'" + name + "' is given without a value");
    if (const auto applicant = queryText(call, "applicant"); !applicant.empty())
        add("c.applicant_identity = ", applicant);
    if (const auto state = queryText(call, "state"); !state.empty()) {
        if (!workflow::caseStatusFromString(state))
            refuse(400, "invalid-parameter", "unknown case state '" + state + "'");
        add("c.status = ", state);
    }
    if (const auto oneThing = queryText(call, "oneThing"); !oneThing.empty())
        add("c.definition_key = ", oneThing);
    // Without a wider view, only the cases the caller's own department takes part in.
    auto department = queryText(call, "department");
    if (department.empty() && !may(callerOf(call), Capability::ReadAllInRegion))
        department = callerOf(call).user.department;
    if (!department.empty()) {
        parameters.emplace_back(department);
        where += " AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department = $" +
                 std::to_string(parameters.size()) + ")";
    }
    parameters.emplace_back(limit);
    const auto rows = call.store.reportQuery("SELECT c.number FROM cases c WHERE 1 = 1" + where +
                                                 " ORDER BY c.id DESC LIMIT $" + std::to_string(parameters.size()),
                                             parameters);
    Array list = new Poco::JSON::Array;
    for (const auto& row : rows) {
        const auto view = call.store.caseByNumber(std::get<std::string>(row[0]));
        if (view && mayReadCase(callerOf(call), caseAccess(call.store, *view)))
            list->add(protocol::caseViewJson(*view));
    }
    auto body = object();
    body->set("cases", list);
    return jsonResponse(body);
}

ApiResponse getCase(ApiCall& call)
{
    const auto [view, access] = readableCase(call, call.parameters.at("number"));
    auto body = protocol::caseViewJson(view);
    Array tasks = new Poco::JSON::Array;
    for (const auto& task : call.store.tasksOfCase(view.number))
        tasks->add(protocol::taskViewJson(task));
    body->set("tasks", tasks);
    auto data = object();
    if (const auto state = call.store.caseState(view.number))
        for (const auto& [key, value] : state->data)
            data->set(key, workflow::toJson(value));
    body->set("data", data);
    // The intake record: the answers and materials the case was accepted with.
    if (const auto application = call.store.applicationOf(view.number))
        body->set("application", *application);
    return jsonResponse(body);
}

ApiResponse createCase(ApiCall& call)
{
    require(call, Capability::CreateCases, "create cases");
    auto reader = bodyReader(call);
    store::NewCase request;
    request.definitionKey = reader.requireString("definitionKey");
    request.definitionVersion = reader.optionalInt("definitionVersion").value_or(0);
    request.channel = reader.requireString("channel");
    auto applicant = reader.requireObject("applicant");
    request.applicant = {applicant.requireString("name"), applicant.requireString("identity")};
    applicant.finish();
    if (auto data = reader.optionalObject("data"))
        for (const auto& [key, value] : *data->object()) {
            const auto read = workflow::valueFromJson(value);
            if (!read)
                workflow::json::failAt(data->memberPath(key), "a case value is text, a number, true or false, or a list of texts");
            request.data[key] = *read;
        }
    reader.finish();
    const auto& user = callerOf(call).user;
    request.region = callerOf(call).region;
    request.actor = {user.login, user.department};
    request.at = call.now;
    const auto created = call.service.stores.writer()->createCase(request);
    if (!created) {
        const auto result = protocol::refusedResult({}, {}, created.error());
        refuse(result.status, result.code, result.message);
    }
    return jsonResponse(protocol::caseViewJson(*call.store.caseByNumber(created->caseNumber)), 201);
}

ApiResponse postCommands(ApiCall& call)
{
    auto reader = bodyReader(call);
    const auto list = reader.requireArray("commands");
    if (list->size() > call.service.settings.commandsPerBatch)
        refuse(413, "batch-too-large", "a batch has at most " + std::to_string(call.service.settings.commandsPerBatch) + " commands");
    // Every envelope is read before any is applied: a malformed batch changes nothing.
    std::vector<protocol::CommandEnvelope> envelopes;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto item = list->getObject(static_cast<unsigned>(i));
        if (!item)
            workflow::json::failAt("commands[" + std::to_string(i) + "]", "a command is a JSON object");
        workflow::json::ObjectReader itemReader(item, "commands[" + std::to_string(i) + "]");
        envelopes.push_back(protocol::readEnvelope(itemReader));
        itemReader.finish();
    }
    reader.finish();
    const auto& caller = callerOf(call);
    Array results = new Poco::JSON::Array;
    for (const auto& envelope : envelopes) {
        const auto view = call.store.caseByNumber(envelope.caseNumber);
        if (!view) {
            results->add(protocol::resultJson(protocol::refusedResult(
                envelope.id, envelope.caseNumber,
                {store::Refusal::Kind::NotFound, "there is no case " + envelope.caseNumber, {}})));
            continue;
        }
        const auto tasks = call.store.tasksOfCase(view->number);
        const auto access = caseAccess(*view, tasks);
        std::optional<std::string> taskDepartment;
        if (const auto named = taskNamedBy(envelope.action))
            for (const auto& task : tasks)
                if (task.task == *named)
                    taskDepartment = task.department;
        if (const auto forbidden =
                commandForbidden(caller, envelope.action, access, taskDepartment, call.service.settings.policy)) {
            // Sent before, when the case has moved on since: the first outcome, nothing changed.
            if (const auto seen = call.store.commandReceipt(envelope.id)) {
                results->add(protocol::resultJson(resultOf(envelope, store::outcomeOf(*seen))));
                continue;
            }
            results->add(protocol::resultJson({envelope.id, envelope.caseNumber, false, 0, 403, "forbidden", *forbidden}));
            continue;
        }
        workflow::Command command{envelope.action, {caller.user.login, caller.user.department}, call.now, envelope.version};
        const auto outcome = call.service.commands.apply(envelope.id, envelope.caseNumber, command);
        // A command sent again is answered without events: it was counted the first time.
        call.service.figures.commandsApplied += outcome && !outcome->events.empty() ? 1 : 0;
        results->add(protocol::resultJson(resultOf(envelope, outcome)));
    }
    auto body = object();
    body->set("results", results);
    return jsonResponse(body);
}

} // namespace tongban::server::handlers
