// Calendars and deadlines in SQL: named calendars and the departments that
// count on them, open deadlines recomputed when a calendar is corrected, and
// the yellow and red warnings.
#include "store/sql/sql_store.h"

#include "workflow/calendar/calendar_json.h"
#include "workflow/clock/deadline.h"

#include <algorithm>
#include <iterator>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

namespace {
/// The instant a kept deadline is derived at. While a case is paused, the
/// start of its pause: a kept deadline then moves with commands and
/// calendars, never merely as the pause goes on, and stays the smallest due
/// time the clock can have; warnings derive a paused clock's due time at the
/// instant they are asked about.
Instant keptAsOf(const CaseState& state, Instant now) { return state.isPaused() ? state.pauses.back().from : now; }
} // namespace

std::vector<DeadlineChange> SqlStore::saveCalendar(const std::string& name, const CalendarData& data,
                                                   const Actor& actor, Instant at)
{
    if (name.empty())
        throw StoreError("a calendar needs a name");
    std::string key = name, body = writeCalendar(data);
    writeReferenceData([&] {
        m_session << "INSERT INTO calendars (name, body) VALUES ($1, $2)"
                     " ON CONFLICT (name) DO UPDATE SET body = excluded.body",
            use(key), use(body), now;
        appendRecord(std::nullopt, 0, "calendarSaved", actor, at, jsonText({{"name", key}, {"calendar", body}}));
    });
    loadCalendars();
    return recomputeOpenDeadlines(at);
}

std::vector<std::string> SqlStore::calendarNames()
{
    std::vector<std::string> names;
    for (const auto& [name, calendar] : m_namedCalendars)
        names.push_back(name);
    return names;
}

std::vector<DeadlineChange> SqlStore::recomputeDeadlines(const Calendar& corrected, Instant at)
{
    const Calendar* previous = m_calendar;
    m_calendar = &corrected;
    try {
        return recomputeOpenDeadlines(at);
    } catch (...) {
        m_calendar = previous;
        throw;
    }
}

const Calendar& SqlStore::calendarFor(const std::string& department) const
{
    if (auto it = m_departmentCalendars.find(department); it != m_departmentCalendars.end())
        return *it->second;
    return *m_calendar;
}

void SqlStore::loadCalendars()
{
    std::vector<std::string> names, bodies;
    m_session << "SELECT name, body FROM calendars", into(names), into(bodies), now;
    std::map<std::string, std::unique_ptr<Calendar>> calendars;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto data = readCalendar(bodies[i]);
        if (!data)
            throw StoreError("calendar '" + names[i] + "' in the database does not read: " + data.error().describe());
        calendars[names[i]] = std::make_unique<Calendar>(std::move(*data));
    }
    std::vector<std::string> departments, chosen;
    m_session << "SELECT code, calendar FROM departments WHERE calendar IS NOT NULL", into(departments), into(chosen),
        now;
    std::map<std::string, const Calendar*> byDepartment;
    for (std::size_t i = 0; i < departments.size(); ++i)
        byDepartment[departments[i]] = calendars.at(chosen[i]).get();
    m_namedCalendars = std::move(calendars);
    m_departmentCalendars = std::move(byDepartment);
}

