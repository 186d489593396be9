#include "client/session/session.h"

#include "services/seeding/demo_seeder.h"
#include "workflow/calendar/calendar_json.h"

#include <cstdlib>
#include <filesystem>

namespace tongban::client {

namespace {

workflow::Instant systemNow()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

const char* roleName(store::Role role, bool chinese)
{
    using store::Role;
    switch (role) {
    case Role::Clerk:
        return chinese ? "窗口人员" : "window clerk";
    case Role::Officer:
        return chinese ? "部门经办人" : "department officer";
    case Role::Supervisor:
        return chinese ? "督查人员" : "supervisor";
    case Role::Designer:
        return chinese ? "流程设计人员" : "designer";
    case Role::Administrator:
        return chinese ? "系统管理员" : "administrator";
    }
    return "?";
}

/// A SQLite workspace and the files its journal mode keeps beside it.
void removeWorkspace(const std::string& path)
{
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

} // namespace

std::string defaultWorkspacePath()
{
    const char* data = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::filesystem::path base = data && *data ? std::filesystem::path(data)
                                                     : std::filesystem::path(home ? home : ".") / ".local" / "share";
    return (base / "tongban" / "workspace.db").string();
}

Session::Session(std::unique_ptr<store::Store> store, std::string path, std::function<workflow::Instant()> now)
    : m_store(std::move(store)), m_path(std::move(path)), m_now(now ? std::move(now) : systemNow),
      m_desk((std::filesystem::path(m_path).parent_path() / "connected").string(), [this] { return m_now(); })
{
}

store::Store& Session::store()
{
    if (auto* copy = m_desk.workspace())
        return *copy;
    return *m_store;
}

std::expected<store::Applied, store::Refusal> Session::execute(const std::string& caseNumber,
                                                                                   const workflow::Command& command)
{
    if (connected())
        return m_desk.execute(caseNumber, command);
    return m_store->execute(caseNumber, command);
}

std::unique_ptr<Session> Session::open(const std::string& path, std::uint64_t sampleCases,
                                       std::function<workflow::Instant()> now, const OpeningMonitor& monitor)
{
    const auto goOn = [&monitor](const OpeningProgress& progress) { return !monitor || monitor(progress); };
    if (!goOn({}))
        throw OpeningCancelled("opening " + path + " was cancelled");
    const auto folder = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!folder.empty())
        std::filesystem::create_directories(folder, error);
    if (error)
        throw store::StoreError("cannot create the folder " + folder.string() + ": " + error.message());
    const bool isNew = !std::filesystem::exists(path);
    auto store = store::Store::open(path);
    // An upgrade cannot stop half-way; a cancel asked for during it is honoured once it is done.
    if (!goOn({})) {
        store.reset();
        if (isNew)
            removeWorkspace(path);
        throw OpeningCancelled("opening " + path + " was cancelled");
    }
    // Only a new workspace gets the demo; one that has users is someone's work.
    if (store->users().empty()) {
        services::SeedOptions options;
        options.cases = sampleCases;
        options.progressEvery = std::max<std::uint64_t>(1, sampleCases / 50);
        options.progress = [&](std::uint64_t done) {
            return goOn({OpeningProgress::Stage::CreatingDemo, done, sampleCases});
        };
        // Sample cases fall in the year before today, so that clocks show every colour.
        options.until = now ? now() : systemNow();
        if (services::seedDemo(*store, options).stopped) {
            store.reset();
            if (isNew)
                removeWorkspace(path);
            throw OpeningCancelled("creating the demo workspace " + path + " was cancelled; nothing was kept");
        }
    }
    std::unique_ptr<Session> session(new Session(std::move(store), path, std::move(now)));
    session->m_users = session->m_store->users();
    const auto clerk = std::ranges::find(session->m_users, store::Role::Clerk, &store::User::role);
    if (clerk == session->m_users.end())
        throw store::StoreError("the workspace " + path + " has no window clerk to log in as");
    session->m_user = *clerk;
    return session;
}

bool Session::switchTo(const std::string& login)
{
    if (connected())
        return false;
    const auto user = std::ranges::find(m_users, login, &store::User::login);
    if (user == m_users.end())
        return false;
    m_user = *user;
    return true;
}

const workflow::Calendar& Session::calendar() const { return workflow::nationalCalendar(); }

std::string describeUser(const store::User& user, bool chinese)
{
    return user.name + " (" + user.login + ") — " + user.department + " · " + roleName(user.role, chinese);
}

} // namespace tongban::client
