// A throwaway PostgreSQL server for a benchmark's run, started and stopped
// by tests/support/throwaway-postgres when the server binaries are installed.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace tongban::bench {

/// A throwaway PostgreSQL server for the run, when the binaries are installed.
class ThrowawayPostgres {
public:
    ThrowawayPostgres() : m_urlFile((std::filesystem::temp_directory_path() / "tongban-bench-postgres.url").string())
    {
        run("start");
        std::ifstream in(m_urlFile);
        in >> m_url;
    }
    ~ThrowawayPostgres() { run("stop"); }
    const std::string& url() const { return m_url; }
    std::string conninfo() const
    {
        // postgresql://postgres@127.0.0.1:PORT/postgres
        const auto port = m_url.substr(m_url.rfind(':') + 1, m_url.rfind('/') - m_url.rfind(':') - 1);
        return "host=127.0.0.1 port=" + port + " user=postgres dbname=postgres";
    }

private:
    void run(const std::string& verb)
    {
        // The script's own messages stay off the figures on stdout.
        Poco::Pipe out;
        auto process = Poco::Process::launch(std::string(TONGBAN_SOURCE_DIR) + "/tests/support/throwaway-postgres",
                                             {verb, m_urlFile}, nullptr, &out, nullptr);
        Poco::PipeInputStream messages(out);
        std::string line;
        while (std::getline(messages, line))
            std::cerr << line << "\n";
        process.wait();
    }
    std::string m_urlFile;
    std::string m_url;
};

} // namespace tongban::bench
