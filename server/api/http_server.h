// The sync service on HTTP (Poco::Net): HTTPS through NetSSL when a
// certificate is configured; plain HTTP only on loopback unless the
// configuration allows it explicitly. Bodies are read up to the service's
// limit and no further.
#pragma once

#include "server/api/api_service.h"

#include <memory>
#include <string>

namespace Poco::Net {
class HTTPServer;
}

namespace tongban::server {

struct ListenSettings {
    std::string host = "127.0.0.1";
    int port = 8710;  ///< 0 asks the system for a free one
    std::string certificate;  ///< PEM files; both or neither
    std::string privateKey;
    bool allowPlainHttp = false;  ///< beyond loopback without TLS
    int threads = 16;
    int queue = 256;
};

/// Why the settings cannot be served, or empty when they can.
std::string listenProblem(const ListenSettings& settings);

class HttpService {
public:
    HttpService(ApiService& service, const ListenSettings& settings, std::function<void(const std::string&)> log);
    ~HttpService();

    void start();
    void stop();
    int port() const { return m_port; }
    bool secure() const { return m_secure; }

private:
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
    int m_port = 0;
    bool m_secure = false;
};

} // namespace tongban::server
