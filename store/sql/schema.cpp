// The schema's history. A migration is never edited once released: changes
// are new migrations, each tested from the schema before it.
#include "store/sql/schema.h"

#include "store/records/outcomes.h"

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

namespace tongban::store {

using namespace workflow;

namespace {

using namespace Poco::Data::Keywords;

struct Migration {
    int version;
    const char* purpose;
    std::vector<std::string> statements;  ///< `{identity}` and `{blob}` become the dialect's column types
};

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all{
        {1,
         "reference data, cases, tasks, the journal and case numbers",
         {
             "CREATE TABLE departments (code TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL)",
             "CREATE TABLE users (login TEXT PRIMARY KEY, name TEXT NOT NULL,"
             " department TEXT NOT NULL REFERENCES departments (code), role TEXT NOT NULL)",
             "CREATE TABLE definitions (key TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
             " body TEXT NOT NULL, PRIMARY KEY (key, version))",
             "CREATE TABLE cases (id {identity}, number TEXT NOT NULL UNIQUE,"
             " definition_key TEXT NOT NULL, definition_version INTEGER NOT NULL, one_thing TEXT NOT NULL,"
             " status TEXT NOT NULL, version BIGINT NOT NULL,"
             " applicant_name TEXT NOT NULL, applicant_identity TEXT NOT NULL,"
             " region TEXT NOT NULL, channel TEXT NOT NULL,"
             " accepted_at BIGINT NOT NULL, ended_at BIGINT, due_at BIGINT,"
             " FOREIGN KEY (definition_key, definition_version) REFERENCES definitions (key, version))",
             "CREATE INDEX cases_applicant ON cases (applicant_identity)",
             "CREATE INDEX cases_running_due ON cases (due_at) WHERE status = 'running'",
             // due_key is the due instant, or a far-future key for tasks without a limit,
             // so that inboxes sort and page on one non-null indexed column.
             "CREATE TABLE tasks (case_id BIGINT NOT NULL REFERENCES cases (id), number INTEGER NOT NULL,"
             " node TEXT NOT NULL, name TEXT NOT NULL, department TEXT NOT NULL, role TEXT NOT NULL,"
             " state TEXT NOT NULL, assignee TEXT NOT NULL, opened_at BIGINT NOT NULL, due_key BIGINT NOT NULL,"
             " closed_at BIGINT, PRIMARY KEY (case_id, number))",
             "CREATE INDEX tasks_inbox ON tasks (department, due_key, case_id, number)"
             " WHERE state IN ('open', 'claimed')",
             "CREATE INDEX tasks_claimed ON tasks (assignee, due_key) WHERE state = 'claimed'",
             "CREATE INDEX tasks_due ON tasks (due_key) WHERE state IN ('open', 'claimed')",
             "CREATE TABLE journal (seq BIGINT PRIMARY KEY, case_id BIGINT REFERENCES cases (id),"
             " case_version BIGINT, type TEXT NOT NULL, actor TEXT NOT NULL, department TEXT NOT NULL,"
             " at BIGINT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL)",
             "CREATE INDEX journal_case ON journal (case_id, case_version)",
             "CREATE TABLE case_numbers (region TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL,"
             " PRIMARY KEY (region, day))",
         }},
        {2,
         "clocks that pause: when a case and its open tasks stopped counting",
         {
             "ALTER TABLE tasks ADD COLUMN paused_since BIGINT",
             "ALTER TABLE cases ADD COLUMN paused_since BIGINT",
             "DROP INDEX tasks_due",
             // The overdue scan reads only tasks whose clocks run.
             "CREATE INDEX tasks_running_due ON tasks (due_key) WHERE state IN ('open', 'claimed')"
             " AND paused_since IS NULL",
         }},
        {3,
         "calendars of their own for regions and departments",
         {
             "CREATE TABLE calendars (name TEXT PRIMARY KEY, body TEXT NOT NULL)",
             "ALTER TABLE departments ADD COLUMN calendar TEXT REFERENCES calendars (name)",
         }},
        {4,
         "the overdue scan reads one index in due order",
         {
             // Covers what a warning list shows of a task, so that listing
             // yellow and red tasks does not visit each task row at random.
             "DROP INDEX tasks_running_due",
             "CREATE INDEX tasks_running_due ON tasks (due_key, case_id, number, department, node, name, role, state,"
             " assignee, opened_at) WHERE state IN ('open', 'claimed') AND paused_since IS NULL",
         }},
        {5,
         "the one-thing catalogue, electronic licences, material files and intake records",
         {
             "CREATE TABLE one_things (key TEXT PRIMARY KEY, name TEXT NOT NULL, lead_department TEXT NOT NULL,"
             " body TEXT NOT NULL)",
             "CREATE TABLE licences (type TEXT NOT NULL, number TEXT NOT NULL, holder TEXT NOT NULL,"
             " body TEXT NOT NULL, PRIMARY KEY (type, number))",
             "CREATE INDEX licences_holder ON licences (holder)",
             // Content-addressed: a file handed in twice is stored once.
             "CREATE TABLE material_files (sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, size BIGINT NOT NULL,"
             " content {blob} NOT NULL)",
             "CREATE TABLE applications (case_id BIGINT PRIMARY KEY REFERENCES cases (id), body TEXT NOT NULL)",
         }},
        {6,
         "evaluations (好差评) and the rectifications they open",
         {
             "CREATE TABLE evaluations (id {identity}, case_number TEXT NOT NULL REFERENCES cases (number),"
             " object_kind TEXT NOT NULL, object_id TEXT NOT NULL, level INTEGER NOT NULL, channel TEXT NOT NULL,"
             " at BIGINT NOT NULL, follow_up_of BIGINT REFERENCES evaluations (id), rectification_case TEXT,"
             " body TEXT NOT NULL)",
             // The rules hold even between two writers: one evaluation per object
             // per case, and one follow-up per evaluation.
             "CREATE UNIQUE INDEX evaluations_one_per_object ON evaluations (case_number, object_kind, object_id)"
             " WHERE follow_up_of IS NULL",
             "CREATE UNIQUE INDEX evaluations_one_follow_up ON evaluations (follow_up_of) WHERE follow_up_of IS NOT NULL",
             "CREATE INDEX evaluations_at ON evaluations (at)",
             "CREATE INDEX evaluations_rectification ON evaluations (rectification_case)",
             "CREATE INDEX cases_ended ON cases (ended_at) WHERE ended_at IS NOT NULL",
             "CREATE INDEX cases_definition ON cases (definition_key, accepted_at)",
         }},
        {7,
         "the journal's pauses found without reading every record (reports leave paused time out)",
         {
             // One index each: a query's `type = 'casePaused'` selects its partial index, an IN list would not.
             "CREATE INDEX journal_paused ON journal (case_id, case_version) WHERE type = 'casePaused'",
             "CREATE INDEX journal_resumed ON journal (case_id, case_version) WHERE type = 'caseResumed'",
         }},
        {8,
         "reports read the cases from two narrow indexes instead of the wide table",
         {
             // The cases alive in a period, already in the order the summary groups them.
             "CREATE INDEX cases_report_alive ON cases (one_thing, channel, accepted_at, ended_at, status, due_at)",
             // The cases that ended in a period, with what their processing time needs.
             "CREATE INDEX cases_report_ended ON cases (status, ended_at, one_thing, accepted_at)",
         }},
        {9,
         "the urges a case received found without reading its whole journal",
         {
             "CREATE INDEX journal_urged ON journal (case_id) WHERE type = 'caseUrged'",
         }},
        {10,
         "the sync service: passwords, signed-in sessions and the commands desktops sent",
         {
             "CREATE TABLE credentials (login TEXT PRIMARY KEY REFERENCES users (login), algorithm TEXT NOT NULL,"
             " iterations INTEGER NOT NULL, salt TEXT NOT NULL, hash TEXT NOT NULL, failures INTEGER NOT NULL,"
             " locked_until BIGINT)",
             "CREATE TABLE api_sessions (token_id TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES users (login),"
             " issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, ended_at BIGINT)",
             // A command's identifier is the desktop's: the first outcome is kept so that a resend changes nothing.
             "CREATE TABLE command_receipts (id TEXT PRIMARY KEY, case_number TEXT NOT NULL, login TEXT NOT NULL,"
             " at BIGINT NOT NULL, outcome TEXT NOT NULL, engine_code TEXT NOT NULL, version BIGINT NOT NULL,"
             " message TEXT NOT NULL)",
         }},
        {11,
         "the deadline scan finds the running cases due by an instant in due order again",
         {
             // With status leading, SQLite no longer prefers schema 8's cases_report_ended (status, …),
             // which made it read every running case and sort them.
             "DROP INDEX cases_running_due",
             "CREATE INDEX cases_running_due ON cases (status, due_at) WHERE status = 'running'",
         }},
        {12,
         "the warnings find the paused tasks that may be overdue without reading every task",
         {
             "CREATE INDEX tasks_paused_due ON tasks (due_key, case_id, number) WHERE state IN ('open', 'claimed')"
             " AND paused_since IS NOT NULL",
         }},
    };
    return all;
}

std::string expand(std::string statement, const Dialect& dialect)
{
    for (const auto& [placeholder, text] : {std::pair<std::string, const std::string&>{"{identity}", dialect.identity},
                                            std::pair<std::string, const std::string&>{"{blob}", dialect.blob}})
        if (auto at = statement.find(placeholder); at != std::string::npos)
            statement.replace(at, placeholder.size(), text);
    return statement;
}

} // namespace

