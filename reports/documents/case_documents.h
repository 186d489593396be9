// Documents of one case, printed for the applicant: the acceptance notice
// (受理通知书), the supplement notice (补正告知书) listing every material to be
// supplemented at once, and the result notice (办结通知书). Each carries a QR
// code of the case number, to look progress up or evaluate the service with.
#pragma once

#include "reports/document/report_document.h"
#include "store/store.h"

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::reports {

enum class CaseDocumentKind { Acceptance, Supplement, Result };

struct CaseDocumentEntry {
    CaseDocumentKind kind;
    std::string_view name;    ///< "受理通知书"
    std::string_view nameEn;  ///< "Acceptance notice"
};

/// The documents a case has so far: the acceptance notice always, the
/// supplement notice once materials were asked for, the result notice once it ended.
std::vector<CaseDocumentEntry> caseDocuments(store::CaseQueries& store, const std::string& caseNumber);

/// Why a case's document was not made.
struct CaseDocumentError {
    enum class Kind {
        NoSuchCase,
        NotYet,          ///< the case has not reached the point that gives the document
        NoSuchDocument,  ///< a kind of document that is not one of CaseDocumentKind
    };
    Kind kind;
    std::string message;  ///< shown to the user as it is
};

/// One of a case's documents; the error says which case does not exist or
/// does not have that document yet.
std::expected<ReportDocument, CaseDocumentError> caseDocument(store::Store& store, const std::string& caseNumber,
                                                              CaseDocumentKind kind, const std::string& madeAt);

/// The acceptance notice of a case; the error names a case that does not exist.
std::expected<ReportDocument, CaseDocumentError> acceptanceNotice(store::Store& store, const std::string& caseNumber,
                                                                  const std::string& madeAt);

/// The latest supplement notice: every material asked for, what the applicant
/// is to do, who asked and when, and whether the materials have come.
std::expected<ReportDocument, CaseDocumentError> supplementNotice(store::Store& store, const std::string& caseNumber,
                                                                  const std::string& madeAt);

/// How the case ended, when, against its promised time, and the working days
/// it took with pauses left out; with the invitation to evaluate.
std::expected<ReportDocument, CaseDocumentError> resultNotice(store::Store& store, const std::string& caseNumber,
                                                              const std::string& madeAt);

} // namespace tongban::reports
