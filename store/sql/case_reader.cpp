// Reading cases in SQL: one case, its events and tasks, lists of cases,
// departments' inboxes, and the cache of case states commands start from.
#include "store/sql/sql_store.h"

#include "workflow/model/enum_names.h"
#include "workflow/runtime/event_json.h"

#include <algorithm>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

namespace {

const std::string kTaskColumns =
    "SELECT t.case_id, c.number, t.number, t.node, t.name, t.department, t.role, t.state, t.assignee,"
    " c.one_thing, c.applicant_name, c.applicant_identity, t.opened_at, t.due_key, t.paused_since, t.closed_at"
    " FROM tasks t JOIN cases c ON c.id = t.case_id";

} // namespace

std::optional<CaseView> SqlStore::caseByNumber(const std::string& number)
{
    auto cases = selectCases("WHERE number = $1", number);
    if (cases.empty())
        return std::nullopt;
    return cases.front();
}

std::optional<CaseState> SqlStore::caseState(const std::string& number)
{
    // A batch's cache is ahead of the database: a case it holds needs no flush.
    if (m_batchDepth > 0)
        if (const auto it = m_cases.find(number); it != m_cases.end())
            return it->second.state;
    flushIfBatch();
    if (CachedCase* cached = latest(number))
        return cached->state;
    return std::nullopt;
}

Events SqlStore::eventsOfCase(const std::string& number)
{
    flushIfBatch();
    const CachedCase* cached = load(number);
    return cached ? readEvents(cached->id, number, *cached->process) : Events{};
}

std::optional<std::string> SqlStore::applicationOf(const std::string& caseNumber)
{
    flushIfBatch();
    std::string number = caseNumber;
    std::vector<std::string> bodies;
    m_session << "SELECT a.body FROM applications a JOIN cases c ON c.id = a.case_id WHERE c.number = $1",
        use(number), into(bodies), now;
    return bodies.empty() ? std::nullopt : std::optional(bodies.front());
}

std::vector<Actor> SqlStore::actorsOfCase(const std::string& caseNumber)
{
    flushIfBatch();
    std::string number = caseNumber;
    std::vector<std::string> users, departments;
    m_session << "SELECT j.actor, j.department FROM journal j JOIN cases c ON c.id = j.case_id"
                 " WHERE c.number = $1 ORDER BY j.seq",
        use(number), into(users), into(departments), now;
    std::vector<Actor> actors;
    for (std::size_t i = 0; i < users.size(); ++i) {
        Actor actor{users[i], departments[i]};
        if (std::find(actors.begin(), actors.end(), actor) == actors.end())
            actors.push_back(std::move(actor));
    }
    return actors;
}

std::vector<CaseView> SqlStore::casesByApplicant(const std::string& identity)
{
    return selectCases("WHERE applicant_identity = $1 ORDER BY accepted_at DESC, id DESC", identity);
}

std::vector<CaseView> SqlStore::casesOfDefinition(const std::string& key)
{
    return selectCases("WHERE definition_key = $1 ORDER BY accepted_at, id", key);
}

std::vector<CaseView> SqlStore::casesEndedBefore(Instant at)
{
    return selectCases("WHERE ended_at IS NOT NULL AND ended_at < $1 ORDER BY ended_at, id", seconds(at));
}

std::uint64_t SqlStore::caseCount()
{
    flushIfBatch();
    Int64 count = 0;
    m_session << "SELECT COUNT(*) FROM cases", into(count), now;
    return static_cast<std::uint64_t>(count);
}

InboxPage SqlStore::inbox(const std::string& department, std::size_t pageSize, std::optional<InboxCursor> after)
{
    const InboxCursor from = after.value_or(InboxCursor{-1, 0, 0});
    InboxPage page;
    page.tasks = selectTasks(" WHERE t.department = $1 AND t.state IN ('open', 'claimed')"
                             " AND (t.due_key, t.case_id, t.number) > ($2, $3, $4)"
                             " ORDER BY t.due_key, t.case_id, t.number LIMIT $5",
                             {department, from.dueKey, from.caseId, Int64{from.task}, static_cast<Int64>(pageSize) + 1});
    if (page.tasks.size() > pageSize) {
        page.tasks.pop_back();
        const auto& last = page.tasks.back();
        page.next = InboxCursor{last.dueAt ? seconds(*last.dueAt) : kNoDue, last.caseId, last.task};
    }
    return page;
}

