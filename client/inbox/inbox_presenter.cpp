#include "client/inbox/inbox_presenter.h"

#include <algorithm>

namespace tongban::client {

namespace {

using store::TaskView;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

InboxRow InboxPresenter::rowOf(const TaskView& task) const
{
    InboxRow row{task.caseNumber, task.task, task.oneThing, task.applicantName, task.applicantIdentity, task.name,
                 task.openedAt, task.dueAt, std::nullopt, ClockColour::None,
                 task.state == store::TaskState::Claimed, task.assignee};
    const auto& calendar = m_session.calendar();
    const auto now = m_readAt;
    const double perDay = calendar.officeMinutesPerDay();
    if (task.pausedSince) {
        // The store says which paused steps are late, with their due times as they stand now.
        const auto late = m_pausedOverdue.find({task.caseNumber, task.task});
        if (late == m_pausedOverdue.end()) {
            row.colour = ClockColour::Paused;
            return row;
        }
        row.due = late->second;
        row.workingDaysLeft = -static_cast<double>(calendar.officeMinutesBetween(late->second, now)) / perDay;
        row.colour = ClockColour::PausedOverdue;
        return row;
    }
    if (!task.dueAt)
        return row;
    const bool overdue = *task.dueAt < now;
    const double minutes = overdue ? -static_cast<double>(calendar.officeMinutesBetween(*task.dueAt, now))
                                   : static_cast<double>(calendar.officeMinutesBetween(now, *task.dueAt));
    row.workingDaysLeft = minutes / perDay;
    // Yellow from one working day of office time before the due time, as the warnings count it.
    row.colour = overdue ? ClockColour::Red : *row.workingDaysLeft <= 1.0 ? ClockColour::Yellow : ClockColour::Green;
    return row;
}

void InboxPresenter::refresh(std::size_t limit)
{
    auto& store = m_session.store();
    const auto now = m_session.now();
    m_readAt = now;
    m_all.clear();
    m_pausedOverdue.clear();
    for (const auto& late : store.pausedOverdueTasks(m_session.user().department, now))
        m_pausedOverdue.emplace(std::pair{late.caseNumber, late.task}, late.dueAt);
    std::optional<store::InboxCursor> cursor;
    m_truncated = false;
    while (m_all.size() < limit) {
        const auto page = store.inbox(m_session.user().department, std::min<std::size_t>(1000, limit - m_all.size()), cursor);
        for (const auto& task : page.tasks)
            m_all.push_back(rowOf(task));
        if (!page.next)
            break;
        cursor = page.next;
        m_truncated = m_all.size() >= limit;
    }
    // Yellow from one working day of office time before the due time, as rowOf() colours it.
    const auto& calendar = m_session.calendar();
    m_counts = store.inboxCounts(m_session.user().department, m_session.user().login, now,
                                 calendar.addOfficeMinutes(now, calendar.officeMinutesPerDay()));
    apply();
}

void InboxPresenter::setFilter(InboxFilter filter)
{
    m_filter = filter;
    apply();
}

void InboxPresenter::setSort(InboxSort sort, bool ascending)
{
    m_sort = sort;
    m_ascending = ascending;
    apply();
}

void InboxPresenter::setSearch(std::string text)
{
    m_search = std::move(text);
    apply();
}

bool InboxPresenter::matches(const InboxRow& row, InboxFilter filter) const
{
    switch (filter) {
    case InboxFilter::All:
        return true;
    case InboxFilter::Waiting:
        return !row.claimed;
    case InboxFilter::Claimed:
        return row.claimed;
    case InboxFilter::Mine:
        return row.claimed && row.assignee == m_session.user().login;
    case InboxFilter::DueSoon:
        return row.colour == ClockColour::Yellow;
    case InboxFilter::Overdue:
        return row.colour == ClockColour::Red || row.colour == ClockColour::PausedOverdue;
    }
    return false;
}

void InboxPresenter::apply()
{
    m_visible.clear();
    for (const auto& row : m_all) {
        if (!matches(row, m_filter))
            continue;
        if (!m_search.empty() && !contains(row.caseNumber, m_search) && !contains(row.applicant, m_search) &&
            !contains(row.applicantIdentity, m_search))
            continue;
        m_visible.push_back(row);
    }
    // Names by pinyin, numbers and times as they compare; a key per row, not per comparison.
    const auto key = [this](const InboxRow& row) {
        switch (m_sort) {
        case InboxSort::Due:
            return std::string();
        case InboxSort::CaseNumber:
            return row.caseNumber;
        case InboxSort::OneThing:
            return m_names.key(row.oneThing);
        case InboxSort::Applicant:
            return m_names.key(row.applicant);
        case InboxSort::Step:
            return m_names.key(row.step);
        case InboxSort::Received: {
            // Fixed width, so that the text orders as the time does.
            auto seconds = std::to_string(row.received.time_since_epoch().count());
            return std::string(20 - std::min<std::size_t>(20, seconds.size()), '0') + seconds;
        }
        case InboxSort::State:
            return std::string(row.claimed ? "1" : "0") + row.assignee;
        }
        return std::string();
    };
    // The store reads in due order; any other order is stable within it.
    if (m_sort != InboxSort::Due) {
        std::vector<std::pair<std::string, std::size_t>> keys;
        keys.reserve(m_visible.size());
        for (std::size_t i = 0; i < m_visible.size(); ++i)
            keys.emplace_back(key(m_visible[i]), i);
        std::ranges::stable_sort(keys, {}, &std::pair<std::string, std::size_t>::first);
        std::vector<InboxRow> sorted;
        sorted.reserve(m_visible.size());
        for (const auto& [unused, index] : keys)
            sorted.push_back(std::move(m_visible[index]));
        m_visible = std::move(sorted);
    }
    if (!m_ascending)
        std::ranges::reverse(m_visible);
    // A whole case number finds its task even beyond the rows loaded.
    if (m_visible.empty() && m_search.size() == 22)
        for (const auto& task : m_session.store().tasksOfCase(m_search))
            if ((task.state == store::TaskState::Open || task.state == store::TaskState::Claimed) &&
                task.department == m_session.user().department)
                m_visible.push_back(rowOf(task));
}

std::int64_t InboxPresenter::count(InboxFilter filter) const
{
    switch (filter) {
    case InboxFilter::All:
        return m_counts.all;
    case InboxFilter::Waiting:
        return m_counts.waiting;
    case InboxFilter::Claimed:
        return m_counts.claimed;
    case InboxFilter::Mine:
        return m_counts.mine;
    case InboxFilter::DueSoon:
        return m_counts.dueSoon;
    case InboxFilter::Overdue:
        return m_counts.overdue;
    }
    return 0;
}

} // namespace tongban::client
