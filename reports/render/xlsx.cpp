#include "reports/render/output_file.h"
#include "reports/render/renderers.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <set>

namespace tongban::reports {

namespace {

/// Excel's rules for sheet names: at most 31 characters (UTF-8 here counts
/// code points), none of []:*?/\ and unique in the workbook.
std::string sheetName(std::string wanted, std::set<std::string>& taken)
{
    for (auto& c : wanted)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos)
            c = '_';
    std::string name;
    std::size_t points = 0;
    for (std::size_t i = 0; i < wanted.size() && points < 28; ++points) {
        const auto lead = static_cast<unsigned char>(wanted[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        name += wanted.substr(i, length);
        i += length;
    }
    if (name.empty())
        name = "Sheet";
    auto unique = name;
    for (int n = 2; taken.contains(unique); ++n)
        unique = name + "-" + std::to_string(n);
    taken.insert(unique);
    return unique;
}

std::uint8_t chartType(Chart::Kind kind)
{
    switch (kind) {
    case Chart::Kind::Bar:
    case Chart::Kind::Histogram:
        return LXW_CHART_COLUMN;
    case Chart::Kind::Line:
        return LXW_CHART_LINE;
    case Chart::Kind::Pie:
        return LXW_CHART_PIE;
    }
    return LXW_CHART_COLUMN;
}

class Workbook {
public:
    explicit Workbook(const std::string& path) : m_book(workbook_new(path.c_str()))
    {
        if (!m_book)
            return;
        m_bold = workbook_add_format(m_book);
        format_set_bold(m_bold);
        m_header = workbook_add_format(m_book);
        format_set_bold(m_header);
        format_set_bg_color(m_header, 0xF0F4F8);
        m_count = workbook_add_format(m_book);
        format_set_num_format(m_count, "#,##0");
        for (int decimals = 0; decimals <= 3; ++decimals) {
            m_number[decimals] = workbook_add_format(m_book);
            format_set_num_format(m_number[decimals], decimals ? ("0." + std::string(decimals, '0')).c_str() : "0");
            m_share[decimals] = workbook_add_format(m_book);
            format_set_num_format(m_share[decimals], decimals ? ("0." + std::string(decimals, '0') + "%").c_str() : "0%");
        }
    }
    ~Workbook()
    {
        if (m_book)
            workbook_close(m_book);  // only after a failure: close() took it otherwise
    }
    bool opened() const { return m_book != nullptr; }

    lxw_worksheet* sheet(const std::string& wanted) { return workbook_add_worksheet(m_book, sheetName(wanted, m_names).c_str()); }

    void write(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Cell& cell)
    {
        const int decimals = std::clamp(cell.decimals, 0, 3);
        switch (cell.kind) {
        case Cell::Kind::Empty:
            break;
        case Cell::Kind::Text:
            worksheet_write_string(sheet, row, column, cell.text.c_str(), nullptr);
            break;
        case Cell::Kind::Count:
            worksheet_write_number(sheet, row, column, cell.value, m_count);
            break;
        case Cell::Kind::Number:
            worksheet_write_number(sheet, row, column, cell.value, m_number[decimals]);
            break;
        case Cell::Kind::Share:
            worksheet_write_number(sheet, row, column, cell.value, m_share[decimals]);
            break;
        }
    }

    void text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& value, bool bold = false)
    {
        worksheet_write_string(sheet, row, column, value.c_str(), bold ? m_bold : nullptr);
    }

    void table(const Table& table, const std::string& fallbackTitle)
    {
        auto* ws = sheet(table.title.empty() ? fallbackTitle : table.title);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.columns[c].c_str(), m_header);
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 24 : 14, nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        for (std::size_t r = 0; r < table.rows.size(); ++r)
            for (std::size_t c = 0; c < table.rows[r].size(); ++c)
                write(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c]);
    }

