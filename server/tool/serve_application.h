// `tongban-server serve --config FILE`: the sync service as a
// Poco::Util::ServerApplication (it stops cleanly on SIGTERM or SIGINT, and
// runs as a daemon with --daemon). Its settings, from a .properties or .ini file:
//
//   listen = 127.0.0.1:8710            address and port; port 0 takes a free one
//   database = /var/lib/tongban/workspace.db   or postgresql://…
//   tls.certificate / tls.key          PEM files; required beyond loopback
//   http.allow_plain = false           plain HTTP beyond loopback, explicitly
//   token.secret_file = /var/lib/tongban/token.key   made (0600) when missing
//   token.lifetime_seconds = 28800
//   body.limit_bytes = 1048576
//   signin.slow_after = 3, signin.delay_step_ms = 500, signin.longest_delay_ms = 4000,
//   signin.lock_after = 10, signin.lock_minutes = 15      failed sign-ins slow down, then lock
//   password.iterations = 600000
//   threads = 16
//   log.file = /var/log/tongban/server.log   requests; standard error when absent
#pragma once

#include <Poco/Util/ServerApplication.h>

namespace tongban::server {

class ServeApplication : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void takeConfig(const std::string& name, const std::string& value);
    void takeHelp(const std::string& name, const std::string& value);

    std::string m_config;
    bool m_help = false;
};

} // namespace tongban::server
