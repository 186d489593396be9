// A workspace opened by the client and the user working in it. Standalone
// mode: an embedded SQLite file, created on first run with the demo data.
// Connected mode: the screens read the copy of a server's cases that the
// desk keeps, act as the server's user, and their commands go to the outbox.
#pragma once

#include "client/sync/connected_desk.h"
#include "workflow/calendar/calendar.h"
#include "store/store.h"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongban::client {

/// `$XDG_DATA_HOME/tongban/workspace.db`, or `~/.local/share/tongban/workspace.db`.
std::string defaultWorkspacePath();

/// How far opening a workspace has got, for a progress bar.
struct OpeningProgress {
    enum class Stage {
        Opening,       ///< reading the workspace and upgrading its schema: no count
        CreatingDemo,  ///< a new workspace: `done` of `total` sample cases
    };
    Stage stage = Stage::Opening;
    std::uint64_t done = 0;
    std::uint64_t total = 0;
};

/// Told how opening goes on; returning false cancels it.
using OpeningMonitor = std::function<bool(const OpeningProgress&)>;

/// Opening was cancelled. A workspace that the opening created is removed;
/// an existing one keeps every upgrade step that finished (each is whole).
class OpeningCancelled : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the client works in: the store, who is logged in, and the clock.
class Session {
public:
    /// Opens the workspace at `path`, creating it with the demo catalogue,
    /// departments, users of every role and `sampleCases` sample cases when it
    /// is new (has no users yet), and logs in as the first window clerk. Throws StoreError with a
    /// message for the user when the workspace cannot be used, OpeningCancelled when `monitor` says stop.
    static std::unique_ptr<Session> open(const std::string& path, std::uint64_t sampleCases = 300,
                                         std::function<workflow::Instant()> now = {}, const OpeningMonitor& monitor = {});

    /// The embedded workspace, or while connected the copy of the server's cases.
    store::Store& store();
    const std::string& workspacePath() const { return m_path; }
    const store::User& user() const { return connected() ? m_desk.user() : m_user; }
    workflow::Actor actor() const { return {user().login, user().department}; }
    const std::vector<store::User>& users() const { return m_users; }
    /// Switches to another user of the workspace (the demo user switcher); not while connected.
    bool switchTo(const std::string& login);

    /// Runs a command on a case: in the embedded workspace, or while
    /// connected through the outbox, its effect shown at once.
    std::expected<store::Applied, store::Refusal> execute(const std::string& caseNumber,
                                                                              const workflow::Command& command);
    ConnectedDesk& desk() { return m_desk; }
    bool connected() const { return m_desk.connected(); }

    workflow::Instant now() const { return m_now(); }
    const workflow::Calendar& calendar() const;

private:
    Session(std::unique_ptr<store::Store> store, std::string path, std::function<workflow::Instant()> now);

    std::unique_ptr<store::Store> m_store;
    std::string m_path;
    std::function<workflow::Instant()> m_now;
    std::vector<store::User> m_users;
    store::User m_user;
    ConnectedDesk m_desk;
};

/// 张伟 (clerk01) — 政务服务中心 · 窗口人员
std::string describeUser(const store::User& user, bool chinese);

} // namespace tongban::client
