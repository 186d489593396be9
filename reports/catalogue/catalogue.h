// The reports there are, by key, and making one of them: what the command
// line and the client's Reports page both offer.
#pragma once

#include "reports/catalogue/period_summary.h"

#include <string_view>
#include <vector>

namespace tongban::reports {

struct CatalogueEntry {
    std::string_view key;  ///< "summary", as --report names it
    std::string_view name;
    std::string_view nameEn;
    std::string_view description;
};

const std::vector<CatalogueEntry>& reportCatalogue();
const CatalogueEntry* findReport(std::string_view key);

/// Makes the report `key` for the scope; `now` stamps it, and is the instant
/// the warnings look at unless the period ended before. Throws
/// std::invalid_argument for a key that is not in the catalogue.
ReportDocument makeReport(store::Store& store, std::string_view key, const ReportScope& scope,
                          workflow::Instant now);

} // namespace tongban::reports
