#include "server/tool/serve_application.h"

#include "server/api/http_server.h"

#include <Poco/AutoPtr.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <openssl/rand.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

namespace tongban::server {

namespace {

constexpr int kUsage = 2;

Poco::AutoPtr<Poco::Util::AbstractConfiguration> readConfiguration(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw std::invalid_argument("there is no configuration file " + path);
    if (path.ends_with(".ini"))
        return new Poco::Util::IniFileConfiguration(path);
    return new Poco::Util::PropertyFileConfiguration(path);
}

/// The token secret from its file; a new random one is made, readable by the service alone, when there is none.
std::string tokenSecret(const std::string& path)
{
    if (!std::filesystem::exists(path)) {
        unsigned char bytes[32];
        if (RAND_bytes(bytes, sizeof bytes) != 1)
            throw std::runtime_error("no random bytes for the token secret");
        std::string secret;
        for (const auto byte : bytes) {
            static constexpr char kDigits[] = "0123456789abcdef";
            secret += kDigits[byte >> 4];
            secret += kDigits[byte & 0x0f];
        }
        const auto old = ::umask(077);
        std::ofstream(path) << secret << "\n";
        ::umask(old);
        if (!std::filesystem::exists(path))
            throw std::runtime_error("the token secret could not be written to " + path);
    }
    std::string secret;
    std::ifstream(path) >> secret;
    if (secret.size() < 32)
        throw std::invalid_argument("the token secret in " + path + " is shorter than 32 characters");
    return secret;
}

ListenSettings listenSettings(const Poco::Util::AbstractConfiguration& config)
{
    ListenSettings settings;
    const auto listen = config.getString("listen", "127.0.0.1:8710");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        throw std::invalid_argument("listen is HOST:PORT, not '" + listen + "'");
    settings.host = listen.substr(0, colon);
    try {
        settings.port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
        throw std::invalid_argument("the port of listen is a number, not '" + listen.substr(colon + 1) + "'");
    }
    settings.certificate = config.getString("tls.certificate", "");
    settings.privateKey = config.getString("tls.key", "");
    settings.allowPlainHttp = config.getBool("http.allow_plain", false);
    settings.threads = config.getInt("threads", settings.threads);
    return settings;
}

} // namespace

void ServeApplication::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("config", "", "the service's configuration file (.properties or .ini)")
                          .required(false)
                          .argument("FILE")
                          .callback(Poco::Util::OptionCallback<ServeApplication>(this, &ServeApplication::takeConfig)));
    options.addOption(Poco::Util::Option("help", "h", "show this help")
                          .callback(Poco::Util::OptionCallback<ServeApplication>(this, &ServeApplication::takeHelp)));
}

void ServeApplication::takeConfig(const std::string&, const std::string& value) { m_config = value; }

void ServeApplication::takeHelp(const std::string&, const std::string&)
{
    m_help = true;
    stopOptionsProcessing();
}

int ServeApplication::main(const std::vector<std::string>&)
{
    if (m_help || m_config.empty()) {
        (m_help ? std::cout : std::cerr) << "usage: tongban-server serve --config FILE [--daemon]\n";
        return m_help ? EXIT_OK : kUsage;
    }
    try {
        const auto config = readConfiguration(m_config);
        const auto listen = listenSettings(*config);
        if (const auto problem = listenProblem(listen); !problem.empty())
            throw std::invalid_argument(problem);
        const auto database = config->getString("database", "");
        if (database.empty())
            throw std::invalid_argument("the configuration names no database");
        ServiceSettings settings;
        settings.bodyLimit = static_cast<std::size_t>(config->getInt64("body.limit_bytes", 1 << 20));
        settings.passwordIterations = config->getInt("password.iterations", settings.passwordIterations);
        const auto secondNotice = config->getString("supplement.second_notice", "supervisor");
        if (secondNotice != "supervisor" && secondNotice != "never")
            throw std::invalid_argument("supplement.second_notice is '" + secondNotice +
                                        "'; it is 'supervisor' (a supervisor may allow one, with a reason) or 'never'");
        settings.policy.secondSupplementNotice = secondNotice == "supervisor";
        const auto lifetime = std::chrono::seconds{config->getInt("token.lifetime_seconds", 8 * 3600)};
        auto& lockout = settings.lockout;
        lockout.slowAfter = config->getInt("signin.slow_after", lockout.slowAfter);
        lockout.delayStep = std::chrono::milliseconds{config->getInt("signin.delay_step_ms", static_cast<int>(lockout.delayStep.count()))};
        lockout.longestDelay =
            std::chrono::milliseconds{config->getInt("signin.longest_delay_ms", static_cast<int>(lockout.longestDelay.count()))};
        lockout.lockAfter = config->getInt("signin.lock_after", lockout.lockAfter);
        lockout.lockFor = std::chrono::minutes{config->getInt("signin.lock_minutes", static_cast<int>(lockout.lockFor.count()))};
        const auto secretFile = config->getString("token.secret_file", "");
        if (secretFile.empty())
            throw std::invalid_argument("the configuration names no token.secret_file");

        auto& requests = Poco::Logger::get("tongban.requests");
        if (const auto file = config->getString("log.file", ""); !file.empty()) {
            Poco::AutoPtr<Poco::FileChannel> channel(new Poco::FileChannel(file));
            channel->setProperty("rotation", "10 M");
            channel->setProperty("archive", "timestamp");
            Poco::AutoPtr<Poco::PatternFormatter> pattern(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S%z %t"));
            requests.setChannel(new Poco::FormattingChannel(pattern, channel));
        }
        StorePool stores(database);
        ApiService service(stores, TokenIssuer(tokenSecret(secretFile), lifetime),
                            [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); },
                            settings);
        HttpService http(service, listen, [&requests](const std::string& line) { requests.information(line); });
        http.start();
        std::cout << "tongban-server: listening on " << (http.secure() ? "https://" : "http://") << listen.host << ":"
                  << http.port() << std::endl;
        waitForTerminationRequest();
        http.stop();
        std::cout << "tongban-server: stopped" << std::endl;
        return EXIT_OK;
    } catch (const Poco::Exception& error) {
        std::cerr << "tongban-server: " << error.displayText() << "\n";
        return kUsage;
    } catch (const std::exception& error) {
        std::cerr << "tongban-server: " << error.what() << "\n";
        return kUsage;
    }
}

} // namespace tongban::server
