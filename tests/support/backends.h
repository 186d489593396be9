// The two connectors as test fixtures: each test gets a fresh database.
#pragma once

#include "store/store.h"

#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace tongban::testing {

/// A fresh SQLite file in a temporary folder, removed afterwards.
class SqliteBackend {
public:
    SqliteBackend();
    ~SqliteBackend();
    static constexpr const char* kName = "SQLite";
    static bool available() { return true; }
    const std::string& location() const { return m_location; }
    /// Runs one SQL statement outside the store, as a person with database access could.
    void tamper(const std::string& sql) const;

private:
    std::string m_directory;
    std::string m_location;
};

/// A fresh database on the throwaway PostgreSQL server the test command
/// starts (its URL in the file named by TONGBAN_TEST_POSTGRES_URL_FILE),
/// dropped afterwards.
class PostgresBackend {
public:
    PostgresBackend();
    ~PostgresBackend();
    static constexpr const char* kName = "PostgreSQL";
    /// The server URL, or empty when no server runs (the tests then skip and say so).
    static std::string serverUrl();
    static bool available() { return !serverUrl().empty(); }
    const std::string& location() const { return m_location; }
    void tamper(const std::string& sql) const;

private:
    std::string m_database;
    std::string m_location;
};

/// True, after saying so, when the backend's server is not there: a test on
/// it then returns at once instead of failing on a machine without PostgreSQL.
template <typename Backend>
bool skipped()
{
    if (Backend::available())
        return false;
    std::cout << "SKIPPED on " << Backend::kName
              << ": no PostgreSQL server (the test command starts one where the binaries are installed)\n";
    return true;
}

} // namespace tongban::testing
