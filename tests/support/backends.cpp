// Test databases for both connectors.
#include "backends.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/TemporaryFile.h>
#include <Poco/URI.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace tongban::testing {

namespace {

using namespace Poco::Data::Keywords;

std::string conninfo(const std::string& url, const std::string& database)
{
    Poco::URI uri(url);
    return "host=" + uri.getHost() + " port=" + std::to_string(uri.getPort()) + " user=" +
           uri.getUserInfo().substr(0, uri.getUserInfo().find(':')) + " dbname=" + database;
}

} // namespace

SqliteBackend::SqliteBackend()
{
    m_directory = Poco::TemporaryFile::tempName();
    std::filesystem::create_directories(m_directory);
    m_location = m_directory + "/workspace.db";
}

SqliteBackend::~SqliteBackend()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_directory, ignored);
}

void SqliteBackend::tamper(const std::string& sql) const
{
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session("SQLite", m_location);
    session << sql, now;
}

std::string PostgresBackend::serverUrl()
{
    const char* file = std::getenv("TONGBAN_TEST_POSTGRES_URL_FILE");
    if (!file)
        return {};
    std::ifstream in(file);
    std::string url;
    in >> url;
    return url;
}

PostgresBackend::PostgresBackend()
{
    static std::atomic<int> counter{0};
    m_database = "tongban_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    const auto url = serverUrl();
    Poco::Data::PostgreSQL::Connector::registerConnector();
    Poco::Data::Session admin("PostgreSQL", conninfo(url, "postgres"));
    admin << "CREATE DATABASE " + m_database, now;
    Poco::URI uri(url);
    uri.setPath("/" + m_database);
    m_location = uri.toString();
}

PostgresBackend::~PostgresBackend()
{
    try {
        Poco::Data::Session admin("PostgreSQL", conninfo(serverUrl(), "postgres"));
        admin << "DROP DATABASE IF EXISTS " + m_database + " WITH (FORCE)", now;
    } catch (const Poco::Exception&) {
        // The server is going away with the test run; the database goes with it.
    }
}

void PostgresBackend::tamper(const std::string& sql) const
{
    Poco::Data::Session session("PostgreSQL", conninfo(serverUrl(), m_database));
    session << sql, now;
}

} // namespace tongban::testing
