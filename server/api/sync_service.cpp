#include "server/api/sync_service.h"

#include "reports/catalogue/catalogue.h"
#include "reports/render/renderers.h"
#include "services/evaluation/evaluation_desk.h"
#include "workflow/evaluation/evaluation_json.h"
#include "workflow/evaluation/rectification.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"
#include "store/protocol/sync_protocol.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TemporaryFile.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace tongban::server {

namespace {

using Object = Poco::JSON::Object::Ptr;
using Array = Poco::JSON::Array::Ptr;

/// Thrown by a handler for a client mistake or a refusal; handle() answers with it.
struct Refused {
    ApiError error;
};

[[noreturn]] void refuse(int status, std::string code, std::string message)
{
    throw Refused{ApiError{status, std::move(code), std::move(message)}};
}

Object object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

/// The request body as a JSON object, or 400.
workflow::json::ObjectReader bodyReader(const ApiCall& call)
{
    if (call.request.body.empty())
        refuse(400, "empty-body", "the request needs a JSON object as its body");
    const auto parsed = workflow::json::parse(call.request.body);
    if (!parsed)
        refuse(400, "malformed-json", "the body is not JSON: " + parsed.error().describe());
    if (parsed->type() != typeid(Object))
        refuse(400, "malformed-json", "the body is not a JSON object");
    return workflow::json::ObjectReader(parsed->extract<Object>(), "");
}

/// A whole number from the query string within [least, most], or `fallback` when absent.
std::int64_t queryNumber(const ApiCall& call, const std::string& name, std::int64_t fallback, std::int64_t least,
                         std::int64_t most)
{
    const auto found = call.request.query.find(name);
    if (found == call.request.query.end())
        return fallback;
    std::int64_t value = 0;
    const auto& text = found->second;
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (problem != std::errc() || end != text.data() + text.size() || value < least || value > most)
        refuse(400, "invalid-parameter",
               "'" + name + "' is a whole number from " + std::to_string(least) + " to " + std::to_string(most));
    return value;
}

std::string queryText(const ApiCall& call, const std::string& name)
{
    const auto found = call.request.query.find(name);
    return found == call.request.query.end() ? std::string() : found->second;
}

const Caller& callerOf(const ApiCall& call) { return *call.caller; }

void require(const ApiCall& call, Capability capability, const char* what)
{
    if (!may(callerOf(call), capability))
        refuse(403, "forbidden", std::string("your role may not ") + what);
}

Object userJson(const store::User& user)
{
    auto json = object();
    json->set("login", user.login);
    json->set("name", user.name);
    json->set("department", user.department);
    json->set("role", store::toString(user.role));
    return json;
}

Object departmentJson(const store::Department& department)
{
    auto json = object();
    json->set("code", department.code);
    json->set("name", department.name);
    json->set("region", department.region);
    return json;
}

/// {"key": [each item as JSON]}.
template <typename Item, typename ToJson>
ApiResponse listResponse(const std::string& key, const std::vector<Item>& items, ToJson toJson)
{
    Array list = new Poco::JSON::Array;
    for (const auto& item : items)
        list->add(toJson(item));
    auto body = object();
    body->set(key, list);
    return jsonResponse(body);
}

std::string regionOf(store::Store& store, const std::string& department)
{
    for (const auto& entry : store.departments())
        if (entry.code == department)
            return entry.region;
    return {};
}

ApiResponse noContent() { return {204, {}}; }

protocol::CommandResult resultOf(const protocol::CommandEnvelope& envelope,
                                       const std::expected<store::Applied, store::Refusal>& outcome)
{
    if (!outcome)
        return protocol::refusedResult(envelope.id, envelope.caseNumber, outcome.error());
    return {envelope.id, envelope.caseNumber, true, outcome->version, 200, {}, {}};
}

/// The case if the caller may read it: 404 when there is none, 403 when it is not theirs.
std::pair<store::CaseView, CaseAccess> readableCase(ApiCall& call, const std::string& number)
{
    auto view = call.store.caseByNumber(number);
    if (!view)
        refuse(404, "case-not-found", "there is no case " + number);
    auto access = caseAccess(call.store, *view);
    if (!mayReadCase(callerOf(call), access))
        refuse(403, "forbidden", "case " + number + " is not one you may see");
    return {std::move(*view), std::move(access)};
}

} // namespace

