// tongban-workflow: validate process definitions and compute their critical path.
#include "workflow/tool/workflow_cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return tongban::workflow::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
