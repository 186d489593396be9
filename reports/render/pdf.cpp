#include "reports/render/chart_scene.h"
#include "reports/render/output_file.h"
#include "reports/render/renderers.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <numbers>

namespace tongban::reports {

namespace {

// A4 in points, and the page's furniture.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 50;
constexpr double kTop = 70;     ///< below the running header
constexpr double kBottom = 60;  ///< above the footer
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kChartHeight = 230;
constexpr double kCellPadding = 3;
constexpr const char* kFont = "Noto Sans CJK SC";

/// Lays the report out page by page. Run once to count the pages without
/// drawing, then again on the PDF surface with the count known, so that the
/// footer can say "page N of M"; both runs measure text the same way.
class Typesetter {
public:
    /// `onlyPage` (from 1) draws that page alone, for a preview; 0 draws them all.
    Typesetter(cairo_t* cr, bool draw, const ReportDocument& report, int pages, int onlyPage = 0)
        : m_cr(cr), m_drawing(draw), m_draw(draw), m_report(report), m_pages(pages), m_onlyPage(onlyPage)
    {
        auto* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        m_layout = pango_cairo_create_layout(m_cr);
        pango_cairo_context_set_font_options(pango_layout_get_context(m_layout), options);
        pango_layout_context_changed(m_layout);
        cairo_font_options_destroy(options);
    }
    ~Typesetter() { g_object_unref(m_layout); }
    Typesetter(const Typesetter&) = delete;
    Typesetter& operator=(const Typesetter&) = delete;

    int run()
    {
        startPage();
        text(m_report.title, 18, true, kContentWidth);
        m_y += 6;
        for (const auto& [label, value] : m_report.parameters)
            text(label + "：" + value, 10, false, kContentWidth);
        text("生成时间：" + m_report.madeAt, 10, false, kContentWidth);
        for (const auto& section : m_report.sections) {
            // A heading keeps with what follows it.
            if (m_y + 80 > kPageHeight - kBottom)
                newPage();
            m_y += 14;
            text(section.heading, 13, true, kContentWidth);
            m_y += 4;
            for (const auto& block : section.blocks) {
                if (const auto* paragraph = std::get_if<Paragraph>(&block))
                    text(paragraph->text, 10, false, kContentWidth);
                else if (const auto* chart = std::get_if<Chart>(&block))
                    drawChart(*chart);
                else if (const auto* table = std::get_if<Table>(&block))
                    drawTable(*table);
                else if (const auto* qr = std::get_if<QrCode>(&block))
                    drawQrCode(*qr);
                m_y += 6;
            }
        }
        if (!m_report.definitions.empty()) {
            m_y += 14;
            text("指标口径", 13, true, kContentWidth);
            for (const auto& definition : m_report.definitions)
                text("· " + definition, 9, false, kContentWidth);
        }
        finishPage();
        return m_page;
    }

private:
    void setFont(double size, bool bold)
    {
        auto* font = pango_font_description_from_string(kFont);
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(m_layout, font);
        pango_font_description_free(font);
    }

