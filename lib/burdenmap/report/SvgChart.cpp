#include "burdenmap/report/SvgChart.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

namespace {

// Panel geometry in SVG user units (pixels at 100 %).
constexpr int panel_w = 250, panel_h = 200;
constexpr int plot_left = 44, plot_right = 10, plot_top = 52, plot_bottom = 42;
constexpr const char* bar_colour = "#2c728e";  // viridis blue: dark enough for white-on-bar contrast
constexpr const char* axis_colour = "#555555";

std::string n(double v) { return xml_number(std::round(v * 10) / 10); }

std::string text(double x, double y, const std::string& content, const std::string& attrs) {
    return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" " + attrs + ">" + xml_escape(content) + "</text>";
}

// Characters, not bytes, of UTF-8 text: "µg/m³" is 5 wide, not 7.
std::size_t char_count(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The byte offset of character `n` of UTF-8 text (its size when shorter): a cut there never
// splits a character's bytes, which would leave invalid UTF-8 in the SVG.
std::size_t char_offset(const std::string& s, std::size_t n) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n-- == 0) return i;
    return s.size();
}

// Splits a title into at most two lines of about `width` characters, at spaces.
std::vector<std::string> wrap(const std::string& s, std::size_t width) {
    if (char_count(s) <= width) return {s};
    const std::size_t limit = char_offset(s, width);
    std::size_t cut = s.rfind(' ', limit);
    if (cut == std::string::npos || cut == 0) cut = limit;
    std::string second = s.substr(cut + (s[cut] == ' ' ? 1 : 0));
    if (char_count(second) > width) second = second.substr(0, char_offset(second, width - 1)) + "…";
    return {s.substr(0, cut), second};
}

std::string panel(const BarPanel& p, const BarChart& chart, double ox, double oy) {
    std::string out = "<g transform=\"translate(" + n(ox) + "," + n(oy) + ")\">";
    const std::vector<std::string> title = wrap(p.title, 38);
    for (std::size_t i = 0; i < title.size(); ++i)
        out += text(4, 14 + 14.0 * i, title[i], "font-size=\"12\" font-weight=\"600\" fill=\"#222\"");
    if (!p.unit.empty()) out += text(4, 14 + 14.0 * title.size(), p.unit, "font-size=\"11\" fill=\"#666\"");

    double max = 0;
    for (const auto& v : p.values)
        if (v && std::isfinite(*v)) max = std::max(max, *v);
    const double top = nice_axis_max(max);
    const double plot_w = panel_w - plot_left - plot_right, plot_h = panel_h - plot_top - plot_bottom;
    const double base_y = plot_top + plot_h;
    // Axis: a baseline, the top value and zero.
    out += "<line x1=\"" + n(plot_left) + "\" y1=\"" + n(base_y) + "\" x2=\"" + n(plot_left + plot_w) + "\" y2=\"" +
           n(base_y) + "\" stroke=\"" + axis_colour + "\"/>";
    out += "<line x1=\"" + n(plot_left) + "\" y1=\"" + n(plot_top) + "\" x2=\"" + n(plot_left + plot_w) + "\" y2=\"" +
           n(plot_top) + "\" stroke=\"#dddddd\" stroke-dasharray=\"3,3\"/>";
    out += text(plot_left - 4, plot_top + 4, format_number(top), "font-size=\"10\" text-anchor=\"end\" fill=\"#555\"");
    out += text(plot_left - 4, base_y + 4, "0", "font-size=\"10\" text-anchor=\"end\" fill=\"#555\"");

    const std::size_t k = std::max<std::size_t>(chart.groups.size(), 1);
    const double slot = plot_w / static_cast<double>(k);
    const double bar_w = slot * 0.7;
    for (std::size_t i = 0; i < k; ++i) {
        const double x = plot_left + slot * static_cast<double>(i) + (slot - bar_w) / 2;
        const std::optional<double> v = i < p.values.size() ? p.values[i] : std::nullopt;
        const bool has = v && std::isfinite(*v);
        if (has) {
            const double h = std::max(0.0, *v) / top * plot_h;
            out += "<rect x=\"" + n(x) + "\" y=\"" + n(base_y - h) + "\" width=\"" + n(bar_w) + "\" height=\"" + n(h) +
                   "\" fill=\"" + bar_colour + "\"><title>" +
                   xml_escape(p.title + ", group " + (i < chart.groups.size() ? chart.groups[i] : "") + ": " +
                              format_number(*v)) +
                   "</title></rect>";
        }
        out += text(x + bar_w / 2, base_y - (has ? std::max(0.0, *v) / top * plot_h : 0) - 3,
                    has ? format_number(*v) : "–", "font-size=\"10\" text-anchor=\"middle\" fill=\"#222\"");
        if (i < chart.groups.size())
            out += text(x + bar_w / 2, base_y + 14, chart.groups[i], "font-size=\"11\" text-anchor=\"middle\" fill=\"#333\"");
    }
    out += text(plot_left + plot_w / 2, base_y + 32, chart.x_title, "font-size=\"10\" text-anchor=\"middle\" fill=\"#555\"");
    return out + "</g>";
}

