// tongban-server: the sync service (serve) and administration of a Tongban database.
#include "server/tool/serve_application.h"
#include "server/tool/server_cli.h"

#include <iostream>
#include <string_view>

int main(int argc, char** argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "serve") {
        tongban::server::ServeApplication service;
        return service.run(argc - 1, argv + 1);
    }
    using namespace tongban::server::cli;
    return tongban::workflow::cli::toolMain(
        kServerTool, argc, argv,
        [](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) { return run(args, std::cin, out, err); });
}
