// The Store on Poco::Data, for SQLite and PostgreSQL alike: the class its
// parts implement, one file per facet or seam (connection.cpp, case_writer.cpp,
// case_reader.cpp, deadlines.cpp, reference_data.cpp, evaluations.cpp,
// accounts.cpp, journal.cpp, reports.cpp).
#pragma once

#include "store/sql/dialect.h"
#include "store/sql/query_runner.h"
#include "store/sql/row_writer.h"
#include "store/sql/sql_support.h"
#include "store/sql/sqlite_warning_reader.h"
#include "store/store.h"

#include <Poco/Data/Session.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace tongban::store::sql {

/// A case as the last command left it, so that the next one need not replay its journal.
struct CachedCase {
    Int64 id = 0;
    std::shared_ptr<const ExecutableProcess> process;
    CaseState state;
};

class SqlStore final : public Store {
public:
    SqlStore(const Dialect& dialect, const std::string& connection, const Calendar& calendar);
    ~SqlStore() override = default;

    int schemaVersion() override;
    std::string backend() const override;

    // ReferenceData (reference_data.cpp; calendars in deadlines.cpp)
    void saveDepartment(const Department& department, const Actor& actor, Instant at) override;
    void saveUser(const User& user, const Actor& actor, Instant at) override;
    std::vector<Department> departments() override;
    std::vector<User> users() override;
    std::vector<DeadlineChange> saveCalendar(const std::string& name, const CalendarData& data, const Actor& actor,
                                             Instant at) override;
    std::vector<std::string> calendarNames() override;
    std::vector<DeadlineChange> recomputeDeadlines(const Calendar& corrected, Instant at) override;
    std::expected<void, Refusal> publishDefinition(const ProcessDefinition& definition, const Actor& actor,
                                                   Instant at) override;
    std::shared_ptr<const ExecutableProcess> definition(const std::string& key, int version) override;
    std::vector<DefinitionVersion> definitionVersions() override;
    std::expected<void, Refusal> saveOneThing(const std::string& document, const Actor& actor, Instant at) override;
    std::vector<OneThingEntry> oneThings() override;
    void saveLicence(const forms::ElectronicLicence& licence, const Actor& actor, Instant at) override;
    std::vector<forms::ElectronicLicence> licencesOf(const std::vector<std::string>& holders) override;
    StoredFile storeFile(std::string_view content, const std::string& mediaType) override;
    std::optional<std::string> fileContent(const std::string& sha256) override;

    // CaseLog (case_writer.cpp; inOneTransaction in connection.cpp)
    std::expected<Applied, Refusal> createCase(const NewCase& request) override;
    std::expected<Applied, Refusal> execute(const std::string& caseNumber, const Command& command) override;
    std::expected<Applied, Refusal> executeOnce(const std::string& commandId, const std::string& caseNumber,
                                                const Command& command) override;
    std::optional<CommandReceipt> commandReceipt(const std::string& commandId) override;
    void inOneTransaction(const std::function<void()>& work) override;

    // CaseQueries (case_reader.cpp; warnings in deadlines.cpp)
    std::optional<CaseView> caseByNumber(const std::string& number) override;
    std::optional<CaseState> caseState(const std::string& number) override;
    Events eventsOfCase(const std::string& number) override;
    std::optional<std::string> applicationOf(const std::string& caseNumber) override;
    std::vector<Actor> actorsOfCase(const std::string& caseNumber) override;
    std::vector<CaseView> casesByApplicant(const std::string& identity) override;
    std::vector<CaseView> casesOfDefinition(const std::string& key) override;
    std::vector<CaseView> casesEndedBefore(Instant at) override;
    std::uint64_t caseCount() override;
    InboxPage inbox(const std::string& department, std::size_t pageSize, std::optional<InboxCursor> after) override;
    std::vector<TaskView> claimedTasks(const std::string& user) override;
    InboxCounts inboxCounts(const std::string& department, const std::string& user, Instant at,
                            Instant dueSoonBy) override;
    std::vector<TaskView> tasksOfCase(const std::string& number) override;
    std::vector<TaskView> tasksDueBefore(Instant instant, std::size_t limit) override;
    Warnings warnings(Instant at, int yellowWorkingDays) override;
    std::vector<TaskWarning> pausedOverdueTasks(const std::string& department, Instant at) override;

    // EvaluationLog (evaluations.cpp)
    std::expected<Evaluation, Refusal> recordEvaluation(const Evaluation& evaluation,
                                                        const std::optional<NewCase>& rectification) override;
    std::vector<Evaluation> evaluationsOfCase(const std::string& caseNumber) override;
    std::vector<Evaluation> evaluationsBefore(Instant at) override;
    std::optional<Evaluation> evaluationRectifiedBy(const std::string& rectificationCase) override;

    // Accounts (accounts.cpp)
    void saveCredential(const Credential& credential) override;
    std::optional<Credential> credential(const std::string& login) override;
    void openApiSession(const ApiSession& session) override;
    bool endApiSession(const std::string& tokenId, Instant at) override;
    std::optional<ApiSession> apiSession(const std::string& tokenId) override;

    // Journal (journal.cpp)
    std::vector<JournalEntry> journalAfter(std::uint64_t after, std::size_t limit) override;
    JournalReport verifyJournal() override;

    // ReplicaSink (case_writer.cpp)
    void replaceCase(const CaseView& header, const Events& events, const std::string& application) override;

    // ReportQueries (reports.cpp)
    std::vector<ReportRow> reportQuery(const std::string& select, const std::vector<ReportValue>& parameters) override;
    SqlDialect dialect() const override;
    const Calendar& workingCalendar() const override;

private:
    class Transaction;

