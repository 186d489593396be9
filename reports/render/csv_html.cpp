#include "reports/render/chart_scene.h"
#include "reports/render/renderers.h"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <sstream>

namespace tongban::reports {

namespace {

/// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

/// A cell as a spreadsheet reads it: numbers plain (a share as 0.953), text quoted when needed.
std::string csvCell(const Cell& cell)
{
    char text[64];
    switch (cell.kind) {
    case Cell::Kind::Empty:
        return {};
    case Cell::Kind::Text:
        return csvField(cell.text);
    case Cell::Kind::Count:
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(std::llround(cell.value)));
        return text;
    case Cell::Kind::Number:
    case Cell::Kind::Share:
        std::snprintf(text, sizeof text, "%.*f", cell.kind == Cell::Kind::Share ? cell.decimals + 2 : cell.decimals, cell.value);
        return text;
    }
    return {};
}

std::string escape(const std::string& text)
{
    std::string escaped;
    for (const char c : text) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

std::string colour(const Rgb& c)
{
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

std::string svgOf(const Chart& chart)
{
    constexpr double kWidth = 640, kHeight = 280;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
        << "\" viewBox=\"0 0 " << kWidth << " " << kHeight << "\" role=\"img\" aria-label=\"" << escape(chart.title) << "\">\n";
    for (const auto& shape : layOutChart(chart, kWidth, kHeight)) {
        std::visit(
            [&](const auto& s) {
                using S = std::decay_t<decltype(s)>;
                if constexpr (std::is_same_v<S, RectShape>) {
                    svg << "<rect x=\"" << s.x << "\" y=\"" << s.y << "\" width=\"" << s.width << "\" height=\"" << s.height
                        << "\" fill=\"" << colour(s.fill) << "\"/>\n";
                } else if constexpr (std::is_same_v<S, LineShape>) {
                    svg << "<line x1=\"" << s.x1 << "\" y1=\"" << s.y1 << "\" x2=\"" << s.x2 << "\" y2=\"" << s.y2
                        << "\" stroke=\"" << colour(s.stroke) << "\" stroke-width=\"" << s.width << "\"/>\n";
                } else if constexpr (std::is_same_v<S, PolylineShape>) {
                    svg << "<polyline fill=\"none\" stroke=\"" << colour(s.stroke) << "\" stroke-width=\"" << s.width
                        << "\" points=\"";
                    for (const auto& [x, y] : s.points)
                        svg << x << "," << y << " ";
                    svg << "\"/>\n";
                } else if constexpr (std::is_same_v<S, WedgeShape>) {
                    // Angles run clockwise from twelve o'clock.
                    const auto at = [&](double angle) {
                        return std::make_pair(s.cx + s.radius * std::sin(angle), s.cy - s.radius * std::cos(angle));
                    };
                    const auto [x1, y1] = at(s.from);
                    const auto [x2, y2] = at(s.to);
                    if (s.to - s.from >= 2 * std::numbers::pi - 1e-9)
                        svg << "<circle cx=\"" << s.cx << "\" cy=\"" << s.cy << "\" r=\"" << s.radius << "\" fill=\""
                            << colour(s.fill) << "\"/>\n";
                    else
                        svg << "<path d=\"M" << s.cx << "," << s.cy << " L" << x1 << "," << y1 << " A" << s.radius << ","
                            << s.radius << " 0 " << (s.to - s.from > std::numbers::pi ? 1 : 0) << " 1 " << x2 << "," << y2
                            << " Z\" fill=\"" << colour(s.fill) << "\"/>\n";
                } else {
                    const char* anchor = s.anchor == LabelShape::Anchor::Start    ? "start"
                                         : s.anchor == LabelShape::Anchor::Middle ? "middle"
                                                                                   : "end";
                    svg << "<text x=\"" << s.x << "\" y=\"" << s.y << "\" font-size=\"" << s.size << "\" text-anchor=\"" << anchor
                        << "\" fill=\"" << colour(s.colour) << "\">" << escape(s.text) << "</text>\n";
                }
            },
            shape);
    }
    svg << "</svg>\n";
    return svg.str();
}

/// Dark modules as squares, with the quiet zone of four modules the standard asks for.
std::string svgOf(const QrCode& qr)
{
    const auto modules = qrModules(qr.payload);
    const auto size = modules.size() + 8;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << size * 4 << "\" height=\"" << size * 4
        << "\" viewBox=\"0 0 " << size << " " << size << "\" role=\"img\" aria-label=\"" << escape(qr.payload)
        << "\">\n<rect width=\"" << size << "\" height=\"" << size << "\" fill=\"#fff\"/>\n";
    for (std::size_t y = 0; y < modules.size(); ++y)
        for (std::size_t x = 0; x < modules[y].size(); ++x)
            if (modules[y][x])
                svg << "<rect x=\"" << x + 4 << "\" y=\"" << y + 4 << "\" width=\"1\" height=\"1\"/>";
    svg << "\n</svg>\n";
    return svg.str();
}

} // namespace

std::string renderCsv(const ReportDocument& report)
{
    std::ostringstream csv;
    csv << "\xEF\xBB\xBF" << csvField(report.title) << "\r\n";
    for (const auto& [label, value] : report.parameters)
        csv << csvField(label) << "," << csvField(value) << "\r\n";
    csv << csvField("生成时间") << "," << csvField(report.madeAt) << "\r\n";
    for (const auto& section : report.sections)
        for (const auto& block : section.blocks)
            if (const auto* table = std::get_if<Table>(&block)) {
                csv << "\r\n" << csvField(table->title.empty() ? section.heading : table->title) << "\r\n";
                for (std::size_t c = 0; c < table->columns.size(); ++c)
                    csv << (c ? "," : "") << csvField(table->columns[c]);
                csv << "\r\n";
                for (const auto& row : table->rows) {
                    for (std::size_t c = 0; c < row.size(); ++c)
                        csv << (c ? "," : "") << csvCell(row[c]);
                    csv << "\r\n";
                }
            }
    return csv.str();
}

std::string renderHtml(const ReportDocument& report)
{
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << escape(report.title)
         << "</title>\n<style>\n"
            "body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;margin:2em auto;max-width:60em;color:#222}\n"
            "h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}\n"
            "table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ccc;padding:.25em .6em}\n"
            "th{background:#f0f4f8;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
            "caption{text-align:left;font-weight:bold;margin-bottom:.3em}.meta{color:#555}\n"
            "</style>\n</head>\n<body>\n<h1>"
         << escape(report.title) << "</h1>\n<table class=\"meta\">\n";
    for (const auto& [label, value] : report.parameters)
        html << "<tr><th>" << escape(label) << "</th><td>" << escape(value) << "</td></tr>\n";
    html << "<tr><th>生成时间</th><td>" << escape(report.madeAt) << "</td></tr>\n</table>\n";
    for (const auto& section : report.sections) {
        html << "<h2>" << escape(section.heading) << "</h2>\n";
        for (const auto& block : section.blocks) {
            if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
                html << "<p>" << escape(paragraph->text) << "</p>\n";
            } else if (const auto* chart = std::get_if<Chart>(&block)) {
                html << "<figure>\n" << svgOf(*chart) << "</figure>\n";
            } else if (const auto* qr = std::get_if<QrCode>(&block)) {
                html << "<figure>\n" << svgOf(*qr) << "<figcaption>" << escape(qr->caption) << "</figcaption>\n</figure>\n";
            } else if (const auto* table = std::get_if<Table>(&block)) {
                html << "<table>\n";
                if (!table->title.empty())
                    html << "<caption>" << escape(table->title) << "</caption>\n";
                html << "<thead><tr>";
                for (const auto& column : table->columns)
                    html << "<th>" << escape(column) << "</th>";
                html << "</tr></thead>\n<tbody>\n";
                for (const auto& row : table->rows) {
                    html << "<tr>";
                    for (const auto& cell : row)
                        html << (cell.kind == Cell::Kind::Text ? "<td>" : "<td class=\"n\">") << escape(cell.display()) << "</td>";
                    html << "</tr>\n";
                }
                html << "</tbody>\n</table>\n";
            }
        }
    }
    if (!report.definitions.empty()) {
        html << "<h2>指标口径</h2>\n<ul>\n";
        for (const auto& definition : report.definitions)
            html << "<li>" << escape(definition) << "</li>\n";
        html << "</ul>\n";
    }
    html << "</body>\n</html>\n";
    return html.str();
}

} // namespace tongban::reports
