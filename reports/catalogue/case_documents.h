// Documents of one case, printed for the applicant: the acceptance notice
// (受理通知书) with a QR code carrying the case number, so that progress can be
// looked up by scanning it.
#pragma once

#include "reports/document/report_document.h"
#include "workflow/store/store.h"

#include <expected>
#include <string>

namespace tongban::reports {

/// The acceptance notice of a case; the error names a case that does not exist.
std::expected<ReportDocument, std::string> acceptanceNotice(workflow::store::Store& store, const std::string& caseNumber,
                                                            const std::string& madeAt);

} // namespace tongban::reports