    /// The height the text takes wrapped to `width`; drawn at (x, y) when drawing.
    double textAt(const std::string& content, double size, bool bold, double width, double x, double y,
                  PangoAlignment alignment = PANGO_ALIGN_LEFT, bool draw = true)
    {
        setFont(size, bold);
        pango_layout_set_width(m_layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(m_layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(m_layout, alignment);
        pango_layout_set_text(m_layout, content.c_str(), -1);
        int w = 0, h = 0;
        pango_layout_get_size(m_layout, &w, &h);
        if (m_draw && draw) {
            cairo_move_to(m_cr, x, y);
            pango_cairo_show_layout(m_cr, m_layout);
        }
        return static_cast<double>(h) / PANGO_SCALE;
    }

    void text(const std::string& content, double size, bool bold, double width)
    {
        const double height = textAt(content, size, bold, width, 0, 0, PANGO_ALIGN_LEFT, false);
        if (m_y + height > kPageHeight - kBottom)
            newPage();
        cairo_set_source_rgb(m_cr, 0.13, 0.13, 0.13);
        textAt(content, size, bold, width, kMargin, m_y);
        m_y += height + 2;
    }

    void startPage()
    {
        ++m_page;
        m_y = kTop;
        m_draw = m_drawing && (m_onlyPage == 0 || m_page == m_onlyPage);
        if (!m_draw)
            return;
        cairo_set_source_rgb(m_cr, 0.45, 0.45, 0.45);
        textAt(m_report.title, 8, false, kContentWidth, kMargin, 28);
        cairo_set_line_width(m_cr, 0.5);
        cairo_move_to(m_cr, kMargin, 44);
        cairo_line_to(m_cr, kPageWidth - kMargin, 44);
        cairo_stroke(m_cr);
    }

    void finishPage()
    {
        if (!m_draw)
            return;
        cairo_set_source_rgb(m_cr, 0.45, 0.45, 0.45);
        textAt("第 " + std::to_string(m_page) + " 页 / 共 " + std::to_string(m_pages) + " 页", 8, false, kContentWidth,
               kMargin, kPageHeight - 40, PANGO_ALIGN_CENTER);
        textAt(m_report.madeAt, 8, false, kContentWidth, kMargin, kPageHeight - 40, PANGO_ALIGN_RIGHT);
        if (m_onlyPage == 0)
            cairo_show_page(m_cr);
    }

    void newPage()
    {
        finishPage();
        startPage();
    }

    void colour(const Rgb& c) { cairo_set_source_rgb(m_cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

    void drawChart(const Chart& chart)
    {
        if (m_y + kChartHeight > kPageHeight - kBottom)
            newPage();
        if (m_draw) {
            cairo_save(m_cr);
            cairo_translate(m_cr, kMargin, m_y);
            for (const auto& shape : layOutChart(chart, kContentWidth, kChartHeight))
                drawShape(shape);
            cairo_restore(m_cr);
        }
        m_y += kChartHeight + 4;
    }

    /// About 30 mm square with its quiet zone, the caption beside it.
    void drawQrCode(const QrCode& qr)
    {
        constexpr double kSide = 85;
        if (m_y + kSide > kPageHeight - kBottom)
            newPage();
        const auto modules = qrModules(qr.payload);
        if (m_draw && !modules.empty()) {
            const double module = kSide / static_cast<double>(modules.size() + 8);
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            for (std::size_t y = 0; y < modules.size(); ++y)
                for (std::size_t x = 0; x < modules[y].size(); ++x)
                    if (modules[y][x])
                        cairo_rectangle(m_cr, kMargin + module * static_cast<double>(x + 4),
                                        m_y + module * static_cast<double>(y + 4), module, module);
            cairo_fill(m_cr);
            cairo_set_source_rgb(m_cr, 0.13, 0.13, 0.13);
            textAt(qr.caption + "\n" + qr.payload, 10, false, kContentWidth - kSide - 10, kMargin + kSide + 10, m_y + 20);
        }
        m_y += kSide + 4;
    }

    void drawShape(const Shape& shape)
    {
        std::visit(
            [&](const auto& s) {
                using S = std::decay_t<decltype(s)>;
                if constexpr (std::is_same_v<S, RectShape>) {
                    colour(s.fill);
                    cairo_rectangle(m_cr, s.x, s.y, s.width, s.height);
                    cairo_fill(m_cr);
                } else if constexpr (std::is_same_v<S, LineShape>) {
                    colour(s.stroke);
                    cairo_set_line_width(m_cr, s.width);
                    cairo_move_to(m_cr, s.x1, s.y1);
                    cairo_line_to(m_cr, s.x2, s.y2);
                    cairo_stroke(m_cr);
                } else if constexpr (std::is_same_v<S, PolylineShape>) {
                    if (s.points.empty())
                        return;
                    colour(s.stroke);
                    cairo_set_line_width(m_cr, s.width);
                    cairo_move_to(m_cr, s.points.front().first, s.points.front().second);
                    for (const auto& [x, y] : s.points)
                        cairo_line_to(m_cr, x, y);
                    cairo_stroke(m_cr);
                } else if constexpr (std::is_same_v<S, WedgeShape>) {
                    // Clockwise from twelve o'clock is cairo's angle minus a quarter turn.
                    colour(s.fill);
                    cairo_move_to(m_cr, s.cx, s.cy);
                    cairo_arc(m_cr, s.cx, s.cy, s.radius, s.from - std::numbers::pi / 2, s.to - std::numbers::pi / 2);
                    cairo_close_path(m_cr);
                    cairo_fill(m_cr);
                } else {
                    colour(s.colour);
                    setFont(s.size, false);
                    pango_layout_set_width(m_layout, -1);
                    pango_layout_set_text(m_layout, s.text.c_str(), -1);
                    int w = 0, h = 0;
                    pango_layout_get_size(m_layout, &w, &h);
                    const double width = static_cast<double>(w) / PANGO_SCALE;
                    const double x = s.anchor == LabelShape::Anchor::Start    ? s.x
                                     : s.anchor == LabelShape::Anchor::Middle ? s.x - width / 2
                                                                               : s.x - width;
                    const double baseline = static_cast<double>(pango_layout_get_baseline(m_layout)) / PANGO_SCALE;
                    cairo_move_to(m_cr, x, s.y - baseline);
                    pango_cairo_show_layout(m_cr, m_layout);
                }
            },
            shape);
    }

    std::vector<double> columnWidths(const Table& table) const
    {
        const auto columns = std::max<std::size_t>(1, table.columns.size());
        if (columns == 1)
            return {kContentWidth};
        const double first = std::min(kContentWidth * 0.32, kContentWidth / static_cast<double>(columns) * 1.8);
        std::vector<double> widths(columns, (kContentWidth - first) / static_cast<double>(columns - 1));
        widths[0] = first;
        return widths;
    }

    /// One row of cells: its height, and drawn when drawing.
    double row(const std::vector<std::string>& cells, const std::vector<bool>& numeric, const std::vector<double>& widths,
               bool header, bool measureOnly)
    {
        double height = 0;
        for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c)
            height = std::max(height, textAt(cells[c], 9, header, widths[c] - 2 * kCellPadding, 0, 0, PANGO_ALIGN_LEFT, false));
        height += 2 * kCellPadding;
        if (measureOnly || !m_draw)
            return height;
        double x = kMargin;
        if (header) {
            cairo_set_source_rgb(m_cr, 0.94, 0.96, 0.97);
            cairo_rectangle(m_cr, kMargin, m_y, kContentWidth, height);
            cairo_fill(m_cr);
        }
        for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
            cairo_set_source_rgb(m_cr, 0.13, 0.13, 0.13);
            textAt(cells[c], 9, header, widths[c] - 2 * kCellPadding, x + kCellPadding, m_y + kCellPadding,
                   !header && numeric[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
            x += widths[c];
        }
        cairo_set_source_rgb(m_cr, 0.8, 0.8, 0.8);
        cairo_set_line_width(m_cr, 0.5);
        cairo_move_to(m_cr, kMargin, m_y + height);
        cairo_line_to(m_cr, kMargin + kContentWidth, m_y + height);
        cairo_stroke(m_cr);
        return height;
    }

    void drawTable(const Table& table)
    {
        const auto widths = columnWidths(table);
        const std::vector<bool> textHeader(table.columns.size(), false);
        if (!table.title.empty())
            text(table.title, 10, true, kContentWidth);
        const double headerHeight = row(table.columns, textHeader, widths, true, true);
        const auto putHeader = [&] { m_y += row(table.columns, textHeader, widths, true, false); };
        if (m_y + headerHeight * 2 > kPageHeight - kBottom)
            newPage();
        putHeader();
        if (table.rows.empty()) {
            text("（无数据）", 9, false, kContentWidth);
            return;
        }
        for (const auto& cells : table.rows) {
            std::vector<std::string> texts;
            std::vector<bool> numeric;
            for (const auto& cell : cells) {
                texts.push_back(cell.display());
                numeric.push_back(cell.kind != Cell::Kind::Text);
            }
            const double height = row(texts, numeric, widths, false, true);
            // A row that does not fit starts the next page, under the header again.
            if (m_y + height > kPageHeight - kBottom) {
                newPage();
                putHeader();
            }
            m_y += row(texts, numeric, widths, false, false);
        }
    }

    cairo_t* m_cr;
    bool m_drawing;  ///< this run draws (the other only counts pages)
    bool m_draw;     ///< the page being laid out is drawn
    const ReportDocument& m_report;
    int m_pages;
    int m_onlyPage;
    PangoLayout* m_layout = nullptr;
    int m_page = 0;
    double m_y = kTop;
};

int countPages(const ReportDocument& report)
{
    auto* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    auto* cr = cairo_create(surface);
    const int pages = Typesetter(cr, false, report, 0).run();
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return pages;
}

} // namespace

PagePreview renderPagePreview(const ReportDocument& report, int page, int width)
{
    PagePreview preview;
    preview.pages = countPages(report);
    preview.width = std::max(1, width);
    preview.height = static_cast<int>(std::lround(preview.width * kPageHeight / kPageWidth));
    auto* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, preview.width, preview.height);
    auto* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, preview.width / kPageWidth, preview.height / kPageHeight);
    Typesetter(cr, true, report, preview.pages, std::clamp(page, 1, preview.pages)).run();
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    // cairo's RGB24 is a native-endian 32-bit word per pixel: 0x00RRGGBB.
    const auto* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    preview.rgb.reserve(static_cast<std::size_t>(preview.width) * static_cast<std::size_t>(preview.height) * 3);
    for (int y = 0; y < preview.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < preview.width; ++x) {
            preview.rgb.push_back(static_cast<std::uint8_t>(row[x] >> 16));
            preview.rgb.push_back(static_cast<std::uint8_t>(row[x] >> 8));
            preview.rgb.push_back(static_cast<std::uint8_t>(row[x]));
        }
    }
    cairo_surface_destroy(surface);
    return preview;
}

std::expected<void, RenderError> renderPdf(const ReportDocument& report, const std::string& path)
{
    const int pages = countPages(report);
    const auto partial = partialPath(path);
    auto* surface = cairo_pdf_surface_create(partial.c_str(), kPageWidth, kPageHeight);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return std::unexpected(RenderError{"cannot create " + path});
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Tongban");
    auto* cr = cairo_create(surface);
    Typesetter(cr, true, report, pages).run();
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return abandonPartial(path, cairo_status_to_string(status));
    return replaceWithPartial(path);
}

} // namespace tongban::reports
