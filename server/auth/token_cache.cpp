#include "server/auth/token_cache.h"

namespace tongban::server {

namespace {

/// How long a checked session and its user are taken as they were.
constexpr auto kRecheckAfter = std::chrono::seconds{5};
/// Beyond this many sessions the cache starts again rather than grow without bound.
constexpr std::size_t kMostKnown = 10'000;

} // namespace

std::optional<TokenCache::Known> TokenCache::find(const std::string& tokenId, workflow::Instant now)
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_known.find(tokenId);
    if (found == m_known.end() || now >= found->second.claims.expiresAt || now - found->second.checkedAt >= kRecheckAfter)
        return std::nullopt;
    return found->second;
}

void TokenCache::remember(const std::string& tokenId, Known known)
{
    const std::lock_guard lock(m_mutex);
    if (m_ended.contains(tokenId))
        return;
    if (m_known.size() >= kMostKnown) {
        m_known.clear();
        m_ended.clear();
    }
    m_known.insert_or_assign(tokenId, std::move(known));
}

void TokenCache::end(const std::string& tokenId)
{
    const std::lock_guard lock(m_mutex);
    m_known.erase(tokenId);
    if (m_ended.size() >= kMostKnown)
        m_ended.clear();
    m_ended.insert(tokenId);
}

} // namespace tongban::server
