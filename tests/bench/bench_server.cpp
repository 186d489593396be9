// The sync service under load: 200 connections, each kept alive, completing
// tasks one command a request as the departments' officers, against the real
// server process on loopback, first as fast as they can, then paced at a
// given rate; then one connection paging through the event feed. On SQLite,
// and on PostgreSQL when its binaries are installed.
//
//   commands_per_s, p50_ms, p99_ms            (per backend: sqlite_…, pg_…)
//   paced_<rate>_commands_per_s, …_p50_ms, …_p99_ms
//   pull_events_per_s
#include "services/seeding/demo_seeder.h"
#include "server/auth/passwords.h"
#include "tests/support/running_server.h"
#include "tests/bench/throwaway_postgres.h"
#include "workflow/json/json_document.h"
#include "store/store.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

using namespace tongban;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kConnections = 200;
constexpr auto kLoadFor = std::chrono::seconds{8};

/// One kept-alive connection, as a desktop holds one.
class Connection {
public:
    Connection(int port, std::string token) : m_session("127.0.0.1", static_cast<Poco::UInt16>(port)), m_token(std::move(token))
    {
        m_session.setKeepAlive(true);
        m_session.setTimeout(Poco::Timespan(60, 0));
    }

    /// The status and body of one request.
    std::pair<int, std::string> send(const std::string& method, const std::string& path, const std::string& body = {})
    {
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.setKeepAlive(true);
        request.set("Authorization", "Bearer " + m_token);
        if (!body.empty()) {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        m_session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string text;
        Poco::StreamCopier::copyToString(m_session.receiveResponse(response), text);
        return {static_cast<int>(response.getStatus()), text};
    }

private:
    Poco::Net::HTTPClientSession m_session;
    std::string m_token;
};

struct OpenTask {
    std::string caseNumber;
    std::int64_t task = 0;
    std::string department;
};

std::string signIn(int port, const std::string& login)
{
    testing::Client client(port);
    client.signInAs(login);
    return client.token();
}

/// One officer's desk: a connection's department and the tasks it completes, in order.
struct Desk {
    std::string department;
    std::vector<OpenTask> tasks;
    std::size_t next = 0;
};

struct LoadFigures {
    long applied = 0;
    long refused = 0;
    double seconds = 0;
    std::vector<double> latencies;  ///< sorted, milliseconds

    double perSecond() const { return static_cast<double>(applied) / seconds; }
    double percentile(double share) const
    {
        if (latencies.empty())
            return 0.0;
        return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(share * static_cast<double>(latencies.size())))];
    }
};

/// Every desk completes its next tasks, one command a request, for kLoadFor:
/// back to back when `rate` is 0, else at `rate` commands a second over all
/// desks, each request timed from when it was due so that a slow answer
/// delays the latencies it causes rather than hiding them.
LoadFigures runLoad(int port, const std::map<std::string, std::string>& tokens, std::vector<Desk>& desks, double rate)
{
    std::atomic<bool> stop{false};
    std::atomic<long> applied{0}, refused{0};
    std::vector<std::vector<double>> latencies(desks.size());
    std::vector<std::thread> threads;
    const auto started = Clock::now();
    const auto interval = std::chrono::duration<double>(rate > 0 ? static_cast<double>(desks.size()) / rate : 0.0);
    for (std::size_t c = 0; c < desks.size(); ++c)
        threads.emplace_back([&, c] {
            auto& desk = desks[c];
            Connection connection(port, tokens.at(desk.department));
            // Desks start spread over one interval, as officers do not click together.
            auto due = started + std::chrono::duration_cast<Clock::duration>(interval * (static_cast<double>(c) /
                                                                                           static_cast<double>(desks.size())));
            while (!stop && desk.next < desk.tasks.size()) {
                const auto& task = desk.tasks[desk.next++];
                if (rate > 0)
                    std::this_thread::sleep_until(due);
                const auto body = R"({"commands": [{"id": "b-)" + std::to_string(c) + "-" + std::to_string(desk.next) +
                                  R"(", "case": ")" + task.caseNumber +
                                  R"(", "action": {"type": "completeTask", "task": )" + std::to_string(task.task) +
                                  R"(, "outcome": "approve"}}]})";
                const auto sent = rate > 0 ? due : Clock::now();
                const auto [status, text] = connection.send("POST", "/api/v1/commands", body);
                latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
                (status == 200 && text.find("\"applied\":true") != std::string::npos ? applied : refused) += 1;
                due += std::chrono::duration_cast<Clock::duration>(interval);
            }
        });
    std::this_thread::sleep_for(kLoadFor);
    stop = true;
    for (auto& thread : threads)
        thread.join();
    LoadFigures figures{applied, refused, std::chrono::duration<double>(Clock::now() - started).count(), {}};
    for (const auto& list : latencies)
        figures.latencies.insert(figures.latencies.end(), list.begin(), list.end());
    std::ranges::sort(figures.latencies);
    return figures;
}

