// Numbered, forward-only schema migrations, applied when a store opens.
#pragma once

#include "store/sql/dialect.h"

namespace Poco::Data {
class Session;
}

namespace tongban::store {

/// The schema version this build writes.
int latestSchemaVersion();

/// The database's schema version; 0 for an empty database.
int schemaVersionOf(Poco::Data::Session& session, const Dialect& dialect);

/// Applies the migrations after the database's version up to `target` (each
/// in its own transaction). Throws StoreError for a database newer than this
/// build knows, naming both versions.
void migrate(Poco::Data::Session& session, const Dialect& dialect, int target);

} // namespace tongban::store
