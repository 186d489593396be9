// A report or a case document on paper: every page drawn by the same
// typesetter as the PDF, at the printer's resolution, so that what prints is
// what was previewed and saved.
#pragma once

#include "reports/document/report_document.h"
#include "reports/render/renderers.h"

#include <wx/image.h>
#include <wx/print.h>

namespace tongban::client {

/// A rendered page as an image, for a preview or a printer.
wxImage pageImage(const reports::PagePreview& page);

class DocumentPrintout : public wxPrintout {
public:
    explicit DocumentPrintout(reports::ReportDocument document);

    void OnPreparePrinting() override;
    bool OnPrintPage(int page) override;
    bool HasPage(int page) override { return page >= 1 && page <= m_pages; }
    void GetPageInfo(int* minPage, int* maxPage, int* fromPage, int* toPage) override;
    int pages() const { return m_pages; }

private:
    reports::ReportDocument m_document;
    int m_pages = 0;
};

/// Asks for a printer and prints the document; a failure is said in a message box.
void printDocument(wxWindow* parent, const reports::ReportDocument& document);

} // namespace tongban::client