SyncService::SyncService(StorePool& stores, TokenIssuer issuer, std::function<workflow::Instant()> clock,
                         ServiceSettings settings)
    : m_stores(stores), m_issuer(std::move(issuer)), m_clock(std::move(clock)), m_settings(settings)
{
    addRoutes();
}

void SyncService::addRoutes()
{
    const auto bind = [this](ApiResponse (SyncService::*handler)(ApiCall&)) {
        return [this, handler](ApiCall& call) { return (this->*handler)(call); };
    };
    m_router.add("POST", "/api/v1/sessions", false, bind(&SyncService::signIn));
    m_router.add("DELETE", "/api/v1/sessions/current", true, bind(&SyncService::signOut));
    m_router.add("GET", "/api/v1/me", true, bind(&SyncService::me));
    m_router.add("GET", "/api/v1/health", false, bind(&SyncService::health));
    m_router.add("GET", "/api/v1/metrics", true, bind(&SyncService::metrics));
    m_router.add("GET", "/api/v1/catalogue", true, bind(&SyncService::catalogue));
    m_router.add("GET", "/api/v1/definitions", true, bind(&SyncService::definitions));
    m_router.add("POST", "/api/v1/definitions", true, bind(&SyncService::publishDefinition));
    m_router.add("GET", "/api/v1/definitions/{key}/{version}", true, bind(&SyncService::definition));
    m_router.add("GET", "/api/v1/cases", true, bind(&SyncService::queryCases));
    m_router.add("POST", "/api/v1/cases", true, bind(&SyncService::createCase));
    m_router.add("GET", "/api/v1/cases/{number}", true, bind(&SyncService::getCase));
    m_router.add("POST", "/api/v1/commands", true, bind(&SyncService::postCommands));
    m_router.add("GET", "/api/v1/events", true, bind(&SyncService::events));
    m_router.add("GET", "/api/v1/inbox", true, bind(&SyncService::inbox));
    m_router.add("GET", "/api/v1/users", true, bind(&SyncService::users));
    m_router.add("POST", "/api/v1/users", true, bind(&SyncService::saveUser));
    m_router.add("PUT", "/api/v1/users/{login}/password", true, bind(&SyncService::setUserPassword));
    m_router.add("GET", "/api/v1/departments", true, bind(&SyncService::departments));
    m_router.add("POST", "/api/v1/departments", true, bind(&SyncService::saveDepartment));
    m_router.add("POST", "/api/v1/evaluations", true, bind(&SyncService::recordEvaluation));
    m_router.add("GET", "/api/v1/cases/{number}/evaluations", true, bind(&SyncService::caseEvaluations));
    m_router.add("POST", "/api/v1/rectifications", true, bind(&SyncService::openRectification));
    m_router.add("POST", "/api/v1/rectifications/{number}/{step}", true, bind(&SyncService::rectificationStep));
    m_router.add("POST", "/api/v1/appeals/{number}/decision", true, bind(&SyncService::decideAppeal));
    m_router.add("POST", "/api/v1/reports", true, bind(&SyncService::makeReport));
}

