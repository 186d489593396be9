// The Store on Poco::Data, for SQLite and PostgreSQL alike.
#include "store/store.h"

#include "forms/intake/intake.h"
#include "forms/onething/one_thing.h"

#include "workflow/calendar/calendar_json.h"
#include "workflow/evaluation/evaluation_json.h"
#include "workflow/evaluation/rectification.h"
#include "workflow/clock/deadline.h"
#include "workflow/model/definition_json.h"
#include "workflow/model/enum_names.h"
#include "workflow/runtime/event_json.h"
#include "store/dialect.h"
#include "store/journal_chain.h"
#include "store/query_runner.h"
#include "store/row_writer.h"
#include "store/schema.h"
#include "store/sqlite_warning_reader.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/LOB.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Object.h>
#include <Poco/Nullable.h>
#include <Poco/URI.h>

#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace tongban::store {

using namespace workflow;

namespace {

using namespace Poco::Data::Keywords;

/// Sort key of tasks without a limit: 9999-12-31T23:59:59Z, after every real due time.
constexpr Int64 kNoDue = 253402300799;
constexpr std::size_t kCaseCacheLimit = 200000;
constexpr std::size_t kBatchFlushRows = 20000;
constexpr int kConflictRetries = 5;

Int64 seconds(Instant instant) { return instant.time_since_epoch().count(); }
Instant instantOf(Int64 value) { return Instant{std::chrono::seconds{value}}; }

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

/// Poco's PostgreSQL connector takes libpq's key=value form, not URLs.
std::string postgresConnection(const std::string& url)
{
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw StoreError("not a PostgreSQL URL: " + url + " (" + e.message() + ")");
    }
    auto quote = [](const std::string& value) {
        std::string quoted = "'";
        for (char c : value) {
            if (c == '\'' || c == '\\')
                quoted += '\\';
            quoted += c;
        }
        return quoted + "'";
    };
    std::string conninfo = "host=" + quote(uri.getHost().empty() ? "127.0.0.1" : uri.getHost());
    if (uri.getPort() != 0)
        conninfo += " port=" + std::to_string(uri.getPort());
    const auto& userInfo = uri.getUserInfo();
    if (!userInfo.empty()) {
        const auto colon = userInfo.find(':');
        conninfo += " user=" + quote(userInfo.substr(0, colon));
        if (colon != std::string::npos)
            conninfo += " password=" + quote(userInfo.substr(colon + 1));
    }
    const auto database = uri.getPath().size() > 1 ? uri.getPath().substr(1) : std::string("postgres");
    conninfo += " dbname=" + quote(database);
    for (const auto& [key, value] : uri.getQueryParameters())
        conninfo += " " + key + "=" + quote(value);
    return conninfo;
}

/// The acceptance date in case numbers: YYYYMMDD in the calendar's time zone.
std::string caseDay(const Calendar& calendar, Instant at)
{
    auto day = formatDay(calendar.localDay(at));
    std::erase(day, '-');
    return day;
}

std::string jsonText(const std::initializer_list<std::pair<const char*, std::string>>& members)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [key, value] : members)
        object->set(key, value);
    return json::stringify(object, 0);
}

constexpr std::pair<Role, const char*> kRoles[] = {
    {Role::Clerk, "clerk"},         {Role::Officer, "officer"},
    {Role::Supervisor, "supervisor"}, {Role::Designer, "designer"},
    {Role::Administrator, "administrator"},
};
constexpr std::pair<TaskState, const char*> kTaskStates[] = {
    {TaskState::Open, "open"},         {TaskState::Claimed, "claimed"},     {TaskState::Done, "done"},
    {TaskState::Returned, "returned"}, {TaskState::Discarded, "discarded"},
};

std::optional<TaskState> taskStateFromString(std::string_view text) { return valueIn(kTaskStates, text); }

constexpr std::pair<Refusal::Kind, const char*> kRefusalKinds[] = {
    {Refusal::Kind::NotFound, "notFound"}, {Refusal::Kind::Conflict, "conflict"},
    {Refusal::Kind::Invalid, "invalid"},   {Refusal::Kind::Engine, "engine"},
};

struct CachedCase {
    Int64 id = 0;
    std::shared_ptr<const ExecutableProcess> process;
    CaseState state;
};

class SqlStore final : public Store {
public:
    SqlStore(const Dialect& dialect, const std::string& connection, const Calendar& calendar)
        : m_dialect(dialect), m_session(openSession(dialect, connection)), m_calendar(&calendar)
    {
        if (m_dialect.kind == Dialect::Kind::SQLite) {
            m_session << "PRAGMA journal_mode = WAL", now;
            m_session << "PRAGMA synchronous = NORMAL", now;
            m_session << "PRAGMA foreign_keys = ON", now;
            m_session << "PRAGMA busy_timeout = 10000", now;
            // Inboxes over a million cases stay fast when their indexes fit in memory.
            m_session << "PRAGMA cache_size = -262144", now;
            // Each command touches several B-trees; checkpointing the WAL less
            // often folds the same pages' writes together.
            m_session << "PRAGMA wal_autocheckpoint = 16384", now;
        }
        migrate(m_session, m_dialect, latestSchemaVersion());
        loadCalendars();
        m_writer = m_dialect.kind == Dialect::Kind::SQLite ? makeSqliteRowWriter(m_session, m_pending)
                                                           : makePocoRowWriter(m_session, m_dialect, m_pending);
        refreshHead();
    }

    ~SqlStore() override = default;

    int schemaVersion() override { return schemaVersionOf(m_session, m_dialect); }
    std::string backend() const override { return m_dialect.kind == Dialect::Kind::SQLite ? "sqlite" : "postgresql"; }

