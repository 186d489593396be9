#include "client/sync/synchroniser.h"

#include "workflow/model/definition_json.h"
#include "workflow/runtime/case_state_json.h"
#include "workflow/runtime/event_json.h"

#include <algorithm>

namespace tongban::client {

namespace {

constexpr std::size_t kBatch = 100;
constexpr std::size_t kPage = 1000;

/// The definition a case runs on, from its first journal record.
std::optional<std::pair<std::string, int>> definitionOf(const store::JournalEntry& started)
{
    const auto parsed = workflow::json::parse(started.body);
    if (!parsed || parsed->type() != typeid(Poco::JSON::Object::Ptr))
        return std::nullopt;
    const auto body = parsed->extract<Poco::JSON::Object::Ptr>();
    if (!body->has("definitionKey") || !body->has("definitionVersion"))
        return std::nullopt;
    return std::pair{body->getValue<std::string>("definitionKey"), body->getValue<int>("definitionVersion")};
}

std::unexpected<ReplicaError> unreadable(std::string message)
{
    return std::unexpected(ReplicaError{ReplicaError::Kind::Unreadable, std::move(message)});
}

} // namespace

Synchroniser::Synchroniser(Replica& replica, ServerConnection& server, std::function<workflow::Instant()> clock)
    : m_replica(replica), m_server(server), m_clock(std::move(clock))
{
}

std::chrono::milliseconds Synchroniser::backoff(int failures)
{
    if (failures <= 0)
        return std::chrono::milliseconds{0};
    return std::min(std::chrono::milliseconds{1000} * (1 << std::min(failures - 1, 6)), std::chrono::milliseconds{60'000});
}

SyncStatus Synchroniser::status() const
{
    SyncStatus status{m_online, m_replica.pendingCount(), m_replica.refusals().size(), std::nullopt, m_problem};
    if (const auto last = m_replica.value("lastSync"))
        status.lastSync = workflow::parseInstant(*last);
    return status;
}

SyncStatus Synchroniser::synchronise()
{
    auto problem = push();
    if (!problem)
        problem = pull();
    if (!problem)
        problem = fetchHeaders();
    m_problem = problem.value_or("");
    if (m_problem.empty())
        m_replica.setValue("lastSync", workflow::formatInstant(m_clock()));
    return status();
}

std::optional<std::string> Synchroniser::push()
{
    for (auto batch = m_replica.pending(kBatch); !batch.empty(); batch = m_replica.pending(kBatch)) {
        std::vector<protocol::CommandEnvelope> envelopes;
        for (const auto& entry : batch)
            envelopes.push_back(entry.envelope);
        const auto results = m_server.push(envelopes);
        m_online = results || results.error().reached;
        if (!results)
            return results.error().message;
        // Each result settles its command; one the server did not answer stays for the next push.
        for (const auto& result : *results)
            m_replica.settle(result);
        if (results->size() < envelopes.size())
            return "the server answered " + std::to_string(results->size()) + " of " + std::to_string(envelopes.size()) +
                   " commands";
    }
    return std::nullopt;
}

std::optional<std::string> Synchroniser::pull()
{
    for (;;) {
        const auto after = m_replica.cursor();
        const auto page = m_server.pull(after, kPage);
        m_online = page || page.error().reached;
        if (!page)
            return page.error().message;
        for (const auto& entry : page->events)
            if (entry.type == "caseStarted")
                if (const auto definition = definitionOf(entry); definition && !m_replica.definition(definition->first, definition->second)) {
                    const auto body = m_server.definition(definition->first, definition->second);
                    if (!body)
                        return body.error().message;
                    m_replica.keepDefinition(definition->first, definition->second, *body);
                }
        m_replica.keepEvents(page->events, page->next);
        if (page->next == after)
            return std::nullopt;
    }
}

std::optional<std::string> Synchroniser::fetchHeaders()
{
    for (const auto& number : m_replica.casesWithoutHeader()) {
        const auto header = m_server.caseHeader(number);
        m_online = header || header.error().reached;
        // A case the user may no longer see keeps the header it lacks; the rest wait for the next attempt.
        if (!header && header.error().reached && header.error().status >= 400 && header.error().status < 500)
            continue;
        if (!header)
            return header.error().message;
        m_replica.keepCaseHeader(number, workflow::json::stringify(protocol::caseViewJson(header->first), 0),
                                 header->second);
    }
    return std::nullopt;
}

std::expected<std::shared_ptr<const workflow::ExecutableProcess>, ReplicaError> Synchroniser::process(const std::string& key,
                                                                                                    int version)
{
    if (const auto known = m_processes.find({key, version}); known != m_processes.end())
        return known->second;
    const auto body = m_replica.definition(key, version);
    if (!body)
        return unreadable("the definition " + key + " version " + std::to_string(version) + " has not been pulled");
    const auto read = workflow::readDefinition(*body);
    if (!read)
        return unreadable("the definition " + key + " does not read: " + read.error().describe());
    const auto compiled = workflow::ExecutableProcess::compile(read->definition);
    if (!compiled)
        return unreadable("the definition " + key + " does not compile");
    return m_processes[{key, version}] = *compiled;
}

std::expected<Synchroniser::ServerRecords, ReplicaError> Synchroniser::serverRecords(const std::string& caseNumber)
{
    const auto entries = m_replica.eventsOfCase(caseNumber);
    if (entries.empty())
        return std::unexpected(
            ReplicaError{ReplicaError::Kind::NotReplicated, "case " + caseNumber + " is not in this desktop's replica"});
    const auto definition = definitionOf(entries.front());
    if (!definition)
        return unreadable("case " + caseNumber + " does not start with its definition");
    auto compiled = process(definition->first, definition->second);
    if (!compiled)
        return std::unexpected(compiled.error());
    ServerRecords records{*compiled, {}};
    records.events.reserve(entries.size());
    for (const auto& entry : entries) {
        auto event = workflow::readEvent(**compiled, entry.type, entry.body, entry.actor, entry.at);
        if (!event)
            return unreadable("case " + caseNumber + " has a record that does not read: " + event.error().describe());
        records.events.push_back(std::move(*event));
    }
    return records;
}

std::size_t Synchroniser::applyPending(const std::string& caseNumber, const workflow::ExecutableProcess& process,
                                       workflow::CaseState& state, workflow::Events* events)
{
    std::size_t applied = 0;
    for (const auto& entry : m_replica.pendingOfCase(caseNumber)) {
        auto made = workflow::apply(process, state, {entry.envelope.action, entry.actor, entry.queuedAt, std::nullopt});
        if (!made)
            continue;
        workflow::evolve(state, *made);
        if (events)
            events->insert(events->end(), std::make_move_iterator(made->begin()), std::make_move_iterator(made->end()));
        ++applied;
    }
    return applied;
}

std::expected<LocalCase, ReplicaError> Synchroniser::caseOf(const std::string& caseNumber)
{
    LocalCase local;
    const auto lastSeq = m_replica.lastSeqOfCase(caseNumber);
    if (const auto known = m_confirmed.find(caseNumber); known != m_confirmed.end() && known->second.lastSeq == lastSeq) {
        local.state = known->second.state;
        local.process = known->second.process;
    } else {
        const auto records = serverRecords(caseNumber);
        if (!records)
            return std::unexpected(records.error());
        local.process = records->process;
        for (const auto& event : records->events)
            workflow::evolve(local.state, event);
        m_confirmed[caseNumber] = {lastSeq, local.state, local.process};
    }
    local.confirmedVersion = local.state.version;
    // The user's own commands not yet settled, on top, as long as they still apply.
    local.pendingCommands = applyPending(caseNumber, *local.process, local.state, nullptr);
    return local;
}

std::expected<CaseHistory, ReplicaError> Synchroniser::history(const std::string& caseNumber)
{
    auto records = serverRecords(caseNumber);
    if (!records)
        return std::unexpected(records.error());
    CaseHistory history{records->process, std::move(records->events), 0};
    workflow::CaseState state;
    for (const auto& event : history.events)
        workflow::evolve(state, event);
    history.pendingCommands = applyPending(caseNumber, *history.process, state, &history.events);
    return history;
}

std::expected<std::string, ReplicaError> Synchroniser::send(const std::string& caseNumber,
                                                            const workflow::CommandAction& action,
                                                            const workflow::Actor& actor)
{
    const auto local = caseOf(caseNumber);
    if (!local)
        return std::unexpected(local.error());
    const auto now = m_clock();
    const auto checked = workflow::apply(*local->process, local->state, {action, actor, now, std::nullopt});
    if (!checked)
        return std::unexpected(ReplicaError{ReplicaError::Kind::Refused, checked.error().message.en});
    return m_replica.enqueue(caseNumber, local->state.version, action, actor, now);
}

} // namespace tongban::client
