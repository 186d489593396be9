# Third-party packages, all from Debian's archive (see installer/tongban-dev).
find_package(Boost 1.74 REQUIRED)
# Debian's PocoDataPostgreSQL config links a target PostgreSQL::client that
# nothing defines; define it from CMake's own PostgreSQL module first.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation JSON Data DataSQLite DataPostgreSQL)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