    void saveDepartment(const Department& department, const Actor& actor, Instant at) override
    {
        if (department.code.empty() || department.name.empty())
            throw StoreError("a department needs a code and a name");
        if (!department.calendar.empty() && !m_namedCalendars.contains(department.calendar))
            throw StoreError("department " + department.code + " names calendar '" + department.calendar +
                             "', which has not been saved");
        writeReferenceData([&] {
            auto d = department;
            Poco::Nullable<std::string> calendar;
            if (!d.calendar.empty())
                calendar = d.calendar;
            m_session << "INSERT INTO departments (code, name, region, calendar) VALUES ($1, $2, $3, $4)"
                         " ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region,"
                         " calendar = excluded.calendar",
                use(d.code), use(d.name), use(d.region), use(calendar), now;
            appendRecord(std::nullopt, 0, "departmentSaved", actor, at,
                         jsonText({{"code", d.code}, {"name", d.name}, {"region", d.region}, {"calendar", d.calendar}}));
        });
        loadCalendars();
    }

    void saveUser(const User& user, const Actor& actor, Instant at) override
    {
        if (user.login.empty() || user.department.empty())
            throw StoreError("a user needs a login and a department");
        writeReferenceData([&] {
            auto u = user;
            std::string role = toString(u.role);
            m_session << "INSERT INTO users (login, name, department, role) VALUES ($1, $2, $3, $4)"
                         " ON CONFLICT (login) DO UPDATE SET name = excluded.name, department = excluded.department,"
                         " role = excluded.role",
                use(u.login), use(u.name), use(u.department), use(role), now;
            appendRecord(std::nullopt, 0, "userSaved", actor, at,
                         jsonText({{"login", u.login}, {"name", u.name}, {"department", u.department}, {"role", role}}));
        });
    }

    std::vector<Department> departments() override
    {
        flushIfBatch();
        std::vector<std::string> codes, names, regions;
        std::vector<Poco::Nullable<std::string>> calendars;
        m_session << "SELECT code, name, region, calendar FROM departments ORDER BY code", into(codes), into(names),
            into(regions), into(calendars), now;
        std::vector<Department> result;
        for (std::size_t i = 0; i < codes.size(); ++i)
            result.push_back({codes[i], names[i], regions[i], calendars[i].isNull() ? std::string() : calendars[i].value()});
        return result;
    }

    std::vector<DeadlineChange> saveCalendar(const std::string& name, const CalendarData& data, const Actor& actor,
                                             Instant at) override
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

    std::vector<std::string> calendarNames() override
    {
        std::vector<std::string> names;
        for (const auto& [name, calendar] : m_namedCalendars)
            names.push_back(name);
        return names;
    }

    std::vector<User> users() override
    {
        flushIfBatch();
        std::vector<std::string> logins, names, departments, roles;
        m_session << "SELECT login, name, department, role FROM users ORDER BY login", into(logins), into(names),
            into(departments), into(roles), now;
        std::vector<User> result;
        for (std::size_t i = 0; i < logins.size(); ++i)
            result.push_back({logins[i], names[i], departments[i], roleFromString(roles[i]).value_or(Role::Officer)});
        return result;
    }

    std::expected<void, Refusal> publishDefinition(const ProcessDefinition& definition, const Actor& actor,
                                                   Instant at) override
    {
        auto report = validate(definition);
        if (!report.ok()) {
            std::string message = "definition " + definition.key + " version " + std::to_string(definition.version) +
                                  " does not validate:";
            for (const auto& d : report.diagnostics)
                if (d.severity == Severity::Error)
                    message += "\n" + formatDiagnostic(d, false);
            return std::unexpected(Refusal{Refusal::Kind::Invalid, message, std::nullopt});
        }
        auto published = definition;
        published.status = DefinitionStatus::Published;
        std::string body = writeDefinition(published);
        std::string key = published.key;
        std::string name = published.name.empty() ? published.key : published.name;
        int version = published.version;
        flushIfBatch();
        std::vector<std::string> existing;
        m_session << "SELECT body FROM definitions WHERE key = $1 AND version = $2", use(key), use(version),
            into(existing), now;
        if (!existing.empty()) {
            if (existing.front() == body)
                return {};
            return std::unexpected(Refusal{Refusal::Kind::Conflict,
                                           "version " + std::to_string(version) + " of " + key +
                                               " is published and cannot change; publish it as version " +
                                               std::to_string(version + 1),
                                           std::nullopt});
        }
        writeReferenceData([&] {
            m_session << "INSERT INTO definitions (key, version, name, body) VALUES ($1, $2, $3, $4)", use(key),
                use(version), use(name), use(body), now;
            appendRecord(std::nullopt, 0, "definitionPublished", actor, at,
                         jsonText({{"key", key}, {"version", std::to_string(version)}}));
        });
        return {};
    }

    std::shared_ptr<const ExecutableProcess> definition(const std::string& key, int version) override
    {
        std::string k = key;
        if (version == 0) {
            std::vector<int> latest;
            m_session << "SELECT MAX(version) FROM definitions WHERE key = $1", use(k), into(latest), now;
            if (latest.empty() || latest.front() == 0)
                return nullptr;
            version = latest.front();
        }
        const auto cacheKey = std::make_pair(key, version);
        if (auto it = m_definitions.find(cacheKey); it != m_definitions.end())
            return it->second;
        std::vector<std::string> bodies;
        m_session << "SELECT body FROM definitions WHERE key = $1 AND version = $2", use(k), use(version),
            into(bodies), now;
        if (bodies.empty())
            return nullptr;
        auto loaded = readDefinition(bodies.front());
        if (!loaded)
            throw StoreError("definition " + key + " version " + std::to_string(version) +
                             " in the database does not read: " + loaded.error().describe());
        auto compiled = ExecutableProcess::compile(loaded->definition);
        if (!compiled)
            throw StoreError("definition " + key + " version " + std::to_string(version) +
                             " in the database no longer validates");
        m_definitions.emplace(cacheKey, *compiled);
        return *compiled;
    }

    std::vector<DefinitionVersion> definitionVersions() override
    {
        std::vector<std::string> keys, names;
        std::vector<int> versions;
        m_session << "SELECT key, version, name FROM definitions ORDER BY key, version", into(keys), into(versions),
            into(names), now;
        std::vector<DefinitionVersion> list;
        for (std::size_t i = 0; i < keys.size(); ++i)
            list.push_back({keys[i], versions[i], names[i]});
        return list;
    }

