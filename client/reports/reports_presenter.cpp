#include "client/reports/reports_presenter.h"

#include "reports/catalogue/department_efficiency.h"
#include "reports/catalogue/throughput.h"
#include "reports/catalogue/warnings.h"

#include <chrono>

namespace tongban::client {

ReportsPresenter::~ReportsPresenter() = default;  // futures from std::async wait for their work

const std::vector<CatalogueReport>& ReportsPresenter::catalogue()
{
    static const std::vector<CatalogueReport> reports{
        {"summary", "办件情况汇总", "Period summary"},
        {"throughput", "一件事办理时长分布", "One-thing throughput"},
        {"efficiency", "部门办件效能", "Department efficiency"},
        {"warnings", "预警督办情况", "Warnings"},
    };
    return reports;
}

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

std::expected<void, std::string> ReportsPresenter::start(const std::string& report, const reports::ReportScope& scope)
{
    if (running())
        return std::unexpected(std::string("a report is being made; wait for it or cancel it"));
    if (scope.to < scope.from)
        return std::unexpected(std::string("the period ends before it starts"));
    if (std::ranges::none_of(catalogue(), [&](const CatalogueReport& r) { return r.key == report; }))
        return std::unexpected("there is no report '" + report + "'");
    m_result.reset();
    m_failure.clear();
    const auto madeAt = workflow::formatLocalMinute(m_session.calendar(), m_session.now());
    const auto at = reports::warningInstant(scope, m_session.now(), m_session.calendar());
    // A connection of its own: the session's stays with the window.
    m_work = std::async(std::launch::async, [path = m_session.workspacePath(), report, scope, madeAt, at] {
        const auto store = workflow::store::Store::open(path);
        if (report == "warnings")
            return reports::warningsReport(reports::warningFigures(*store, scope, at), scope, madeAt);
        if (report == "efficiency")
            return reports::efficiencyReport(reports::efficiencyFigures(*store, scope), scope, madeAt);
        if (report == "throughput")
            return reports::throughputReport(reports::throughputFigures(*store, scope), scope, madeAt);
        return reports::periodSummary(reports::periodFigures(*store, scope), scope, madeAt);
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

std::expected<void, std::string> ReportsPresenter::exportTo(ExportFormat format, const std::string& path) const
{
    if (!m_result)
        return std::unexpected(std::string("no report has been made yet"));
    std::expected<void, reports::RenderError> written;
    switch (format) {
    case ExportFormat::Pdf:
        written = reports::renderPdf(*m_result, path);
        break;
    case ExportFormat::Xlsx:
        written = reports::renderXlsx(*m_result, path);
        break;
    case ExportFormat::Html:
        written = reports::writeText(reports::renderHtml(*m_result), path);
        break;
    case ExportFormat::Csv:
        written = reports::writeText(reports::renderCsv(*m_result), path);
        break;
    }
    if (!written)
        return std::unexpected(written.error().message);
    return {};
}

} // namespace tongban::client
