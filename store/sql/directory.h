// The engine's questions about departments and users, answered from the
// workspace's reference data on the connection that writes the case, so the
// answer and the write see the same data.
#pragma once

#include "workflow/runtime/engine.h"

#include <Poco/Data/Session.h>

namespace tongban::store::sql {

class SqlDirectory final : public workflow::Directory {
public:
    explicit SqlDirectory(Poco::Data::Session& session) : m_session(session) {}

    bool hasDepartment(std::string_view code) const override;
    bool worksFor(std::string_view user, std::string_view department) const override;

private:
    Poco::Data::Session& m_session;
};

} // namespace tongban::store::sql
