// Evaluations in SQL: each saved with its journal record and, for a 差评, the
// rectification case it opens, in one transaction.
#include "store/sql/sql_store.h"

#include "forms/intake/intake.h"

#include "workflow/evaluation/evaluation_json.h"
#include "workflow/evaluation/rectification.h"

#include <Poco/Data/DataException.h>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

template <typename Parameter>
std::vector<Evaluation> SqlStore::selectEvaluations(const std::string& where, const Parameter& parameter)
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

std::expected<Evaluation, Refusal> SqlStore::recordEvaluation(const Evaluation& evaluation,
                                                              const std::optional<NewCase>& rectification)
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

std::vector<Evaluation> SqlStore::evaluationsOfCase(const std::string& caseNumber)
{
    return selectEvaluations("WHERE case_number = $1 ORDER BY id", caseNumber);
}

std::vector<Evaluation> SqlStore::evaluationsBefore(Instant at)
{
    return selectEvaluations("WHERE at < $1 ORDER BY at, id", seconds(at));
}

std::optional<Evaluation> SqlStore::evaluationRectifiedBy(const std::string& rectificationCase)
{
    auto found = selectEvaluations("WHERE rectification_case = $1", rectificationCase);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
}

void SqlStore::insertEvaluation(Evaluation& evaluation)
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

void SqlStore::journalEvaluation(const Evaluation& evaluation)
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

} // namespace tongban::store::sql
