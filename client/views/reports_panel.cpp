#include "client/views/reports_panel.h"

#include "client/views/document_printout.h"
#include "client/views/language.h"

#include <wx/bmpbuttn.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

namespace tongban::client {

namespace {

constexpr int kPreviewWidth = 620;

workflow::Day dayOf(const wxDateTime& date)
{
    return workflow::Day{std::chrono::year{date.GetYear()} / std::chrono::month{static_cast<unsigned>(date.GetMonth()) + 1} /
                         std::chrono::day{static_cast<unsigned>(date.GetDay())}};
}

} // namespace

ReportsPanel::ReportsPanel(wxWindow* parent, Session& session)
    : wxPanel(parent), m_presenter(session), m_oneThings(m_presenter.oneThings()), m_departments(m_presenter.departments()),
      m_timer(this)
{
    auto* form = new wxFlexGridSizer(2, wxSize(8, 6));
    const auto label = [&](const wxString& text) { form->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL); };
    label(_("Report"));
    m_report = new wxChoice(this, wxID_ANY);
    for (const auto& report : ReportsPresenter::catalogue())
        m_report->Append(inInterfaceLanguage(std::string(report.name), std::string(report.nameEn)));
    m_report->SetSelection(0);
    form->Add(m_report, 1, wxEXPAND);
    // The month so far, by default.
    const auto today = wxDateTime::Today();
    label(_("From"));
    m_from = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime(1, today.GetMonth(), today.GetYear()));
    form->Add(m_from);
    label(_("To"));
    m_to = new wxDatePickerCtrl(this, wxID_ANY, today);
    form->Add(m_to);
    label(_("Department"));
    m_department = new wxChoice(this, wxID_ANY);
    m_department->Append(_("All"));
    for (const auto& code : m_departments)
        m_department->Append(wxString::FromUTF8(code));
    m_department->SetSelection(0);
    form->Add(m_department, 1, wxEXPAND);
    label(_("One thing"));
    m_oneThing = new wxChoice(this, wxID_ANY);
    m_oneThing->Append(_("All"));
    for (const auto& [key, name] : m_oneThings)
        m_oneThing->Append(wxString::FromUTF8(name));
    m_oneThing->SetSelection(0);
    form->Add(m_oneThing, 1, wxEXPAND);

    m_make = new wxButton(this, wxID_ANY, _("Make the report"));
    m_make->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { makeReport(); });
    m_cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_presenter.cancel();
        setRunning(false);
        m_status->SetLabel(_("Cancelled."));
    });
    m_gauge = new wxGauge(this, wxID_ANY, 100);
    m_status = new wxStaticText(this, wxID_ANY, wxString());
    auto* exports = new wxBoxSizer(wxHORIZONTAL);
    for (const auto& [format, text] : {std::pair{ExportFormat::Pdf, "PDF"}, std::pair{ExportFormat::Xlsx, "Excel"},
                                       std::pair{ExportFormat::Html, "HTML"}, std::pair{ExportFormat::Csv, "CSV"}}) {
        auto* button = new wxButton(this, wxID_ANY, wxString::Format(_("Export %s..."), text));
        button->Bind(wxEVT_BUTTON, [this, format](wxCommandEvent&) { exportAs(format); });
        exports->Add(button, 0, wxRIGHT | wxBOTTOM, 4);
    }
    auto* print = new wxButton(this, wxID_PRINT, _("Print..."));
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_presenter.report())
            printDocument(this, *m_presenter.report());
        else
            m_status->SetLabel(_("Make the report first."));
    });
    exports->Add(print, 0, wxRIGHT | wxBOTTOM, 4);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(form, 0, wxEXPAND | wxALL, 10);
    auto* run = new wxBoxSizer(wxHORIZONTAL);
    run->Add(m_make, 0, wxRIGHT, 6);
    run->Add(m_cancel);
    left->Add(run, 0, wxLEFT | wxRIGHT, 10);
    left->Add(m_gauge, 0, wxEXPAND | wxALL, 10);
    left->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    left->AddSpacer(12);
    left->Add(exports, 0, wxLEFT | wxRIGHT, 10);

    auto* pages = new wxBoxSizer(wxHORIZONTAL);
    auto* previous = new wxButton(this, wxID_ANY, _("< Previous page"));
    previous->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showPage(m_page - 1); });
    auto* next = new wxButton(this, wxID_ANY, _("Next page >"));
    next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showPage(m_page + 1); });
    m_pageLabel = new wxStaticText(this, wxID_ANY, wxString());
    pages->Add(previous, 0, wxRIGHT, 6);
    pages->Add(m_pageLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    pages->Add(next);
    auto* scroller = new wxScrolledWindow(this, wxID_ANY);
    scroller->SetScrollRate(0, 16);
    m_preview = new wxStaticBitmap(scroller, wxID_ANY, wxBitmap(kPreviewWidth, 10));
    auto* inner = new wxBoxSizer(wxVERTICAL);
    inner->Add(m_preview, 0, wxALL, 4);
    scroller->SetSizer(inner);
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(pages, 0, wxALL, 6);
    right->Add(scroller, 1, wxEXPAND);

    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(left, 0, wxEXPAND);
    sizer->Add(right, 1, wxEXPAND);
    SetSizer(sizer);
    Bind(wxEVT_TIMER, &ReportsPanel::onTimer, this);
    setRunning(false);
}

