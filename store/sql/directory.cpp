#include "store/sql/directory.h"

#include <Poco/Data/Statement.h>

namespace tongban::store::sql {

using namespace Poco::Data::Keywords;

bool SqlDirectory::hasDepartment(std::string_view code) const
{
    std::string wanted(code);
    Poco::Int64 found = 0;
    m_session << "SELECT count(*) FROM departments WHERE code = $1", use(wanted), into(found), now;
    return found > 0;
}

bool SqlDirectory::worksFor(std::string_view user, std::string_view department) const
{
    std::string login(user), code(department);
    Poco::Int64 found = 0;
    // Only those who work cases (store::worksCases) take a task: a supervisor,
    // a designer or an administrator of the department could neither take it
    // further nor let its officers claim it.
    m_session << "SELECT count(*) FROM users WHERE login = $1 AND department = $2 AND role IN ('clerk', 'officer')",
        use(login), use(code), into(found), now;
    return found > 0;
}

} // namespace tongban::store::sql
