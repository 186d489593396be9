// A request to the sync service and its answer, free of any HTTP library so
// that the service is tested without a socket; the HTTP adapter fills and
// sends them.
#pragma once

#include <Poco/JSON/Object.h>

#include <expected>
#include <map>
#include <string>

namespace tongban::server {

struct ApiRequest {
    std::string method;  ///< "GET", "POST" …
    std::string path;    ///< "/api/v1/cases/320100-20261130-000001", decoded
    std::map<std::string, std::string> query;
    std::string body;
    std::string bearerToken;  ///< from "Authorization: Bearer …"
};

struct ApiResponse {
    int status = 200;
    std::string body;  ///< JSON, unless the content type says otherwise
    std::string contentType = "application/json; charset=utf-8";
};

/// A client mistake or refusal, sent as {"error": {"code": …, "message": …}}.
struct ApiError {
    int status = 400;
    std::string code;
    std::string message;
};

/// The request an HTTP request line and its Authorization header make: the
/// path and query decoded, the bearer token taken out; an address that does
/// not decode is refused with what is wrong in it.
std::expected<ApiRequest, ApiError> readRequest(std::string method, const std::string& target,
                                                const std::string& authorization);

ApiResponse errorResponse(const ApiError& error);
ApiResponse jsonResponse(const Poco::JSON::Object::Ptr& body, int status = 200);

} // namespace tongban::server
