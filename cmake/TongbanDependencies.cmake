# Third-party packages, all from Debian's archive (see installer/tongban-dev).
find_package(Boost 1.74 REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation JSON)
find_package(Threads REQUIRED)