ApiResponse SyncService::handle(const ApiRequest& request)
{
    ++m_requests;
    const auto answer = [this](const ApiError& error) {
        if (error.status < 500)
            ++m_clientErrors;
        return errorResponse(error);
    };
    const auto found = m_router.find(request.method, request.path);
    if (const auto* error = std::get_if<ApiError>(&found))
        return answer(*error);
    const auto& match = std::get<Router<ApiCall>::Match>(found);
    if (request.body.size() > m_settings.bodyLimit)
        return answer({413, "body-too-large", "the body has " + std::to_string(request.body.size()) +
                                                  " bytes; at most " + std::to_string(m_settings.bodyLimit) + " are taken"});
    try {
        auto store = m_stores.borrow();
        ApiCall call{request, match.parameters, std::nullopt, std::nullopt, *store, m_clock()};
        if (match.route->signedIn)
            if (const auto refused = authenticate(call))
                return answer(*refused);
        return match.route->handler(call);
    } catch (const Refused& refused) {
        return answer(refused.error);
    } catch (const workflow::json::JsonFormatError& fault) {
        return answer({400, "invalid-field", fault.error.describe()});
    } catch (const store::StoreError& error) {
        std::cerr << "tongban-server: " << request.method << " " << request.path << ": " << error.what() << "\n";
        return answer({503, "store-unavailable", "the workspace could not be read or written; try again"});
    } catch (const std::exception& error) {
        std::cerr << "tongban-server: " << request.method << " " << request.path << ": " << error.what() << "\n";
        return answer({500, "internal", "the service failed to answer; the fault is logged"});
    }
}

namespace {

/// How long a verified token's session and user are taken as they were.
constexpr auto kTokenRecheck = std::chrono::seconds{5};
constexpr std::size_t kKnownTokens = 10'000;

} // namespace

std::optional<SyncService::KnownToken> SyncService::knownToken(const std::string& token, workflow::Instant now)
{
    const std::lock_guard lock(m_tokensMutex);
    const auto found = m_tokens.find(token);
    if (found == m_tokens.end() || now >= found->second.claims.expiresAt || now - found->second.checkedAt >= kTokenRecheck)
        return std::nullopt;
    return found->second;
}

void SyncService::rememberToken(const std::string& token, KnownToken known)
{
    const std::lock_guard lock(m_tokensMutex);
    if (m_tokens.size() >= kKnownTokens)
        m_tokens.clear();
    m_tokens.insert_or_assign(token, std::move(known));
}

void SyncService::forgetToken(const std::string& token)
{
    const std::lock_guard lock(m_tokensMutex);
    m_tokens.erase(token);
}

std::optional<ApiError> SyncService::authenticate(ApiCall& call)
{
    const auto& token = call.request.bearerToken;
    if (token.empty())
        return ApiError{401, "missing-token", "sign in first: the request has no bearer token"};
    if (auto known = knownToken(token, call.now)) {
        call.caller = std::move(known->caller);
        call.token = std::move(known->claims);
        return std::nullopt;
    }
    forgetToken(token);
    auto claims = m_issuer.verify(token, call.now);
    if (!claims)
        return ApiError{401, claims.error() == "the token has expired" ? "expired-token" : "invalid-token", claims.error()};
    const auto session = call.store.apiSession(claims->tokenId);
    if (!session || session->login != claims->login)
        return ApiError{401, "invalid-token", "the token names no session of this service"};
    if (session->endedAt)
        return ApiError{401, "signed-out", "the session has been signed out"};
    for (const auto& user : call.store.users())
        if (user.login == claims->login) {
            call.caller = Caller{user, regionOf(call.store, user.department)};
            call.token = std::move(*claims);
            rememberToken(token, {*call.token, *call.caller, call.now});
            return std::nullopt;
        }
    return ApiError{401, "invalid-token", "the user " + claims->login + " no longer exists"};
}

ApiResponse SyncService::signIn(ApiCall& call)
{
    auto reader = bodyReader(call);
    const auto login = reader.requireString("login");
    const auto password = reader.requireString("password");
    reader.finish();
    const auto result = server::signIn(call.store, login, password, call.now, m_settings.lockout,
                                       [this](const store::Credential& credential) {
                                           m_stores.writer()->saveCredential(credential);
                                       });
    if (!result.user) {
        std::this_thread::sleep_for(result.delay);
        refuse(result.code == "account-locked" ? 423 : 401, result.code, result.message);
    }
    const auto issued = m_issuer.issue(login, call.now);
    m_stores.writer()->openApiSession({issued.claims.tokenId, login, issued.claims.issuedAt, issued.claims.expiresAt, std::nullopt});
    auto body = object();
    body->set("token", issued.token);
    body->set("expiresAt", workflow::formatInstant(issued.claims.expiresAt));
    body->set("user", userJson(*result.user));
    return jsonResponse(body, 201);
}

