#include "server/auth/token_cache.h"

namespace tongban::server {

namespace {

/// How long a checked session and its user are taken as they were.
constexpr auto kRecheckAfter = std::chrono::seconds{5};
/// Beyond this many sessions the cache starts again rather than grow without bound.
constexpr std::size_t kMostKnown = 10'000;

} // namespace

std::optional<TokenCache::Known> TokenCache::find(const std::string& token, workflow::Instant now)
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_known.find(token);
    if (found == m_known.end() || now >= found->second.claims.expiresAt || now - found->second.checkedAt >= kRecheckAfter)
        return std::nullopt;
    return found->second;
}

void TokenCache::remember(const std::string& token, Known known)
{
    const std::lock_guard lock(m_mutex);
    if (m_ended.contains(known.claims.tokenId))
        return;
    if (m_known.size() >= kMostKnown)
        m_known.clear();
    m_known.insert_or_assign(token, std::move(known));
}

void TokenCache::end(const std::string& tokenId)
{
    const std::lock_guard lock(m_mutex);
    std::erase_if(m_known, [&](const auto& entry) { return entry.second.claims.tokenId == tokenId; });
    if (m_ended.size() >= kMostKnown)
        m_ended.clear();
    m_ended.insert(tokenId);
}

} // namespace tongban::server
