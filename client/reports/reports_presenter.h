// The Reports page without a display: the catalogue, the parameters, making
// a report in the background (on a connection of its own, so that the inbox
// stays usable) with a cancel that hands the window back at once, the
// preview of its pages, and export in every format.
#pragma once

#include "client/session/session.h"
#include "reports/catalogue/catalogue.h"
#include "reports/render/renderers.h"

#include <atomic>
#include <expected>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

using ExportFormat = reports::ReportFormat;

/// Why a report was not started or exported; `message` is for the user.
struct ReportsError {
    enum class Kind {
        Busy,             ///< a report is being made
        BackwardsPeriod,  ///< the period ends before it starts
        NoSuchReport,
        NothingMade,      ///< export before any report was made
        NotWritten,       ///< the file could not be written
    };
    Kind kind;
    std::string message;
};

class ReportsPresenter {
public:
    explicit ReportsPresenter(Session& session) : m_session(session) {}
    ~ReportsPresenter();

    static const std::vector<reports::CatalogueEntry>& catalogue() { return reports::reportCatalogue(); }
    /// Departments and one things (definition key, name) to choose from.
    std::vector<std::string> departments() const;
    std::vector<std::pair<std::string, std::string>> oneThings() const;

    /// Starts making `report` for the scope; refused when the period is back to front or a report is being made.
    std::expected<void, ReportsError> start(const std::string& report, const reports::ReportScope& scope);
    bool running() const { return m_work.valid() && !m_result; }
    /// Whether the report has been made since start(); takes it when it has.
    bool poll();
    /// Gives up the report being made: the window is free at once, the query's result is dropped.
    void cancel();

    /// The report made last, if any.
    const std::optional<reports::ReportDocument>& report() const { return m_result; }
    /// Why the last report could not be made, if it could not.
    const std::string& failure() const { return m_failure; }
    reports::PagePreview preview(int page, int width) const;
    std::expected<void, ReportsError> exportTo(ExportFormat format, const std::string& path) const;

private:
    Session& m_session;
    std::future<reports::ReportDocument> m_work;
    std::optional<reports::ReportDocument> m_result;
    std::string m_failure;
    std::vector<std::future<reports::ReportDocument>> m_abandoned;  ///< cancelled work, finishing on its own
};

} // namespace tongban::client
