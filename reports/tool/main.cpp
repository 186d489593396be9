// tongban-report: reports for scheduled runs, from the command line.
#include "reports/tool/report_cli.h"

int main(int argc, char** argv)
{
    using namespace tongban::reports::cli;
    return tongban::workflow::cli::toolMain(kReportTool, argc, argv, run);
}
