#pragma once
// The income-group chart of the report as inline SVG: one small bar chart per burden, side by
// side, each on its own axis. Small multiples rather than one grouped chart because the burdens
// have different units (number of layers, dB, µg/m³): on a shared axis the bars would compare
// numbers that cannot be compared.
#include <optional>
#include <string>
#include <vector>

namespace burdenmap::report {

struct BarPanel {
    std::string title;                          // the burden, in words
    std::string unit;                           // shown under the title; may be empty
    std::vector<std::optional<double>> values;  // one per group; nullopt: no value (no bar, "–")
};

struct BarChart {
    std::string title;                // the chart's accessible name
    std::vector<std::string> groups;  // x labels, e.g. "1" … "5"
    std::string x_title;              // e.g. "income group (1 = lowest income)"
    std::vector<BarPanel> panels;
    int panels_per_row = 3;
};

// A self-contained <svg> element (no scripts, no external references, text in the page's font).
std::string bar_chart_svg(const BarChart& chart);

// Grouped bars: per group (a class, an income quintile) one bar per series (the base, each plan
// alternative) side by side, in the series' colours with a legend on top. Bars stand on a zero
// line and may go below it (changes), so the axis runs from the lowest to the highest value with
// 0 always on it. Small multiples as above: a panel per measure, each on its own axis and with its
// own groups (layer scores have different classes).
struct BarSeries {
    std::string name;    // in the legend and the bars' tooltips
    std::string colour;  // "#rrggbb"
};

struct GroupedBarPanel {
    std::string title;
    std::string unit;                 // shown under the title; may be empty
    std::vector<std::string> groups;  // x labels
    std::string x_title;              // under the x labels, e.g. "income quintile (1 = lowest income)"
    // values[series][group]; nullopt: no bar. Missing series or groups count as nullopt.
    std::vector<std::vector<std::optional<double>>> values;
};

struct GroupedBarChart {
    std::string title;  // the chart's accessible name
    std::vector<BarSeries> series;
    std::vector<GroupedBarPanel> panels;
    int panels_per_row = 2;
};

std::string grouped_bar_chart_svg(const GroupedBarChart& chart);

// The upper end of a value axis: the smallest 1, 2, 2.5 or 5 × 10^k at or above `max` (1 for
// max <= 0), so the axis ends on a round number.
double nice_axis_max(double max);

}  // namespace burdenmap::report
