#include "client/views/inbox_panel.h"

#include "client/views/inbox_model.h"

#include <wx/config.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>

#include <algorithm>

namespace tongban::client {

namespace {

wxString filterLabel(InboxFilter filter)
{
    switch (filter) {
    case InboxFilter::All:
        return _("All open tasks");
    case InboxFilter::Waiting:
        return _("To claim");
    case InboxFilter::Claimed:
        return _("Claimed");
    case InboxFilter::Mine:
        return _("Mine");
    case InboxFilter::DueSoon:
        return _("Due soon");
    case InboxFilter::Overdue:
        return _("Overdue");
    }
    return {};
}

} // namespace

InboxPanel::InboxPanel(wxWindow* parent, Session& session, std::function<void(const std::string&)> openCase)
    : wxPanel(parent), m_presenter(session), m_openCase(std::move(openCase))
{
    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    auto* side = new wxPanel(splitter);
    m_filters = new wxListBox(side, wxID_ANY);
    auto* sideSizer = new wxBoxSizer(wxVERTICAL);
    sideSizer->Add(m_filters, 1, wxEXPAND | wxALL, 4);
    side->SetSizer(sideSizer);

    auto* main = new wxPanel(splitter);
    m_search = new wxSearchCtrl(main, wxID_ANY);
    m_search->SetDescriptiveText(_("Case number, applicant or ID number"));
    m_inbox = new wxDataViewCtrl(main, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_ROW_LINES | wxDV_SINGLE);
    m_model = new InboxModel(m_presenter);
    m_inbox->AssociateModel(m_model.get());
    const std::pair<wxString, int> columns[] = {
        {_("Case number"), 190}, {_("One thing"), 140}, {_("Applicant"), 220}, {_("Step"), 150},
        {_("Received"), 130},    {_("Due"), 130},       {_("Time left"), 170}, {_("State"), 130}};
    auto* config = wxConfig::Get();
    for (unsigned c = 0; c < kInboxColumns; ++c) {
        const int width = static_cast<int>(config->ReadLong(wxString::Format("/inbox/column%u", c), columns[c].second));
        m_inbox->AppendTextColumn(columns[c].first, c, wxDATAVIEW_CELL_INERT, width, wxALIGN_NOT,
                                  wxDATAVIEW_COL_RESIZABLE);
    }
    auto* mainSizer = new wxBoxSizer(wxVERTICAL);
    mainSizer->Add(m_search, 0, wxEXPAND | wxALL, 4);
    mainSizer->Add(m_inbox, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);
    main->SetSizer(mainSizer);
    splitter->SplitVertically(side, main, 200);
    splitter->SetMinimumPaneSize(120);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(splitter, 1, wxEXPAND);
    SetSizer(sizer);

    m_filters->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) {
        applyFilter(kInboxFilters.at(static_cast<std::size_t>(event.GetSelection())));
    });
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { applySearch(m_search->GetValue().utf8_string()); });
    m_inbox->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) {
        if (const auto caseNumber = selectedCase())
            m_openCase(*caseNumber);
    });
    m_inbox->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_CLICK, [this](wxDataViewEvent& event) {
        sortBy(static_cast<unsigned>(event.GetColumn()));
    });

    const long sortColumn = config->ReadLong("/inbox/sortColumn", -1);
    if (sortColumn >= 0 && sortColumn < kInboxColumns) {
        const bool ascending = config->ReadBool("/inbox/sortAscending", true);
        sortBy(static_cast<unsigned>(sortColumn));
        if (m_presenter.ascending() != ascending)
            sortBy(static_cast<unsigned>(sortColumn));
    }
}

InboxPanel::~InboxPanel() = default;

void InboxPanel::refresh()
{
    m_presenter.refresh();
    m_model->rowsChanged();
    updateFilters();
}

void InboxPanel::sortBy(unsigned column)
{
    static constexpr InboxSort kByColumn[kInboxColumns] = {InboxSort::CaseNumber, InboxSort::OneThing, InboxSort::Applicant,
                                                          InboxSort::Step,       InboxSort::Received, InboxSort::Due,
                                                          InboxSort::Due,        InboxSort::State};
    if (column >= kInboxColumns)
        return;
    const auto sort = kByColumn[column];
    const bool ascending = sort == m_presenter.sort() ? !m_presenter.ascending() : true;
    m_presenter.setSort(sort, ascending);
    for (unsigned c = 0; c < m_inbox->GetColumnCount(); ++c)
        m_inbox->GetColumn(c)->UnsetAsSortKey();
    m_inbox->GetColumn(column)->SetSortOrder(ascending);
    m_model->rowsChanged();
    wxConfig::Get()->Write("/inbox/sortColumn", static_cast<long>(column));
    wxConfig::Get()->Write("/inbox/sortAscending", ascending);
}

void InboxPanel::applyFilter(InboxFilter filter)
{
    m_presenter.setFilter(filter);
    m_model->rowsChanged();
}

void InboxPanel::applySearch(const std::string& text)
{
    m_presenter.setSearch(text);
    m_model->rowsChanged();
}

std::optional<std::string> InboxPanel::selectedCase() const
{
    const wxDataViewItem item = m_inbox->GetSelection();
    if (!item.IsOk())
        return std::nullopt;
    const unsigned row = m_model->GetRow(item);
    if (row >= m_presenter.rows().size())
        return std::nullopt;
    return m_presenter.rows()[row].caseNumber;
}

void InboxPanel::focusList() { m_inbox->SetFocus(); }

void InboxPanel::focusSearch() { m_search->SetFocus(); }

void InboxPanel::updateFilters()
{
    const int selected = std::max(0, m_filters->GetSelection());
    m_filters->Clear();
    for (const auto filter : kInboxFilters)
        m_filters->Append(wxString::Format("%s  (%lld)", filterLabel(filter), static_cast<long long>(m_presenter.count(filter))));
    m_filters->SetSelection(selected);
}

void InboxPanel::rememberColumns()
{
    auto* config = wxConfig::Get();
    for (unsigned c = 0; c < m_inbox->GetColumnCount(); ++c)
        config->Write(wxString::Format("/inbox/column%u", c), m_inbox->GetColumn(c)->GetWidth());
}

} // namespace tongban::client