    std::expected<void, Refusal> saveOneThing(const std::string& document, const Actor& actor, Instant at) override
    {
        auto oneThing = forms::readOneThing(document);
        if (!oneThing)
            return refusal(Refusal::Kind::Invalid, "the one thing does not read: " + oneThing.error().describe());
        if (auto published = publishDefinition(oneThing->process, actor, at); !published)
            return std::unexpected(published.error());
        std::string key = oneThing->key, name = oneThing->name, lead = oneThing->leadDepartment, body = document;
        writeReferenceData([&] {
            m_session << "INSERT INTO one_things (key, name, lead_department, body) VALUES ($1, $2, $3, $4)"
                         " ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
                         " lead_department = excluded.lead_department, body = excluded.body",
                use(key), use(name), use(lead), use(body), now;
            appendRecord(std::nullopt, 0, "oneThingSaved", actor, at,
                         jsonText({{"key", key}, {"name", name}, {"sha256", forms::sha256Hex(body)}}));
        });
        return {};
    }

    std::vector<OneThingEntry> oneThings() override
    {
        flushIfBatch();
        std::vector<std::string> keys, names, leads, bodies;
        m_session << "SELECT key, name, lead_department, body FROM one_things ORDER BY key", into(keys), into(names),
            into(leads), into(bodies), now;
        std::vector<OneThingEntry> entries;
        for (std::size_t i = 0; i < keys.size(); ++i)
            entries.push_back({keys[i], names[i], leads[i], bodies[i]});
        return entries;
    }

    void saveLicence(const forms::ElectronicLicence& licence, const Actor& actor, Instant at) override
    {
        if (licence.holder.empty() || licence.type.empty() || licence.number.empty())
            throw StoreError("an electronic licence needs a holder, a type and a number");
        std::string type = licence.type, number = licence.number, holder = licence.holder,
                    body = forms::writeLicences({licence});
        writeReferenceData([&] {
            m_session << "INSERT INTO licences (type, number, holder, body) VALUES ($1, $2, $3, $4)"
                         " ON CONFLICT (type, number) DO UPDATE SET holder = excluded.holder, body = excluded.body",
                use(type), use(number), use(holder), use(body), now;
            appendRecord(std::nullopt, 0, "licenceSaved", actor, at,
                         jsonText({{"type", type}, {"number", number}, {"holder", holder}}));
        });
    }

    std::vector<forms::ElectronicLicence> licencesOf(const std::vector<std::string>& holders) override
    {
        flushIfBatch();
        std::vector<forms::ElectronicLicence> licences;
        for (auto holder : holders) {
            std::vector<std::string> bodies;
            m_session << "SELECT body FROM licences WHERE holder = $1 ORDER BY type, number", use(holder), into(bodies),
                now;
            for (const auto& body : bodies) {
                auto read = forms::readLicences(body);
                if (!read)
                    throw StoreError("a licence of " + holder + " in the database does not read: " + read.error().describe());
                licences.insert(licences.end(), read->begin(), read->end());
            }
        }
        return licences;
    }

    StoredFile storeFile(std::string_view content, const std::string& mediaType) override
    {
        StoredFile file{forms::sha256Hex(content), mediaType, content.size()};
        std::string digest = file.sha256, type = mediaType;
        Int64 size = static_cast<Int64>(content.size());
        Poco::Data::BLOB bytes(reinterpret_cast<const unsigned char*>(content.data()), content.size());
        flushIfBatch();
        Transaction transaction(*this);
        m_session << "INSERT INTO material_files (sha256, media_type, size, content) VALUES ($1, $2, $3, $4)"
                     " ON CONFLICT (sha256) DO NOTHING",
            use(digest), use(type), use(size), use(bytes), now;
        transaction.commit();
        return file;
    }

    std::optional<std::string> fileContent(const std::string& sha256) override
    {
        flushIfBatch();
        std::string digest = sha256;
        std::vector<Poco::Data::BLOB> contents;
        m_session << "SELECT content FROM material_files WHERE sha256 = $1", use(digest), into(contents), now;
        if (contents.empty())
            return std::nullopt;
        const auto& bytes = contents.front();
        return std::string(reinterpret_cast<const char*>(bytes.rawContent()), bytes.size());
    }

    std::optional<std::string> applicationOf(const std::string& caseNumber) override
    {
        flushIfBatch();
        std::string number = caseNumber;
        std::vector<std::string> bodies;
        m_session << "SELECT a.body FROM applications a JOIN cases c ON c.id = a.case_id WHERE c.number = $1",
            use(number), into(bodies), now;
        return bodies.empty() ? std::nullopt : std::optional(bodies.front());
    }

    std::expected<Evaluation, Refusal> recordEvaluation(const Evaluation& evaluation,
                                                        const std::optional<NewCase>& rectification) override
    {
        Evaluation saved = evaluation;
        try {
            inOneTransaction([&] {
                insertEvaluation(saved);
                if (rectification) {
                    auto request = *rectification;
                    request.data[std::string(rectification::kEvaluation)] = static_cast<double>(saved.id);
                    auto created = createCase(request);
                    if (!created)
                        throw RefusedInBatch{created.error()};
                    saved.rectificationCase = created->caseNumber;
                    std::string number = saved.rectificationCase, body = writeEvaluation(saved);
                    Int64 id = saved.id;
                    m_session << "UPDATE evaluations SET rectification_case = $1, body = $2 WHERE id = $3", use(number),
                        use(body), use(id), now;
                }
                journalEvaluation(saved);
            });
        } catch (const RefusedInBatch& refused) {
            return std::unexpected(refused.refusal);
        } catch (const StoreError& error) {
            const std::string message = error.what();
            if (message.find("UNIQUE") != std::string::npos || message.find("unique") != std::string::npos ||
                message.find("duplicate") != std::string::npos)
                return refusal(Refusal::Kind::Conflict, saved.followUpOf
                                                            ? "the evaluation has been followed up already"
                                                            : "this object of case " + saved.caseNumber +
                                                                  " has been evaluated already");
            throw;
        }
        return saved;
    }