void serverFigures(const std::string& prefix, const std::string& location, int cases, double pacedRate)
{
    {
        auto store = store::Store::open(location);
        services::SeedOptions options;
        options.cases = static_cast<std::uint64_t>(cases);
        options.backlogOnly = true;
        services::seedDemo(*store, options);
        for (const auto& user : store->users())
            store->saveCredential(server::hashPassword(user.login, testing::Workspace::passwordOf(user.login), 1000));
    }
    std::vector<OpenTask> tasks;
    std::map<std::string, std::string> officerOf;
    {
        auto store = store::Store::open(location);
        for (const auto& row : store->reportQuery("SELECT c.number, t.number, t.department FROM tasks t JOIN cases c"
                                                  " ON c.id = t.case_id WHERE t.state = 'open' ORDER BY t.case_id, t.number",
                                                  {}))
            tasks.push_back({std::get<std::string>(row[0]), std::get<std::int64_t>(row[1]), std::get<std::string>(row[2])});
        for (const auto& user : store->users())
            if ((user.role == store::Role::Officer || user.role == store::Role::Clerk) &&
                !officerOf.contains(user.department))
                officerOf[user.department] = user.login;
    }
    testing::RunningServer server(location, {{"threads", std::to_string(kConnections + 16)}});
    std::map<std::string, std::string> tokens;
    for (const auto& [department, login] : officerOf)
        tokens[department] = signIn(server.port(), login);

    // A connection is one officer's desktop: the connections are dealt to the
    // departments by their shares of the open tasks, and each completes its
    // own slice of its department's.
    std::map<std::string, std::vector<OpenTask>> byDepartment;
    for (auto& task : tasks)
        byDepartment[task.department].push_back(std::move(task));
    std::vector<Desk> desks;
    for (auto& [department, list] : byDepartment) {
        const auto share = std::max<std::size_t>(1, list.size() * kConnections / tasks.size());
        const auto first = desks.size();
        for (std::size_t d = 0; d < share; ++d)
            desks.push_back({department, {}, 0});
        for (std::size_t i = 0; i < list.size(); ++i)
            desks[first + i % share].tasks.push_back(std::move(list[i]));
    }

    std::cout << prefix << "open_tasks: " << tasks.size() << "\n";
    std::cout << prefix << "connections: " << desks.size() << "\n";
    // As fast as the desks can: the most the service does, and the latency it
    // costs. Then paced: the latency at a given rate of commands.
    const auto flatOut = runLoad(server.port(), tokens, desks, 0.0);
    std::cout << prefix << "commands_per_s: " << static_cast<long>(flatOut.perSecond()) << "\n";
    std::cout << prefix << "refused: " << flatOut.refused << "\n";
    std::cout << prefix << "p50_ms: " << flatOut.percentile(0.50) << "\n";
    std::cout << prefix << "p99_ms: " << flatOut.percentile(0.99) << "\n";
    const auto paced = runLoad(server.port(), tokens, desks, pacedRate);
    const auto pacedPrefix = prefix + "paced_" + std::to_string(static_cast<long>(pacedRate)) + "_";
    std::cout << pacedPrefix << "commands_per_s: " << static_cast<long>(paced.perSecond()) << "\n";
    std::cout << pacedPrefix << "refused: " << paced.refused << "\n";
    std::cout << pacedPrefix << "p50_ms: " << paced.percentile(0.50) << "\n";
    std::cout << pacedPrefix << "p99_ms: " << paced.percentile(0.99) << "\n";

    // One supervisor pages through everything the load wrote and more.
    Connection supervisor(server.port(), signIn(server.port(), "supervisor01"));
    std::uint64_t after = 0;
    long events = 0;
    const auto pulling = Clock::now();
    for (;;) {
        const auto [status, text] = supervisor.send("GET", "/api/v1/events?limit=1000&after=" + std::to_string(after));
        const auto parsed = workflow::json::parse(text);
        if (status != 200 || !parsed)
            break;
        const auto page = parsed->extract<Poco::JSON::Object::Ptr>();
        events += static_cast<long>(page->getArray("events")->size());
        const auto cursor = page->getValue<std::uint64_t>("next");
        if (cursor == after)
            break;
        after = cursor;
    }
    std::cout << prefix << "pull_events: " << events << "\n";
    std::cout << prefix << "pull_events_per_s: "
              << static_cast<long>(static_cast<double>(events) / std::chrono::duration<double>(Clock::now() - pulling).count())
              << "\n";
}

} // namespace

int main()
{
    const auto path = std::filesystem::temp_directory_path() / "tongban-bench-server.db";
    for (const auto* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);
    serverFigures("sqlite_", path.string(), 14000, 3000);
    bench::ThrowawayPostgres postgres;
    if (postgres.url().empty()) {
        std::cout << "postgresql: skipped (no PostgreSQL server binaries)\n";
        return 0;
    }
    serverFigures("pg_", postgres.url(), 3000, 300);
    return 0;
}
