// The journal in SQL: its records in order for the sync service, and the walk
// along its hash chain.
#include "store/sql/journal_chain.h"
#include "store/sql/sql_store.h"

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

namespace {

JournalReport broken(JournalReport report, std::uint64_t record, std::string problem)
{
    report.intact = false;
    report.firstBroken = record;
    report.problem = std::move(problem);
    return report;
}

} // namespace

std::vector<JournalEntry> SqlStore::journalAfter(std::uint64_t after, std::size_t limit)
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

JournalReport SqlStore::verifyJournal()
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

} // namespace tongban::store::sql
