#include "reports/render/chart_scene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace tongban::reports {

namespace {

constexpr double kTitleHeight = 20;
constexpr double kLeft = 46;
constexpr double kRight = 12;
constexpr double kBottom = 30;
const Rgb kAxis{0x66, 0x66, 0x66};
const Rgb kGrid{0xe0, 0xe0, 0xe0};

/// 1, 2 or 5 times a power of ten, at least `value`: axes end on round numbers.
double roundUp(double value)
{
    if (value <= 0)
        return 1;
    const double power = std::pow(10, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0})
        if (step * power >= value)
            return step * power;
    return 10 * power;
}

std::string tickText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, value == std::floor(value) ? "%.0f" : "%.1f", value);
    return text;
}

void addTitle(std::vector<Shape>& shapes, const Chart& chart, double width)
{
    if (!chart.title.empty())
        shapes.push_back(LabelShape{width / 2, 14, chart.title, 11, LabelShape::Anchor::Middle, {0x22, 0x22, 0x22}});
}

void addLegend(std::vector<Shape>& shapes, const std::vector<std::string>& names, double width)
{
    double x = width - kRight;
    for (std::size_t i = names.size(); i-- > 0;) {
        const double textWidth = 9.0 * static_cast<double>(names[i].size()) * 0.45 + 8;
        x -= textWidth;
        shapes.push_back(LabelShape{x + 12, kTitleHeight + 10, names[i], 8, LabelShape::Anchor::Start, {0x33, 0x33, 0x33}});
        shapes.push_back(RectShape{x, kTitleHeight + 2, 9, 9, seriesColour(i)});
        x -= 16;
    }
}

} // namespace

Rgb seriesColour(std::size_t n)
{
    static const Rgb kPalette[] = {{0x19, 0x76, 0xd2}, {0xef, 0x6c, 0x00}, {0x2e, 0x7d, 0x32},
                                   {0xc6, 0x28, 0x28}, {0x6a, 0x1b, 0x9a}, {0x00, 0x83, 0x8f}};
    return kPalette[n % std::size(kPalette)];
}

std::vector<Shape> layOutChart(const Chart& chart, double width, double height)
{
    std::vector<Shape> shapes;
    addTitle(shapes, chart, width);
    if (chart.series.empty() || chart.categories.empty()) {
        shapes.push_back(LabelShape{width / 2, height / 2, "—", 12, LabelShape::Anchor::Middle, kAxis});
        return shapes;
    }
    if (chart.kind == Chart::Kind::Pie) {
        const auto& values = chart.series.front().values;
        double total = 0;
        for (const auto value : values)
            total += std::max(0.0, value);
        const double radius = std::min(width * 0.5, height - kTitleHeight - 10) / 2 - 4;
        const double cx = radius + 10, cy = kTitleHeight + 6 + radius;
        double angle = 0;
        for (std::size_t i = 0; i < values.size() && total > 0; ++i) {
            const double sweep = std::max(0.0, values[i]) / total * 2 * std::numbers::pi;
            shapes.push_back(WedgeShape{cx, cy, radius, angle, angle + sweep, seriesColour(i)});
            angle += sweep;
        }
        // The legend beside the pie, with each share.
        for (std::size_t i = 0; i < chart.categories.size() && i < values.size(); ++i) {
            const double y = kTitleHeight + 16 + 14 * static_cast<double>(i);
            char share[32];
            std::snprintf(share, sizeof share, "  %.1f%%", total > 0 ? std::max(0.0, values[i]) / total * 100 : 0.0);
            shapes.push_back(RectShape{2 * radius + 30, y - 8, 9, 9, seriesColour(i)});
            std::string label = chart.categories[i];
            label.append(share);
            shapes.push_back(LabelShape{2 * radius + 44, y, std::move(label), 8, LabelShape::Anchor::Start, kAxis});
        }
        return shapes;
    }

    const bool legend = chart.series.size() > 1;
    if (legend) {
        std::vector<std::string> names;
        for (const auto& series : chart.series)
            names.push_back(series.name);
        addLegend(shapes, names, width);
    }
    const double top = kTitleHeight + (legend ? 20 : 6);
    const double plotWidth = width - kLeft - kRight;
    const double plotHeight = height - top - kBottom;
    double highest = 0;
    for (const auto& series : chart.series)
        for (const auto value : series.values)
            highest = std::max(highest, value);
    const double scale = roundUp(highest);
    // Value axis: five steps with grid lines.
    for (int tick = 0; tick <= 5; ++tick) {
        const double value = scale * tick / 5;
        const double y = top + plotHeight - plotHeight * tick / 5;
        shapes.push_back(LineShape{kLeft, y, kLeft + plotWidth, y, tick == 0 ? kAxis : kGrid, tick == 0 ? 1.0 : 0.5});
        shapes.push_back(LabelShape{kLeft - 4, y + 3, tickText(value), 8, LabelShape::Anchor::End, kAxis});
    }
    if (!chart.valueAxis.empty())
        shapes.push_back(LabelShape{4, top - 6, chart.valueAxis, 8, LabelShape::Anchor::Start, kAxis});
    const std::size_t count = chart.categories.size();
    const double slot = plotWidth / static_cast<double>(count);
    const auto yOf = [&](double value) { return top + plotHeight - plotHeight * std::max(0.0, value) / scale; };
    // Category labels, thinned so that they do not overlap.
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(44.0 / slot)));
    for (std::size_t c = 0; c < count; c += every)
        shapes.push_back(LabelShape{kLeft + slot * (static_cast<double>(c) + 0.5), top + plotHeight + 12, chart.categories[c], 8,
                                    LabelShape::Anchor::Middle, kAxis});
    if (chart.kind == Chart::Kind::Line) {
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            PolylineShape line{{}, seriesColour(s), 2};
            for (std::size_t c = 0; c < count && c < chart.series[s].values.size(); ++c)
                line.points.emplace_back(kLeft + slot * (static_cast<double>(c) + 0.5), yOf(chart.series[s].values[c]));
            shapes.push_back(std::move(line));
        }
        return shapes;
    }
    const bool touching = chart.kind == Chart::Kind::Histogram;
    const double gap = touching ? 0 : slot * 0.2;
    const double barWidth = (slot - gap) / static_cast<double>(chart.series.size());
    for (std::size_t s = 0; s < chart.series.size(); ++s)
        for (std::size_t c = 0; c < count && c < chart.series[s].values.size(); ++c) {
            const double y = yOf(chart.series[s].values[c]);
            shapes.push_back(RectShape{kLeft + slot * static_cast<double>(c) + gap / 2 + barWidth * static_cast<double>(s), y,
                                       std::max(0.5, barWidth - (touching ? 0.5 : 0)), top + plotHeight - y, seriesColour(s)});
        }
    return shapes;
}

} // namespace tongban::reports
