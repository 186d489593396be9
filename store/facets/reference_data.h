// The workspace's reference data: departments and users, calendars,
// published definitions, the one-thing catalogue, electronic licences and
// material files.
#pragma once

#include "store/records/cases.h"
#include "store/records/outcomes.h"
#include "store/records/reference.h"

#include "forms/licences/electronic_licence.h"
#include "forms/onething/one_thing.h"

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::store {

class ReferenceData {
public:
    virtual ~ReferenceData() = default;

    virtual void saveDepartment(const Department& department, const Actor& actor, Instant at) = 0;
    virtual void saveUser(const User& user, const Actor& actor, Instant at) = 0;
    virtual std::vector<Department> departments() = 0;
    virtual std::vector<User> users() = 0;

    /// Saves (or replaces) a named calendar that departments can use, then
    /// recomputes the open deadlines it governs and returns those that moved.
    virtual std::vector<DeadlineChange> saveCalendar(const std::string& name, const CalendarData& data,
                                                     const Actor& actor, Instant at) = 0;
    virtual std::vector<std::string> calendarNames() = 0;
    /// Recomputes every open deadline on a corrected calendar, keeps the store
    /// on it from now on, and returns the deadlines that moved.
    virtual std::vector<DeadlineChange> recomputeDeadlines(const Calendar& corrected, Instant now) = 0;

    /// Publishes a definition version. Refuses an invalid one (every
    /// diagnostic in the message) and a (key, version) already published with
    /// a different content: published versions are immutable.
    virtual std::expected<void, Refusal> publishDefinition(const ProcessDefinition& definition, const Actor& actor,
                                                           Instant at) = 0;
    virtual std::shared_ptr<const ExecutableProcess> definition(const std::string& key, int version) = 0;
    /// Every published version, by key and then version.
    virtual std::vector<DefinitionVersion> definitionVersions() = 0;

    /// Adds or replaces a one thing in the catalogue and publishes its
    /// process. Refuses a document that does not read or check clean.
    virtual std::expected<void, Refusal> saveOneThing(const std::string& document, const Actor& actor, Instant at) = 0;
    virtual std::vector<OneThingEntry> oneThings() = 0;

    /// Adds or replaces an electronic licence (by type and number).
    virtual void saveLicence(const forms::ElectronicLicence& licence, const Actor& actor, Instant at) = 0;
    /// The licences held by any of `holders` (ID numbers, credit codes), valid or not.
    virtual std::vector<forms::ElectronicLicence> licencesOf(const std::vector<std::string>& holders) = 0;

    /// Keeps a material file by the SHA-256 of its content; storing the same
    /// content again changes nothing.
    virtual StoredFile storeFile(std::string_view content, const std::string& mediaType) = 0;
    virtual std::optional<std::string> fileContent(const std::string& sha256) = 0;
};

/// The catalogue's one thing whose process is `definitionKey`, read; none when
/// the process is not a catalogued one thing.
std::optional<forms::OneThing> catalogueOneThing(ReferenceData& store, std::string_view definitionKey);

} // namespace tongban::store