InboxCounts SqlStore::inboxCounts(const std::string& department, const std::string& user, Instant at,
                                  Instant dueSoonBy)
{
    flushIfBatch();
    std::string code = department, login = user;
    Int64 from = seconds(at), to = seconds(dueSoonBy);
    Int64 all = 0, waiting = 0, claimed = 0, mine = 0, dueSoon = 0, overdue = 0;
    // The parameters come first, in order: SQLite numbers `$n` by where each first appears.
    m_session << "WITH p AS (SELECT CAST($1 AS TEXT) AS department, CAST($2 AS TEXT) AS login,"
                 " CAST($3 AS BIGINT) AS now_key, CAST($4 AS BIGINT) AS soon_key)"
                 " SELECT COUNT(*),"
                 " COALESCE(SUM(CASE WHEN t.state = 'open' THEN 1 ELSE 0 END), 0),"
                 " COALESCE(SUM(CASE WHEN t.state = 'claimed' THEN 1 ELSE 0 END), 0),"
                 " COALESCE(SUM(CASE WHEN t.state = 'claimed' AND t.assignee = p.login THEN 1 ELSE 0 END), 0),"
                 " COALESCE(SUM(CASE WHEN t.paused_since IS NULL AND t.due_key >= p.now_key"
                 " AND t.due_key <= p.soon_key THEN 1 ELSE 0 END), 0),"
                 " COALESCE(SUM(CASE WHEN t.paused_since IS NULL AND t.due_key < p.now_key THEN 1 ELSE 0 END), 0)"
                 " FROM p JOIN tasks t ON t.department = p.department WHERE t.state IN ('open', 'claimed')",
        use(code), use(login), use(from), use(to), into(all), into(waiting), into(claimed), into(mine), into(dueSoon),
        into(overdue), now;
    overdue += static_cast<Int64>(pausedOverdue(department, at).size());
    return {all, waiting, claimed, mine, dueSoon, overdue};
}

std::vector<TaskView> SqlStore::claimedTasks(const std::string& user)
{
    return selectTasks(" WHERE t.assignee = $1 AND t.state = 'claimed' ORDER BY t.due_key, t.case_id, t.number",
                       {user});
}

std::vector<TaskView> SqlStore::tasksOfCase(const std::string& number)
{
    return selectTasks(" WHERE c.number = $1 ORDER BY t.number", {number});
}

std::vector<TaskView> SqlStore::tasksDueBefore(Instant instant, std::size_t limit)
{
    return selectTasks(" WHERE t.state IN ('open', 'claimed') AND t.due_key < $1"
                       " ORDER BY t.due_key, t.case_id, t.number LIMIT $2",
                       {seconds(instant), static_cast<Int64>(limit)});
}

Events SqlStore::readEvents(Int64 caseId, const std::string& number, const ExecutableProcess& process)
{
    const auto rows = m_queries.rows(
        "SELECT type, actor, department, at, body FROM journal WHERE case_id = $1 ORDER BY case_version", {caseId});
    Events events;
    events.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        auto event = readEvent(process, textOf(row[0]), textOf(row[4]), Actor{textOf(row[1]), textOf(row[2])},
                               instantOf(integerOf(row[3])));
        if (!event)
            throw StoreError("case " + number + ": journal record " + std::to_string(i + 1) + " does not read: " +
                             event.error().describe());
        events.push_back(std::move(*event));
    }
    return events;
}

CachedCase* SqlStore::current(const std::string& number)
{
    auto* cached = load(number);
    if (!cached || !m_othersWrote || m_movedInBatch.contains(number))
        return cached;
    return reloadIfMoved(number, *cached);
}

CachedCase* SqlStore::latest(const std::string& number)
{
    const bool held = m_cases.contains(number);
    auto* cached = load(number);
    // Outside a batch another connection (the service's writer, another
    // server) may have moved the case on since it was cached.
    if (!cached || !held || m_batchDepth > 0)
        return cached;
    return reloadIfMoved(number, *cached);
}

CachedCase* SqlStore::reloadIfMoved(const std::string& number, CachedCase& cached)
{
    const auto versions = m_queries.rows("SELECT version FROM cases WHERE id = $1", {cached.id});
    if (!versions.empty() && static_cast<std::uint64_t>(integerOf(versions.front().at(0))) == cached.state.version)
        return &cached;
    forget(number);
    return load(number);
}