ApiResponse SyncService::signOut(ApiCall& call)
{
    forgetToken(call.request.bearerToken);
    m_stores.writer()->endApiSession(call.token->tokenId, call.now);
    return noContent();
}

ApiResponse SyncService::me(ApiCall& call)
{
    auto body = userJson(callerOf(call).user);
    body->set("region", callerOf(call).region);
    body->set("expiresAt", workflow::formatInstant(call.token->expiresAt));
    return jsonResponse(body);
}

ApiResponse SyncService::health(ApiCall& call)
{
    auto body = object();
    body->set("status", "ok");
    body->set("backend", call.store.backend());
    body->set("schema", call.store.schemaVersion());
    return jsonResponse(body);
}

ApiResponse SyncService::metrics(ApiCall& call)
{
    require(call, Capability::ReadMetrics, "read the service's figures");
    auto body = object();
    body->set("requests", static_cast<Poco::UInt64>(m_requests.load()));
    body->set("commandsApplied", static_cast<Poco::UInt64>(m_commandsApplied.load()));
    body->set("clientErrors", static_cast<Poco::UInt64>(m_clientErrors.load()));
    body->set("cases", static_cast<Poco::UInt64>(call.store.caseCount()));
    return jsonResponse(body);
}

ApiResponse SyncService::catalogue(ApiCall& call)
{
    return listResponse("oneThings", call.store.oneThings(), [](const store::OneThingEntry& entry) {
        auto json = object();
        json->set("key", entry.key);
        json->set("name", entry.name);
        json->set("leadDepartment", entry.leadDepartment);
        // The whole tongban.onething/1 document: a desktop shows cases with the one thing's unified form.
        json->set("document", entry.document);
        return json;
    });
}

ApiResponse SyncService::definitions(ApiCall& call)
{
    return listResponse("definitions", call.store.definitionVersions(), [](const store::DefinitionVersion& version) {
        auto json = object();
        json->set("key", version.key);
        json->set("version", version.version);
        json->set("name", version.name);
        return json;
    });
}

ApiResponse SyncService::definition(ApiCall& call)
{
    const auto& key = call.parameters.at("key");
    int version = 0;
    const auto& text = call.parameters.at("version");
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (problem != std::errc() || end != text.data() + text.size() || version < 1)
        refuse(400, "invalid-parameter", "a definition version is a whole number from 1");
    const auto process = call.store.definition(key, version);
    if (!process)
        refuse(404, "definition-not-found", "there is no published definition " + key + " version " + text);
    return {200, workflow::writeDefinition(process->definition())};
}

ApiResponse SyncService::publishDefinition(ApiCall& call)
{
    require(call, Capability::PublishDefinitions, "publish definitions");
    bodyReader(call);  // JSON at all, before the definition's own reader judges it
    auto read = workflow::readDefinition(call.request.body);
    if (!read)
        refuse(400, "invalid-field", read.error().describe());
    const auto& user = callerOf(call).user;
    const auto published = m_stores.writer()->publishDefinition(read->definition, {user.login, user.department}, call.now);
    if (!published)
        refuse(published.error().kind == store::Refusal::Kind::Conflict ? 409 : 422, "definition-refused",
               published.error().message);
    auto body = object();
    body->set("key", read->definition.key);
    body->set("version", read->definition.version);
    return jsonResponse(body, 201);
}

ApiResponse SyncService::queryCases(ApiCall& call)
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

ApiResponse SyncService::getCase(ApiCall& call)
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

ApiResponse SyncService::createCase(ApiCall& call)
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
    const auto created = m_stores.writer()->createCase(request);
    if (!created) {
        const auto result = protocol::refusedResult({}, {}, created.error());
        refuse(result.status, result.code, result.message);
    }
    return jsonResponse(protocol::caseViewJson(*call.store.caseByNumber(created->caseNumber)), 201);
}

