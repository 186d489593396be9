# Third-party packages, all from Debian's archive (see installer/tongban-dev).
find_package(Boost 1.74 REQUIRED)
# Debian's PocoDataPostgreSQL config links a target PostgreSQL::client that
# nothing defines; define it from CMake's own PostgreSQL module first.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation JSON XML Zip Net NetSSL Crypto JWT Util Data DataSQLite DataPostgreSQL)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)

# wxWidgets for the desktop client only. CMake 3.25 has no imported target for
# it, so one interface target carries its flags without touching other folders.
find_package(wxWidgets 3.2 REQUIRED COMPONENTS propgrid core base)
add_library(tongban_wx INTERFACE)
target_include_directories(tongban_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
target_compile_definitions(tongban_wx INTERFACE ${wxWidgets_DEFINITIONS})
target_compile_options(tongban_wx INTERFACE ${wxWidgets_CXX_FLAGS})
target_link_libraries(tongban_wx INTERFACE ${wxWidgets_LIBRARIES})
find_program(TONGBAN_MSGFMT msgfmt REQUIRED)

# Reports: PDF through cairo and pango, XLSX through libxlsxwriter, QR codes through libqrencode.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
