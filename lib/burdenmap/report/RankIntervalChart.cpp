#include "burdenmap/report/RankIntervalChart.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

namespace {

// Geometry in SVG user units (pixels at 100 %).
constexpr double plot_top = 64, row_h = 20, plot_w = 520, gap = 12, right = 24, axis_h = 46;
constexpr const char* axis_colour = "#555555";

// Red for "surely in" (the burden there is certain), blue for "surely out", orange between: a
// diverging scheme that stays apart for the common colour-vision deficiencies (ColorBrewer RdBu
// ends with an orange middle).
std::string colour_of(const std::string& rank_class) {
    if (rank_class == "surely in") return "#b2182b";
    if (rank_class == "edge") return "#e08214";
    if (rank_class == "surely out") return "#2166ac";
    return "#777777";
}

std::string n(double v) { return xml_number(std::round(v * 10) / 10); }

std::string line(double x1, double y1, double x2, double y2, const std::string& attrs) {
    return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" " + attrs + "/>";
}

std::string text(double x, double y, const std::string& content, const std::string& attrs) {
    return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" " + attrs + ">" + xml_escape(content) + "</text>";
}

// A rank as people read it: whole ranks without decimals ("12"), medians of two as "12.5".
std::string rank_text(double r) { return format_number(r, 6); }

// The tick step: the smallest 1, 2 or 5 × 10^k that puts at most 8 ticks on the axis; ranks are
// whole numbers, so never a step of 2.5.
double tick_step(double axis_span) {
    for (double power = 1;; power *= 10)
        for (const double step : {1.0, 2.0, 5.0})
            if (axis_span / (step * power) <= 8) return step * power;
}

// Label column width: about 6.5 px a byte at 11 px. Bytes over-count a name with accents by a
// little, which only leaves some room; kept between a short id and a long name.
double label_width(const std::vector<RankInterval>& rows) {
    std::size_t longest = 0;
    for (const RankInterval& r : rows) longest = std::max(longest, r.label.size());
    return std::clamp(6.5 * static_cast<double>(longest) + 8, 80.0, 320.0);
}

std::string legend() {
    std::string out = "<g font-size=\"11\" fill=\"#333\">";
    double x = 4;
    for (const auto& [cls, words] : {std::pair<const char*, const char*>{"surely in", "surely in (≥ 90 % of draws)"},
                                     {"edge", "on the edge"},
                                     {"surely out", "surely out (≤ 10 % of draws)"}}) {
        out += "<rect x=\"" + n(x) + "\" y=\"8\" width=\"12\" height=\"12\" fill=\"" + colour_of(cls) + "\"/>";
        out += text(x + 17, 18, words, "");
        x += 17 + 6.2 * static_cast<double>(std::string(words).size()) + 14;
    }
    // The marks, on a second row: interval line with its median dot, the point result's tick.
    out += line(4, 32, 26, 32, "stroke=\"#777\" stroke-width=\"3\"");
    out += "<circle cx=\"15\" cy=\"32\" r=\"4\" fill=\"#777\" stroke=\"#fff\"/>";
    out += text(31, 36, "rank over the draws: 5th to 95th percentile, dot at the median", "");
    out += line(450, 26, 450, 38, "stroke=\"#000\" stroke-width=\"2\"");
    out += text(456, 36, "rank of the point result", "");
    return out + "</g>";
}

}  // namespace

std::string rank_interval_chart_svg(const RankIntervalChart& chart) {
    // The axis covers every rank drawn and the cut-off, from 1 on the left.
    double highest = std::max(2.0, chart.cut_off + 1);
    for (const RankInterval& r : chart.rows)
        for (const std::optional<double>& v : {std::optional<double>(r.rank), r.p05, r.p50, r.p95})
            if (v && std::isfinite(*v)) highest = std::max(highest, *v);
    const double step = tick_step(highest - 1);
    const double axis_max = std::max(2.0, std::ceil(highest / step) * step);
    const double left = label_width(chart.rows) + gap;
    const auto x = [&](double rank) { return left + (rank - 1) / (axis_max - 1) * plot_w; };
    const double rows_h = row_h * static_cast<double>(chart.rows.size());
    const double axis_y = plot_top + rows_h + 4;
    const double width = std::max(left + plot_w + right, 760.0), height = axis_y + axis_h;

    std::string desc;
    std::string body;
    for (std::size_t i = 0; i < chart.rows.size(); ++i) {
        const RankInterval& r = chart.rows[i];
        const double y = plot_top + row_h * (static_cast<double>(i) + 0.5);
        const std::string colour = colour_of(r.rank_class);
        std::string words = r.label + ": rank " + rank_text(r.rank);
        if (r.p50 && r.p05 && r.p95)
            words += ", over the draws median " + rank_text(*r.p50) + ", 90 % between " + rank_text(*r.p05) + " and " +
                     rank_text(*r.p95);
        else
            words += ", no rank in any draw";
        if (!r.rank_class.empty()) words += ", " + r.rank_class;
        desc += words + "; ";
        body += "<g><title>" + xml_escape(words) + "</title>";
        if (i % 2 == 0)
            body += "<rect x=\"0\" y=\"" + n(y - row_h / 2) + "\" width=\"" + n(width) + "\" height=\"" + n(row_h) +
                    "\" fill=\"#f4f4f4\"/>";
        body += text(left - gap, y + 4, r.label, "font-size=\"11\" text-anchor=\"end\" fill=\"#222\"");
        if (r.p05 && r.p95)
            body += line(x(*r.p05), y, x(*r.p95), y, "stroke=\"" + colour + "\" stroke-width=\"3\" stroke-linecap=\"round\"");
        if (r.p50)
            body += "<circle cx=\"" + n(x(*r.p50)) + "\" cy=\"" + n(y) + "\" r=\"4\" fill=\"" + colour + "\" stroke=\"#fff\"/>";
        body += line(x(r.rank), y - 6, x(r.rank), y + 6, "stroke=\"#000\" stroke-width=\"2\"");
        body += "</g>";
    }

    std::string axis = line(x(1), axis_y, x(axis_max), axis_y, std::string("stroke=\"") + axis_colour + "\"");
    for (double t = 1; t <= axis_max + 1e-9; t = (t == 1 && step > 1) ? step : t + step) {
        axis += line(x(t), axis_y, x(t), axis_y + 4, std::string("stroke=\"") + axis_colour + "\"");
        axis += text(x(t), axis_y + 16, rank_text(t), "font-size=\"10\" text-anchor=\"middle\" fill=\"#555\"");
    }
    axis += text(x(1) + plot_w / 2, axis_y + 34, "rank (1 = most burdened)",
                 "font-size=\"11\" text-anchor=\"middle\" fill=\"#555\"");
    if (chart.cut_off > 0) {
        const double cx = x(chart.cut_off + 0.5);
        axis += line(cx, plot_top - 6, cx, axis_y, "stroke=\"#222\" stroke-dasharray=\"4,3\"");
        axis += text(cx + 4, plot_top - 8, "top tenth: ranks 1–" + rank_text(chart.cut_off), "font-size=\"10\" fill=\"#222\"");
        desc = "The top tenth holds ranks 1 to " + rank_text(chart.cut_off) + ". " + desc;
    }

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + n(width) + " " +
                      n(height) + "\" width=\"" + n(width) + "\" height=\"" + n(height) +
                      "\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\">";
    out += "<title>" + xml_escape(chart.title) + "</title><desc>" + xml_escape(desc) + "</desc>";
    out += legend() + body + axis;
    return out + "</svg>";
}

}  // namespace burdenmap::report
