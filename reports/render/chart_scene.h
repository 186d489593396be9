// A chart laid out once as shapes in a box, then drawn by each format: as SVG
// in HTML and with cairo in PDF, so that both show the same chart.
#pragma once

#include "reports/document/report_document.h"

#include <cstdint>
#include <variant>
#include <vector>

namespace tongban::reports {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

struct RectShape {
    double x = 0, y = 0, width = 0, height = 0;
    Rgb fill;
};
struct LineShape {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Rgb stroke;
    double width = 1;
};
struct PolylineShape {
    std::vector<std::pair<double, double>> points;
    Rgb stroke;
    double width = 2;
};
/// A pie slice: centre, radius, angles in radians clockwise from twelve o'clock.
struct WedgeShape {
    double cx = 0, cy = 0, radius = 0, from = 0, to = 0;
    Rgb fill;
};
struct LabelShape {
    enum class Anchor { Start, Middle, End };
    double x = 0, y = 0;  ///< the baseline point
    std::string text;
    double size = 9;
    Anchor anchor = Anchor::Start;
    Rgb colour{0x33, 0x33, 0x33};
};

using Shape = std::variant<RectShape, LineShape, PolylineShape, WedgeShape, LabelShape>;

/// The colour of the n-th series (or pie slice).
Rgb seriesColour(std::size_t n);

/// The chart in a box of `width` × `height` (points or pixels), origin top left.
std::vector<Shape> layOutChart(const Chart& chart, double width, double height);

} // namespace tongban::reports