ApiResponse SyncService::postCommands(ApiCall& call)
{
    auto reader = bodyReader(call);
    const auto list = reader.requireArray("commands");
    if (list->size() > m_settings.commandsPerBatch)
        refuse(413, "batch-too-large", "a batch has at most " + std::to_string(m_settings.commandsPerBatch) + " commands");
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
        if (const auto forbidden = commandForbidden(caller, envelope.action, access, taskDepartment)) {
            // Sent before, when the case has moved on since: the first outcome, nothing changed.
            if (const auto seen = call.store.commandReceipt(envelope.id)) {
                results->add(protocol::resultJson(resultOf(envelope, store::outcomeOf(*seen))));
                continue;
            }
            results->add(protocol::resultJson({envelope.id, envelope.caseNumber, false, 0, 403, "forbidden", *forbidden}));
            continue;
        }
        workflow::Command command{envelope.action, {caller.user.login, caller.user.department}, call.now, envelope.version};
        const auto outcome = m_commands.apply(envelope.id, envelope.caseNumber, command);
        // A command sent again is answered without events: it was counted the first time.
        m_commandsApplied += outcome && !outcome->events.empty() ? 1 : 0;
        results->add(protocol::resultJson(resultOf(envelope, outcome)));
    }
    auto body = object();
    body->set("results", results);
    return jsonResponse(body);
}

ApiResponse SyncService::events(ApiCall& call)
{
    if (!may(callerOf(call), Capability::ReadCases))
        refuse(403, "forbidden", "your role does not read cases");
    const auto after = queryNumber(call, "after", 0, 0, std::numeric_limits<std::int64_t>::max());
    const auto limit = queryNumber(call, "limit", static_cast<std::int64_t>(m_settings.eventsPerPage), 1,
                                   static_cast<std::int64_t>(m_settings.eventsPerPage));
    const auto entries = call.store.journalAfter(static_cast<std::uint64_t>(after), static_cast<std::size_t>(limit));
    std::map<std::string, bool> visible;
    Array list = new Poco::JSON::Array;
    for (const auto& entry : entries) {
        auto known = visible.find(entry.caseNumber);
        if (known == visible.end()) {
            const auto view = call.store.caseByNumber(entry.caseNumber);
            known = visible.emplace(entry.caseNumber, view && mayReadCase(callerOf(call), caseAccess(call.store, *view))).first;
        }
        if (known->second)
            list->add(protocol::journalEntryJson(entry));
    }
    auto body = object();
    body->set("events", list);
    // Past every record read, shown or not, so that the next page goes on from there.
    body->set("next", static_cast<Poco::UInt64>(entries.empty() ? static_cast<std::uint64_t>(after) : entries.back().seq));
    return jsonResponse(body);
}

ApiResponse SyncService::inbox(ApiCall& call)
{
    require(call, Capability::WorkInbox, "work an inbox");
    const auto limit = queryNumber(call, "limit", 200, 1, 5000);
    const auto page = call.store.inbox(callerOf(call).user.department, static_cast<std::size_t>(limit));
    Array tasks = new Poco::JSON::Array;
    for (const auto& task : page.tasks)
        tasks->add(protocol::taskViewJson(task));
    auto body = object();
    body->set("tasks", tasks);
    body->set("more", page.next.has_value());
    return jsonResponse(body);
}

ApiResponse SyncService::users(ApiCall& call)
{
    require(call, Capability::ManageUsers, "manage users");
    return listResponse("users", call.store.users(), userJson);
}

ApiResponse SyncService::saveUser(ApiCall& call)
{
    require(call, Capability::ManageUsers, "manage users");
    auto reader = bodyReader(call);
    store::User user;
    user.login = reader.requireString("login");
    user.name = reader.requireString("name");
    user.department = reader.requireString("department");
    user.role = reader.requireEnum("role", store::roleFromString, "role");
    reader.finish();
    if (user.login.empty() || user.name.empty())
        refuse(422, "invalid", "a user needs a login and a name");
    if (regionOf(call.store, user.department).empty())
        refuse(422, "invalid", "there is no department " + user.department);
    const auto& admin = callerOf(call).user;
    m_stores.writer()->saveUser(user, {admin.login, admin.department}, call.now);
    return jsonResponse(userJson(user), 201);
}

