// The inbox tab: the filters with their counts, the search box and the list
// of the department's open tasks. Its logic is InboxPresenter's; this only
// shows and binds it.
#pragma once

#include "client/inbox/inbox_presenter.h"

#include <wx/dataview.h>
#include <wx/panel.h>

#include <functional>
#include <optional>
#include <string>

class wxListBox;
class wxSearchCtrl;

namespace tongban::client {

class InboxModel;

class InboxPanel : public wxPanel {
public:
    /// `openCase` is told the number of each case the user opens from the list.
    InboxPanel(wxWindow* parent, Session& session, std::function<void(const std::string&)> openCase);
    ~InboxPanel() override;

    /// Reads the inbox again and updates the counts of the filters.
    void refresh();
    /// Shows one filter's rows, as choosing it in the side bar does.
    void applyFilter(InboxFilter filter);
    /// Shows the rows that match, as typing in the search box does.
    void applySearch(const std::string& text);
    /// Orders the inbox by a column; again on the same column reverses it.
    void sortBy(unsigned column);
    /// The case number of the selected row; none when no row is selected.
    std::optional<std::string> selectedCase() const;
    void focusList();
    void focusSearch();
    /// Keeps the widths of the columns for the next start.
    void rememberColumns();

    wxDataViewCtrl* view() const { return m_inbox; }
    const InboxPresenter& presenter() const { return m_presenter; }

private:
    void updateFilters();

    InboxPresenter m_presenter;
    std::function<void(const std::string&)> m_openCase;
    wxObjectDataPtr<InboxModel> m_model;
    wxListBox* m_filters = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxDataViewCtrl* m_inbox = nullptr;
};

} // namespace tongban::client
