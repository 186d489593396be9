#include "client/views/receipt_printout.h"

#include <wx/button.h>
#include <wx/dc.h>
#include <wx/dialog.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace tongban::client {

ReceiptPrintout::ReceiptPrintout(std::vector<std::string> lines) : wxPrintout(_("Receipt")), m_lines(std::move(lines)) {}

void ReceiptPrintout::GetPageInfo(int* minPage, int* maxPage, int* fromPage, int* toPage)
{
    *minPage = *maxPage = *fromPage = *toPage = 1;
}

bool ReceiptPrintout::OnPrintPage(int page)
{
    wxDC* dc = GetDC();
    if (!dc || page != 1 || m_lines.empty())
        return false;
    // Lay the page out in millimetres of an A4 sheet, whatever the device.
    FitThisSizeToPageMargins(wxSize(210, 297), wxPageSetupDialogData());
    wxFont title(wxFontInfo(7).Bold());
    wxFont body(wxFontInfo(4));
    dc->SetFont(title);
    dc->SetTextForeground(*wxBLACK);
    const wxString heading = wxString::FromUTF8(m_lines.front());
    const wxSize headingSize = dc->GetTextExtent(heading);
    dc->DrawText(heading, (210 - headingSize.x) / 2, 20);
    dc->SetFont(body);
    int y = 40;
    for (std::size_t i = 1; i < m_lines.size(); ++i) {
        dc->DrawText(wxString::FromUTF8(m_lines[i]), 25, y);
        y += dc->GetTextExtent(wxString::FromUTF8(m_lines[i])).y + 3;
    }
    dc->SetPen(wxPen(*wxBLACK, 0));
    dc->DrawLine(20, 34, 190, 34);
    return true;
}

void showReceipt(wxWindow* parent, const std::vector<std::string>& lines)
{
    wxDialog dialog(parent, wxID_ANY, _("Receipt"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    wxString text;
    for (const auto& line : lines)
        text += wxString::FromUTF8(line) + "\n";
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, text), 0, wxALL, 16);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* print = new wxButton(&dialog, wxID_PRINT, _("Print..."));
    buttons->Add(print, 0, wxRIGHT, 8);
    buttons->Add(new wxButton(&dialog, wxID_OK), 0);
    sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
    dialog.SetSizerAndFit(sizer);
    print->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        wxPrinter printer;
        ReceiptPrintout printout(lines);
        if (!printer.Print(&dialog, &printout, true) && wxPrinter::GetLastError() == wxPRINTER_ERROR)
            wxMessageBox(_("The receipt could not be printed."), _("Receipt"), wxOK | wxICON_WARNING, &dialog);
    });
    dialog.ShowModal();
}

} // namespace tongban::client
