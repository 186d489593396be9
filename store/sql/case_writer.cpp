// Writing cases in SQL: creating them, applying commands once or again, the
// journal records and projection rows their events make, and a replica's
// copy of a server's case.
#include "store/sql/directory.h"
#include "store/sql/sql_store.h"

#include "workflow/runtime/event_json.h"

#include <cstdio>
#include <map>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

namespace {

/// The acceptance date in case numbers: YYYYMMDD in the calendar's time zone.
std::string caseDay(const Calendar& calendar, Instant at)
{
    auto day = formatDay(calendar.localDay(at));
    std::erase(day, '-');
    return day;
}

} // namespace

std::expected<Applied, Refusal> SqlStore::createCase(const NewCase& request)
{
    auto process = definition(request.definitionKey, request.definitionVersion);
    if (!process)
        return refusal(Refusal::Kind::NotFound, "no published definition " + request.definitionKey +
                                                    (request.definitionVersion ? " version " + std::to_string(request.definitionVersion) : ""));
    if (request.region.size() != 6 || request.region.find_first_not_of("0123456789") != std::string::npos)
        return refusal(Refusal::Kind::Invalid, "the region code must be six digits, not '" + request.region + "'");
    if (request.applicant.name.empty() || request.applicant.identity.empty())
        return refusal(Refusal::Kind::Invalid, "the applicant needs a name and an identity number");

    for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
        try {
            return createCaseOnce(request, process);
        } catch (const WriteConflict&) {
            if (m_batchDepth > 0)
                throw StoreError("the database changed outside this batch");
            refreshHead();
        } catch (const FlushFailed& failed) {
            if (m_batchDepth > 0)
                throw StoreError("the database refused a write: " + failed.message);
            classify(failed);
        }
    }
    return refusal(Refusal::Kind::Conflict, "the journal keeps changing; try again");
}

std::expected<Applied, Refusal> SqlStore::createCaseOnce(const NewCase& request,
                                                         const std::shared_ptr<const ExecutableProcess>& process)
{
    Transaction transaction(*this);
    std::string region = request.region;
    std::string day = caseDay(*m_calendar, request.at);
    int sequence = 0;
    m_session << "INSERT INTO case_numbers (region, day, last) VALUES ($1, $2, 1)"
                 " ON CONFLICT (region, day) DO UPDATE SET last = case_numbers.last + 1 RETURNING last",
        use(region), use(day), into(sequence), now;
    if (sequence > 999999)
        return refusal(Refusal::Kind::Invalid, "centre " + region + " has numbered 999,999 cases on " + day);
    char number[32];
    std::snprintf(number, sizeof number, "%s-%s-%06d", region.c_str(), day.c_str(), sequence);

    CaseState state;
    const SqlDirectory directory(m_session);
    auto events = apply(*process, state, Command{StartCase{number, request.data}, request.actor, request.at},
                        &directory);
    if (!events)
        return std::unexpected(Refusal{Refusal::Kind::Engine, events.error().describe(), events.error()});
    CaseState next = state;
    evolve(next, *events);

    Int64 id = 0;
    std::string caseNumber = number, key = process->definition().key,
                oneThing = process->definition().name.empty() ? key : process->definition().name,
                status = toString(next.status), applicantName = request.applicant.name,
                identity = request.applicant.identity, channel = request.channel.empty() ? "窗口" : request.channel;
    int version = process->definition().version;
    Int64 caseVersion = static_cast<Int64>(next.version), accepted = seconds(request.at);
    NullableInt ended = next.endedAt ? NullableInt(seconds(*next.endedAt)) : NullableInt();
    NullableInt due = caseClock(*process, next, request.at).first;
    m_session << "INSERT INTO cases (number, definition_key, definition_version, one_thing, status, version,"
                 " applicant_name, applicant_identity, region, channel, accepted_at, ended_at, due_at)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        use(caseNumber), use(key), use(version), use(oneThing), use(status), use(caseVersion), use(applicantName),
        use(identity), use(region), use(channel), use(accepted), use(ended), use(due), into(id), now;
    if (!request.application.empty()) {
        std::string application = request.application;
        m_session << "INSERT INTO applications (case_id, body) VALUES ($1, $2)", use(id), use(application), now;
    }
    appendCaseEvents(id, *process, state, next, *events);
    transaction.commit();
    remember(caseNumber, CachedCase{id, process, std::move(next)});
    if (m_batchDepth > 0)
        m_movedInBatch.insert(caseNumber);
    return Applied{caseNumber, static_cast<std::uint64_t>(caseVersion), std::move(*events)};
}

