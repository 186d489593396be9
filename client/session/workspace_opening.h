// Opening a workspace in the background, so that the window can show how far
// it has got and offer to cancel: upgrading a large workspace or creating the
// demo may take a while.
#pragma once

#include "client/session/session.h"

#include <atomic>
#include <future>
#include <mutex>

namespace tongban::client {

class WorkspaceOpening {
public:
    /// Starts opening at once, as Session::open() would.
    explicit WorkspaceOpening(std::string path, std::uint64_t sampleCases = 300,
                              std::function<workflow::Instant()> now = {});
    /// Cancels what is still running and waits for it to stop.
    ~WorkspaceOpening();
    WorkspaceOpening(const WorkspaceOpening&) = delete;
    WorkspaceOpening& operator=(const WorkspaceOpening&) = delete;

    OpeningProgress progress() const;
    /// Asks opening to stop at the next point where nothing is left half done.
    void cancel() { m_cancelled = true; }
    bool cancelled() const { return m_cancelled; }
    bool finished() const;
    /// Waits for the end; the session, or the exception opening ended with
    /// (StoreError, OpeningCancelled …).
    std::unique_ptr<Session> take();

private:
    bool report(const OpeningProgress& progress);

    mutable std::mutex m_mutex;
    OpeningProgress m_progress;
    std::atomic<bool> m_cancelled = false;
    std::future<std::unique_ptr<Session>> m_result;
};

} // namespace tongban::client
