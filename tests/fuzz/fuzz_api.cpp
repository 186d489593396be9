// The sync service's requests as they come off the wire: a request line and a
// body, sent by a signed-in user of some role (or by nobody, or with a token
// that is not one), answered by the real service on a seeded workspace.
//
// The input is text: the first line is "<login> <METHOD> <target>" and the
// rest is the body. <login> is "-" for no token, a demo user's login for that
// user's session, anything else is sent as the token itself. Each input gets
// a fresh copy of the same workspace, so that a finding replays alone.
//
// Beyond not crashing, the answer must be a client error or a success with a
// body that reads: a 5xx means a request made the service fail (the
// workspace here is healthy, so even "the store is unavailable" is a finding).
#include "services/seeding/demo_seeder.h"
#include "server/api/api_service.h"
#include "server/auth/passwords.h"
#include "workflow/json/json_document.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unistd.h>

using namespace tongban;

namespace {

/// The demo's "now": the seed places its cases in the year before.
const workflow::Instant kNow = services::SeedOptions{}.until;
const std::string kSecret(32, 's');

server::TokenIssuer issuer() { return server::TokenIssuer(kSecret, std::chrono::hours{8}); }

server::ServiceSettings settings()
{
    server::ServiceSettings settings;
    settings.passwordIterations = 1000;
    settings.lockout.delayStep = std::chrono::milliseconds{0};  // wrong passwords must not slow the search
    settings.lockout.longestDelay = std::chrono::milliseconds{0};
    return settings;
}

/// The seeded workspace every input starts from, and a session of each role.
class Template {
public:
    Template()
        : m_folder(std::filesystem::temp_directory_path() / ("tongban-fuzz-api-" + std::to_string(::getpid())))
    {
        std::filesystem::create_directories(m_folder);
        {
            auto store = store::Store::open(original());
            services::SeedOptions options;
            options.cases = 40;  // as `tongban-server seed --cases 40` makes it, for writing seeds
            services::seedDemo(*store, options);
            for (const auto& user : store->users())
                store->saveCredential(server::hashPassword(user.login, user.login + "-Passw0rd", 1000));
        }
        server::StorePool stores(original());
        server::ApiService service(stores, issuer(), [] { return kNow; }, settings());
        for (const std::string login : {"clerk01", "market01", "tax01", "supervisor01", "designer01", "admin"}) {
            const auto answer = service.handle(
                {"POST", "/api/v1/sessions", {}, R"({"login": ")" + login + R"(", "password": ")" + login + R"(-Passw0rd"})", ""});
            if (answer.status != 201) {
                std::fprintf(stderr, "fuzz_api: %s could not sign in: %s\n", login.c_str(), answer.body.c_str());
                std::abort();
            }
            const auto body = workflow::json::parse(answer.body)->extract<Poco::JSON::Object::Ptr>();
            m_tokens[login] = body->getValue<std::string>("token");
        }
        // A rectification waiting for verification (320100-20261127-000003), for the steps' seeds.
        const auto opened = service.handle({"POST", "/api/v1/rectifications", {}, R"({"owner": "税务局", "source": "投诉"})",
                                            m_tokens.at("supervisor01")});
        if (opened.status != 201) {
            std::fprintf(stderr, "fuzz_api: no rectification opened: %s\n", opened.body.c_str());
            std::abort();
        }
    }
    ~Template() { std::filesystem::remove_all(m_folder); }

    std::string original() const { return (m_folder / "template.sqlite").string(); }
    std::string copy() const
    {
        const auto work = m_folder / "work.sqlite";
        for (const auto* suffix : {"-wal", "-shm"})
            std::filesystem::remove(work.string() + suffix);
        std::filesystem::copy_file(original(), work, std::filesystem::copy_options::overwrite_existing);
        return work.string();
    }
    std::string tokenOf(const std::string& login) const
    {
        if (login == "-")
            return "";
        const auto found = m_tokens.find(login);
        return found == m_tokens.end() ? login : found->second;
    }

private:
    std::filesystem::path m_folder;
    std::map<std::string, std::string> m_tokens;
};

const Template& workspace()
{
    static const Template once;
    return once;
}

} // namespace

namespace {

[[noreturn]] void finding(const std::string& what, const server::ApiRequest& request, const server::ApiResponse& answer)
{
    std::fprintf(stderr, "fuzz_api: %s %s answered %s %d: %s\n", request.method.c_str(), request.path.c_str(),
                 what.c_str(), answer.status, answer.body.c_str());
    std::abort();
}

void check(const server::ApiRequest& request, const server::ApiResponse& answer)
{
    if (answer.status >= 500 || answer.status < 200)
        finding("with a server fault", request, answer);
    if (answer.contentType.starts_with("application/json") && !answer.body.empty() &&
        !workflow::json::parse(answer.body))
        finding("a body that is not JSON", request, answer);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto lineEnd = input.find('\n');
    const auto line = input.substr(0, lineEnd);
    const auto firstSpace = line.find(' ');
    const auto secondSpace = firstSpace == std::string_view::npos ? firstSpace : line.find(' ', firstSpace + 1);
    if (secondSpace == std::string_view::npos)
        return 0;
    const auto& base = workspace();
    const std::string method(line.substr(firstSpace + 1, secondSpace - firstSpace - 1));
    const std::string target(line.substr(secondSpace + 1));
    auto request = server::readRequest(method, target, "Bearer " + base.tokenOf(std::string(line.substr(0, firstSpace))));
    if (!request) {
        check({method, target, {}, {}, {}}, server::errorResponse(request.error()));
        return 0;
    }
    if (lineEnd != std::string_view::npos)
        request->body = std::string(input.substr(lineEnd + 1));

    server::StorePool stores(base.copy());
    server::ApiService service(stores, issuer(), [] { return kNow; }, settings());
    check(*request, service.handle(*request));
    return 0;
}