std::expected<Applied, Refusal> SqlStore::execute(const std::string& caseNumber, const Command& command)
{
    return executeChecked(caseNumber, command, nullptr);
}

std::expected<Applied, Refusal> SqlStore::executeOnce(const std::string& commandId, const std::string& caseNumber,
                                                      const Command& command)
{
    if (commandId.empty() || commandId.size() > 64)
        return refusal(Refusal::Kind::Invalid, "a command needs an identifier of 1 to 64 characters");
    std::optional<CommandReceipt> seen;
    const ReceiptKeeper keeper{[&] {
                                   seen = commandReceipt(commandId);
                                   return !seen;
                               },
                               [&](const Applied& applied) {
                                   insertReceipt({commandId, caseNumber, command.actor.user, command.at, std::nullopt,
                                                  std::nullopt, applied.version, {}});
                               }};
    auto result = executeChecked(caseNumber, command, &keeper);
    if (seen)
        return outcomeOf(*seen);
    // A refusal is kept too, unless it only says to try again.
    if (!result && (result.error().kind != Refusal::Kind::Conflict || result.error().engine)) {
        const auto& refused = result.error();
        writeReferenceData([&] {
            if ((seen = commandReceipt(commandId)))
                return;
            insertReceipt({commandId, caseNumber, command.actor.user, command.at, refused.kind,
                           refused.engine ? std::optional(refused.engine->code) : std::nullopt, 0, refused.message});
        });
        if (seen)
            return outcomeOf(*seen);
    }
    return result;
}

std::optional<CommandReceipt> SqlStore::commandReceipt(const std::string& commandId)
{
    flushIfBatch();
    const auto rows = m_queries.rows("SELECT case_number, login, at, outcome, engine_code, version, message"
                                     " FROM command_receipts WHERE id = $1",
                                     {commandId});
    if (rows.empty())
        return std::nullopt;
    const auto& row = rows.front();
    CommandReceipt receipt{commandId,
                           textOf(row[0]),
                           textOf(row[1]),
                           instantOf(integerOf(row[2])),
                           std::nullopt,
                           engineErrorCodeFromString(textOf(row[4])),
                           static_cast<std::uint64_t>(integerOf(row[5])),
                           textOf(row[6])};
    if (const auto outcome = textOf(row[3]); outcome != "applied")
        receipt.refused = refusalKindFromString(outcome).value_or(Refusal::Kind::Invalid);
    return receipt;
}

std::expected<Applied, Refusal> SqlStore::executeChecked(const std::string& caseNumber, const Command& command,
                                                         const ReceiptKeeper* keeper)
{
    if (std::holds_alternative<StartCase>(command.action))
        return refusal(Refusal::Kind::Invalid, "cases are started with createCase");
    for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
        try {
            Transaction transaction(*this);
            if (keeper && !keeper->proceed())
                return refusal(Refusal::Kind::Conflict, "the command has been received before");
            CachedCase* cached = current(caseNumber);
            if (!cached)
                return refusal(Refusal::Kind::NotFound, "no case " + caseNumber);
            const SqlDirectory directory(m_session);
            auto events = apply(*cached->process, cached->state, command, &directory);
            if (!events) {
                const auto kind = events.error().code == EngineErrorCode::VersionConflict ? Refusal::Kind::Conflict
                                                                                          : Refusal::Kind::Engine;
                return std::unexpected(Refusal{kind, events.error().describe(), events.error()});
            }
            CaseState next = cached->state;
            evolve(next, *events);
            appendCaseEvents(cached->id, *cached->process, cached->state, next, *events);
            queueCaseUpdate(cached->id, cached->state.version, *cached->process, next, command.at);
            Applied applied{caseNumber, next.version, std::move(*events)};
            if (keeper)
                keeper->keep(applied);
            transaction.commit();
            cached->state = std::move(next);
            if (m_batchDepth > 0)
                m_movedInBatch.insert(caseNumber);
            return applied;
        } catch (const WriteConflict&) {
            if (m_batchDepth > 0)
                throw StoreError("case " + caseNumber + " changed outside this batch");
            forget(caseNumber);
            refreshHead();
        } catch (const FlushFailed& failed) {
            if (m_batchDepth > 0)
                throw StoreError("the database refused a write: " + failed.message);
            classify(failed);
            forget(caseNumber);
        }
    }
    return refusal(Refusal::Kind::Conflict, "case " + caseNumber + " keeps changing; try again");
}

