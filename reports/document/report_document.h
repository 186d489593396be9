// A report as its readers get it, whatever the format: a title, the
// parameters it was made with, when, the definitions of its indicators, and
// sections of paragraphs, tables and charts. Reports fill one of these;
// renderers turn it into PDF, XLSX, HTML or CSV.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tongban::reports {

/// One value of a table: text, a count, a number with decimals, or a share
/// (0.953 is written 95.3%).
struct Cell {
    enum class Kind { Empty, Text, Count, Number, Share };
    Kind kind = Kind::Empty;
    std::string text;
    double value = 0;
    int decimals = 0;

    static Cell empty() { return {}; }
    static Cell of(std::string text) { return {Kind::Text, std::move(text), 0, 0}; }
    static Cell count(std::int64_t value) { return {Kind::Count, {}, static_cast<double>(value), 0}; }
    static Cell number(double value, int decimals = 1) { return {Kind::Number, {}, value, decimals}; }
    static Cell share(double value, int decimals = 1) { return {Kind::Share, {}, value, decimals}; }
    /// part ÷ whole as a share; empty when there is nothing to divide by.
    static Cell ratio(std::int64_t part, std::int64_t whole)
    {
        return whole > 0 ? share(static_cast<double>(part) / static_cast<double>(whole)) : empty();
    }

    /// As people read it: "1,234" is written "1234", a share "95.3%", empty "—".
    std::string display() const;
};

struct Table {
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

struct Series {
    std::string name;
    std::vector<double> values;  ///< one per category
};

/// Vector charts: bars per category (one bar per series), a line per series,
/// a pie of the first series, or a histogram (bars that touch).
struct Chart {
    enum class Kind { Bar, Line, Pie, Histogram };
    Kind kind = Kind::Bar;
    std::string title;
    std::vector<std::string> categories;
    std::vector<Series> series;
    std::string valueAxis;  ///< what the values count, e.g. "件"

    /// A histogram of completed cases by whole working days taken: [0, 1), [1, 2), …
    static Chart completedByDay(std::string title, const std::vector<std::int64_t>& cases)
    {
        Chart chart{Kind::Histogram, std::move(title), {}, {{"办结件数", {}}}, "件"};
        for (std::size_t day = 0; day < cases.size(); ++day) {
            chart.categories.push_back(std::to_string(day));
            chart.series.front().values.push_back(static_cast<double>(cases[day]));
        }
        return chart;
    }
};

struct Paragraph {
    std::string text;
};

/// A QR code a phone can scan (a case number, a link), with the text beside it.
struct QrCode {
    std::string payload;
    std::string caption;
};

using Block = std::variant<Paragraph, Table, Chart, QrCode>;

/// The modules of a QR code for `payload` (error correction M), row by row,
/// true for dark; empty when the payload is too long for any QR code.
std::vector<std::vector<bool>> qrModules(const std::string& payload);

struct Section {
    std::string heading;
    std::vector<Block> blocks;
};

struct ReportDocument {
    std::string title;
    std::vector<std::pair<std::string, std::string>> parameters;  ///< label and value, in order
    std::string madeAt;                                            ///< "2026-11-29 10:00"
    std::vector<std::string> definitions;                          ///< how each indicator is counted
    std::vector<Section> sections;
};

} // namespace tongban::reports
