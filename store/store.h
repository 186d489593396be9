// The durable store: every command's events, the projections inboxes and
// reports read, reference data, and the hash-chained journal (留痕).
//
//   auto store = Store::open("workspace.db");                 // or "postgresql://..."
//   store->publishDefinition(definition, admin, now);
//   auto created = store->createCase({"restaurant-opening", 0, "320100", "窗口", applicant, data, clerk, now});
//   store->execute(created->caseNumber, Command{CompleteTask{1, Outcome::Approve}, clerk, now});
#pragma once

#include "forms/licences/electronic_licence.h"
#include "forms/onething/one_thing.h"
#include "workflow/calendar/calendar.h"
#include "workflow/evaluation/evaluation.h"
#include "workflow/clock/deadline.h"
#include "workflow/runtime/engine.h"

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace tongban::store {

// The store keeps the engine's records under the engine's names.
using workflow::Actor;
using workflow::Calendar;
using workflow::CalendarData;
using workflow::CaseData;
using workflow::CaseState;
using workflow::CaseStatus;
using workflow::Command;
using workflow::EngineError;
using workflow::EngineErrorCode;
using workflow::Evaluation;
using workflow::Events;
using workflow::ExecutableProcess;
using workflow::Instant;
using workflow::Node;
using workflow::ProcessDefinition;
using workflow::TaskNumber;

/// Something went wrong below the domain: the database cannot be opened or
/// read, or holds a schema this version does not know. Callers at the edge
/// turn it into a message or an exit code.
struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Department {
    std::string code;
    std::string name;
    std::string region;    ///< GB/T 2260 code of the centre or district it belongs to
    std::string calendar;  ///< a saved calendar's name; empty for the store's default
    friend bool operator==(const Department&, const Department&) = default;
};

enum class Role { Clerk, Officer, Supervisor, Designer, Administrator };

struct User {
    std::string login;
    std::string name;
    std::string department;
    Role role = Role::Officer;
    friend bool operator==(const User&, const User&) = default;
};

struct Applicant {
    std::string name;
    std::string identity;  ///< 居民身份证号 or 统一社会信用代码
};

struct NewCase {
    std::string definitionKey;
    int definitionVersion = 0;  ///< 0: the latest published version
    std::string region;         ///< six-digit code of the accepting centre
    std::string channel;        ///< 窗口, 网上, 移动端 ...
    Applicant applicant;
    CaseData data;
    Actor actor;
    Instant at{};
    /// The intake record (answers, materials, overrides and who made them),
    /// kept with the case in the same transaction; empty when there is none.
    std::string application;
};

/// Why the store did not apply a command. Nothing was written.
struct Refusal {
    enum class Kind { NotFound, Conflict, Invalid, Engine };
    Kind kind = Kind::Invalid;
    std::string message;
    std::optional<EngineError> engine;
};

struct Applied {
    std::string caseNumber;
    std::uint64_t version = 0;
    Events events;
};

struct CaseView {
    std::int64_t id = 0;
    std::string number;
    std::string definitionKey;
    int definitionVersion = 0;
    std::string oneThing;
    CaseStatus status = CaseStatus::Running;
    std::uint64_t version = 0;
    std::string applicantName;
    std::string applicantIdentity;
    std::string region;
    std::string channel;
    Instant acceptedAt{};
    std::optional<Instant> endedAt;
    std::optional<Instant> dueAt;  ///< from the promised limit, when the definition has one
    std::optional<Instant> pausedSince;
};

enum class TaskState { Open, Claimed, Done, Returned, Discarded };

struct TaskView {
    std::string caseNumber;
    std::int64_t caseId = 0;
    TaskNumber task = 0;
    std::string node;
    std::string name;
    std::string department;
    std::string role;
    TaskState state = TaskState::Open;
    std::string assignee;
    std::string oneThing;
    std::string applicantName;
    std::string applicantIdentity;
    Instant openedAt{};
    std::optional<Instant> dueAt;  ///< empty when the task has no limit
    std::optional<Instant> pausedSince;  ///< the case waits for a supplement or a special procedure
    std::optional<Instant> closedAt;     ///< when it was done, returned or discarded
};

/// A yellow or red task, lean enough to list by the hundred thousand: its
/// name, department and role come from the definition version its case runs on.
struct TaskWarning {
    std::int64_t caseId = 0;
    std::string caseNumber;
    TaskNumber task = 0;
    std::shared_ptr<const ExecutableProcess> process;
    std::uint32_t node = 0;
    Instant dueAt{};
    std::string department;  ///< the node's, or the one its case data named

    const Node& nodeInfo() const { return process->definition().nodes()[node]; }
};

/// Tasks and cases whose clocks are yellow (due soon) or red (overdue) at an
/// instant; paused clocks are neither.
struct Warnings {
    std::vector<TaskWarning> overdueTasks;
    std::vector<TaskWarning> dueSoonTasks;
    std::vector<CaseView> overdueCases;
    std::vector<CaseView> dueSoonCases;
};

/// A deadline that a corrected calendar moved.
struct DeadlineChange {
    std::string caseNumber;
    std::optional<TaskNumber> task;  ///< empty for the case's promised deadline
    Instant before{};
    Instant after{};
};

/// Where the next inbox page starts (keyset paging: stable under inserts).
struct InboxCursor {
    std::int64_t dueKey = 0;
    std::int64_t caseId = 0;
    TaskNumber task = 0;
};

/// How many of a department's open tasks each inbox filter shows.
struct InboxCounts {
    std::int64_t all = 0;
    std::int64_t waiting = 0;  ///< not claimed
    std::int64_t claimed = 0;
    std::int64_t mine = 0;     ///< claimed by the user asked about
    std::int64_t dueSoon = 0;  ///< running, due from now up to `dueSoonBy`
    std::int64_t overdue = 0;  ///< running, due before now
};

struct InboxPage {
    std::vector<TaskView> tasks;
    std::optional<InboxCursor> next;
};

/// A one thing in the workspace's catalogue, as its document says it.
struct OneThingEntry {
    std::string key;
    std::string name;
    std::string leadDepartment;
    std::string document;  ///< tongban.onething/1
};

/// A value in a row that a report's query returns.
using ReportValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using ReportRow = std::vector<ReportValue>;

/// A published version of a definition, as a list of them shows it.
struct DefinitionVersion {
    std::string key;
    int version = 0;
    std::string name;
};

/// A material file, stored once by the SHA-256 of its content.
struct StoredFile {
    std::string sha256;
    std::string mediaType;
    std::uint64_t size = 0;
};

struct JournalReport {
    bool intact = true;
    std::uint64_t records = 0;
    std::optional<std::uint64_t> firstBroken;  ///< sequence number of the first record that fails
    std::string problem;
    std::string headHash;  ///< the last record's hash, to keep outside the database as an anchor
};

/// How a user's password is kept: a salted, iterated hash, and the count of
/// failed sign-ins that slows and then locks the account.
struct Credential {
    std::string login;
    std::string algorithm;  ///< "pbkdf2-sha256"
    int iterations = 0;
    std::string salt;  ///< hex
    std::string hash;  ///< hex
    int failures = 0;  ///< failed sign-ins since the last success
    std::optional<Instant> lockedUntil;
};

/// A signed-in session of the sync service, by its token's identifier.
struct ApiSession {
    std::string tokenId;
    std::string login;
    Instant issuedAt{};
    Instant expiresAt{};
    std::optional<Instant> endedAt;  ///< signed out
};

/// A record of a case's journal, as the sync service passes it on.
struct JournalEntry {
    std::uint64_t seq = 0;
    std::string caseNumber;
    std::uint64_t caseVersion = 0;
    std::string type;  ///< the event's name: "taskCompleted" …
    Actor actor;
    Instant at{};
    std::string body;  ///< the event's JSON body
};

/// What became of a command a desktop sent, kept by the identifier it made.
struct CommandReceipt {
    std::string id;
    std::string caseNumber;
    std::string login;
    Instant at{};
    std::optional<Refusal::Kind> refused;       ///< empty when applied
    std::optional<EngineErrorCode> engineCode;  ///< the engine's reason for a refusal it made
    std::uint64_t version = 0;                  ///< the case's version after it, when applied
    std::string message;                        ///< the refusal's
};

/// The outcome a receipt keeps, as executeOnce returned it the first time.
std::expected<Applied, Refusal> outcomeOf(const CommandReceipt& receipt);

/// One store interface over two connectors (SQLite, PostgreSQL), both through
/// Poco::Data. Every command is one transaction: its journal records, the
/// projections and the case version commit together or not at all.
class Store {
public:
    /// Opens a SQLite file (created when missing) or a `postgresql://` URL and
    /// applies pending schema migrations. Throws StoreError when the database
    /// cannot be opened or was written by a newer Tongban.
    static std::unique_ptr<Store> open(const std::string& location, const Calendar& calendar);
    static std::unique_ptr<Store> open(const std::string& location);  ///< with the national calendar

    virtual ~Store() = default;

    virtual int schemaVersion() = 0;
    virtual std::string backend() const = 0;  ///< "sqlite" or "postgresql"

    virtual void saveDepartment(const Department& department, const Actor& actor, Instant at) = 0;
    virtual void saveUser(const User& user, const Actor& actor, Instant at) = 0;
    virtual std::vector<Department> departments() = 0;

    /// Saves (or replaces) a named calendar that departments can use, then
    /// recomputes the open deadlines it governs and returns those that moved.
    virtual std::vector<DeadlineChange> saveCalendar(const std::string& name, const CalendarData& data,
                                                     const Actor& actor, Instant at) = 0;
    virtual std::vector<std::string> calendarNames() = 0;
    virtual std::vector<User> users() = 0;

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

    /// The intake record a case was created with.
    virtual std::optional<std::string> applicationOf(const std::string& caseNumber) = 0;

    /// Saves an evaluation (its id is assigned) and, for a 差评, creates its
    /// rectification case in the same transaction and links the two. Refuses
    /// a second evaluation of one object of a case, and a second follow-up.
    virtual std::expected<Evaluation, Refusal> recordEvaluation(const Evaluation& evaluation,
                                                                const std::optional<NewCase>& rectification) = 0;
    virtual std::vector<Evaluation> evaluationsOfCase(const std::string& caseNumber) = 0;
    /// Evaluations given before `at`, oldest first.
    virtual std::vector<Evaluation> evaluationsBefore(Instant at) = 0;
    /// The evaluation whose rectification is the case `rectificationCase`.
    virtual std::optional<Evaluation> evaluationRectifiedBy(const std::string& rectificationCase) = 0;
    virtual std::vector<CaseView> casesOfDefinition(const std::string& key) = 0;
    /// Cases that ended before `at`, in the order they ended.
    virtual std::vector<CaseView> casesEndedBefore(Instant at) = 0;
    /// Everyone who acted on a case, in the order they first did; the first accepted it.
    virtual std::vector<Actor> actorsOfCase(const std::string& caseNumber) = 0;

    /// Numbers, accepts and starts a case (case number RRRRRR-YYYYMMDD-NNNNNN).
    virtual std::expected<Applied, Refusal> createCase(const NewCase& request) = 0;
    /// Applies one command to a case.
    virtual std::expected<Applied, Refusal> execute(const std::string& caseNumber, const Command& command) = 0;

    /// Applies a command once by the identifier its sender made for it. The
    /// first outcome is kept with the command's changes, in the same
    /// transaction; sending the same identifier again returns that outcome
    /// (an Applied without events, or the same refusal with the engine's
    /// reason code) and changes nothing. A refusal that only says to try
    /// again is not kept.
    virtual std::expected<Applied, Refusal> executeOnce(const std::string& commandId, const std::string& caseNumber,
                                                        const Command& command) = 0;
    virtual std::optional<CommandReceipt> commandReceipt(const std::string& commandId) = 0;
    /// Up to `limit` records of cases' journals after sequence number `after`, in order.
    virtual std::vector<JournalEntry> journalAfter(std::uint64_t after, std::size_t limit) = 0;

    virtual void saveCredential(const Credential& credential) = 0;
    virtual std::optional<Credential> credential(const std::string& login) = 0;
    virtual void openApiSession(const ApiSession& session) = 0;
    /// Ends a session; false when there is no such open session.
    virtual bool endApiSession(const std::string& tokenId, Instant at) = 0;
    virtual std::optional<ApiSession> apiSession(const std::string& tokenId) = 0;

    /// Runs `work` in one transaction: the commands it executes commit
    /// together (seeding, imports). An exception rolls everything back.
    virtual void inOneTransaction(const std::function<void()>& work) = 0;

    /// A connected desktop's copy of a server's case: its header as the
    /// server shows it and every event from the start, the desktop's unsent
    /// commands' included. Replaces all the workspace held of the case, in
    /// one transaction. Only for a replica: its journal's records are copies
    /// renumbered in the order they arrive, and keeping the chain of the
    /// server's journal is the server's.
    /// `application` is the case's intake record; empty when it has none.
    virtual void replaceCase(const CaseView& header, const Events& events, const std::string& application) = 0;

    virtual std::optional<CaseView> caseByNumber(const std::string& number) = 0;
    virtual std::optional<CaseState> caseState(const std::string& number) = 0;
    /// Everything that happened to a case, who did it and when, from its
    /// journal records (the audit trail, 全流程留痕); empty when there is no such case.
    virtual Events eventsOfCase(const std::string& number) = 0;
    virtual std::vector<CaseView> casesByApplicant(const std::string& identity) = 0;
    virtual InboxPage inbox(const std::string& department, std::size_t pageSize,
                            std::optional<InboxCursor> after = std::nullopt) = 0;
    virtual std::vector<TaskView> claimedTasks(const std::string& user) = 0;
    /// The counts of a department's inbox filters, by the index the inbox reads.
    virtual InboxCounts inboxCounts(const std::string& department, const std::string& user, Instant now,
                                    Instant dueSoonBy) = 0;
    /// Every task a case has had, open and closed, in the order they opened.
    virtual std::vector<TaskView> tasksOfCase(const std::string& number) = 0;
    virtual std::vector<TaskView> tasksDueBefore(Instant instant, std::size_t limit) = 0;
    /// Yellow and red at `at`, for inbox colours and supervisors' warnings.
    /// Yellow here is the working-days policy; a share-of-limit policy is
    /// evaluated per case with clocksOf().
    virtual Warnings warnings(Instant at, int yellowWorkingDays = 1) = 0;
    /// Recomputes every open deadline on a corrected calendar, keeps the store
    /// on it from now on, and returns the deadlines that moved.
    virtual std::vector<DeadlineChange> recomputeDeadlines(const Calendar& corrected, Instant now) = 0;
    virtual std::uint64_t caseCount() = 0;

    /// Runs a report's aggregation in the database: one read-only SELECT (or
    /// WITH … SELECT) written for backend(), with parameters $1, $2 …. It may
    /// read `report_days (day, working, working_before)`: every local day from
    /// 1990 to 2100 as days since 1970-01-01, whether it is a working day of
    /// the store's calendar, and how many working days came before it, so that
    /// office time between two instants is counted in SQL. Throws StoreError
    /// for anything but a SELECT, and when the query fails.
    virtual std::vector<ReportRow> reportQuery(const std::string& select, const std::vector<ReportValue>& parameters) = 0;
    /// The calendar the store counts working days by.
    virtual const Calendar& workingCalendar() const = 0;

    /// Walks the journal and recomputes its hash chain.
    virtual JournalReport verifyJournal() = 0;
};

/// The catalogue's one thing whose process is `definitionKey`, read; none when
/// the process is not a catalogued one thing.
std::optional<forms::OneThing> catalogueOneThing(Store& store, std::string_view definitionKey);

const char* toString(Role role);
std::optional<Role> roleFromString(std::string_view text);
const char* toString(TaskState state);
const char* toString(Refusal::Kind kind);  ///< "notFound", "conflict", "invalid", "engine"
std::optional<Refusal::Kind> refusalKindFromString(std::string_view text);

} // namespace tongban::store
