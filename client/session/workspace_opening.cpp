#include "client/session/workspace_opening.h"

namespace tongban::client {

WorkspaceOpening::WorkspaceOpening(std::string path, std::uint64_t sampleCases, std::function<workflow::Instant()> now)
{
    m_result = std::async(std::launch::async, [this, path = std::move(path), sampleCases, now = std::move(now)] {
        return Session::open(path, sampleCases, now, [this](const OpeningProgress& progress) { return report(progress); });
    });
}

WorkspaceOpening::~WorkspaceOpening()
{
    cancel();
    if (m_result.valid())
        m_result.wait();
}

bool WorkspaceOpening::report(const OpeningProgress& progress)
{
    const std::lock_guard lock(m_mutex);
    m_progress = progress;
    return !m_cancelled;
}

OpeningProgress WorkspaceOpening::progress() const
{
    const std::lock_guard lock(m_mutex);
    return m_progress;
}

bool WorkspaceOpening::finished() const
{
    return !m_result.valid() || m_result.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

std::unique_ptr<Session> WorkspaceOpening::take() { return m_result.get(); }

} // namespace tongban::client