    std::vector<Evaluation> evaluationsOfCase(const std::string& caseNumber) override
    {
        return selectEvaluations("WHERE case_number = $1 ORDER BY id", caseNumber);
    }

    std::vector<Evaluation> evaluationsBefore(Instant at) override
    {
        return selectEvaluations("WHERE at < $1 ORDER BY at, id", seconds(at));
    }

    std::optional<Evaluation> evaluationRectifiedBy(const std::string& rectificationCase) override
    {
        auto found = selectEvaluations("WHERE rectification_case = $1", rectificationCase);
        return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
    }

    std::vector<CaseView> casesOfDefinition(const std::string& key) override
    {
        return selectCases("WHERE definition_key = $1 ORDER BY accepted_at, id", key);
    }

    std::vector<CaseView> casesEndedBefore(Instant at) override
    {
        return selectCases("WHERE ended_at IS NOT NULL AND ended_at < $1 ORDER BY ended_at, id", seconds(at));
    }

    std::vector<Actor> actorsOfCase(const std::string& caseNumber) override
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

    std::expected<Applied, Refusal> createCase(const NewCase& request) override
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

    std::expected<Applied, Refusal> createCaseOnce(const NewCase& request,
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
        auto events = apply(*process, state, Command{StartCase{number, request.data}, request.actor, request.at});
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

    std::expected<Applied, Refusal> execute(const std::string& caseNumber, const Command& command) override
    {
        return executeChecked(caseNumber, command, nullptr);
    }

    std::expected<Applied, Refusal> executeOnce(const std::string& commandId, const std::string& caseNumber,
                                                const Command& command) override
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

    std::optional<CommandReceipt> commandReceipt(const std::string& commandId) override
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

    std::vector<JournalEntry> journalAfter(std::uint64_t after, std::size_t limit) override
    {
        flushIfBatch();
        auto rows = m_queries.rows("SELECT j.seq, c.number, j.case_version, j.type, j.actor, j.department, j.at, j.body"
                                   " FROM journal j JOIN cases c ON c.id = j.case_id WHERE j.seq > $1 ORDER BY j.seq LIMIT $2",
                                   {static_cast<std::int64_t>(after), static_cast<std::int64_t>(limit)});
        std::vector<JournalEntry> entries;
        entries.reserve(rows.size());
        for (auto& row : rows)
            entries.push_back({static_cast<std::uint64_t>(integerOf(row[0])), textOf(row[1]),
                               static_cast<std::uint64_t>(integerOf(row[2])), textOf(row[3]),
                               Actor{textOf(row[4]), textOf(row[5])}, instantOf(integerOf(row[6])), textOf(row[7])});
        return entries;
    }

    void saveCredential(const Credential& credential) override
    {
        writeReferenceData([&] {
            auto c = credential;
            Int64 iterations = c.iterations, failures = c.failures;
            NullableInt locked = c.lockedUntil ? NullableInt(seconds(*c.lockedUntil)) : NullableInt();
            m_session << "INSERT INTO credentials (login, algorithm, iterations, salt, hash, failures, locked_until)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (login) DO UPDATE SET algorithm = excluded.algorithm,"
                         " iterations = excluded.iterations, salt = excluded.salt, hash = excluded.hash,"
                         " failures = excluded.failures, locked_until = excluded.locked_until",
                use(c.login), use(c.algorithm), use(iterations), use(c.salt), use(c.hash), use(failures), use(locked), now;
        });
    }

    std::optional<Credential> credential(const std::string& login) override
    {
        flushIfBatch();
        std::string who = login;
        std::vector<std::string> algorithms, salts, hashes;
        std::vector<Int64> iterations, failures;
        std::vector<NullableInt> locked;
        m_session << "SELECT algorithm, iterations, salt, hash, failures, locked_until FROM credentials WHERE login = $1",
            use(who), into(algorithms), into(iterations), into(salts), into(hashes), into(failures), into(locked), now;
        if (algorithms.empty())
            return std::nullopt;
        Credential credential{login, algorithms[0], static_cast<int>(iterations[0]), salts[0], hashes[0],
                              static_cast<int>(failures[0]), std::nullopt};
        if (!locked[0].isNull())
            credential.lockedUntil = instantOf(locked[0].value());
        return credential;
    }

    void openApiSession(const ApiSession& session) override
    {
        writeReferenceData([&] {
            auto s = session;
            Int64 issued = seconds(s.issuedAt), expires = seconds(s.expiresAt);
            m_session << "INSERT INTO api_sessions (token_id, login, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
                use(s.tokenId), use(s.login), use(issued), use(expires), now;
        });
    }

    bool endApiSession(const std::string& tokenId, Instant at) override
    {
        std::size_t ended = 0;
        writeReferenceData([&] {
            std::string id = tokenId;
            Int64 when = seconds(at);
            Poco::Data::Statement update(m_session);
            update << "UPDATE api_sessions SET ended_at = $1 WHERE token_id = $2 AND ended_at IS NULL", use(when), use(id);
            ended = update.execute();
        });
        return ended > 0;
    }

    std::optional<ApiSession> apiSession(const std::string& tokenId) override
    {
        flushIfBatch();
        std::string id = tokenId;
        std::vector<std::string> logins;
        std::vector<Int64> issued, expires;
        std::vector<NullableInt> ended;
        m_session << "SELECT login, issued_at, expires_at, ended_at FROM api_sessions WHERE token_id = $1", use(id),
            into(logins), into(issued), into(expires), into(ended), now;
        if (logins.empty())
            return std::nullopt;
        ApiSession session{tokenId, logins[0], instantOf(issued[0]), instantOf(expires[0]), std::nullopt};
        if (!ended[0].isNull())
            session.endedAt = instantOf(ended[0].value());
        return session;
    }

    void inOneTransaction(const std::function<void()>& work) override
    {
        const bool outermost = m_batchDepth == 0;
        try {
            Transaction transaction(*this);
            ++m_batchDepth;
            try {
                work();
            } catch (...) {
                --m_batchDepth;
                throw;
            }
            --m_batchDepth;
            transaction.commit();
        } catch (const WriteConflict&) {
            forgetBatch(outermost);
            refreshHead();
            throw StoreError("another writer changed the database during a batch; nothing of the batch was kept");
        } catch (const FlushFailed& failed) {
            forgetBatch(outermost);
            refreshHead();
            throw StoreError("the database refused a write: " + failed.message);
        } catch (...) {
            forgetBatch(outermost);
            throw;
        }
        if (outermost)
            m_movedInBatch.clear();
    }

    /// A batch that was not kept: the cases it moved on in memory are not as the database has them.
    void forgetBatch(bool outermost)
    {
        m_cases.clear();
        if (outermost)
            m_movedInBatch.clear();
    }

    void replaceCase(const CaseView& header, const Events& events, const std::string& application) override
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

    std::optional<CaseView> caseByNumber(const std::string& number) override
    {
        auto cases = selectCases("WHERE number = $1", number);
        if (cases.empty())
            return std::nullopt;
        return cases.front();
    }

    std::optional<CaseState> caseState(const std::string& number) override
    {
        if (auto it = m_cases.find(number); it != m_cases.end())
            return it->second.state;
        flushIfBatch();
        if (CachedCase* cached = load(number))
            return cached->state;
        return std::nullopt;
    }

    Events eventsOfCase(const std::string& number) override
    {
        flushIfBatch();
        const CachedCase* cached = load(number);
        return cached ? readEvents(cached->id, number, *cached->process) : Events{};
    }

    std::vector<CaseView> casesByApplicant(const std::string& identity) override
    {
        return selectCases("WHERE applicant_identity = $1 ORDER BY accepted_at DESC, id DESC", identity);
    }

    InboxPage inbox(const std::string& department, std::size_t pageSize, std::optional<InboxCursor> after) override
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

    InboxCounts inboxCounts(const std::string& department, const std::string& user, Instant at,
                            Instant dueSoonBy) override
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
        return {all, waiting, claimed, mine, dueSoon, overdue};
    }

