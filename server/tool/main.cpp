// tongban-server: administration of a Tongban database (and, later, the sync service).
#include "server/tool/server_cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return tongban::server::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