int latestSchemaVersion() { return migrations().back().version; }

int schemaVersionOf(Poco::Data::Session& session, const Dialect& dialect)
{
    std::string table = "schema_info";
    Poco::Int64 tables = 0;
    session << dialect.tableExists, use(table), into(tables), now;
    if (tables == 0)
        return 0;
    std::vector<int> versions;
    session << "SELECT version FROM schema_info", into(versions), now;
    return versions.empty() ? 0 : versions.front();
}

void migrate(Poco::Data::Session& session, const Dialect& dialect, int target)
{
    const int current = schemaVersionOf(session, dialect);
    if (current > latestSchemaVersion())
        throw StoreError("the database has schema version " + std::to_string(current) +
                         ", written by a newer Tongban; this version knows up to " +
                         std::to_string(latestSchemaVersion()) + ": upgrade Tongban to open it");
    for (const auto& migration : migrations()) {
        if (migration.version <= current || migration.version > target)
            continue;
        session << dialect.begin, now;
        try {
            if (migration.version == 1)
                session << "CREATE TABLE schema_info (version INTEGER NOT NULL)", now;
            for (const auto& statement : migration.statements)
                session << expand(statement, dialect), now;
            session << "DELETE FROM schema_info", now;
            int version = migration.version;
            session << "INSERT INTO schema_info (version) VALUES ($1)", use(version), now;
            session << "COMMIT", now;
        } catch (...) {
            session << "ROLLBACK", now;
            throw;
        }
    }
}

} // namespace tongban::store
