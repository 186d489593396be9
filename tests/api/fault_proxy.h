// A TCP proxy between desktops and the server that misbehaves as a poor
// network does, request by request: drops a request, cuts the connection
// after the server answered (the desktop never hears), delays, sends a request
// to the server twice, or refuses everything while "offline".
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

namespace tongban::testing {

class FaultProxy {
public:
    struct Faults {
        int dropPercent = 10;
        int cutPercent = 10;
        int duplicatePercent = 10;
        int delayPercent = 20;
        int longestDelayMs = 150;
    };

    FaultProxy(int serverPort, Faults faults, unsigned seed);
    ~FaultProxy();

    int port() const { return m_port; }
    void setOffline(bool offline) { m_offline = offline; }
    void setFaults(Faults faults);

    struct Counts {
        int dropped = 0, cut = 0, duplicated = 0, delayed = 0, passed = 0;
    };
    Counts counts() const;

private:
    void serve();
    void handle(Poco::Net::StreamSocket client);
    int roll();

    int m_serverPort;
    Poco::Net::ServerSocket m_listener;
    int m_port = 0;
    std::atomic<bool> m_running{true};
    std::atomic<bool> m_offline{false};
    std::atomic<int> m_active{0};  ///< connections being handled
    mutable std::mutex m_mutex;
    Faults m_faults;
    std::mt19937 m_random;
    Counts m_counts;
    std::thread m_thread;
};

} // namespace tongban::testing
