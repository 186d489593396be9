// What every handler does alike: refuse with a status and a code, read the
// body as one JSON object and the query's numbers within bounds, check the
// caller's role, find a case the caller may read, and answer with JSON.
#pragma once

#include "server/api/api_call.h"
#include "workflow/json/json_document.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tongban::server::handlers {

using Object = Poco::JSON::Object::Ptr;
using Array = Poco::JSON::Array::Ptr;

/// Thrown by a handler for a client mistake or a refusal; the service answers with it.
struct Refused {
    ApiError error;
};

[[noreturn]] void refuse(int status, std::string code, std::string message);

/// An empty JSON object that keeps its members in the order they are set.
Object object();

/// The request body as a JSON object, or 400.
workflow::json::ObjectReader bodyReader(const ApiCall& call);

/// A whole number from the query string within [least, most], or `fallback` when absent.
std::int64_t queryNumber(const ApiCall& call, const std::string& name, std::int64_t fallback, std::int64_t least,
                         std::int64_t most);
/// A query parameter's text; empty when absent.
std::string queryText(const ApiCall& call, const std::string& name);

/// The signed-in caller (every route but signing in and health has one).
inline const Caller& callerOf(const ApiCall& call) { return *call.caller; }
inline workflow::Actor actorOf(const Caller& caller) { return {caller.user.login, caller.user.department}; }

/// 403 unless the caller's role has `capability`; `what` completes "your role may not …".
void require(const ApiCall& call, Capability capability, const char* what);

/// The case if the caller may read it: 404 when there is none, 403 when it is not theirs.
std::pair<store::CaseView, CaseAccess> readableCase(ApiCall& call, const std::string& number);

/// The region of a department; empty when there is no such department.
std::string regionOf(store::ReferenceData& store, const std::string& department);

Object userJson(const store::User& user);

inline ApiResponse noContent() { return {204, {}}; }

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

} // namespace tongban::server::handlers
