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

}  // namespace burdenmap::report
