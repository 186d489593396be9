#include "client/views/simulation_dialog.h"

#include "workflow/simulation/simulation.h"

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <algorithm>

namespace tongban::client {

/// Cases by whole working days of lead time, as bars.
class LeadTimeChart : public wxPanel {
public:
    explicit LeadTimeChart(wxWindow* parent) : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(560, 180))
    {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        Bind(wxEVT_PAINT, &LeadTimeChart::onPaint, this);
    }
    void setCounts(std::vector<std::size_t> counts)
    {
        m_counts = std::move(counts);
        Refresh();
    }

private:
    void onPaint(wxPaintEvent&)
    {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        if (m_counts.empty())
            return;
        const auto size = GetClientSize();
        const int left = 36, bottom = 22, top = 8;
        const auto tallest = *std::ranges::max_element(m_counts);
        const double width = static_cast<double>(size.x - left - 8) / static_cast<double>(m_counts.size());
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(wxColour(0x19, 0x76, 0xd2)));
        for (std::size_t day = 0; day < m_counts.size(); ++day) {
            const int height = tallest ? static_cast<int>(static_cast<double>(m_counts[day]) / static_cast<double>(tallest) *
                                                          (size.y - bottom - top))
                                       : 0;
            dc.DrawRectangle(left + static_cast<int>(static_cast<double>(day) * width), size.y - bottom - height,
                             std::max(1, static_cast<int>(width) - 1), height);
        }
        dc.SetPen(*wxBLACK_PEN);
        dc.DrawLine(left, size.y - bottom, size.x - 8, size.y - bottom);
        dc.SetFont(GetFont().Smaller());
        dc.DrawText(wxString::Format("%zu", tallest), 2, top);
        dc.DrawText("0", left, size.y - bottom + 2);
        dc.DrawText(wxString::Format(_("%zu working days"), m_counts.size()), size.x - 120, size.y - bottom + 2);
    }

    std::vector<std::size_t> m_counts;
};

SimulationDialog::SimulationDialog(wxWindow* parent, std::shared_ptr<const workflow::ExecutableProcess> process)
    : wxDialog(parent, wxID_ANY, _("Simulate the process"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_process(std::move(process))
{
    auto* inputs = new wxFlexGridSizer(2, wxSize(8, 4));
    inputs->Add(new wxStaticText(this, wxID_ANY, _("Synthetic cases")), 0, wxALIGN_CENTER_VERTICAL);
    m_cases = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 10, 100000, 1000);
    inputs->Add(m_cases);
    inputs->Add(new wxStaticText(this, wxID_ANY, _("Applications a working day")), 0, wxALIGN_CENTER_VERTICAL);
    m_perDay = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0.1, 10000, 20, 1);
    inputs->Add(m_perDay);
    inputs->Add(new wxStaticText(this, wxID_ANY, _("Officers per department")), 0, wxALIGN_CENTER_VERTICAL);
    m_staff = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 1000, 2);
    inputs->Add(m_staff);
    auto* run = new wxButton(this, wxID_ANY, _("Run"));
    run->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { runSimulation(); });
    m_figures = new wxStaticText(this, wxID_ANY, wxString());
    m_chart = new LeadTimeChart(this);
    m_steps = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 160), wxLC_REPORT | wxLC_SINGLE_SEL);
    m_steps->InsertColumn(0, _("Step"), wxLIST_FORMAT_LEFT, 180);
    m_steps->InsertColumn(1, _("Department"), wxLIST_FORMAT_LEFT, 140);
    m_steps->InsertColumn(2, _("Mean wait (hours)"), wxLIST_FORMAT_RIGHT, 120);
    m_steps->InsertColumn(3, _("Officers busy"), wxLIST_FORMAT_RIGHT, 100);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(inputs, 0, wxALL, 10);
    sizer->Add(run, 0, wxLEFT | wxBOTTOM, 10);
    sizer->Add(m_figures, 0, wxLEFT | wxRIGHT, 10);
    sizer->Add(m_chart, 1, wxEXPAND | wxALL, 10);
    sizer->Add(m_steps, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(CreateStdDialogButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    SetEscapeId(wxID_CLOSE);
}

void SimulationDialog::runSimulation()
{
    workflow::SimulationSettings settings;
    settings.cases = static_cast<std::size_t>(m_cases->GetValue());
    settings.arrivalsPerDay = m_perDay->GetValue();
    settings.defaultStaff = m_staff->GetValue();
    const auto report = workflow::simulate(*m_process, settings);
    m_figures->SetLabel(wxString::Format(
        _("%zu of %zu cases finished in %.1f working days: %.2f a day. Lead time in working days: mean %.1f, "
          "median %.1f, 90%% within %.1f, longest %.1f."),
        report.finished, report.cases, report.workingDays, report.throughputPerDay, report.meanLeadDays,
        report.p50LeadDays, report.p90LeadDays, report.maxLeadDays));
    m_figures->Wrap(560);
    m_chart->setCounts(report.leadHistogram);
    m_steps->DeleteAllItems();
    for (const auto& step : report.bottlenecks) {
        const long row = m_steps->InsertItem(m_steps->GetItemCount(), wxString::FromUTF8(step.name.empty() ? step.node : step.name));
        m_steps->SetItem(row, 1, wxString::FromUTF8(step.department));
        m_steps->SetItem(row, 2, wxString::Format("%.1f", step.meanWaitHours));
        m_steps->SetItem(row, 3, wxString::Format("%.0f%%", step.utilisation * 100));
    }
    Layout();
}

} // namespace tongban::client
