// The inbox (收件箱): a department's open tasks with their clocks, filters,
// counts and search. No GUI here: the wx panel only shows what this decides.
#pragma once

#include "client/session/session.h"
#include "forms/text/name_order.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

/// A step's clock as the inbox colours it; paused, overdue (已暂停·已超期) is red too.
enum class ClockColour { None, Green, Yellow, Red, Paused, PausedOverdue };

struct InboxRow {
    std::string caseNumber;
    workflow::TaskNumber task = 0;
    std::string oneThing;
    std::string applicant;
    std::string applicantIdentity;  ///< 居民身份证号 or 统一社会信用代码
    std::string step;
    workflow::Instant received{};
    std::optional<workflow::Instant> due;
    std::optional<double> workingDaysLeft;  ///< negative when overdue
    ClockColour colour = ClockColour::None;
    bool claimed = false;
    std::string assignee;
};

enum class InboxFilter { All, Waiting, Claimed, Mine, DueSoon, Overdue };

/// What the inbox is ordered by; due time by default, as the store reads it.
enum class InboxSort { Due, CaseNumber, OneThing, Applicant, Step, Received, State };
inline constexpr std::array kInboxFilters{InboxFilter::All,  InboxFilter::Waiting, InboxFilter::Claimed,
                                          InboxFilter::Mine, InboxFilter::DueSoon, InboxFilter::Overdue};

class InboxPresenter {
public:
    explicit InboxPresenter(Session& session) : m_session(session) {}

    /// Reads the department's open tasks again (the first `limit` by due time).
    void refresh(std::size_t limit = 5000);

    void setFilter(InboxFilter filter);
    /// Orders the rows; names (one thing, applicant, step) by pinyin.
    void setSort(InboxSort sort, bool ascending);
    InboxSort sort() const { return m_sort; }
    bool ascending() const { return m_ascending; }
    /// Case number, applicant name or ID number (any part of them) among the loaded rows;
    /// a whole case number is also looked up in the store. Empty shows all.
    void setSearch(std::string text);
    InboxFilter filter() const { return m_filter; }

    /// The rows the list shows, in due order.
    const std::vector<InboxRow>& rows() const { return m_visible; }
    /// How many of the department's open tasks each filter shows (all of
    /// them, not only the rows loaded), for the side bar.
    std::int64_t count(InboxFilter filter) const;
    /// More tasks wait than were loaded.
    bool truncated() const { return m_truncated; }

private:
    bool matches(const InboxRow& row, InboxFilter filter) const;
    void apply();
    InboxRow rowOf(const store::TaskView& task) const;

    Session& m_session;
    std::vector<InboxRow> m_all;
    std::vector<InboxRow> m_visible;
    store::InboxCounts m_counts;
    workflow::Instant m_readAt{};  ///< the instant the rows' clocks are shown at
    /// The due times, as they stand then, of the department's paused, overdue steps.
    std::map<std::pair<std::string, workflow::TaskNumber>, workflow::Instant> m_pausedOverdue;
    InboxFilter m_filter = InboxFilter::All;
    InboxSort m_sort = InboxSort::Due;
    bool m_ascending = true;
    std::string m_search;
    bool m_truncated = false;
    forms::NameOrder m_names;
};

} // namespace tongban::client