std::vector<DeadlineChange> SqlStore::recomputeOpenDeadlines(Instant at)
{
    flushIfBatch();
    std::vector<std::string> running;
    m_session << "SELECT number FROM cases WHERE status = 'running' ORDER BY id", into(running), now;
    std::vector<DeadlineChange> changes;
    inOneTransaction([&] {
        for (const auto& number : running) {
            const auto before = caseByNumber(number);
            const auto tasks = tasksOfCase(number);
            CachedCase* cached = load(number);
            const auto& def = cached->process->definition();
            Int64 caseId = cached->id;
            const auto [due, pausedSince] = caseClock(*cached->process, cached->state, at);
            if (!due.isNull() && before->dueAt && seconds(*before->dueAt) != due.value()) {
                changes.push_back({number, std::nullopt, *before->dueAt, instantOf(due.value())});
                NullableInt newDue = due;
                m_session << "UPDATE cases SET due_at = $1 WHERE id = $2", use(newDue), use(caseId), now;
            }
            for (const auto& task : tasks) {
                if (task.state != TaskState::Open && task.state != TaskState::Claimed)
                    continue;
                const auto& node = def.nodes()[*def.findNode(task.node)];
                if (!node.timeLimit || !task.dueAt)
                    continue;
                const auto after =
                    keptTaskDue(node, departmentFor(node, cached->state.data), cached->state, task.openedAt, at);
                if (*task.dueAt == after)
                    continue;
                changes.push_back({number, task.task, *task.dueAt, after});
                Int64 newDue = seconds(after), taskNumber = task.task;
                m_session << "UPDATE tasks SET due_key = $1 WHERE case_id = $2 AND number = $3", use(newDue),
                    use(caseId), use(taskNumber), now;
            }
        }
    });
    return changes;
}

std::pair<NullableInt, NullableInt> SqlStore::caseClock(const ExecutableProcess& process, const CaseState& state,
                                                        Instant now) const
{
    NullableInt due, pausedSince;
    if (const auto& promised = process.definition().promisedLimit; promised && state.startedAt)
        due = seconds(dueTime(*m_calendar, *promised, *state.startedAt, state.pauses, keptAsOf(state, now)));
    if (state.isPaused())
        pausedSince = seconds(state.pauses.back().from);
    return {due, pausedSince};
}

Instant SqlStore::keptTaskDue(const Node& node, const std::string& department, const CaseState& state,
                              Instant openedAt, Instant now) const
{
    return dueTime(calendarFor(department), *node.timeLimit, openedAt, state.pauses, keptAsOf(state, now));
}

Warnings SqlStore::warnings(Instant at, int yellowWorkingDays)
{
    flushIfBatch();
    const Instant horizon = m_calendar->addOfficeMinutes(
        at, static_cast<long>(std::max(yellowWorkingDays, 0)) * m_calendar->officeMinutesPerDay());
    const Int64 limit = seconds(horizon);
    static const std::string kRunningDueBy =
        "SELECT t.case_id, c.number, t.number, t.node, t.due_key, c.definition_key, c.definition_version,"
        " t.department FROM tasks t JOIN cases c ON c.id = t.case_id"
        " WHERE t.state IN ('open', 'claimed') AND t.paused_since IS NULL AND t.due_key <= $1"
        " ORDER BY t.due_key, t.case_id, t.number";
    std::vector<RunningTaskRow> rows;
    if (m_dialect.kind == Dialect::Kind::SQLite) {
        if (!m_runningDueBy)
            m_runningDueBy = std::make_unique<SqliteWarningReader>(m_session, kRunningDueBy);
        rows = m_runningDueBy->read(limit);
    } else {
        rows = runningTasksThroughPoco(kRunningDueBy, limit);
    }
    Warnings warnings;
    std::shared_ptr<const ExecutableProcess> process;
    for (auto& row : rows) {
        if (!process || process->definition().key != row.definitionKey ||
            process->definition().version != row.definitionVersion)
            process = definition(row.definitionKey, row.definitionVersion);
        const auto node = process ? process->nodeIndex(row.node) : std::nullopt;
        if (!node)
            throw StoreError("case " + row.caseNumber + " has a task at node '" + row.node +
                             "', which its definition does not have");
        TaskWarning warning{row.caseId, std::move(row.caseNumber), static_cast<TaskNumber>(row.task), process, *node,
                            instantOf(row.dueKey), std::move(row.department)};
        (warning.dueAt < at ? warnings.overdueTasks : warnings.dueSoonTasks).push_back(std::move(warning));
    }
    // Paused, overdue tasks join the red ones, both in due order as it stands at `at`.
    auto paused = pausedOverdue(std::nullopt, at);
    const auto running = static_cast<std::ptrdiff_t>(warnings.overdueTasks.size());
    warnings.overdueTasks.insert(warnings.overdueTasks.end(), std::make_move_iterator(paused.begin()),
                                 std::make_move_iterator(paused.end()));
    std::ranges::inplace_merge(warnings.overdueTasks, warnings.overdueTasks.begin() + running, {}, &TaskWarning::dueAt);

    bool pausedCases = false;
    for (auto& view : selectCases("WHERE status = 'running' AND due_at <= $1 ORDER BY due_at", limit)) {
        if (!view.pausedSince) {
            (*view.dueAt < at ? warnings.overdueCases : warnings.dueSoonCases).push_back(std::move(view));
            continue;
        }
        // A paused case's kept deadline is the earliest it can be due: one
        // still ahead cannot have passed, and a paused clock is never yellow.
        if (*view.dueAt >= at)
            continue;
        const CachedCase* cached = latest(view.number);
        const auto clock = clockOf(*m_calendar, cached->process->definition().promisedLimit.value(),
                                   cached->state.startedAt.value(), std::nullopt, cached->state.pauses, at);
        if (clock.state != ClockState::PausedOverdue)
            continue;
        view.dueAt = clock.due;
        warnings.overdueCases.push_back(std::move(view));
        pausedCases = true;
    }
    if (pausedCases)
        std::ranges::stable_sort(warnings.overdueCases, {}, [](const CaseView& view) { return *view.dueAt; });
    return warnings;
}