CachedCase* SqlStore::load(const std::string& number)
{
    if (auto it = m_cases.find(number); it != m_cases.end())
        return &it->second;
    flushIfBatch();
    const auto rows = m_queries.rows(
        "SELECT id, definition_key, definition_version, version FROM cases WHERE number = $1", {number});
    if (rows.empty())
        return nullptr;
    const auto& row = rows.front();
    const auto key = textOf(row[1]);
    const auto definitionVersion = static_cast<int>(integerOf(row[2]));
    const auto version = integerOf(row[3]);
    auto process = definition(key, definitionVersion);
    if (!process)
        throw StoreError("case " + number + " runs on " + key + " version " + std::to_string(definitionVersion) +
                         ", which is not in the database");
    const Int64 id = integerOf(row[0]);
    CaseState state;
    for (const auto& event : readEvents(id, number, *process))
        evolve(state, event);
    if (state.version != static_cast<std::uint64_t>(version))
        throw StoreError("case " + number + " is at version " + std::to_string(version) + " but its journal holds " +
                         std::to_string(state.version) + " events");
    return &remember(number, CachedCase{id, process, std::move(state)});
}

CachedCase& SqlStore::remember(const std::string& number, CachedCase cached)
{
    if (m_cases.size() >= kCaseCacheLimit)
        m_cases.clear();
    return m_cases.insert_or_assign(number, std::move(cached)).first->second;
}

void SqlStore::forget(const std::string& number) { m_cases.erase(number); }

std::vector<CaseView> SqlStore::selectCases(const std::string& where, const ReportValue& parameter)
{
    flushIfBatch();
    const auto rows = m_queries.rows("SELECT id, number, definition_key, definition_version, one_thing, status, version,"
                                     " applicant_name, applicant_identity, region, channel, accepted_at, ended_at, due_at,"
                                     " paused_since FROM cases " +
                                         where,
                                     {parameter});
    std::vector<CaseView> result;
    result.reserve(rows.size());
    for (const auto& row : rows) {
        CaseView view;
        view.id = integerOf(row[0]);
        view.number = textOf(row[1]);
        view.definitionKey = textOf(row[2]);
        view.definitionVersion = static_cast<int>(integerOf(row[3]));
        view.oneThing = textOf(row[4]);
        view.status = caseStatusFromString(textOf(row[5])).value_or(CaseStatus::Running);
        view.version = static_cast<std::uint64_t>(integerOf(row[6]));
        view.applicantName = textOf(row[7]);
        view.applicantIdentity = textOf(row[8]);
        view.region = textOf(row[9]);
        view.channel = textOf(row[10]);
        view.acceptedAt = instantOf(integerOf(row[11]));
        view.endedAt = optionalInstantOf(row[12]);
        view.dueAt = optionalInstantOf(row[13]);
        view.pausedSince = optionalInstantOf(row[14]);
        result.push_back(std::move(view));
    }
    return result;
}

std::vector<TaskView> SqlStore::selectTasks(const std::string& tail, const std::vector<ReportValue>& parameters)
{
    flushIfBatch();
    const auto rows = m_queries.rows(kTaskColumns + tail, parameters);
    std::vector<TaskView> result(rows.size());
    for (std::size_t r = 0; r < result.size(); ++r) {
        const auto& row = rows[r];
        auto& view = result[r];
        view.caseId = integerOf(row[0]);
        view.caseNumber = textOf(row[1]);
        view.task = static_cast<TaskNumber>(integerOf(row[2]));
        view.node = textOf(row[3]);
        view.name = textOf(row[4]);
        view.department = textOf(row[5]);
        view.role = textOf(row[6]);
        view.state = taskStateFromString(textOf(row[7])).value_or(TaskState::Open);
        view.assignee = textOf(row[8]);
        view.oneThing = textOf(row[9]);
        view.applicantName = textOf(row[10]);
        view.applicantIdentity = textOf(row[11]);
        view.openedAt = instantOf(integerOf(row[12]));
        if (const auto due = integerOf(row[13]); due != kNoDue)
            view.dueAt = instantOf(due);
        view.pausedSince = optionalInstantOf(row[14]);
        view.closedAt = optionalInstantOf(row[15]);
    }
    return result;
}

} // namespace tongban::store::sql
