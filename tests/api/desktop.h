// A connected desktop for the tests: its own replica file (removed
// afterwards), its connection to a server address and its synchroniser.
#pragma once

#include "client/sync/synchroniser.h"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

namespace tongban::testing {

inline workflow::Instant wallClock() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

struct Desktop {
    std::filesystem::path file;
    std::unique_ptr<client::Replica> replica;
    client::ServerConnection server;
    client::Synchroniser sync;
    workflow::Actor actor;

    Desktop(int port, const std::string& login, const std::string& department,
            std::chrono::milliseconds timeout = std::chrono::seconds{10})
        : file(removed(std::filesystem::temp_directory_path() /
                       ("tongban-desktop-" + login + "-" + std::to_string(::getpid()) + ".db"))),
          replica(std::make_unique<client::Replica>(file.string())),
          server("http://127.0.0.1:" + std::to_string(port), timeout), sync(*replica, server, wallClock),
          actor{login, department}
    {
    }
    ~Desktop()
    {
        replica.reset();
        removed(file);
    }
    Desktop(const Desktop&) = delete;
    Desktop& operator=(const Desktop&) = delete;

    /// The file and its write-ahead log gone.
    static std::filesystem::path removed(const std::filesystem::path& path)
    {
        for (const auto* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix);
        return path;
    }
};

} // namespace tongban::testing
