// tongban-forms: validate answers, check identifiers, unify one-thing forms.
#include "forms/tool/forms_cli.h"

int main(int argc, char** argv)
{
    using namespace tongban::forms::cli;
    return tongban::workflow::cli::toolMain(kFormsTool, argc, argv, run);
}
