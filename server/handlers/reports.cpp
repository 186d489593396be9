// A supervisor's report, made by the server over its whole database for the
// caller's region (or a part of it) and sent back as the file.
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "reports/catalogue/catalogue.h"
#include "reports/render/renderers.h"

#include <Poco/TemporaryFile.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace tongban::server::handlers {

ApiResponse makeReport(ApiCall& call)
{
    require(call, Capability::Supervise, "make reports");
    const auto& caller = callerOf(call);
    auto reader = bodyReader(call);
    const auto key = reader.requireString("report");
    if (!reports::findReport(key))
        workflow::json::failAt(reader.memberPath("report"), "there is no report '" + key + "'");
    const auto day = [&](const std::string& member) {
        const auto parsed = workflow::parseDay(reader.requireString(member));
        if (!parsed)
            workflow::json::failAt(reader.memberPath(member), "a day is YYYY-MM-DD");
        return *parsed;
    };
    reports::ReportScope scope{day("from"), day("to"), reader.optionalString("department"), reader.optionalString("oneThing"),
                               reader.optionalString("region")};
    const auto formatName = reader.optionalString("format", "pdf");
    const auto format = reports::reportFormatFromString(formatName);
    if (!format)
        workflow::json::failAt(reader.memberPath("format"), "a format is pdf, xlsx, html or csv");
    reader.finish();
    if (scope.to < scope.from)
        refuse(400, "invalid-field", "the period ends before it starts");
    // A supervisor's reports cover their own region unless they name a part of it.
    if (scope.region.empty())
        scope.region = caller.region;
    else if (const auto forbidden = reportForbidden(caller, scope.region))
        refuse(403, "forbidden", *forbidden);
    const auto document = reports::makeReport(call.store, key, scope, call.now);
    // A name of its own for each request, however many make reports at once.
    const std::filesystem::path file = Poco::TemporaryFile::tempName() + "." + formatName;
    if (const auto written = reports::renderTo(document, *format, file.string()); !written)
        throw std::runtime_error("the report could not be written: " + written.error().message);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove(file);
    static const std::map<reports::ReportFormat, std::string> kTypes{
        {reports::ReportFormat::Pdf, "application/pdf"},
        {reports::ReportFormat::Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {reports::ReportFormat::Html, "text/html; charset=utf-8"},
        {reports::ReportFormat::Csv, "text/csv; charset=utf-8"}};
    return {200, bytes.str(), kTypes.at(*format)};
}

} // namespace tongban::server::handlers
