// The Reports page: choose a report and its parameters, make it (a gauge and
// Cancel while the database works), look through its pages, export it.
#pragma once

#include "client/reports/reports_presenter.h"

#include <wx/panel.h>
#include <wx/timer.h>

class wxButton;
class wxChoice;
class wxDatePickerCtrl;
class wxGauge;
class wxStaticBitmap;
class wxStaticText;

namespace tongban::client {

class ReportsPanel : public wxPanel {
public:
    ReportsPanel(wxWindow* parent, Session& session);

    ReportsPresenter& presenter() { return m_presenter; }
    /// Makes the chosen report with the parameters shown.
    void makeReport();
    void exportAs(ExportFormat format);
    void showPage(int page);
    int page() const { return m_page; }

private:
    void onTimer(wxTimerEvent&);
    void setRunning(bool running);

    ReportsPresenter m_presenter;
    std::vector<std::pair<std::string, std::string>> m_oneThings;
    std::vector<std::string> m_departments;
    wxChoice* m_report = nullptr;
    wxDatePickerCtrl* m_from = nullptr;
    wxDatePickerCtrl* m_to = nullptr;
    wxChoice* m_department = nullptr;
    wxChoice* m_oneThing = nullptr;
    wxButton* m_make = nullptr;
    wxButton* m_cancel = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_status = nullptr;
    wxStaticBitmap* m_preview = nullptr;
    wxStaticText* m_pageLabel = nullptr;
    wxTimer m_timer;
    int m_page = 1;
};

} // namespace tongban::client
