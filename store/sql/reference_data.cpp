// Reference data in SQL: departments and users, published definitions, the
// one-thing catalogue, electronic licences and material files, each change
// with its journal record.
#include "store/sql/sql_store.h"

#include "forms/intake/intake.h"
#include "forms/onething/one_thing.h"

#include "workflow/model/definition_json.h"

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

void SqlStore::saveDepartment(const Department& department, const Actor& actor, Instant at)
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

void SqlStore::saveUser(const User& user, const Actor& actor, Instant at)
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

std::vector<Department> SqlStore::departments()
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

std::vector<User> SqlStore::users()
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

std::expected<void, Refusal> SqlStore::publishDefinition(const ProcessDefinition& definition, const Actor& actor,
                                                         Instant at)
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

std::shared_ptr<const ExecutableProcess> SqlStore::definition(const std::string& key, int version)
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

std::vector<DefinitionVersion> SqlStore::definitionVersions()
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

std::expected<void, Refusal> SqlStore::saveOneThing(const std::string& document, const Actor& actor, Instant at)
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

std::vector<OneThingEntry> SqlStore::oneThings()
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

void SqlStore::saveLicence(const forms::ElectronicLicence& licence, const Actor& actor, Instant at)
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

std::vector<forms::ElectronicLicence> SqlStore::licencesOf(const std::vector<std::string>& holders)
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

StoredFile SqlStore::storeFile(std::string_view content, const std::string& mediaType)
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

std::optional<std::string> SqlStore::fileContent(const std::string& sha256)
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

} // namespace tongban::store::sql
