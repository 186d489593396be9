// The real tongban-server process on 127.0.0.1, started on a seeded
// workspace with a configuration of the test's choosing, and an HTTP client
// that speaks to it as a desktop would. Failures to start or sign in throw,
// for the tests and the benchmark alike.
#pragma once

#include "store/store.h"

#include <Poco/JSON/Object.h>
#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::testing {

/// Demo departments, users (each with the password `passwordOf(login)`) and cases.
struct Workspace {
    explicit Workspace(const std::string& location, int cases = 40);
    static std::string passwordOf(const std::string& login) { return login + "-Passw0rd"; }
    std::string location;
};

/// A running, unpaused case with an open task of `department`, and that task's number.
std::pair<std::string, int> openTaskOf(store::Store& store, const std::string& department);

class RunningServer {
public:
    /// Starts `tongban-server serve` on `database` with these settings added
    /// to the defaults (loopback, port 0, fast sign-in delays).
    explicit RunningServer(const std::string& database, std::map<std::string, std::string> settings = {});
    ~RunningServer();
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    int port() const { return m_port; }
    /// SIGKILL: no chance to finish anything.
    void kill();
    void restart();

private:
    void start();

    std::filesystem::path m_folder;
    std::string m_database;
    std::map<std::string, std::string> m_settings;
    std::optional<Poco::ProcessHandle> m_process;
    Poco::Pipe m_output;  ///< kept open so that the server can still write to it
    int m_port = 0;
};

struct Reply {
    int status = 0;
    std::string contentType;
    std::string body;
    Poco::JSON::Object::Ptr json;  ///< the body parsed, when it is a JSON object

    std::string errorCode() const;
};

/// Requests to a running server, with the bearer token of the last sign-in.
class Client {
public:
    explicit Client(int port) : m_port(port) {}

    Reply send(const std::string& method, const std::string& path, const std::string& body = {},
               const std::map<std::string, std::string>& headers = {}) const;
    Reply get(const std::string& path) const { return send("GET", path); }
    Reply post(const std::string& path, const std::string& body) const { return send("POST", path, body); }

    /// Signs in and keeps the token; the reply says how it went.
    Reply signIn(const std::string& login, const std::string& password);
    void signInAs(const std::string& login);
    void setToken(std::string token) { m_token = std::move(token); }
    const std::string& token() const { return m_token; }

private:
    int m_port;
    std::string m_token;
};

} // namespace tongban::testing
