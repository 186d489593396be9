// The durable store: every command's events, the projections inboxes and
// reports read, reference data, and the hash-chained journal (留痕). A Store
// is every facet at once; code that needs one part takes that facet.
//
//   auto store = Store::open("workspace.db");                 // or "postgresql://..."
//   store->publishDefinition(definition, admin, now);
//   auto created = store->createCase({"restaurant-opening", 0, "320100", "窗口", applicant, data, clerk, now});
//   store->execute(created->caseNumber, Command{CompleteTask{1, Outcome::Approve}, clerk, now});
#pragma once

#include "store/facets/accounts.h"
#include "store/facets/case_log.h"
#include "store/facets/case_queries.h"
#include "store/facets/evaluation_log.h"
#include "store/facets/journal.h"
#include "store/facets/reference_data.h"
#include "store/facets/replica_sink.h"
#include "store/facets/report_queries.h"

#include <memory>
#include <string>

namespace tongban::store {

/// One store interface over two connectors (SQLite, PostgreSQL), both through
/// Poco::Data. Every command is one transaction: its journal records, the
/// projections and the case version commit together or not at all.
class Store : public ReferenceData,
              public CaseLog,
              public CaseQueries,
              public EvaluationLog,
              public Accounts,
              public Journal,
              public ReplicaSink,
              public ReportQueries {
public:
    /// Opens a SQLite file (created when missing) or a `postgresql://` URL and
    /// applies pending schema migrations. Throws StoreError when the database
    /// cannot be opened or was written by a newer Tongban.
    static std::unique_ptr<Store> open(const std::string& location, const Calendar& calendar);
    static std::unique_ptr<Store> open(const std::string& location);  ///< with the national calendar

    ~Store() override = default;

    virtual int schemaVersion() = 0;
    virtual std::string backend() const = 0;  ///< "sqlite" or "postgresql"
};

} // namespace tongban::store