ApiResponse SyncService::setUserPassword(ApiCall& call)
{
    const auto& login = call.parameters.at("login");
    if (!maySetPassword(callerOf(call), login))
        refuse(403, "forbidden", "only an administrator sets another user's password");
    auto reader = bodyReader(call);
    const auto password = reader.requireString("password");
    reader.finish();
    if (const auto set = setPassword(call.store, login, password, m_settings.passwordIterations); !set)
        refuse(set.error().starts_with("there is no user") ? 404 : 422, set.error().starts_with("there is no user")
                                                                            ? "user-not-found"
                                                                            : "weak-password",
               set.error());
    return noContent();
}

ApiResponse SyncService::departments(ApiCall& call)
{
    return listResponse("departments", call.store.departments(), departmentJson);
}

ApiResponse SyncService::saveDepartment(ApiCall& call)
{
    require(call, Capability::ManageUsers, "manage departments");
    auto reader = bodyReader(call);
    store::Department department;
    department.code = reader.requireString("code");
    department.name = reader.requireString("name");
    department.region = reader.requireString("region");
    reader.finish();
    if (department.code.empty() || department.name.empty())
        refuse(422, "invalid", "a department needs a code and a name");
    if (department.region.size() != 6 || !std::ranges::all_of(department.region, [](char c) { return c >= '0' && c <= '9'; }))
        refuse(422, "invalid", "a region code has six digits, not '" + department.region + "'");
    const auto& admin = callerOf(call).user;
    m_stores.writer()->saveDepartment(department, {admin.login, admin.department}, call.now);
    return jsonResponse(departmentJson(department), 201);
}

namespace {

/// A refusal of the evaluation desk, in the caller's request's terms.
[[noreturn]] void refuseDesk(const DeskRefusal& refusal, int status = 422)
{
    refuse(status, "refused", refusal.messageEn + " (" + refusal.messageZh + ")");
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

workflow::Actor actorOf(const Caller& caller) { return {caller.user.login, caller.user.department}; }

} // namespace

ApiResponse SyncService::recordEvaluation(ApiCall& call)
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
    const auto recorded = services::recordEvaluation(*m_stores.writer(), evaluation, workflow::EvaluationSettings{});
    if (!recorded)
        refuseDesk(recorded.error());
    auto body = object();
    body->set("id", static_cast<Poco::Int64>(recorded->id));
    body->set("rectification", recorded->rectificationCase);
    return jsonResponse(body, 201);
}

ApiResponse SyncService::caseEvaluations(ApiCall& call)
{
    const auto [view, access] = readableCase(call, call.parameters.at("number"));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& evaluation : call.store.evaluationsOfCase(view.number)) {
        std::string owner;
        if (!evaluation.rectificationCase.empty())
            for (const auto& task : call.store.tasksOfCase(evaluation.rectificationCase))
                if (task.node == workflow::rectification::kVerify)
                    owner = task.department;
        const auto shown = visibleTo(evaluation, callerOf(call).user, owner);
        list->add(workflow::json::parse(workflow::writeEvaluation(shown))->extract<Object>());
    }
    auto body = object();
    body->set("evaluations", list);
    return jsonResponse(body);
}

ApiResponse SyncService::openRectification(ApiCall& call)
{
    require(call, Capability::Supervise, "open a rectification by hand");
    const auto& caller = callerOf(call);
    auto reader = bodyReader(call);
    const auto owner = reader.requireString("owner");
    const auto source = reader.requireString("source");
    reader.finish();
    const auto opened = services::openRectification(*m_stores.writer(), owner, source, caller.region, workflow::EvaluationSettings{},
                                                  actorOf(caller), call.now);
    if (!opened)
        refuseDesk(opened.error());
    auto body = object();
    body->set("rectification", *opened);
    return jsonResponse(body, 201);
}

