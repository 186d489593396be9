// Rows a store writes at the end of a command (or of a batch), and the two
// ways of writing them: through Poco::Data, and on the SQLite connection
// Poco opened with statements kept prepared.
#pragma once

#include "workflow/runtime/case_state.h"
#include "store/sql/dialect.h"

#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace tongban::store {

using Poco::Int64;
using NullableInt = Poco::Nullable<Int64>;

/// A write that lost a race: the case or the journal moved on meanwhile.
struct WriteConflict {};

/// The database refused a write; whether another writer took the journal
/// sequence first can only be asked after the transaction rolled back.
struct FlushFailed {
    Int64 firstSequence = 0;
    std::string message;
};

/// Rows waiting to be written: one command's in normal use, many in a batch.
/// Statements bind these vectors, so each table costs one execution per flush.
struct PendingWrites {
    // journal
    std::vector<Int64> seq, caseVersion, at;
    std::vector<NullableInt> caseId;
    std::vector<std::string> type, actor, department, body, hash;
    // tasks (upserts)
    std::vector<Int64> taskCase, taskNumber, openedAt, dueKey;
    std::vector<NullableInt> closedAt, taskPausedSince;
    std::vector<std::string> node, name, taskDepartment, role, state, assignee;
    std::map<std::pair<Int64, workflow::TaskNumber>, std::size_t> taskIndex;
    // cases: the version each update expects, and what it writes
    std::vector<Int64> updateId, expectedVersion, newVersion;
    std::vector<std::string> status;
    std::vector<NullableInt> endedAt, caseDue, casePausedSince;
    std::map<Int64, std::size_t> caseUpdateIndex;

    std::size_t rows() const { return seq.size() + taskCase.size() + updateId.size(); }
    void clear()
    {
        for (auto* v : {&seq, &caseVersion, &at, &taskCase, &taskNumber, &openedAt, &dueKey, &updateId, &expectedVersion,
                        &newVersion})
            v->clear();
        for (auto* v : {&caseId, &closedAt, &taskPausedSince, &endedAt, &caseDue, &casePausedSince})
            v->clear();
        for (auto* v : {&type, &actor, &department, &body, &hash, &node, &name, &taskDepartment, &role, &state, &assignee,
                        &status})
            v->clear();
        caseUpdateIndex.clear();
        taskIndex.clear();
    }
};

/// Writes pending rows inside transactions it begins and ends.
class RowWriter {
public:
    virtual ~RowWriter() = default;
    virtual void begin() = 0;
    virtual void commit() = 0;
    /// Never throws: a rollback on a lost connection has nothing left to undo.
    virtual void rollback() noexcept = 0;
    /// Inserts the journal rows, upserts the task rows and applies the case
    /// updates of the pending rows it was made for; returns how many case rows
    /// matched their expected version. Throws FlushFailed when the database
    /// refuses a row.
    virtual std::size_t write() = 0;
};

/// Through Poco::Data statements: any connector.
std::unique_ptr<RowWriter> makePocoRowWriter(Poco::Data::Session& session, const Dialect& dialect, PendingWrites& rows);

/// On the SQLite handle of `session`, with its statements prepared once.
/// Poco's SQLite connector prepares a statement again on every execution,
/// which was a third of a command's time.
std::unique_ptr<RowWriter> makeSqliteRowWriter(Poco::Data::Session& session, PendingWrites& rows);

} // namespace tongban::store
