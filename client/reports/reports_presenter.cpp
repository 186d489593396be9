#include "client/reports/reports_presenter.h"

#include <chrono>

namespace tongban::client {

ReportsPresenter::~ReportsPresenter() = default;  // futures from std::async wait for their work

std::vector<std::string> ReportsPresenter::departments() const
{
    std::vector<std::string> codes;
    for (const auto& department : m_session.store().departments())
        codes.push_back(department.code);
    return codes;
}

std::vector<std::pair<std::string, std::string>> ReportsPresenter::oneThings() const
{
    std::vector<std::pair<std::string, std::string>> things;
    for (const auto& entry : m_session.store().oneThings())
        things.emplace_back(entry.key, entry.name);
    return things;
}

std::expected<void, ReportsError> ReportsPresenter::start(const std::string& report, const reports::ReportScope& scope)
{
    using enum ReportsError::Kind;
    if (running())
        return std::unexpected(ReportsError{Busy, "a report is being made; wait for it or cancel it"});
    if (scope.to < scope.from)
        return std::unexpected(ReportsError{BackwardsPeriod, "the period ends before it starts"});
    if (!reports::findReport(report))
        return std::unexpected(ReportsError{NoSuchReport, "there is no report '" + report + "'"});
    m_result.reset();
    m_failure.clear();
    // A connection of its own: the session's stays with the window.
    m_work = std::async(std::launch::async, [path = m_session.workspacePath(), report, scope, now = m_session.now()] {
        const auto store = store::Store::open(path);
        return reports::makeReport(*store, report, scope, now);
    });
    return {};
}

bool ReportsPresenter::poll()
{
    if (!m_work.valid() || m_work.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    try {
        m_result = m_work.get();
    } catch (const std::exception& error) {
        m_failure = error.what();
    }
    return true;
}

void ReportsPresenter::cancel()
{
    if (m_work.valid())
        m_abandoned.push_back(std::move(m_work));
    std::erase_if(m_abandoned, [](const auto& work) { return work.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
}

reports::PagePreview ReportsPresenter::preview(int page, int width) const
{
    return m_result ? reports::renderPagePreview(*m_result, page, width) : reports::PagePreview{};
}

std::expected<void, ReportsError> ReportsPresenter::exportTo(ExportFormat format, const std::string& path) const
{
    if (!m_result)
        return std::unexpected(ReportsError{ReportsError::Kind::NothingMade, "no report has been made yet"});
    const auto written = reports::renderTo(*m_result, format, path);
    if (!written)
        return std::unexpected(ReportsError{ReportsError::Kind::NotWritten, written.error().message});
    return {};
}

} // namespace tongban::client
