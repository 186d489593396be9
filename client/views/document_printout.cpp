#include "client/views/document_printout.h"

#include <wx/dc.h>
#include <wx/msgdlg.h>

#include <algorithm>

namespace tongban::client {

namespace {

/// 300 dots an inch across an A4 page: sharp on paper, bounded in memory.
constexpr int kMostPixelsAcross = 2480;

} // namespace

wxImage pageImage(const reports::PagePreview& page)
{
    wxImage image(std::max(1, page.width), std::max(1, page.height));
    std::copy(page.rgb.begin(), page.rgb.end(), image.GetData());
    return image;
}

DocumentPrintout::DocumentPrintout(reports::ReportDocument document)
    : wxPrintout(wxString::FromUTF8(document.title)), m_document(std::move(document))
{
}

void DocumentPrintout::OnPreparePrinting() { m_pages = reports::renderPagePreview(m_document, 1, 16).pages; }

void DocumentPrintout::GetPageInfo(int* minPage, int* maxPage, int* fromPage, int* toPage)
{
    *minPage = *fromPage = 1;
    *maxPage = *toPage = std::max(1, m_pages);
}

bool DocumentPrintout::OnPrintPage(int page)
{
    wxDC* dc = GetDC();
    if (!dc || !HasPage(page))
        return false;
    int width = 0, height = 0;
    GetPageSizePixels(&width, &height);
    const auto rendered = reports::renderPagePreview(m_document, page, std::clamp(width, 16, kMostPixelsAcross));
    // The page image covers the paper; the typesetter's own margins are on it.
    FitThisSizeToPaper(wxSize(rendered.width, rendered.height));
    dc->DrawBitmap(wxBitmap(pageImage(rendered)), 0, 0);
    return true;
}

void printDocument(wxWindow* parent, const reports::ReportDocument& document)
{
    wxPrinter printer;
    DocumentPrintout printout(document);
    if (!printer.Print(parent, &printout, true) && wxPrinter::GetLastError() == wxPRINTER_ERROR)
        wxMessageBox(wxString::Format(_("\"%s\" could not be printed."), wxString::FromUTF8(document.title)), _("Print"),
                     wxOK | wxICON_WARNING, parent);
}

} // namespace tongban::client