void SqlStore::insertReceipt(const CommandReceipt& receipt)
{
    flushIfBatch();
    const auto& r = receipt;
    try {
        m_queries.run("INSERT INTO command_receipts (id, case_number, login, at, outcome, engine_code, version, message)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      {r.id, r.caseNumber, r.login, seconds(r.at), std::string(r.refused ? toString(*r.refused) : "applied"),
                       std::string(r.engineCode ? toString(*r.engineCode) : ""), static_cast<std::int64_t>(r.version),
                       r.message});
    } catch (const StoreError& error) {
        throw StoreError("command " + r.id + " was not kept: " + error.what());
    }
}

void SqlStore::appendCaseEvents(Int64 caseId, const ExecutableProcess& process, const CaseState& before,
                                const CaseState& after, const Events& events)
{
    std::map<TaskNumber, TaskRow> touched;
    auto row = [&](TaskNumber task) -> TaskRow& {
        if (auto it = touched.find(task); it != touched.end())
            return it->second;
        const OpenTask* open = before.findTask(task);
        if (!open)
            throw StoreError("case " + before.caseId + " has no open task #" + std::to_string(task));
        return touched[task] = TaskRow{open->node,
                                       open->assignee.empty() ? TaskState::Open : TaskState::Claimed,
                                       open->assignee, open->openedAt, std::nullopt};
    };
    auto close = [&](TaskNumber task, TaskState state, Instant at) {
        auto& r = row(task);
        r.state = state;
        r.closedAt = at;
    };
    Int64 version = static_cast<Int64>(before.version);
    for (const auto& event : events) {
        appendRecord(caseId, ++version, eventName(event), event.actor, event.at, writeEventBody(process, event));
        std::visit(
            [&](const auto& e) {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, TaskOpened>) {
                    touched[e.task] = TaskRow{e.node, TaskState::Open, {}, event.at, std::nullopt};
                } else if constexpr (std::is_same_v<E, TaskClaimed>) {
                    auto& r = row(e.task);
                    r.state = TaskState::Claimed;
                    r.assignee = e.user;
                } else if constexpr (std::is_same_v<E, TaskReleased>) {
                    auto& r = row(e.task);
                    r.state = TaskState::Open;
                    r.assignee.clear();
                } else if constexpr (std::is_same_v<E, TaskReassigned>) {
                    auto& r = row(e.task);
                    r.state = e.to.empty() ? TaskState::Open : TaskState::Claimed;
                    r.assignee = e.to;
                } else if constexpr (std::is_same_v<E, TaskCompleted>) {
                    close(e.task, TaskState::Done, event.at);
                } else if constexpr (std::is_same_v<E, TaskReturned>) {
                    close(e.task, TaskState::Returned, event.at);
                } else if constexpr (std::is_same_v<E, WorkDiscarded>) {
                    for (auto task : e.tasks)
                        close(task, TaskState::Discarded, event.at);
                } else if constexpr (std::is_same_v<E, CasePaused> || std::is_same_v<E, CaseResumed>) {
                    for (const auto& open : after.marking.openTasks)
                        row(open.number);
                }
            },
            event.what);
    }
    const Instant now = events.empty() ? Instant{} : events.back().at;
    const NullableInt pausedSince = after.isPaused() ? NullableInt(seconds(after.pauses.back().from)) : NullableInt();
    auto& p = m_pending;
    for (const auto& [number, r] : touched) {
        const auto& node = process.definition().nodes()[r.node];
        const auto department = departmentFor(node, after.data);
        const Int64 dueKey =
            node.timeLimit ? seconds(keptTaskDue(node, department, after, r.openedAt, now)) : kNoDue;
        const NullableInt closedAt = r.closedAt ? NullableInt(seconds(*r.closedAt)) : NullableInt();
        const NullableInt taskPaused = r.closedAt ? NullableInt() : pausedSince;
        if (auto it = p.taskIndex.find({caseId, number}); it != p.taskIndex.end()) {
            // A batch changes the task again: keep one row with its latest state.
            p.state[it->second] = toString(r.state);
            p.assignee[it->second] = r.assignee;
            p.dueKey[it->second] = dueKey;
            p.closedAt[it->second] = closedAt;
            p.taskPausedSince[it->second] = taskPaused;
            continue;
        }
        p.taskIndex[{caseId, number}] = p.taskCase.size();
        p.taskCase.push_back(caseId);
        p.taskNumber.push_back(number);
        p.node.push_back(node.id);
        p.name.push_back(node.name.empty() ? node.id : node.name);
        p.taskDepartment.push_back(department);
        p.role.push_back(node.role);
        p.state.push_back(toString(r.state));
        p.assignee.push_back(r.assignee);
        p.openedAt.push_back(seconds(r.openedAt));
        p.dueKey.push_back(dueKey);
        p.closedAt.push_back(closedAt);
        p.taskPausedSince.push_back(taskPaused);
    }
}