    /// The chart's figures on a sheet of their own, and the native chart drawn from them beside.
    void chart(const Chart& chart, const std::string& fallbackTitle)
    {
        const auto name = sheetName(chart.title.empty() ? fallbackTitle : chart.title, m_names);
        auto* ws = workbook_add_worksheet(m_book, name.c_str());
        worksheet_write_string(ws, 0, 0, "", m_header);
        for (std::size_t s = 0; s < chart.series.size(); ++s)
            worksheet_write_string(ws, 0, static_cast<lxw_col_t>(s + 1), chart.series[s].name.c_str(), m_header);
        for (std::size_t c = 0; c < chart.categories.size(); ++c) {
            worksheet_write_string(ws, static_cast<lxw_row_t>(c + 1), 0, chart.categories[c].c_str(), nullptr);
            for (std::size_t s = 0; s < chart.series.size(); ++s)
                if (c < chart.series[s].values.size())
                    worksheet_write_number(ws, static_cast<lxw_row_t>(c + 1), static_cast<lxw_col_t>(s + 1),
                                           chart.series[s].values[c], nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        if (chart.categories.empty() || chart.series.empty())
            return;
        auto* native = workbook_add_chart(m_book, chartType(chart.kind));
        const auto last = static_cast<lxw_row_t>(chart.categories.size());
        for (std::size_t s = 0; s < (chart.kind == Chart::Kind::Pie ? 1 : chart.series.size()); ++s) {
            auto* series = chart_add_series(native, nullptr, nullptr);
            chart_series_set_categories(series, name.c_str(), 1, 0, last, 0);
            chart_series_set_values(series, name.c_str(), 1, static_cast<lxw_col_t>(s + 1), last, static_cast<lxw_col_t>(s + 1));
            chart_series_set_name(series, chart.series[s].name.c_str());
        }
        if (!chart.title.empty())
            chart_title_set_name(native, chart.title.c_str());
        if (chart.series.size() == 1 && chart.kind != Chart::Kind::Pie)
            chart_legend_set_position(native, LXW_CHART_LEGEND_NONE);
        worksheet_insert_chart(ws, 1, static_cast<lxw_col_t>(chart.series.size() + 2), native);
    }

    /// Writes the file; the message of what went wrong otherwise.
    std::string close()
    {
        const auto error = workbook_close(m_book);
        m_book = nullptr;
        return error == LXW_NO_ERROR ? std::string() : std::string(lxw_strerror(error));
    }

private:
    lxw_workbook* m_book = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_header = nullptr;
    lxw_format* m_count = nullptr;
    lxw_format* m_number[4] = {};
    lxw_format* m_share[4] = {};
    std::set<std::string> m_names;
};

} // namespace

std::expected<void, RenderError> renderXlsx(const ReportDocument& report, const std::string& path)
{
    // Written beside the target and renamed over it: whole or not at all.
    {
        Workbook book(partialPath(path));
        if (!book.opened())
            return std::unexpected(RenderError{"cannot create " + path});
        auto* overview = book.sheet("概览");
        lxw_row_t row = 0;
        book.text(overview, row++, 0, report.title, true);
        for (const auto& [label, value] : report.parameters) {
            book.text(overview, row, 0, label);
            book.text(overview, row++, 1, value);
        }
        book.text(overview, row, 0, "生成时间");
        book.text(overview, row++, 1, report.madeAt);
        worksheet_set_column(overview, 0, 0, 22, nullptr);
        worksheet_set_column(overview, 1, 1, 60, nullptr);
        for (const auto& section : report.sections) {
            ++row;
            book.text(overview, row++, 0, section.heading, true);
            for (const auto& block : section.blocks) {
                if (const auto* paragraph = std::get_if<Paragraph>(&block))
                    book.text(overview, row++, 0, paragraph->text);
                else if (const auto* qr = std::get_if<QrCode>(&block)) {
                    book.text(overview, row, 0, qr->caption);
                    book.text(overview, row++, 1, qr->payload);
                }
            }
        }
        if (!report.definitions.empty()) {
            ++row;
            book.text(overview, row++, 0, "指标口径", true);
            for (const auto& definition : report.definitions)
                book.text(overview, row++, 0, definition);
        }
        for (const auto& section : report.sections)
            for (const auto& block : section.blocks) {
                if (const auto* table = std::get_if<Table>(&block))
                    book.table(*table, section.heading);
                else if (const auto* chart = std::get_if<Chart>(&block))
                    book.chart(*chart, section.heading + "（图）");
            }
        if (const auto problem = book.close(); !problem.empty())
            return abandonPartial(path, problem);
    }
    return replaceWithPartial(path);
}

} // namespace tongban::reports
