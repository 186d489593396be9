#include "client/sync/replica_workspace.h"

#include "workflow/json/json_document.h"
#include "workflow/model/definition_json.h"

namespace tongban::client {

namespace {

const workflow::Actor kServer{"server", ""};

/// The header a case has until the server's arrives: what its records tell.
store::CaseView provisionalHeader(const std::string& number, const CaseHistory& history)
{
    store::CaseView header;
    header.number = number;
    const auto& definition = history.process->definition();
    header.definitionKey = definition.key;
    header.definitionVersion = definition.version;
    header.oneThing = definition.name.empty() ? definition.key : definition.name;
    header.acceptedAt = history.events.front().at;
    return header;
}

} // namespace

ReplicaWorkspace::ReplicaWorkspace(const std::string& path) : m_store(store::Store::open(path)) {}

std::vector<std::string> ReplicaWorkspace::keepCatalogue(const std::vector<std::string>& documents, workflow::Instant at)
{
    std::vector<std::string> problems;
    for (const auto& document : documents)
        if (const auto saved = m_store->saveOneThing(document, kServer, at); !saved)
            problems.push_back(saved.error().message);
    return problems;
}

void ReplicaWorkspace::keepDirectory(const store::User& user,
                                     const std::vector<store::Department>& departments, workflow::Instant at)
{
    for (const auto& department : departments)
        m_store->saveDepartment(department, kServer, at);
    m_store->saveUser(user, kServer, at);
}

std::size_t ReplicaWorkspace::refresh(Replica& replica, Synchroniser& sync, std::vector<std::string>* problems)
{
    std::size_t copied = 0;
    for (const auto& [number, mark] : replica.caseMarks()) {
        if (const auto known = m_copied.find(number); known != m_copied.end() && known->second == mark)
            continue;
        if (const auto done = refreshCase(replica, sync, number); !done) {
            if (problems)
                problems->push_back(done.error().message);
            continue;
        }
        m_copied[number] = mark;
        ++copied;
    }
    return copied;
}

std::expected<std::uint64_t, ReplicaError> ReplicaWorkspace::refreshCase(Replica& replica, Synchroniser& sync,
                                                                       const std::string& caseNumber)
{
    const auto history = sync.history(caseNumber);
    if (!history)
        return std::unexpected(history.error());
    auto header = provisionalHeader(caseNumber, *history);
    std::string application;
    if (const auto kept = replica.caseHeader(caseNumber)) {
        application = kept->second;
        try {
            const auto parsed = workflow::json::parse(kept->first);
            if (!parsed || parsed->type() != typeid(Poco::JSON::Object::Ptr))
                return std::unexpected(ReplicaError{ReplicaError::Kind::Unreadable,
                                                    "the header kept for case " + caseNumber + " is not a JSON object"});
            workflow::json::ObjectReader reader(parsed->extract<Poco::JSON::Object::Ptr>(), "");
            header = protocol::readCaseView(reader);
        } catch (const workflow::json::JsonFormatError& fault) {
            return std::unexpected(ReplicaError{ReplicaError::Kind::Unreadable, "the header kept for case " + caseNumber +
                                                                                    " does not read: " + fault.error.describe()});
        }
    }
    const auto& definition = history->process->definition();
    try {
        if (!m_store->definition(definition.key, definition.version)) {
            const auto published = m_store->publishDefinition(definition, kServer, history->events.front().at);
            if (!published)
                return std::unexpected(ReplicaError{ReplicaError::Kind::NotCopied, "the definition of case " + caseNumber +
                                                                                       " cannot be kept: " +
                                                                                       published.error().message});
        }
        m_store->replaceCase(header, history->events, application);
    } catch (const store::StoreError& error) {
        return std::unexpected(
            ReplicaError{ReplicaError::Kind::NotCopied, "case " + caseNumber + " cannot be copied: " + error.what()});
    }
    // Each event moves a case on by one version.
    return history->events.size();
}

} // namespace tongban::client
