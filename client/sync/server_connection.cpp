#include "client/sync/server_connection.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>
#include <stdexcept>

namespace tongban::client {

namespace {

using Object = Poco::JSON::Object::Ptr;

/// The object an answer's body holds, or why not.
std::expected<Object, SyncError> bodyObject(int status, const std::string& body)
{
    const auto parsed = workflow::json::parse(body);
    if (!parsed || parsed->type() != typeid(Object))
        return std::unexpected(SyncError{true, status, "malformed-answer", "the server's answer is not a JSON object"});
    return parsed->extract<Object>();
}

SyncError errorOf(int status, const std::string& body)
{
    SyncError error{true, status, "http-" + std::to_string(status), "the server answered " + std::to_string(status)};
    if (const auto object = bodyObject(status, body); object && (*object)->has("error")) {
        const auto detail = (*object)->getObject("error");
        error.code = detail->optValue<std::string>("code", error.code);
        error.message = detail->optValue<std::string>("message", error.message);
    }
    return error;
}

} // namespace

ServerConnection::ServerConnection(const std::string& address, std::chrono::milliseconds timeout) : m_timeout(timeout)
{
    Poco::URI uri;
    try {
        uri = Poco::URI(address);
    } catch (const Poco::SyntaxException&) {
        throw std::invalid_argument("'" + address + "' is not a server address");
    }
    m_scheme = uri.getScheme();
    if ((m_scheme != "http" && m_scheme != "https") || uri.getHost().empty())
        throw std::invalid_argument("a server address is http://host:port or https://host:port, not '" + address + "'");
    m_host = uri.getHost();
    m_port = uri.getPort();
}

std::expected<ServerConnection::Answer, SyncError> ServerConnection::call(const std::string& method, const std::string& path,
                                                                          const std::string& body)
{
    try {
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (m_scheme == "https") {
            Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "");
            session = std::make_unique<Poco::Net::HTTPSClientSession>(m_host, m_port, context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(m_host, m_port);
        }
        session->setTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(m_timeout).count()));
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!m_token.empty())
            request.set("Authorization", "Bearer " + m_token);
        if (!body.empty()) {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        session->sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        Answer answer;
        Poco::StreamCopier::copyToString(session->receiveResponse(response), answer.body);
        answer.status = static_cast<int>(response.getStatus());
        return answer;
    } catch (const Poco::Exception& error) {
        return std::unexpected(SyncError{false, 0, "unreachable", "the server cannot be reached: " + error.displayText()});
    }
}

std::expected<void, SyncError> ServerConnection::signIn(const std::string& login, const std::string& password)
{
    auto request = Object(new Poco::JSON::Object);
    request->set("login", login);
    request->set("password", password);
    const auto answer = call("POST", "/api/v1/sessions", workflow::json::stringify(request, 0));
    if (!answer)
        return std::unexpected(answer.error());
    if (answer->status != 201)
        return std::unexpected(errorOf(answer->status, answer->body));
    const auto object = bodyObject(answer->status, answer->body);
    if (!object)
        return std::unexpected(object.error());
    m_token = (*object)->optValue<std::string>("token", "");
    return {};
}

std::expected<std::vector<workflow::sync::CommandResult>, SyncError>
ServerConnection::push(const std::vector<workflow::sync::CommandEnvelope>& commands)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& envelope : commands)
        list->add(workflow::sync::envelopeJson(envelope));
    auto request = Object(new Poco::JSON::Object);
    request->set("commands", list);
    const auto answer = call("POST", "/api/v1/commands", workflow::json::stringify(request, 0));
    if (!answer)
        return std::unexpected(answer.error());
    if (answer->status != 200)
        return std::unexpected(errorOf(answer->status, answer->body));
    const auto object = bodyObject(answer->status, answer->body);
    if (!object)
        return std::unexpected(object.error());
    std::vector<workflow::sync::CommandResult> results;
    try {
        workflow::json::ObjectReader reader(*object, "");
        const auto items = reader.requireArray("results");
        for (std::size_t i = 0; i < items->size(); ++i) {
            workflow::json::ObjectReader item(items->getObject(static_cast<unsigned>(i)), "results[" + std::to_string(i) + "]");
            results.push_back(workflow::sync::readResult(item));
        }
    } catch (const workflow::json::JsonFormatError& fault) {
        return std::unexpected(SyncError{true, answer->status, "malformed-answer", fault.error.describe()});
    }
    return results;
}

std::expected<EventPage, SyncError> ServerConnection::pull(std::uint64_t after, std::size_t limit)
{
    const auto answer = call("GET", "/api/v1/events?after=" + std::to_string(after) + "&limit=" + std::to_string(limit), {});
    if (!answer)
        return std::unexpected(answer.error());
    if (answer->status != 200)
        return std::unexpected(errorOf(answer->status, answer->body));
    const auto object = bodyObject(answer->status, answer->body);
    if (!object)
        return std::unexpected(object.error());
    EventPage page;
    try {
        workflow::json::ObjectReader reader(*object, "");
        const auto items = reader.requireArray("events");
        for (std::size_t i = 0; i < items->size(); ++i) {
            workflow::json::ObjectReader item(items->getObject(static_cast<unsigned>(i)), "events[" + std::to_string(i) + "]");
            page.events.push_back(workflow::sync::readJournalEntry(item));
        }
        page.next = static_cast<std::uint64_t>(reader.requireNumber("next"));
    } catch (const workflow::json::JsonFormatError& fault) {
        return std::unexpected(SyncError{true, answer->status, "malformed-answer", fault.error.describe()});
    }
    return page;
}

std::expected<std::string, SyncError> ServerConnection::definition(const std::string& key, int version)
{
    const auto answer = call("GET", "/api/v1/definitions/" + key + "/" + std::to_string(version), {});
    if (!answer)
        return std::unexpected(answer.error());
    if (answer->status != 200)
        return std::unexpected(errorOf(answer->status, answer->body));
    return answer->body;
}

} // namespace tongban::client
