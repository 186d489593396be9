// Hashing of journal records with Poco's SHA-256.
#include "store/sql/journal_chain.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace tongban::store {

std::string chainHash(const std::string& previousHash, const JournalRecord& record)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    // Fields are separated by a unit separator and preceded by their length,
    // so that no two different records hash the same text.
    auto field = [&sha](const std::string& value) {
        sha.update(std::to_string(value.size()));
        sha.update('\x1f');
        sha.update(value);
    };
    field(previousHash);
    field(std::to_string(record.seq));
    field(std::to_string(record.caseId));
    field(std::to_string(record.caseVersion));
    field(record.type);
    field(record.actor);
    field(record.department);
    field(std::to_string(record.at));
    field(record.body);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

} // namespace tongban::store