    std::vector<TaskView> claimedTasks(const std::string& user) override
    {
        return selectTasks(" WHERE t.assignee = $1 AND t.state = 'claimed' ORDER BY t.due_key, t.case_id, t.number",
                           {user});
    }

    std::vector<TaskView> tasksOfCase(const std::string& number) override
    {
        return selectTasks(" WHERE c.number = $1 ORDER BY t.number", {number});
    }

    std::vector<TaskView> tasksDueBefore(Instant instant, std::size_t limit) override
    {
        return selectTasks(" WHERE t.state IN ('open', 'claimed') AND t.due_key < $1"
                           " ORDER BY t.due_key, t.case_id, t.number LIMIT $2",
                           {seconds(instant), static_cast<Int64>(limit)});
    }

    Warnings warnings(Instant at, int yellowWorkingDays) override
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
        for (auto& view : selectCases("WHERE status = 'running' AND paused_since IS NULL AND due_at <= $1 ORDER BY due_at",
                                      limit))
            (*view.dueAt < at ? warnings.overdueCases : warnings.dueSoonCases).push_back(std::move(view));
        return warnings;
    }

    std::vector<RunningTaskRow> runningTasksThroughPoco(const std::string& sql, Int64 dueBy)
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

    std::vector<DeadlineChange> recomputeDeadlines(const Calendar& corrected, Instant at) override
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

    std::uint64_t caseCount() override
    {
        flushIfBatch();
        Int64 count = 0;
        m_session << "SELECT COUNT(*) FROM cases", into(count), now;
        return static_cast<std::uint64_t>(count);
    }

    std::vector<ReportRow> reportQuery(const std::string& select, const std::vector<ReportValue>& parameters) override
    {
        const auto first = select.find_first_not_of(" \t\r\n(");
        std::string keyword = first == std::string::npos ? std::string() : select.substr(first, 6);
        std::ranges::transform(keyword, keyword.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if ((keyword != "select" && !keyword.starts_with("with")) || select.find(';') != std::string::npos)
            throw StoreError("a report query is one SELECT, not: " + select.substr(0, 40));
        ensureReportDays();
        return m_queries.rows(select, parameters);
    }

    const Calendar& workingCalendar() const override { return *m_calendar; }

    JournalReport verifyJournal() override
    {
        flushIfBatch();
        JournalReport report;
        std::string previous;
        Int64 expected = 1;
        constexpr Int64 kChunk = 20000;
        for (Int64 after = 0;;) {
            std::vector<Int64> seq, caseVersion, at;
            std::vector<NullableInt> caseId;
            std::vector<std::string> type, actor, department, body, hash;
            Int64 limit = kChunk;
            m_session << "SELECT seq, case_id, case_version, type, actor, department, at, body, hash FROM journal"
                         " WHERE seq > $1 ORDER BY seq LIMIT $2",
                use(after), use(limit), into(seq), into(caseId), into(caseVersion), into(type), into(actor),
                into(department), into(at), into(body), into(hash), now;
            for (std::size_t i = 0; i < seq.size(); ++i) {
                if (seq[i] != expected) {
                    return broken(report, static_cast<std::uint64_t>(expected),
                                  "record " + std::to_string(expected) + " is missing (the sequence jumps to " +
                                      std::to_string(seq[i]) + ")");
                }
                const JournalRecord record{seq[i], caseId[i].isNull() ? 0 : caseId[i].value(), caseVersion[i], type[i],
                                           actor[i], department[i], at[i], body[i]};
                if (chainHash(previous, record) != hash[i])
                    return broken(report, static_cast<std::uint64_t>(seq[i]),
                                  "record " + std::to_string(seq[i]) + " does not match its hash: it or the record "
                                  "before it was altered");
                previous = hash[i];
                ++expected;
                ++report.records;
            }
            if (static_cast<Int64>(seq.size()) < kChunk)
                break;
            after = seq.back();
        }
        std::vector<std::string> mismatched;
        m_session << "SELECT c.number FROM cases c WHERE c.version <>"
                     " (SELECT COUNT(*) FROM journal j WHERE j.case_id = c.id) ORDER BY c.id LIMIT 1",
            into(mismatched), now;
        if (!mismatched.empty())
            return broken(report, report.records + 1,
                          "case " + mismatched.front() + " has a version that its journal records do not account for");
        report.headHash = previous;
        return report;
    }

private:
    /// Begins a write transaction unless one is open (a batch); rolls back
    /// unless committed, and resyncs the in-memory journal head when it does.
    class Transaction {
    public:
        explicit Transaction(SqlStore& store) : m_store(store), m_owner(store.m_batchDepth == 0)
        {
            if (m_owner) {
                m_store.m_writer->begin();
                // The write lock is held from here: if another connection wrote since, the journal's head as it is now.
                m_store.m_othersWrote = m_store.othersWroteSinceLastLook();
                if (m_store.m_othersWrote)
                    m_store.refreshHead();
                m_store.m_transactionHead = m_store.m_head;
            }
        }
        void commit()
        {
            if (!m_owner) {
                if (m_store.m_pending.rows() > kBatchFlushRows)
                    m_store.flush();
                return;
            }
            m_store.flush();
            m_store.m_writer->commit();
            m_committed = true;
        }
        ~Transaction()
        {
            if (!m_owner || m_committed)
                return;
            m_store.m_pending.clear();
            m_store.m_head = m_store.m_transactionHead;
            m_store.m_writer->rollback();
        }
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;

    private:
        SqlStore& m_store;
        bool m_owner;
        bool m_committed = false;
    };

    struct Head {
        Int64 seq = 0;
        std::string hash;
    };

    static inline const std::string kTaskColumns =
        "SELECT t.case_id, c.number, t.number, t.node, t.name, t.department, t.role, t.state, t.assignee,"
        " c.one_thing, c.applicant_name, c.applicant_identity, t.opened_at, t.due_key, t.paused_since, t.closed_at"
        " FROM tasks t JOIN cases c ON c.id = t.case_id";

    static Poco::Data::Session openSession(const Dialect& dialect, const std::string& connection)
    {
        registerConnectors();
        if (dialect.kind == Dialect::Kind::SQLite) {
            const auto folder = std::filesystem::absolute(connection).parent_path();
            if (!std::filesystem::is_directory(folder))
                throw StoreError("cannot open the SQLite database " + connection + ": the folder " + folder.string() +
                                 " does not exist");
        }
        try {
            // Poco keeps retrying a connection that fails for as long as this timeout.
            constexpr std::size_t kConnectSeconds = 10;
            return Poco::Data::Session(dialect.connector, connection, kConnectSeconds);
        } catch (const Poco::Exception& e) {
            throw StoreError("cannot open the " + std::string(dialect.kind == Dialect::Kind::SQLite ? "SQLite" : "PostgreSQL") +
                             " database: " + e.displayText());
        }
    }

    /// The working days of the store's calendar as a temporary table, for
    /// report queries to count office time in SQL: every day the calendar
    /// answers for, built once per connection and again when the calendar changes.
    void ensureReportDays()
    {
        if (m_reportDaysCalendar == m_calendar)
            return;
        m_session << "DROP TABLE IF EXISTS report_days", now;
        m_session << "CREATE TEMP TABLE report_days (day INTEGER PRIMARY KEY, working INTEGER NOT NULL,"
                     " working_before INTEGER NOT NULL)",
            now;
        // Generated integers only: one statement per thousand days rather than a round trip per day.
        Int64 before = 0;
        std::string values;
        std::size_t inStatement = 0;
        const auto flush = [&] {
            if (inStatement)
                m_session << "INSERT INTO report_days (day, working, working_before) VALUES " + values, now;
            values.clear();
            inStatement = 0;
        };
        for (Day day = m_calendar->firstDay(); day <= m_calendar->lastDay(); day += std::chrono::days{1}) {
            const bool working = m_calendar->isWorkingDay(day);
            values += (inStatement ? "," : "") + std::string("(") + std::to_string(day.time_since_epoch().count()) + "," +
                      (working ? "1" : "0") + "," + std::to_string(before) + ")";
            before += working ? 1 : 0;
            if (++inStatement == 1000)
                flush();
        }
        flush();
        m_reportDaysCalendar = m_calendar;
    }

    /// Whether another connection may have committed since this one last
    /// looked: SQLite counts such commits in PRAGMA data_version; on
    /// PostgreSQL any other server may have, so always.
    bool othersWroteSinceLastLook()
    {
        if (m_dialect.kind != Dialect::Kind::SQLite)
            return true;
        const Int64 version = integerOf(m_queries.rows("PRAGMA data_version", {}).at(0).at(0));
        const bool changed = version != m_dataVersion;
        m_dataVersion = version;
        return changed;
    }

    void refreshHead()
    {
        std::vector<Int64> seq;
        std::vector<std::string> hash;
        m_session << "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", into(seq), into(hash), now;
        m_head = seq.empty() ? Head{} : Head{seq.front(), hash.front()};
    }

    /// Reads inside a batch see its writes. A failure here surfaces when the
    /// batch ends, which rolls everything back.
    void flushIfBatch()
    {
        if (m_batchDepth == 0)
            return;
        try {
            flush();
        } catch (const WriteConflict&) {
            throw StoreError("another writer changed the database during a batch");
        } catch (const FlushFailed& failed) {
            throw StoreError("the database refused a write: " + failed.message);
        }
    }

    /// Writes the pending rows. A journal sequence already taken, or a case
    /// whose version moved, means another writer got there first.
    void flush()
    {
        auto& p = m_pending;
        if (m_writer->write() != p.updateId.size())
            throw WriteConflict{};
        p.clear();
    }

    /// After a failed write has rolled back: was it a lost race (retry) or a real fault?
    void classify(const FlushFailed& failed)
    {
        refreshHead();
        if (failed.firstSequence == 0 || m_head.seq < failed.firstSequence)
            throw StoreError("the database refused a write: " + failed.message);
    }

    void writeReferenceData(const std::function<void()>& write)
    {
        for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
            try {
                Transaction transaction(*this);
                write();
                transaction.commit();
                return;
            } catch (const WriteConflict&) {
                refreshHead();
            } catch (const FlushFailed& failed) {
                if (m_batchDepth > 0)
                    throw StoreError("the database refused a write: " + failed.message);
                classify(failed);
            }
        }
        throw StoreError("the journal keeps changing; try again");
    }

    void appendRecord(std::optional<Int64> caseId, Int64 caseVersion, const std::string& type, const Actor& actor,
                      Instant at, std::string body)
    {
        JournalRecord record{m_head.seq + 1, caseId.value_or(0), caseVersion, type, actor.user, actor.department,
                             seconds(at), std::move(body)};
        const auto hash = chainHash(m_head.hash, record);
        auto& p = m_pending;
        p.seq.push_back(record.seq);
        p.caseId.push_back(caseId ? NullableInt(*caseId) : NullableInt());
        p.caseVersion.push_back(record.caseVersion);
        p.type.push_back(record.type);
        p.actor.push_back(record.actor);
        p.department.push_back(record.department);
        p.at.push_back(record.at);
        p.body.push_back(std::move(record.body));
        p.hash.push_back(hash);
        m_head = Head{record.seq, hash};
    }

    /// The calendar a department counts on: its own, or the store's default.
    const Calendar& calendarFor(const std::string& department) const
    {
        if (auto it = m_departmentCalendars.find(department); it != m_departmentCalendars.end())
            return *it->second;
        return *m_calendar;
    }

    void loadCalendars()
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

    /// Derives every open deadline again from its inputs and writes those that moved.
    std::vector<DeadlineChange> recomputeOpenDeadlines(Instant at)
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
                    const auto after = dueTime(calendarFor(departmentFor(node, cached->state.data)), *node.timeLimit,
                                               task.openedAt, cached->state.pauses, at);
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

    /// The case's promised deadline and, while it is paused, since when.
    std::pair<NullableInt, NullableInt> caseClock(const ExecutableProcess& process, const CaseState& state, Instant now) const
    {
        NullableInt due, pausedSince;
        if (const auto& promised = process.definition().promisedLimit; promised && state.startedAt)
            due = seconds(dueTime(*m_calendar, *promised, *state.startedAt, state.pauses, now));
        if (state.isPaused())
            pausedSince = seconds(state.pauses.back().from);
        return {due, pausedSince};
    }

    struct TaskRow {
        std::uint32_t node = 0;
        TaskState state = TaskState::Open;
        std::string assignee;
        Instant openedAt{};
        std::optional<Instant> closedAt;
    };

    /// Journal records for each event, and the task rows they change. A pause
    /// or a resumption changes the clocks of every open task.
    void appendCaseEvents(Int64 caseId, const ExecutableProcess& process, const CaseState& before, const CaseState& after,
                          const Events& events)
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
            const Int64 dueKey = node.timeLimit ? seconds(dueTime(calendarFor(department), *node.timeLimit,
                                                                  r.openedAt, after.pauses, now))
                                                : kNoDue;
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

    void queueCaseUpdate(Int64 caseId, std::uint64_t expectedVersion, const ExecutableProcess& process,
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

    /// A case's events from its journal records, in order.
    Events readEvents(Int64 caseId, const std::string& number, const ExecutableProcess& process)
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

    /// What executeOnce adds to a command's transaction: whether to go on
    /// (no receipt yet), and the receipt written with the command's rows.
    struct ReceiptKeeper {
        std::function<bool()> proceed;
        std::function<void(const Applied&)> keep;
    };

    /// Applies a command in one transaction that reads the case as it is
    /// under the transaction's lock, so that several connections (a server's
    /// request threads, two servers) never apply a command to a stale case.
    std::expected<Applied, Refusal> executeChecked(const std::string& caseNumber, const Command& command,
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
                auto events = apply(*cached->process, cached->state, command);
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

    /// The case as the database has it now: the cached state unless another
    /// connection moved the case on. A case this batch moved is as the cache
    /// has it: its rows may not be written yet.
    CachedCase* current(const std::string& number)
    {
        auto* cached = load(number);
        if (!cached || !m_othersWrote || m_movedInBatch.contains(number))
            return cached;
        const auto versions = m_queries.rows("SELECT version FROM cases WHERE id = $1", {cached->id});
        if (!versions.empty() && static_cast<std::uint64_t>(integerOf(versions.front().at(0))) == cached->state.version)
            return cached;
        forget(number);
        return load(number);
    }

    CachedCase* load(const std::string& number)
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

    CachedCase& remember(const std::string& number, CachedCase cached)
    {
        if (m_cases.size() >= kCaseCacheLimit)
            m_cases.clear();
        return m_cases.insert_or_assign(number, std::move(cached)).first->second;
    }

    void forget(const std::string& number) { m_cases.erase(number); }

    /// A refusal inside a batch: it rolls the batch back and is returned as it is.
    struct RefusedInBatch {
        Refusal refusal;
    };

    void insertReceipt(const CommandReceipt& receipt)
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

    void insertEvaluation(Evaluation& evaluation)
    {
        flushIfBatch();
        std::string caseNumber = evaluation.caseNumber, kind = toString(evaluation.object.kind),
                    objectId = evaluation.object.id, channel = toString(evaluation.channel);
        int level = static_cast<int>(evaluation.level);
        Int64 at = seconds(evaluation.at);
        NullableInt followUpOf = evaluation.followUpOf ? NullableInt(*evaluation.followUpOf) : NullableInt();
        Poco::Nullable<std::string> rectificationCase;
        if (!evaluation.rectificationCase.empty())
            rectificationCase = evaluation.rectificationCase;
        std::string placeholder = "{}";
        Int64 id = 0;
        try {
            m_session << "INSERT INTO evaluations (case_number, object_kind, object_id, level, channel, at, follow_up_of,"
                         " rectification_case, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                use(caseNumber), use(kind), use(objectId), use(level), use(channel), use(at), use(followUpOf),
                use(rectificationCase), use(placeholder), into(id), now;
        } catch (const Poco::Data::DataException& error) {
            throw StoreError("the evaluation was not saved: " + error.displayText());
        }
        evaluation.id = id;
        std::string body = writeEvaluation(evaluation);
        m_session << "UPDATE evaluations SET body = $1 WHERE id = $2", use(body), use(id), now;
    }

    /// The journal keeps what was rated and a digest of the whole record, not who rated it.
    void journalEvaluation(const Evaluation& evaluation)
    {
        const Actor actor{evaluation.enteredBy.empty() ? std::string("applicant") : evaluation.enteredBy, ""};
        appendRecord(std::nullopt, 0, "evaluationRecorded", actor, evaluation.at,
                     jsonText({{"evaluation", std::to_string(evaluation.id)},
                               {"case", evaluation.caseNumber},
                               {"object", std::string(toString(evaluation.object.kind)) + ":" + evaluation.object.id},
                               {"level", std::to_string(static_cast<int>(evaluation.level))},
                               {"channel", toString(evaluation.channel)},
                               {"rectification", evaluation.rectificationCase},
                               {"sha256", forms::sha256Hex(writeEvaluation(evaluation))}}));
    }

    template <typename Parameter>
    std::vector<Evaluation> selectEvaluations(const std::string& where, const Parameter& parameter)
    {
        flushIfBatch();
        Parameter value = parameter;
        std::vector<std::string> bodies;
        m_session << "SELECT body FROM evaluations " + where, use(value), into(bodies), now;
        std::vector<Evaluation> evaluations;
        for (const auto& body : bodies) {
            auto read = readEvaluation(body);
            if (!read)
                throw StoreError("an evaluation in the database does not read: " + read.error().describe());
            evaluations.push_back(std::move(*read));
        }
        return evaluations;
    }

    std::vector<CaseView> selectCases(const std::string& where, const ReportValue& parameter)
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

    /// Tasks joined with their cases.
    std::vector<TaskView> selectTasks(const std::string& tail, const std::vector<ReportValue>& parameters)
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

    static std::optional<Instant> optionalInstantOf(const ReportValue& cell)
    {
        const auto value = optionalIntegerOf(cell);
        return value ? std::optional(instantOf(*value)) : std::nullopt;
    }

    static std::unexpected<Refusal> refusal(Refusal::Kind kind, std::string message)
    {
        return std::unexpected(Refusal{kind, std::move(message), std::nullopt});
    }

    static JournalReport broken(JournalReport report, std::uint64_t record, std::string problem)
    {
        report.intact = false;
        report.firstBroken = record;
        report.problem = std::move(problem);
        return report;
    }

    Dialect m_dialect;
    Poco::Data::Session m_session;
    const Calendar* m_calendar;  ///< the default: the centre's
    QueryRunner m_queries{m_session, m_dialect};
    std::map<std::string, std::unique_ptr<Calendar>> m_namedCalendars;
    std::map<std::string, const Calendar*> m_departmentCalendars;
    PendingWrites m_pending;
    std::unique_ptr<RowWriter> m_writer;
    std::unique_ptr<SqliteWarningReader> m_runningDueBy;  ///< the overdue scan on SQLite
    Head m_head;
    Head m_transactionHead;
    int m_batchDepth = 0;
    std::unordered_map<std::string, CachedCase> m_cases;
    std::unordered_set<std::string> m_movedInBatch;  ///< cases the open batch has moved on
    std::map<std::pair<std::string, int>, std::shared_ptr<const ExecutableProcess>> m_definitions;
    const Calendar* m_reportDaysCalendar = nullptr;  ///< the calendar report_days was built from
    Int64 m_dataVersion = -1;   ///< SQLite's count of other connections' commits, when last looked at
    bool m_othersWrote = true;  ///< whether the current write transaction began after another connection's commit
};

} // namespace

