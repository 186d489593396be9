// tongban: the desktop client. --help and --version answer before any
// display is opened, so they work on a terminal without one.
#include "client/app/tongban_app.h"

#include <iostream>

wxIMPLEMENT_APP_NO_MAIN(tongban::client::TongbanApp);

int main(int argc, char** argv)
{
    const auto options = tongban::client::parseStartOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (!options.error.empty() || options.help) {
        (options.help ? std::cout : std::cerr)
            << (options.error.empty() ? "" : "tongban: " + options.error + "\n")
            << "usage: tongban [--workspace PATH] [--lang zh_CN|en] [--version] [--help]\n"
               "\n"
               "Starts the desktop client on a workspace (default: "
            << tongban::client::defaultWorkspacePath()
            << "),\ncreating it with the demo catalogue, departments, users and sample cases on first run.\n";
        return options.help ? 0 : 2;
    }
    if (options.version) {
        std::cout << "tongban " << TONGBAN_VERSION << "\n";
        return 0;
    }
    return wxEntry(argc, argv);
}