std::vector<TaskWarning> SqlStore::pausedOverdueTasks(const std::string& department, Instant at)
{
    flushIfBatch();
    return pausedOverdue(department, at);
}

std::vector<TaskWarning> SqlStore::pausedOverdue(const std::optional<std::string>& department, Instant at)
{
    // A paused task's kept deadline is the earliest it can be due: only those
    // before `at` can have passed. Whether they have is the clock's to say.
    std::string sql = "SELECT c.number, t.number, t.department FROM tasks t JOIN cases c ON c.id = t.case_id"
                      " WHERE t.state IN ('open', 'claimed') AND t.paused_since IS NOT NULL AND t.due_key < $1";
    std::vector<ReportValue> parameters{seconds(at)};
    if (department) {
        sql += " AND t.department = $2";
        parameters.emplace_back(*department);
    }
    sql += " ORDER BY t.due_key, t.case_id, t.number";
    std::vector<TaskWarning> late;
    for (const auto& row : m_queries.rows(sql, parameters)) {
        const auto number = textOf(row[0]);
        const auto task = static_cast<TaskNumber>(integerOf(row[1]));
        const CachedCase* cached = latest(number);
        const OpenTask* open = cached->state.findTask(task);
        // Another connection may have resumed the case or closed the task since the row was read.
        if (!open || !cached->state.isPaused())
            continue;
        const auto& node = cached->process->definition().nodes()[open->node];
        auto calendarDepartment = textOf(row[2]);
        const auto clock = clockOf(calendarFor(calendarDepartment), node.timeLimit.value(), open->openedAt, std::nullopt,
                                   cached->state.pauses, at);
        if (clock.state != ClockState::PausedOverdue)
            continue;
        late.push_back({cached->id, number, task, cached->process, open->node, clock.due, std::move(calendarDepartment),
                        cached->state.pauses.back().from});
    }
    std::ranges::stable_sort(late, {}, &TaskWarning::dueAt);
    return late;
}

std::vector<RunningTaskRow> SqlStore::runningTasksThroughPoco(const std::string& sql, Int64 dueBy)
{
    std::vector<Int64> caseIds, numbers, dueKeys;
    std::vector<int> versions;
    std::vector<std::string> caseNumbers, nodes, keys, departments;
    m_session << sql, use(dueBy), into(caseIds), into(caseNumbers), into(numbers), into(nodes), into(dueKeys),
        into(keys), into(versions), into(departments), now;
    std::vector<RunningTaskRow> rows(caseIds.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = {caseIds[i],          std::move(caseNumbers[i]), numbers[i],  std::move(nodes[i]), dueKeys[i],
                   std::move(keys[i]), versions[i],               std::move(departments[i])};
    return rows;
}

} // namespace tongban::store::sql