std::unique_ptr<Store> Store::open(const std::string& location, const Calendar& calendar)
{
    if (location.empty())
        throw StoreError("no database given");
    try {
        if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
            return std::make_unique<SqlStore>(Dialect::postgresql(), postgresConnection(location), calendar);
        return std::make_unique<SqlStore>(Dialect::sqlite(), location, calendar);
    } catch (const StoreError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw StoreError("cannot open " + location + ": " + e.displayText());
    }
}

std::unique_ptr<Store> Store::open(const std::string& location) { return open(location, nationalCalendar()); }

std::optional<forms::OneThing> catalogueOneThing(Store& store, std::string_view definitionKey)
{
    for (const auto& entry : store.oneThings())
        if (entry.key == definitionKey)
            if (auto read = forms::readOneThing(entry.document))
                return std::move(*read);
    return std::nullopt;
}

const char* toString(Role role) { return nameIn(kRoles, role); }
std::optional<Role> roleFromString(std::string_view text) { return valueIn(kRoles, text); }
const char* toString(TaskState state) { return nameIn(kTaskStates, state); }
const char* toString(Refusal::Kind kind) { return nameIn(kRefusalKinds, kind); }

std::expected<Applied, Refusal> outcomeOf(const CommandReceipt& receipt)
{
    if (!receipt.refused)
        return Applied{receipt.caseNumber, receipt.version, {}};
    std::optional<EngineError> engine;
    if (receipt.engineCode)
        engine = EngineError{*receipt.engineCode, receipt.caseNumber, {}, receipt.message, receipt.message};
    return std::unexpected(Refusal{*receipt.refused, receipt.message, std::move(engine)});
}
std::optional<Refusal::Kind> refusalKindFromString(std::string_view text) { return valueIn(kRefusalKinds, text); }

} // namespace tongban::store
