// Simulating a draft before it is published: arrivals, staff and cases in,
// throughput, lead times (figures and a histogram) and the steps where work
// waits out. The simulation itself is the engine's (workflow/simulation).
#pragma once

#include "workflow/runtime/executable_process.h"

#include <wx/dialog.h>

#include <memory>

class wxListCtrl;
class wxSpinCtrl;
class wxSpinCtrlDouble;
class wxStaticText;

namespace tongban::client {

class LeadTimeChart;

class SimulationDialog : public wxDialog {
public:
    SimulationDialog(wxWindow* parent, std::shared_ptr<const workflow::ExecutableProcess> process);

    /// Runs with the values shown and fills in the results.
    void runSimulation();

private:
    std::shared_ptr<const workflow::ExecutableProcess> m_process;
    wxSpinCtrl* m_cases = nullptr;
    wxSpinCtrlDouble* m_perDay = nullptr;
    wxSpinCtrl* m_staff = nullptr;
    wxStaticText* m_figures = nullptr;
    LeadTimeChart* m_chart = nullptr;
    wxListCtrl* m_steps = nullptr;
};

} // namespace tongban::client
