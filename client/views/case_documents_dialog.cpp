#include "client/views/case_documents_dialog.h"

#include "client/views/document_printout.h"
#include "client/views/inbox_model.h"
#include "client/views/language.h"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>

namespace tongban::client {

namespace {

constexpr int kPreviewWidth = 420;

} // namespace

CaseDocumentsDialog::CaseDocumentsDialog(wxWindow* parent, Session& session, std::string caseNumber)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Documents of %s"), wxString::FromUTF8(caseNumber))),
      m_session(session), m_caseNumber(std::move(caseNumber)),
      m_entries(reports::caseDocuments(session.store(), m_caseNumber))
{
    m_list = new wxListBox(this, wxID_ANY);
    for (const auto& entry : m_entries)
        m_list->Append(inInterfaceLanguage(std::string(entry.name), std::string(entry.nameEn)));
    m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) { choose(static_cast<std::size_t>(event.GetSelection())); });
    m_preview = new wxStaticBitmap(this, wxID_ANY, wxBitmap(kPreviewWidth, kPreviewWidth * 297 / 210));

    auto* printButton = new wxButton(this, wxID_PRINT, _("Print..."));
    printButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print(); });
    auto* saveButton = new wxButton(this, wxID_SAVE, _("Save as PDF..."));
    saveButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(m_list, 1, wxEXPAND | wxBOTTOM, 8);
    left->Add(printButton, 0, wxEXPAND | wxBOTTOM, 4);
    left->Add(saveButton, 0, wxEXPAND | wxBOTTOM, 4);
    left->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0, wxEXPAND);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    SetEscapeId(wxID_CLOSE);

    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(left, 0, wxEXPAND | wxALL, 10);
    sizer->Add(m_preview, 0, wxALL, 10);
    SetSizerAndFit(sizer);
    // The newest document first: what the applicant is waiting for.
    if (!m_entries.empty()) {
        m_list->SetSelection(static_cast<int>(m_entries.size()) - 1);
        choose(m_entries.size() - 1);
    }
}

bool CaseDocumentsDialog::choose(std::size_t index)
{
    if (index >= m_entries.size())
        return false;
    m_list->SetSelection(static_cast<int>(index));
    auto made = reports::caseDocument(m_session.store(), m_caseNumber, m_entries[index].kind,
                                      formatLocal(m_session.now()).utf8_string());
    if (!made) {
        m_document.reset();
        wxMessageBox(wxString::FromUTF8(made.error().message), GetTitle(), wxOK | wxICON_ERROR, this);
        return false;
    }
    m_document = std::move(*made);
    m_preview->SetBitmap(wxBitmap(pageImage(reports::renderPagePreview(*m_document, 1, kPreviewWidth))));
    Layout();
    return true;
}

void CaseDocumentsDialog::print()
{
    if (m_document)
        printDocument(this, *m_document);
}

void CaseDocumentsDialog::save()
{
    if (!m_document)
        return;
    wxFileDialog dialog(this, _("Save the document"), wxString(),
                        wxString::FromUTF8(m_document->title + "-" + m_caseNumber + ".pdf"), "PDF (*.pdf)|*.pdf",
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    if (const auto written = reports::renderPdf(*m_document, dialog.GetPath().utf8_string()); !written)
        wxMessageBox(wxString::FromUTF8(written.error().message), GetTitle(), wxOK | wxICON_ERROR, this);
}

} // namespace tongban::client
