// 受理回执 on paper: the receipt's lines laid out on one page.
#pragma once

#include <wx/print.h>

#include <string>
#include <vector>

namespace tongban::client {

class ReceiptPrintout : public wxPrintout {
public:
    explicit ReceiptPrintout(std::vector<std::string> lines);

    bool OnPrintPage(int page) override;
    bool HasPage(int page) override { return page == 1; }
    void GetPageInfo(int* minPage, int* maxPage, int* fromPage, int* toPage) override;

private:
    std::vector<std::string> m_lines;
};

/// Shows the receipt with a button that prints it.
void showReceipt(wxWindow* parent, const std::vector<std::string>& lines);

} // namespace tongban::client
