#include "server/handlers/handler_support.h"

#include <charconv>

namespace tongban::server::handlers {

void refuse(int status, std::string code, std::string message)
{
    throw Refused{ApiError{status, std::move(code), std::move(message)}};
}

Object object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

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

void require(const ApiCall& call, Capability capability, const char* what)
{
    if (!may(callerOf(call), capability))
        refuse(403, "forbidden", std::string("your role may not ") + what);
}

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

std::string regionOf(store::ReferenceData& store, const std::string& department)
{
    for (const auto& entry : store.departments())
        if (entry.code == department)
            return entry.region;
    return {};
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

} // namespace tongban::server::handlers
