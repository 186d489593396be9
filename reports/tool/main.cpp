#include "reports/tool/report_cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return tongban::reports::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
