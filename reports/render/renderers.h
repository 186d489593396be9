// A report in each of the formats supervisors read and forward.
#pragma once

#include "reports/document/report_document.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <string_view>
#include <vector>
#include <string>

namespace tongban::reports {

/// UTF-8 with a byte-order mark, so that Excel opens Chinese correctly: the
/// title and parameters first, then each table under its title, a blank line between.
std::string renderCsv(const ReportDocument& report);

/// One self-contained page: styles inline, charts as inline SVG, no scripts.
std::string renderHtml(const ReportDocument& report);

/// Why a file could not be written.
struct RenderError {
    std::string message;
};

enum class ReportFormat { Pdf, Xlsx, Html, Csv };

/// "pdf", "xlsx", "html" or "csv".
std::optional<ReportFormat> reportFormatFromString(std::string_view text);

/// Writes the report in `format` to `path`, whole or not at all.
std::expected<void, RenderError> renderTo(const ReportDocument& report, ReportFormat format, const std::string& path);

/// Writes HTML or CSV text to a file, whole or not at all.
std::expected<void, RenderError> writeText(const std::string& text, const std::string& path);

/// A sheet for the overview (title, parameters, definitions, paragraphs) and
/// one per table, with number and percent formats and a frozen header row;
/// a chart is a native one beside the table it follows.
std::expected<void, RenderError> renderXlsx(const ReportDocument& report, const std::string& path);

/// One page of the PDF as pixels, for a preview on screen.
struct PagePreview {
    int pages = 0;  ///< how many the report has
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  ///< width × height pixels, three bytes each, row by row
};

/// Page `page` (from 1; clamped to the pages there are) drawn `width` pixels wide.
PagePreview renderPagePreview(const ReportDocument& report, int page, int width);

/// A4, Noto CJK embedded, the title in the header and "page N of M" in the
/// footer, tables that break across pages with their header repeated, and
/// vector charts.
std::expected<void, RenderError> renderPdf(const ReportDocument& report, const std::string& path);

} // namespace tongban::reports
