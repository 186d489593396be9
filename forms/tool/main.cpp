// tongban-forms: validate answers, check identifiers, unify one-thing forms.
#include "forms/tool/forms_cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return tongban::forms::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
