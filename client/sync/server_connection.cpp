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

/// Every element of the array `key`, read with `read`; a malformed element is a malformed answer.
template <typename Item>
std::expected<std::vector<Item>, SyncError> readItems(const Object& object, const std::string& key, int status,
                                                      Item (*read)(workflow::json::ObjectReader&))
{
    std::vector<Item> items;
    try {
        workflow::json::ObjectReader reader(object, "");
        const auto list = reader.requireArray(key);
        for (std::size_t i = 0; i < list->size(); ++i) {
            workflow::json::ObjectReader item(list->getObject(static_cast<unsigned>(i)), key + "[" + std::to_string(i) + "]");
            items.push_back(read(item));
        }
    } catch (const workflow::json::JsonFormatError& fault) {
        return std::unexpected(SyncError{true, status, "malformed-answer", fault.error.describe()});
    }
    return items;
}

} // namespace

ServerConnection::ServerConnection(const std::string& address, std::chrono::milliseconds timeout, std::string authorities)
    : m_timeout(timeout), m_authorities(std::move(authorities))
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
            Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, m_authorities,
                                                                     Poco::Net::Context::VERIFY_RELAXED, 9, true);
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

std::expected<Poco::JSON::Object::Ptr, SyncError> ServerConnection::callForObject(const std::string& method,
                                                                                 const std::string& path,
                                                                                 const std::string& body, int expected)
{
    const auto answer = call(method, path, body);
    if (!answer)
        return std::unexpected(answer.error());
    if (answer->status != expected)
        return std::unexpected(errorOf(answer->status, answer->body));
    return bodyObject(answer->status, answer->body);
}

std::expected<void, SyncError> ServerConnection::signIn(const std::string& login, const std::string& password)
{
    auto request = Object(new Poco::JSON::Object);
    request->set("login", login);
    request->set("password", password);
    const auto object = callForObject("POST", "/api/v1/sessions", workflow::json::stringify(request, 0), 201);
    if (!object)
        return std::unexpected(object.error());
    m_token = (*object)->optValue<std::string>("token", "");
    return {};
}

std::expected<store::User, SyncError> ServerConnection::me()
{
    const auto object = callForObject("GET", "/api/v1/me", {}, 200);
    if (!object)
        return std::unexpected(object.error());
    const auto role = store::roleFromString((*object)->optValue<std::string>("role", ""));
    if (!role)
        return std::unexpected(SyncError{true, 200, "malformed-answer", "the server names no role for the user"});
    return store::User{(*object)->optValue<std::string>("login", ""), (*object)->optValue<std::string>("name", ""),
                                 (*object)->optValue<std::string>("department", ""), *role};
}

std::expected<std::vector<protocol::CommandResult>, SyncError>
ServerConnection::push(const std::vector<protocol::CommandEnvelope>& commands)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& envelope : commands)
        list->add(protocol::envelopeJson(envelope));
    auto request = Object(new Poco::JSON::Object);
    request->set("commands", list);
    const auto object = callForObject("POST", "/api/v1/commands", workflow::json::stringify(request, 0), 200);
    if (!object)
        return std::unexpected(object.error());
    return readItems(*object, "results", 200, &protocol::readResult);
}

std::expected<EventPage, SyncError> ServerConnection::pull(std::uint64_t after, std::size_t limit)
{
    const auto object =
        callForObject("GET", "/api/v1/events?after=" + std::to_string(after) + "&limit=" + std::to_string(limit), {}, 200);
    if (!object)
        return std::unexpected(object.error());
    auto events = readItems(*object, "events", 200, &protocol::readJournalEntry);
    if (!events)
        return std::unexpected(events.error());
    if (!(*object)->has("next"))
        return std::unexpected(SyncError{true, 200, "malformed-answer", "the page names no next cursor"});
    return EventPage{std::move(*events), (*object)->getValue<std::uint64_t>("next")};
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

std::expected<std::pair<store::CaseView, std::string>, SyncError>
ServerConnection::caseHeader(const std::string& number)
{
    std::string path;
    Poco::URI::encode(number, "/?#&", path);
    const auto object = callForObject("GET", "/api/v1/cases/" + path, {}, 200);
    if (!object)
        return std::unexpected(object.error());
    try {
        workflow::json::ObjectReader reader(*object, "");
        auto view = protocol::readCaseView(reader);
        return std::pair{std::move(view), reader.optionalString("application")};
    } catch (const workflow::json::JsonFormatError& fault) {
        return std::unexpected(SyncError{true, 200, "malformed-answer", fault.error.describe()});
    }
}

std::expected<std::vector<std::string>, SyncError> ServerConnection::catalogue()
{
    const auto object = callForObject("GET", "/api/v1/catalogue", {}, 200);
    if (!object)
        return std::unexpected(object.error());
    return readItems(*object, "oneThings", 200,
                     +[](workflow::json::ObjectReader& reader) { return reader.requireString("document"); });
}

std::expected<std::vector<store::Department>, SyncError> ServerConnection::departments()
{
    const auto object = callForObject("GET", "/api/v1/departments", {}, 200);
    if (!object)
        return std::unexpected(object.error());
    return readItems(*object, "departments", 200, +[](workflow::json::ObjectReader& reader) {
        return store::Department{reader.requireString("code"), reader.requireString("name"),
                                           reader.optionalString("region"), {}};
    });
}

} // namespace tongban::client
