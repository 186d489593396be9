#include "tests/api/fault_proxy.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <optional>
#include <string>

namespace tongban::testing {

namespace {

/// One whole HTTP message from the socket: its head, then as many body bytes
/// as Content-Length says. Empty when the peer closed first.
std::optional<std::string> readMessage(Poco::Net::StreamSocket& socket)
{
    std::string data;
    char buffer[4096];
    std::size_t headEnd = std::string::npos;
    while ((headEnd = data.find("\r\n\r\n")) == std::string::npos) {
        const int n = socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0)
            return std::nullopt;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    std::size_t length = 0;
    auto lower = data.substr(0, headEnd);
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const auto at = lower.find("content-length:"); at != std::string::npos)
        length = std::stoul(lower.substr(at + 15));
    while (data.size() < headEnd + 4 + length) {
        const int n = socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0)
            return std::nullopt;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    return data;
}

void sendAll(Poco::Net::StreamSocket& socket, const std::string& data)
{
    socket.sendBytes(data.data(), static_cast<int>(data.size()));
}

/// The request sent to the server on a connection of its own, and its answer.
std::optional<std::string> exchange(int port, const std::string& request)
{
    Poco::Net::StreamSocket server(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    server.setReceiveTimeout(Poco::Timespan(30, 0));
    sendAll(server, request);
    return readMessage(server);
}

} // namespace

FaultProxy::FaultProxy(int serverPort, Faults faults, unsigned seed)
    : m_serverPort(serverPort), m_listener(Poco::Net::SocketAddress("127.0.0.1", 0)), m_faults(faults), m_random(seed)
{
    m_port = m_listener.address().port();
    m_thread = std::thread([this] { serve(); });
}

FaultProxy::~FaultProxy()
{
    m_running = false;
    m_thread.join();
    m_listener.close();
    while (m_active > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void FaultProxy::setFaults(Faults faults)
{
    const std::lock_guard lock(m_mutex);
    m_faults = faults;
}

FaultProxy::Counts FaultProxy::counts() const
{
    const std::lock_guard lock(m_mutex);
    return m_counts;
}

int FaultProxy::roll()
{
    const std::lock_guard lock(m_mutex);
    return static_cast<int>(m_random() % 100);
}

void FaultProxy::serve()
{
    while (m_running) {
        try {
            if (!m_listener.poll(Poco::Timespan(0, 100'000), Poco::Net::Socket::SELECT_READ))
                continue;
            ++m_active;
            std::thread([this, client = m_listener.acceptConnection()]() mutable {
                handle(std::move(client));
                --m_active;
            }).detach();
        } catch (const Poco::Exception&) {
            // The listener closes when the proxy ends.
        }
    }
}

void FaultProxy::handle(Poco::Net::StreamSocket client)
{
    try {
        client.setReceiveTimeout(Poco::Timespan(30, 0));
        // A desktop's connection carries one request (it opens one per call).
        const auto request = readMessage(client);
        if (!request)
            return;
        Faults faults;
        {
            const std::lock_guard lock(m_mutex);
            faults = m_faults;
        }
        const int fate = roll();
        const auto count = [this](int Counts::*field) {
            const std::lock_guard lock(m_mutex);
            ++(m_counts.*field);
        };
        if (m_offline || fate < faults.dropPercent) {
            count(&Counts::dropped);
            client.close();
            return;
        }
        if (fate < faults.dropPercent + faults.delayPercent) {
            count(&Counts::delayed);
            std::this_thread::sleep_for(std::chrono::milliseconds(roll() * faults.longestDelayMs / 100));
        }
        const auto answer = exchange(m_serverPort, *request);
        if (!answer) {
            client.close();
            return;
        }
        const int duplicate = faults.dropPercent + faults.delayPercent + faults.duplicatePercent;
        if (fate >= faults.dropPercent + faults.delayPercent && fate < duplicate) {
            count(&Counts::duplicated);
            exchange(m_serverPort, *request);  // the network delivered it twice; the second answer is lost
        }
        if (fate >= duplicate && fate < duplicate + faults.cutPercent) {
            count(&Counts::cut);
            client.close();  // the server did the work; its answer never arrives
            return;
        }
        count(&Counts::passed);
        sendAll(client, *answer);
        client.shutdownSend();
    } catch (const Poco::Exception&) {
        // A desktop that gave up on its connection.
    }
}

} // namespace tongban::testing
