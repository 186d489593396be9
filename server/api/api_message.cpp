#include "server/api/api_message.h"

#include "workflow/json/json_document.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace tongban::server {

namespace {

/// RFC 9110's token: what a method may be made of.
bool isToken(const std::string& text)
{
    return !text.empty() && std::ranges::all_of(text, [](unsigned char c) {
        return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    });
}

} // namespace

std::expected<ApiRequest, ApiError> readRequest(std::string method, const std::string& target,
                                                const std::string& authorization)
{
    if (!isToken(method))
        return std::unexpected(ApiError{400, "malformed-request", "the request's method is not an HTTP token"});
    // Parts of the address come back in answers ("there is no case …"), which must stay JSON.
    if (!workflow::json::isUtf8(target))
        return std::unexpected(ApiError{400, "malformed-request", "the request's address is not UTF-8"});
    ApiRequest request;
    request.method = std::move(method);
    try {
        const Poco::URI uri(target);
        request.path = uri.getPath();
        for (auto& [name, value] : uri.getQueryParameters())
            request.query[name] = std::move(value);
    } catch (const Poco::SyntaxException& error) {
        return std::unexpected(ApiError{400, "malformed-request", "the request's address does not read: " + error.displayText()});
    }
    if (!workflow::json::isUtf8(request.path))
        return std::unexpected(ApiError{400, "malformed-request", "the request's path is not UTF-8 once decoded"});
    for (const auto& [name, value] : request.query)
        if (!workflow::json::isUtf8(name) || !workflow::json::isUtf8(value))
            return std::unexpected(ApiError{400, "malformed-request", "the request's query is not UTF-8 once decoded"});
    if (authorization.starts_with("Bearer "))
        request.bearerToken = authorization.substr(7);
    return request;
}

ApiResponse errorResponse(const ApiError& error)
{
    Poco::JSON::Object::Ptr detail = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    detail->set("code", error.code);
    detail->set("message", error.message);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("error", detail);
    return {error.status, workflow::json::stringify(body, 0)};
}

ApiResponse jsonResponse(const Poco::JSON::Object::Ptr& body, int status)
{
    return {status, workflow::json::stringify(body, 0)};
}

} // namespace tongban::server
