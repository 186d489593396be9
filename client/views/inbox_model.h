// The inbox as a virtual list model: wxDataViewCtrl asks for the rows it
// shows, so the list stays fast however many tasks wait.
#pragma once

#include "client/inbox/inbox_presenter.h"

#include <wx/dataview.h>

namespace tongban::client {

enum InboxColumn { kCaseColumn, kOneThingColumn, kApplicantColumn, kStepColumn, kReceivedColumn, kDueColumn,
                   kTimeLeftColumn, kStateColumn, kInboxColumns };

class InboxModel : public wxDataViewVirtualListModel {
public:
    explicit InboxModel(const InboxPresenter& presenter);

    /// Tells the view the rows changed after the presenter refreshed or filtered.
    void rowsChanged();

    unsigned GetColumnCount() const override { return kInboxColumns; }
    wxString GetColumnType(unsigned) const override { return "string"; }
    void GetValueByRow(wxVariant& value, unsigned row, unsigned column) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }
    bool GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const override;

private:
    const InboxPresenter& m_presenter;
};

/// "剩余 2.5 个工作日", "逾期 1.0 个工作日", "暂停计时", in the current language.
wxString describeTimeLeft(const InboxRow& row);
/// A day and time in Beijing time: "2026-11-30 09:15".
wxString formatLocal(workflow::Instant instant);

} // namespace tongban::client
