#include "tests/support/running_server.h"

#include "services/seeding/demo_seeder.h"
#include "server/auth/passwords.h"
#include "workflow/json/json_document.h"
#include "store/store.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tongban::testing {

Workspace::Workspace(const std::string& databaseLocation, int cases) : location(databaseLocation)
{
    auto store = store::Store::open(location);
    services::SeedOptions options;
    options.cases = static_cast<std::uint64_t>(cases);
    services::seedDemo(*store, options);
    // Few iterations: the tests sign in hundreds of times.
    for (const auto& user : store->users())
        store->saveCredential(server::hashPassword(user.login, passwordOf(user.login), 1000));
}

std::pair<std::string, int> openTaskOf(store::Store& store, const std::string& department)
{
    const auto rows = store.reportQuery("SELECT c.number, t.number FROM tasks t JOIN cases c ON c.id = t.case_id"
                                        " WHERE t.department = $1 AND t.state = 'open' AND c.paused_since IS NULL"
                                        " ORDER BY c.id, t.number LIMIT 1",
                                        {department});
    if (rows.empty())
        throw std::runtime_error("no open task of " + department);
    return {std::get<std::string>(rows[0][0]), static_cast<int>(std::get<std::int64_t>(rows[0][1]))};
}

RunningServer::RunningServer(const std::string& database, std::map<std::string, std::string> settings)
    : m_folder(std::filesystem::temp_directory_path() / ("tongban-api-" + std::to_string(::getpid()) + "-" +
                                                         std::to_string(reinterpret_cast<std::uintptr_t>(this)))),
      m_database(database), m_settings(std::move(settings))
{
    std::filesystem::create_directories(m_folder);
    start();
}

RunningServer::~RunningServer()
{
    if (m_process) {
        Poco::Process::requestTermination(m_process->id());
        m_process->wait();
    }
    std::filesystem::remove_all(m_folder);
}

void RunningServer::start()
{
    std::map<std::string, std::string> settings{{"listen", "127.0.0.1:" + std::to_string(m_port)},
                                                {"database", m_database},
                                                {"token.secret_file", (m_folder / "token.key").string()},
                                                {"password.iterations", "1000"},
                                                {"signin.delay_step_ms", "10"},
                                                {"signin.longest_delay_ms", "50"},
                                                {"log.file", (m_folder / "requests.log").string()}};
    for (const auto& [key, value] : m_settings)
        settings[key] = value;
    const auto config = m_folder / "server.properties";
    std::ofstream file(config);
    for (const auto& [key, value] : settings)
        file << key << " = " << value << "\n";
    file.close();
    m_output = Poco::Pipe();
    m_process = Poco::Process::launch(TONGBAN_SERVER_PROGRAM, {"serve", "--config", config.string()}, nullptr, &m_output,
                                      nullptr);
    // The first line names the port; read byte by byte so that nothing after it is taken from the pipe.
    std::string line;
    char c = 0;
    while (m_output.readBytes(&c, 1) == 1 && c != '\n')
        line += c;
    const auto colon = line.rfind(':');
    if (!line.starts_with("tongban-server: listening on") || colon == std::string::npos)
        throw std::runtime_error("tongban-server did not start: " + line);
    m_port = std::stoi(line.substr(colon + 1));
}

void RunningServer::kill()
{
    ::kill(m_process->id(), SIGKILL);
    m_process->wait();
    m_process.reset();
}

void RunningServer::restart()
{
    if (m_process)
        kill();
    start();
}

std::string Reply::errorCode() const
{
    if (!json || !json->has("error"))
        return {};
    return json->getObject("error")->getValue<std::string>("code");
}

Reply Client::send(const std::string& method, const std::string& path, const std::string& body,
                   const std::map<std::string, std::string>& headers) const
{
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(m_port));
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!m_token.empty())
        request.set("Authorization", "Bearer " + m_token);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!body.empty()) {
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    auto& in = session.receiveResponse(response);
    Reply reply;
    reply.status = static_cast<int>(response.getStatus());
    reply.contentType = response.getContentType();
    Poco::StreamCopier::copyToString(in, reply.body);
    if (const auto parsed = workflow::json::parse(reply.body); parsed && parsed->type() == typeid(Poco::JSON::Object::Ptr))
        reply.json = parsed->extract<Poco::JSON::Object::Ptr>();
    return reply;
}

Reply Client::signIn(const std::string& login, const std::string& password)
{
    const auto reply = post("/api/v1/sessions", R"({"login": ")" + login + R"(", "password": ")" + password + R"("})");
    if (reply.status == 201)
        m_token = reply.json->getValue<std::string>("token");
    return reply;
}

void Client::signInAs(const std::string& login)
{
    const auto reply = signIn(login, Workspace::passwordOf(login));
    if (reply.status != 201)
        throw std::runtime_error(login + " could not sign in: " + reply.body);
}

} // namespace tongban::testing