void ReportsPanel::setRunning(bool running)
{
    m_make->Enable(!running);
    m_cancel->Enable(running);
    if (running) {
        m_gauge->Pulse();
        m_timer.Start(100);
    } else {
        m_timer.Stop();
        m_gauge->SetValue(0);
    }
}

void ReportsPanel::makeReport()
{
    const auto& report = ReportsPresenter::catalogue()[static_cast<std::size_t>(std::max(0, m_report->GetSelection()))];
    reports::ReportScope scope{dayOf(m_from->GetValue()), dayOf(m_to->GetValue()), {}, {}, {}};
    if (m_department->GetSelection() > 0)
        scope.department = m_departments[static_cast<std::size_t>(m_department->GetSelection() - 1)];
    if (m_oneThing->GetSelection() > 0)
        scope.oneThing = m_oneThings[static_cast<std::size_t>(m_oneThing->GetSelection() - 1)].first;
    if (const auto started = m_presenter.start(std::string(report.key), scope); !started) {
        m_status->SetLabel(wxString::FromUTF8(started.error().message));
        return;
    }
    m_status->SetLabel(_("Counting in the database..."));
    setRunning(true);
}

void ReportsPanel::onTimer(wxTimerEvent&)
{
    if (!m_presenter.poll()) {
        m_gauge->Pulse();
        return;
    }
    setRunning(false);
    if (!m_presenter.report()) {
        m_status->SetLabel(wxString::Format(_("The report could not be made: %s"), wxString::FromUTF8(m_presenter.failure())));
        return;
    }
    m_status->SetLabel(_("Made. Look through its pages or export it."));
    showPage(1);
}

void ReportsPanel::showPage(int page)
{
    if (!m_presenter.report())
        return;
    const auto preview = m_presenter.preview(page, kPreviewWidth);
    m_page = std::clamp(page, 1, std::max(1, preview.pages));
    m_preview->SetBitmap(wxBitmap(pageImage(preview)));
    m_pageLabel->SetLabel(wxString::Format(_("Page %d of %d"), m_page, preview.pages));
    m_preview->GetParent()->FitInside();
    Layout();
}

void ReportsPanel::exportAs(ExportFormat format)
{
    static const std::pair<const char*, const char*> kFiles[] = {
        {"pdf", "PDF (*.pdf)|*.pdf"}, {"xlsx", "Excel (*.xlsx)|*.xlsx"}, {"html", "HTML (*.html)|*.html"}, {"csv", "CSV (*.csv)|*.csv"}};
    const auto& [extension, wildcard] = kFiles[static_cast<int>(format)];
    if (!m_presenter.report()) {
        m_status->SetLabel(_("Make the report first."));
        return;
    }
    wxFileDialog dialog(this, _("Export the report"), wxString(),
                        wxString::FromUTF8(m_presenter.report()->title) + "." + extension, wildcard,
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    if (const auto written = m_presenter.exportTo(format, dialog.GetPath().utf8_string()); !written)
        wxMessageBox(wxString::FromUTF8(written.error().message), _("Export the report"), wxOK | wxICON_ERROR, this);
    else
        m_status->SetLabel(wxString::Format(_("Written to %s."), dialog.GetPath()));
}

} // namespace tongban::client
