#include "server/api/command_writer.h"

#include <algorithm>

namespace tongban::server {

CommandWriter::Outcome CommandWriter::apply(const std::string& commandId, const std::string& caseNumber,
                                            const workflow::Command& command)
{
    Pending mine{&commandId, &caseNumber, &command};
    std::unique_lock lock(m_mutex);
    m_waiting.push_back(&mine);
    // Whoever finds the writer free writes what has gathered, its own command among it or not.
    while (!mine.done) {
        if (m_writing) {
            m_written.wait(lock);
            continue;
        }
        m_writing = true;
        const auto take = static_cast<std::ptrdiff_t>(std::min(m_waiting.size(), m_mostInGroup));
        std::vector<Pending*> group(m_waiting.begin(), m_waiting.begin() + take);
        m_waiting.erase(m_waiting.begin(), m_waiting.begin() + take);
        m_largestGroup = std::max(m_largestGroup, group.size());
        lock.unlock();
        write(group);
        lock.lock();
        for (auto* pending : group)
            pending->done = true;
        m_writing = false;
        m_written.notify_all();
    }
    if (mine.failure)
        std::rethrow_exception(mine.failure);
    return std::move(*mine.outcome);
}

std::size_t CommandWriter::waiting()
{
    const std::lock_guard lock(m_mutex);
    return m_waiting.size();
}

std::size_t CommandWriter::largestGroup()
{
    const std::lock_guard lock(m_mutex);
    return m_largestGroup;
}

void CommandWriter::write(const std::vector<Pending*>& group)
{
    auto writer = m_stores.writer();
    if (group.size() > 1) {
        std::vector<Outcome> outcomes;
        outcomes.reserve(group.size());
        try {
            writer->inOneTransaction([&] {
                for (const auto* pending : group)
                    outcomes.push_back(writer->executeOnce(*pending->commandId, *pending->caseNumber, *pending->command));
            });
            for (std::size_t i = 0; i < group.size(); ++i)
                group[i]->outcome = std::move(outcomes[i]);
            return;
        } catch (...) {
            // Nothing of the group was kept (another server moved one of its
            // cases, or the database refused a row): each on its own below.
        }
    }
    for (auto* pending : group)
        try {
            pending->outcome = writer->executeOnce(*pending->commandId, *pending->caseNumber, *pending->command);
        } catch (...) {
            pending->failure = std::current_exception();
        }
}

} // namespace tongban::server