// Grouped panels: the width grows with the bars; a legend row above all panels.
constexpr int grouped_panel_h = 220, grouped_plot_left = 52, grouped_min_plot_w = 260, legend_h = 26;
constexpr int grouped_max_width = 1080;  // the page's column: wider charts scroll

std::optional<double> value_at(const GroupedBarPanel& p, std::size_t series, std::size_t group) {
    if (series >= p.values.size() || group >= p.values[series].size()) return std::nullopt;
    const std::optional<double> v = p.values[series][group];
    return v && std::isfinite(*v) ? v : std::nullopt;
}

double bar_width(std::size_t series) { return series <= 3 ? 12 : 9; }

double grouped_plot_width(const GroupedBarPanel& p, std::size_t series) {
    const double slot = static_cast<double>(std::max<std::size_t>(series, 1)) * bar_width(series) + 10;
    return std::max<double>(grouped_min_plot_w, slot * static_cast<double>(p.groups.size()));
}

// Axis ends and values: "−0.5", "2.5", "10,000" (residents read better with separators).
std::string axis_label(double v) {
    const double a = std::fabs(v);
    const std::string magnitude = a >= 1000 && a == std::round(a) ? format_count(a) : format_number(a);
    return v < 0 ? "−" + magnitude : magnitude;
}

// Characters of a title line that fit a width at 12 px (about 7 px a character).
std::size_t chars_in(double width) { return static_cast<std::size_t>(std::max(24.0, width / 7)); }

double legend_width(const GroupedBarChart& chart) {
    double x = 4;
    for (const BarSeries& s : chart.series) x += 17 + 7.0 * static_cast<double>(char_count(s.name)) + 18;
    return x;
}

std::string grouped_panel(const GroupedBarPanel& p, const GroupedBarChart& chart, double ox, double oy) {
    std::string out = "<g transform=\"translate(" + n(ox) + "," + n(oy) + ")\">";
    const std::size_t series = chart.series.size();
    const double plot_w = grouped_plot_width(p, series), plot_h = grouped_panel_h - plot_top - plot_bottom;
    const std::vector<std::string> title = wrap(p.title, chars_in(grouped_plot_left + plot_w));
    for (std::size_t i = 0; i < title.size(); ++i)
        out += text(4, 14 + 14.0 * i, title[i], "font-size=\"12\" font-weight=\"600\" fill=\"#222\"");
    if (!p.unit.empty()) out += text(4, 14 + 14.0 * title.size(), p.unit, "font-size=\"11\" fill=\"#666\"");

    double lo = 0, hi = 0;
    for (std::size_t s = 0; s < series; ++s)
        for (std::size_t g = 0; g < p.groups.size(); ++g)
            if (const auto v = value_at(p, s, g)) {
                lo = std::min(lo, *v);
                hi = std::max(hi, *v);
            }
    double top = hi > 0 ? nice_axis_max(hi) : 0;
    const double bottom = lo < 0 ? -nice_axis_max(-lo) : 0;
    if (top == bottom) top = 1;  // nothing but zeros: an axis 0 … 1
    const auto y = [&](double v) { return plot_top + (top - v) / (top - bottom) * plot_h; };
    const double zero_y = y(0), x1 = grouped_plot_left, x2 = grouped_plot_left + plot_w;
    for (const double tick : {top, bottom}) {
        if (tick == 0) continue;
        out += "<line x1=\"" + n(x1) + "\" y1=\"" + n(y(tick)) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y(tick)) +
               "\" stroke=\"#dddddd\" stroke-dasharray=\"3,3\"/>";
        out += text(x1 - 4, y(tick) + 4, axis_label(tick), "font-size=\"10\" text-anchor=\"end\" fill=\"#555\"");
    }
    out += "<line x1=\"" + n(x1) + "\" y1=\"" + n(zero_y) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(zero_y) + "\" stroke=\"" +
           axis_colour + "\"/>";
    out += text(x1 - 4, zero_y + 4, "0", "font-size=\"10\" text-anchor=\"end\" fill=\"#555\"");

    const double slot = plot_w / static_cast<double>(std::max<std::size_t>(p.groups.size(), 1));
    const double bw = bar_width(series);
    const double group_w = bw * static_cast<double>(series);
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const double gx = x1 + slot * static_cast<double>(g) + (slot - group_w) / 2;
        for (std::size_t s = 0; s < series; ++s) {
            const double x = gx + bw * static_cast<double>(s);
            const std::optional<double> v = value_at(p, s, g);
            if (!v) {
                out += text(x + bw / 2, zero_y - 3, "–", "font-size=\"10\" text-anchor=\"middle\" fill=\"#222\"");
                continue;
            }
            const double vy = y(*v);
            out += "<rect x=\"" + n(x + 1) + "\" y=\"" + n(std::min(vy, zero_y)) + "\" width=\"" + n(bw - 2) +
                   "\" height=\"" + n(std::fabs(zero_y - vy)) + "\" fill=\"" + xml_escape(chart.series[s].colour) +
                   "\"><title>" + xml_escape(chart.series[s].name + ", " + p.groups[g] + ": " + axis_label(*v)) +
                   "</title></rect>";
        }
        out += text(x1 + slot * (static_cast<double>(g) + 0.5), plot_top + plot_h + 14, p.groups[g],
                    "font-size=\"11\" text-anchor=\"middle\" fill=\"#333\"");
    }
    out += text(x1 + plot_w / 2, plot_top + plot_h + 32, p.x_title, "font-size=\"10\" text-anchor=\"middle\" fill=\"#555\"");
    return out + "</g>";
}

