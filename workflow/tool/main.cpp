// tongban-workflow: validate process definitions and compute their critical path.
#include "workflow/tool/workflow_cli.h"

int main(int argc, char** argv)
{
    using namespace tongban::workflow::cli;
    return toolMain(kWorkflowTool, argc, argv, run);
}