ApiResponse SyncService::rectificationStep(ApiCall& call)
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
    std::expected<void, DeskRefusal> done;
    if (step == "verification") {
        const auto kind = reader.requireEnum("kind", workflow::rectificationKindFromString, "rectification kind");
        const auto finding = reader.requireString("finding");
        const auto evidence = reader.optionalStrings("evidence");
        reader.finish();
        forStep({loop::kVerify});
        done = verifyRectification(*m_stores.writer(), number, kind, finding, evidence, actorOf(caller), call.now);
    } else if (step == "reply") {
        const auto reply = reader.requireString("reply");
        const auto evidence = reader.optionalStrings("evidence");
        reader.finish();
        forStep({loop::kRectify, loop::kExplain});
        done = replyToEvaluator(*m_stores.writer(), number, reply, evidence, actorOf(caller), call.now);
    } else if (step == "revisit") {
        const bool satisfied = reader.optionalBool("satisfied", false);
        const bool settle = reader.optionalBool("settleOnRecord", false);
        const auto note = reader.optionalString("note");
        reader.finish();
        forStep({loop::kRevisit});
        done = recordRevisit(*m_stores.writer(), number, satisfied, settle, note, actorOf(caller), call.now);
    } else {
        refuse(404, "no-such-route", "a rectification's steps are verification, reply and revisit, not '" + step + "'");
    }
    if (!done)
        refuseDesk(done.error());
    return noContent();
}

ApiResponse SyncService::decideAppeal(ApiCall& call)
{
    const auto& number = call.parameters.at("number");
    require(call, Capability::Supervise, "decide an appeal");
    const auto& caller = callerOf(call);
    readableCase(call, number);
    auto reader = bodyReader(call);
    const bool upheld = reader.optionalBool("upheld", false);
    const auto reason = reader.requireString("reason");
    reader.finish();
    if (const auto done = services::decideAppeal(*m_stores.writer(), number, upheld, reason, actorOf(caller), call.now); !done)
        refuseDesk(done.error());
    return noContent();
}

ApiResponse SyncService::makeReport(ApiCall& call)
{
    require(call, Capability::Supervise, "make reports");
    const auto& caller = callerOf(call);
    auto reader = bodyReader(call);
    const auto key = reader.requireString("report");
    if (!reports::findReport(key))
        workflow::json::failAt(reader.memberPath("report"), "there is no report '" + key + "'");
    const auto day = [&](const std::string& member) {
        const auto parsed = workflow::parseDay(reader.requireString(member));
        if (!parsed)
            workflow::json::failAt(reader.memberPath(member), "a day is YYYY-MM-DD");
        return *parsed;
    };
    reports::ReportScope scope{day("from"), day("to"), reader.optionalString("department"), reader.optionalString("oneThing"),
                               reader.optionalString("region")};
    const auto formatName = reader.optionalString("format", "pdf");
    const auto format = reports::reportFormatFromString(formatName);
    if (!format)
        workflow::json::failAt(reader.memberPath("format"), "a format is pdf, xlsx, html or csv");
    reader.finish();
    if (scope.to < scope.from)
        refuse(400, "invalid-field", "the period ends before it starts");
    // A supervisor's reports cover their own region unless they name a part of it.
    if (scope.region.empty())
        scope.region = caller.region;
    else if (const auto forbidden = reportForbidden(caller, scope.region))
        refuse(403, "forbidden", *forbidden);
    const auto document = reports::makeReport(call.store, key, scope, call.now);
    // A name of its own for each request, however many make reports at once.
    const std::filesystem::path file = Poco::TemporaryFile::tempName() + "." + formatName;
    if (const auto written = reports::renderTo(document, *format, file.string()); !written)
        throw std::runtime_error("the report could not be written: " + written.error().message);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove(file);
    static const std::map<reports::ReportFormat, std::string> kTypes{
        {reports::ReportFormat::Pdf, "application/pdf"},
        {reports::ReportFormat::Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {reports::ReportFormat::Html, "text/html; charset=utf-8"},
        {reports::ReportFormat::Csv, "text/csv; charset=utf-8"}};
    return {200, bytes.str(), kTypes.at(*format)};
}

} // namespace tongban::server
