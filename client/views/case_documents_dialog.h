// The documents of a case for the applicant — acceptance, supplement and
// result notices as the case has them — previewed, printed, or saved as PDF.
#pragma once

#include "client/session/session.h"
#include "reports/documents/case_documents.h"

#include <wx/dialog.h>

#include <optional>

class wxListBox;
class wxStaticBitmap;

namespace tongban::client {

class CaseDocumentsDialog : public wxDialog {
public:
    CaseDocumentsDialog(wxWindow* parent, Session& session, std::string caseNumber);

    /// Shows the document in the list at `index`; false when there is none.
    bool choose(std::size_t index);
    const std::optional<reports::ReportDocument>& document() const { return m_document; }
    std::size_t documentCount() const { return m_entries.size(); }

private:
    void print();
    void save();

    Session& m_session;
    std::string m_caseNumber;
    std::vector<reports::CaseDocumentEntry> m_entries;
    std::optional<reports::ReportDocument> m_document;
    wxListBox* m_list = nullptr;
    wxStaticBitmap* m_preview = nullptr;
};

} // namespace tongban::client
