// A seeded SQLite workspace and the real server on it, for a test.
#pragma once

#include "tests/support/running_server.h"
#include "tests/support/backends.h"

namespace tongban::testing {

struct Served {
    testing::SqliteBackend backend;
    Workspace workspace{backend.location()};
    RunningServer server;

    explicit Served(std::map<std::string, std::string> settings = {}) : server(backend.location(), std::move(settings)) {}
    Client client() const { return Client(server.port()); }
    std::string address() const { return "http://127.0.0.1:" + std::to_string(server.port()); }
    std::unique_ptr<store::Store> store() const { return store::Store::open(backend.location()); }
};

} // namespace tongban::testing