    struct Head {
        Int64 seq = 0;
        std::string hash;
    };

    struct TaskRow {
        std::uint32_t node = 0;
        TaskState state = TaskState::Open;
        std::string assignee;
        Instant openedAt{};
        std::optional<Instant> closedAt;
    };

    /// What executeOnce adds to a command's transaction: whether to go on
    /// (no receipt yet), and the receipt written with the command's rows.
    struct ReceiptKeeper {
        std::function<bool()> proceed;
        std::function<void(const Applied&)> keep;
    };

    /// A refusal inside a batch: it rolls the batch back and is returned as it is.
    struct RefusedInBatch {
        Refusal refusal;
    };

    // The connection, its transactions and the journal's head (connection.cpp).
    static Poco::Data::Session openSession(const Dialect& dialect, const std::string& connection);
    /// A batch that was not kept: the cases it moved on in memory are not as the database has them.
    void forgetBatch(bool outermost);
    /// Whether another connection may have committed since this one last
    /// looked: SQLite counts such commits in PRAGMA data_version; on
    /// PostgreSQL any other server may have, so always.
    bool othersWroteSinceLastLook();
    void refreshHead();
    /// Reads inside a batch see its writes. A failure here surfaces when the
    /// batch ends, which rolls everything back.
    void flushIfBatch();
    /// Writes the pending rows. A journal sequence already taken, or a case
    /// whose version moved, means another writer got there first.
    void flush();
    /// After a failed write has rolled back: was it a lost race (retry) or a real fault?
    void classify(const FlushFailed& failed);
    void writeReferenceData(const std::function<void()>& write);
    void appendRecord(std::optional<Int64> caseId, Int64 caseVersion, const std::string& type, const Actor& actor,
                      Instant at, std::string body);

    // Calendars and deadlines (deadlines.cpp).
    /// The calendar a department counts on: its own, or the store's default.
    const Calendar& calendarFor(const std::string& department) const;
    void loadCalendars();
    /// Derives every open deadline again from its inputs and writes those that moved.
    std::vector<DeadlineChange> recomputeOpenDeadlines(Instant at);
    /// The case's promised deadline as kept and, while it is paused, since when.
    std::pair<NullableInt, NullableInt> caseClock(const ExecutableProcess& process, const CaseState& state,
                                                  Instant now) const;
    /// The deadline kept for an open task at `node` of a case, counted on its department's calendar.
    Instant keptTaskDue(const Node& node, const std::string& department, const CaseState& state, Instant openedAt,
                        Instant now) const;
    std::vector<RunningTaskRow> runningTasksThroughPoco(const std::string& sql, Int64 dueBy);
    /// The tasks of one department, or of all, that are paused, overdue at `at`, in due order.
    std::vector<TaskWarning> pausedOverdue(const std::optional<std::string>& department, Instant at);

    // Writing cases (case_writer.cpp).
    std::expected<Applied, Refusal> createCaseOnce(const NewCase& request,
                                                   const std::shared_ptr<const ExecutableProcess>& process);
    /// Journal records for each event, and the task rows they change. A pause
    /// or a resumption changes the clocks of every open task.
    void appendCaseEvents(Int64 caseId, const ExecutableProcess& process, const CaseState& before,
                          const CaseState& after, const Events& events);
    void queueCaseUpdate(Int64 caseId, std::uint64_t expectedVersion, const ExecutableProcess& process,
                         const CaseState& next, Instant now);
    /// Applies a command in one transaction that reads the case as it is
    /// under the transaction's lock, so that several connections (a server's
    /// request threads, two servers) never apply a command to a stale case.
    std::expected<Applied, Refusal> executeChecked(const std::string& caseNumber, const Command& command,
                                                   const ReceiptKeeper* keeper);
    void insertReceipt(const CommandReceipt& receipt);

    // Reading cases and the cache of their states (case_reader.cpp).
    /// A case's events from its journal records, in order.
    Events readEvents(Int64 caseId, const std::string& number, const ExecutableProcess& process);
    /// The case as the database has it now: the cached state unless another
    /// connection moved the case on. A case this batch moved is as the cache
    /// has it: its rows may not be written yet.
    CachedCase* current(const std::string& number);
    /// The case for a read: a cached state checked against the database's version.
    CachedCase* latest(const std::string& number);
    /// The cached case, or the case read again when the database holds a later version.
    CachedCase* reloadIfMoved(const std::string& number, CachedCase& cached);
    CachedCase* load(const std::string& number);
    CachedCase& remember(const std::string& number, CachedCase cached);
    void forget(const std::string& number);
    std::vector<CaseView> selectCases(const std::string& where, const ReportValue& parameter);
    /// Tasks joined with their cases.
    std::vector<TaskView> selectTasks(const std::string& tail, const std::vector<ReportValue>& parameters);

    // Evaluations (evaluations.cpp).
    void insertEvaluation(Evaluation& evaluation);
    /// The journal keeps what was rated and a digest of the whole record, not who rated it.
    void journalEvaluation(const Evaluation& evaluation);
    template <typename Parameter>
    std::vector<Evaluation> selectEvaluations(const std::string& where, const Parameter& parameter);

    // Reports (reports.cpp).
    /// The working days of the store's calendar as a temporary table, for
    /// report queries to count office time in SQL: every day the calendar
    /// answers for, built once per connection and again when the calendar changes.
    void ensureReportDays();

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

/// Begins a write transaction unless one is open (a batch); rolls back
/// unless committed, and resyncs the in-memory journal head when it does.
class SqlStore::Transaction {
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

} // namespace tongban::store::sql