std::string grouped_legend(const GroupedBarChart& chart) {
    std::string out = "<g transform=\"translate(4,6)\">";
    double x = 0;
    for (const BarSeries& s : chart.series) {
        out += "<rect x=\"" + n(x) + "\" y=\"0\" width=\"12\" height=\"12\" fill=\"" + xml_escape(s.colour) + "\"/>";
        out += text(x + 17, 10.5, s.name, "font-size=\"12\" fill=\"#222\"");
        x += 17 + 7.0 * static_cast<double>(char_count(s.name)) + 18;  // as legend_width() counts
    }
    return out + "</g>";
}

}  // namespace

double nice_axis_max(double max) {
    if (!(max > 0) || !std::isfinite(max)) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(max)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * power >= max * (1 - 1e-12)) return step * power;
    return 10 * power;
}

std::string bar_chart_svg(const BarChart& chart) {
    const int per_row = std::max(1, chart.panels_per_row);
    const std::size_t count = chart.panels.size();
    const int cols = static_cast<int>(std::min<std::size_t>(count, static_cast<std::size_t>(per_row)));
    const int rows = static_cast<int>((count + static_cast<std::size_t>(per_row) - 1) / static_cast<std::size_t>(per_row));
    const int width = std::max(cols, 1) * panel_w, height = std::max(rows, 1) * panel_h;
    std::string desc;
    for (const BarPanel& p : chart.panels) {
        desc += p.title + ":";
        for (std::size_t i = 0; i < p.values.size(); ++i)
            desc += " " + (i < chart.groups.size() ? chart.groups[i] : std::to_string(i + 1)) + " = " +
                    (p.values[i] ? format_number(*p.values[i]) : "no value") + (i + 1 < p.values.size() ? "," : ".");
        desc += " ";
    }
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) +
                      " " + std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                      std::to_string(height) + "\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\">";
    out += "<title>" + xml_escape(chart.title) + "</title><desc>" + xml_escape(desc) + "</desc>";
    for (std::size_t i = 0; i < count; ++i) {
        const auto col = static_cast<int>(i % static_cast<std::size_t>(per_row));
        const auto row = static_cast<int>(i / static_cast<std::size_t>(per_row));
        out += panel(chart.panels[i], chart, col * panel_w, row * panel_h);
    }
    return out + "</svg>";
}

std::string grouped_bar_chart_svg(const GroupedBarChart& chart) {
    double cell_w = 0;
    for (const GroupedBarPanel& p : chart.panels)
        cell_w = std::max(cell_w, grouped_plot_left + grouped_plot_width(p, chart.series.size()) + plot_right);
    if (chart.panels.empty()) cell_w = grouped_plot_left + grouped_min_plot_w + plot_right;
    const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor(grouped_max_width / cell_w)));
    const std::size_t per_row = std::min(fit, static_cast<std::size_t>(std::max(1, chart.panels_per_row)));
    const std::size_t count = chart.panels.size();
    const std::size_t cols = std::max<std::size_t>(std::min(count, per_row), 1);
    const std::size_t rows = std::max<std::size_t>((count + per_row - 1) / per_row, 1);
    const double width = std::ceil(std::max(cell_w * static_cast<double>(cols), legend_width(chart)));
    const double height = legend_h + static_cast<double>(grouped_panel_h) * static_cast<double>(rows);
    std::string desc;
    for (const GroupedBarPanel& p : chart.panels) {
        desc += p.title + ":";
        for (std::size_t g = 0; g < p.groups.size(); ++g) {
            desc += " " + p.groups[g] + ":";
            for (std::size_t s = 0; s < chart.series.size(); ++s) {
                const std::optional<double> v = value_at(p, s, g);
                desc += " " + chart.series[s].name + " " + (v ? axis_label(*v) : "no value") +
                        (s + 1 < chart.series.size() ? "," : ";");
            }
        }
        desc += " ";
    }
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + n(width) + " " + n(height) +
                      "\" width=\"" + n(width) + "\" height=\"" + n(height) +
                      "\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\">";
    out += "<title>" + xml_escape(chart.title) + "</title><desc>" + xml_escape(desc) + "</desc>";
    out += grouped_legend(chart);
    for (std::size_t i = 0; i < count; ++i)
        out += grouped_panel(chart.panels[i], chart, cell_w * static_cast<double>(i % per_row),
                             legend_h + static_cast<double>(grouped_panel_h) * static_cast<double>(i / per_row));
    return out + "</svg>";
}

}  // namespace burdenmap::report
