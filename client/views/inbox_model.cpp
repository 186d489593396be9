#include "client/views/inbox_model.h"

#include <wx/intl.h>

#include <cmath>

namespace tongban::client {

InboxModel::InboxModel(const InboxPresenter& presenter)
    : wxDataViewVirtualListModel(static_cast<unsigned>(presenter.rows().size())), m_presenter(presenter)
{
}

void InboxModel::rowsChanged() { Reset(static_cast<unsigned>(m_presenter.rows().size())); }

wxString formatLocal(workflow::Instant instant)
{
    const auto local = instant + std::chrono::hours{8};
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss time{local - day};
    return wxString::Format("%04d-%02u-%02u %02ld:%02ld", static_cast<int>(date.year()),
                            static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                            static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()));
}

wxString describeTimeLeft(const InboxRow& row)
{
    if (row.colour == ClockColour::Paused)
        return _("paused");
    if (!row.workingDaysLeft)
        return _("no time limit");
    const double days = std::abs(*row.workingDaysLeft);
    if (row.colour == ClockColour::PausedOverdue)
        return wxString::Format(_("paused, overdue by %.1f working days"), days);
    if (*row.workingDaysLeft < 0)
        return wxString::Format(_("overdue by %.1f working days"), days);
    return wxString::Format(_("%.1f working days left"), days);
}

void InboxModel::GetValueByRow(wxVariant& value, unsigned row, unsigned column) const
{
    const auto& rows = m_presenter.rows();
    if (row >= rows.size()) {
        value = wxString();
        return;
    }
    const auto& r = rows[row];
    switch (column) {
    case kCaseColumn:
        value = wxString::FromUTF8(r.caseNumber);
        break;
    case kOneThingColumn:
        value = wxString::FromUTF8(r.oneThing);
        break;
    case kApplicantColumn:
        value = wxString::FromUTF8(r.applicant);
        break;
    case kStepColumn:
        value = wxString::FromUTF8(r.step);
        break;
    case kReceivedColumn:
        value = formatLocal(r.received);
        break;
    case kDueColumn:
        value = r.due ? formatLocal(*r.due) : wxString();
        break;
    case kTimeLeftColumn:
        value = describeTimeLeft(r);
        break;
    case kStateColumn:
        value = r.claimed ? wxString::Format(_("claimed by %s"), wxString::FromUTF8(r.assignee)) : _("to claim");
        break;
    default:
        value = wxString();
    }
}

bool InboxModel::GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const
{
    const auto& rows = m_presenter.rows();
    if (column != kTimeLeftColumn || row >= rows.size())
        return false;
    switch (rows[row].colour) {
    case ClockColour::Green:
        attr.SetColour(wxColour(0x1b, 0x7f, 0x3b));
        return true;
    case ClockColour::Yellow:
        attr.SetColour(wxColour(0xb2, 0x6b, 0x00));
        attr.SetBold(true);
        return true;
    case ClockColour::Red:
        attr.SetColour(wxColour(0xc6, 0x28, 0x28));
        attr.SetBold(true);
        return true;
    case ClockColour::Paused:
        attr.SetColour(wxColour(0x75, 0x75, 0x75));
        attr.SetItalic(true);
        return true;
    case ClockColour::PausedOverdue:
        attr.SetColour(wxColour(0xc6, 0x28, 0x28));
        attr.SetBold(true);
        attr.SetItalic(true);
        return true;
    case ClockColour::None:
        return false;
    }
    return false;
}

} // namespace tongban::client
