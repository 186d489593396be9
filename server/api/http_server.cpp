#include "server/api/http_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>

#include <chrono>
#include <stdexcept>

namespace tongban::server {

namespace {

bool isLoopback(const std::string& host)
{
    if (host == "localhost")
        return true;
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    Handler(ApiService& service, const std::function<void(const std::string&)>& log) : m_service(service), m_log(log) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        const auto started = std::chrono::steady_clock::now();
        ApiResponse answer;
        auto call = readRequest(request.getMethod(), request.getURI(), request.get("Authorization", ""));
        if (!call)
            answer = errorResponse(call.error());
        else if (!readBody(request, *call))
            answer = errorResponse({413, "body-too-large",
                                    "the body is larger than the " + std::to_string(m_service.settings().bodyLimit) +
                                        " bytes taken"});
        else
            answer = m_service.handle(*call);
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        if (!answer.body.empty()) {
            response.setContentType(answer.contentType);
            response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
            response.send() << answer.body;
        } else {
            response.setContentLength(0);
            response.send();
        }
        const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        m_log(request.getMethod() + " " + (call ? call->path : request.getURI()) + " " + std::to_string(answer.status) +
              " " + std::to_string(elapsed) + " ms");
    }

private:
    /// The body, up to the limit; false when there is more.
    bool readBody(Poco::Net::HTTPServerRequest& request, ApiRequest& call) const
    {
        const auto limit = m_service.settings().bodyLimit;
        if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit))
            return false;
        auto& stream = request.stream();
        char buffer[8192];
        while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
            call.body.append(buffer, static_cast<std::size_t>(stream.gcount()));
            if (call.body.size() > limit)
                return false;
        }
        return true;
    }

    ApiService& m_service;
    const std::function<void(const std::string&)>& m_log;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(ApiService& service, std::function<void(const std::string&)> log) : m_service(service), m_log(std::move(log)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Handler(m_service, m_log);
    }

private:
    ApiService& m_service;
    std::function<void(const std::string&)> m_log;
};

} // namespace

std::string listenProblem(const ListenSettings& settings)
{
    if (settings.port < 0 || settings.port > 65535)
        return "the port " + std::to_string(settings.port) + " is not one from 0 to 65535";
    if (settings.certificate.empty() != settings.privateKey.empty())
        return "TLS needs both a certificate and its private key";
    if (settings.certificate.empty() && !isLoopback(settings.host) && !settings.allowPlainHttp)
        return "listening on " + settings.host +
               " beyond loopback needs TLS (a certificate and key), or plain HTTP allowed explicitly";
    if (settings.threads < 1)
        return "the service needs at least one thread";
    return {};
}

HttpService::HttpService(ApiService& service, const ListenSettings& settings, std::function<void(const std::string&)> log)
{
    if (const auto problem = listenProblem(settings); !problem.empty())
        throw std::invalid_argument(problem);
    const Poco::Net::SocketAddress address(settings.host, static_cast<Poco::UInt16>(settings.port));
    Poco::Net::ServerSocket socket;
    if (!settings.certificate.empty()) {
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, settings.privateKey, settings.certificate, "",
                                   Poco::Net::Context::VERIFY_NONE);
        socket = Poco::Net::SecureServerSocket(address, 64, context);
        m_secure = true;
    } else {
        socket = Poco::Net::ServerSocket(address, 64);
    }
    m_port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(settings.threads);
    params->setMaxQueued(settings.queue);
    params->setKeepAlive(true);
    m_server = std::make_unique<Poco::Net::HTTPServer>(new Factory(service, std::move(log)), socket, params);
}

HttpService::~HttpService() { stop(); }

void HttpService::start() { m_server->start(); }

void HttpService::stop()
{
    if (m_server)
        m_server->stopAll(true);
}

} // namespace tongban::server
