// The sync service's accounts in SQL: password credentials and API sessions.
#include "store/sql/sql_store.h"

#include <Poco/Data/Statement.h>

namespace tongban::store::sql {

using namespace workflow;
using namespace Poco::Data::Keywords;

void SqlStore::saveCredential(const Credential& credential)
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

std::optional<Credential> SqlStore::credential(const std::string& login)
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

void SqlStore::openApiSession(const ApiSession& session)
{
    writeReferenceData([&] {
        auto s = session;
        Int64 issued = seconds(s.issuedAt), expires = seconds(s.expiresAt);
        m_session << "INSERT INTO api_sessions (token_id, login, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
            use(s.tokenId), use(s.login), use(issued), use(expires), now;
    });
}

bool SqlStore::endApiSession(const std::string& tokenId, Instant at)
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

std::optional<ApiSession> SqlStore::apiSession(const std::string& tokenId)
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

} // namespace tongban::store::sql
