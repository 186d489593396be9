#include "reports/render/output_file.h"

#include "workflow/model/enum_names.h"

#include <filesystem>
#include <fstream>

namespace tongban::reports {

namespace {
constexpr std::pair<ReportFormat, const char*> kFormatNames[] = {
    {ReportFormat::Pdf, "pdf"}, {ReportFormat::Xlsx, "xlsx"}, {ReportFormat::Html, "html"}, {ReportFormat::Csv, "csv"}};
} // namespace

std::expected<void, RenderError> replaceWithPartial(const std::string& path)
{
    std::error_code error;
    std::filesystem::rename(partialPath(path), path, error);
    if (error)
        return abandonPartial(path, error.message());
    return {};
}

std::unexpected<RenderError> abandonPartial(const std::string& path, const std::string& problem)
{
    std::error_code ignored;
    std::filesystem::remove(partialPath(path), ignored);
    return std::unexpected(RenderError{"cannot write " + path + ": " + problem});
}

std::expected<void, RenderError> writeText(const std::string& text, const std::string& path)
{
    {
        std::ofstream file(partialPath(path), std::ios::binary | std::ios::trunc);
        file << text;
        if (!file.flush())
            return abandonPartial(path, "the file cannot be created or filled");
    }
    return replaceWithPartial(path);
}

std::optional<ReportFormat> reportFormatFromString(std::string_view text)
{
    return workflow::valueIn(kFormatNames, text);
}

std::expected<void, RenderError> renderTo(const ReportDocument& report, ReportFormat format, const std::string& path)
{
    switch (format) {
    case ReportFormat::Pdf:
        return renderPdf(report, path);
    case ReportFormat::Xlsx:
        return renderXlsx(report, path);
    case ReportFormat::Html:
        return writeText(renderHtml(report), path);
    case ReportFormat::Csv:
        return writeText(renderCsv(report), path);
    }
    return std::unexpected(RenderError{"unknown format"});
}

} // namespace tongban::reports