void SqlStore::queueCaseUpdate(Int64 caseId, std::uint64_t expectedVersion, const ExecutableProcess& process,
                               const CaseState& next, Instant now)
{
    auto& p = m_pending;
    const NullableInt ended = next.endedAt ? NullableInt(seconds(*next.endedAt)) : NullableInt();
    const auto [due, pausedSince] = caseClock(process, next, now);
    if (auto it = p.caseUpdateIndex.find(caseId); it != p.caseUpdateIndex.end()) {
        // A batch touches the case again: one update from the first version seen.
        p.newVersion[it->second] = static_cast<Int64>(next.version);
        p.status[it->second] = toString(next.status);
        p.endedAt[it->second] = ended;
        p.caseDue[it->second] = due;
        p.casePausedSince[it->second] = pausedSince;
        return;
    }
    p.caseUpdateIndex[caseId] = p.updateId.size();
    p.updateId.push_back(caseId);
    p.expectedVersion.push_back(static_cast<Int64>(expectedVersion));
    p.newVersion.push_back(static_cast<Int64>(next.version));
    p.status.push_back(toString(next.status));
    p.endedAt.push_back(ended);
    p.caseDue.push_back(due);
    p.casePausedSince.push_back(pausedSince);
}

void SqlStore::replaceCase(const CaseView& header, const Events& events, const std::string& application)
{
    const auto process = definition(header.definitionKey, header.definitionVersion);
    if (!process)
        throw StoreError("case " + header.number + " runs on " + header.definitionKey + " version " +
                         std::to_string(header.definitionVersion) + ", which is not in the workspace");
    if (events.empty())
        throw StoreError("case " + header.number + " has no events to copy");
    CaseState state;
    for (const auto& event : events)
        evolve(state, event);
    Int64 id = 0;
    writeReferenceData([&] {
        forget(header.number);
        const std::vector<ReportValue> columns{
            header.definitionKey, static_cast<std::int64_t>(header.definitionVersion),
            header.oneThing, header.applicantName, header.applicantIdentity, header.region, header.channel,
            seconds(header.acceptedAt), std::string(toString(state.status)), header.number};
        const auto existing = m_queries.rows("SELECT id FROM cases WHERE number = $1", {header.number});
        if (existing.empty()) {
            id = integerOf(m_queries
                               .rows("INSERT INTO cases (definition_key, definition_version, one_thing, applicant_name,"
                                     " applicant_identity, region, channel, accepted_at, status, number, version)"
                                     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0) RETURNING id",
                                     columns)
                               .at(0)
                               .at(0));
        } else {
            id = integerOf(existing.front().at(0));
            m_queries.run("DELETE FROM tasks WHERE case_id = $1", {id});
            m_queries.run("DELETE FROM journal WHERE case_id = $1", {id});
            m_queries.run("DELETE FROM applications WHERE case_id = $1", {id});
            m_queries.run("UPDATE cases SET definition_key = $1, definition_version = $2, one_thing = $3,"
                          " applicant_name = $4, applicant_identity = $5, region = $6, channel = $7, accepted_at = $8,"
                          " status = $9, version = 0 WHERE number = $10",
                          columns);
        }
        if (!application.empty())
            m_queries.run("INSERT INTO applications (case_id, body) VALUES ($1, $2)", {id, application});
        appendCaseEvents(id, *process, CaseState{}, state, events);
        queueCaseUpdate(id, 0, *process, state, events.back().at);
    });
    remember(header.number, CachedCase{id, process, std::move(state)});
}

} // namespace tongban::store::sql
