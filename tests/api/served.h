// A seeded SQLite workspace and the real server on it, for a test.
#pragma once

#include "tests/api/running_server.h"
#include "tests/store/backends.h"

namespace tongban::testing {

struct Served {
    workflow::testing::SqliteBackend backend;
    Workspace workspace{backend.location()};
    RunningServer server;

    explicit Served(std::map<std::string, std::string> settings = {}) : server(backend.location(), std::move(settings)) {}
    Client client() const { return Client(server.port()); }
    std::string address() const { return "http://127.0.0.1:" + std::to_string(server.port()); }
    std::unique_ptr<workflow::store::Store> store() const { return workflow::store::Store::open(backend.location()); }
};

} // namespace tongban::testing
