#include "burdenmap/report/ReportIncome.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/ReportText.h"
#include "burdenmap/report/SvgChart.h"

namespace burdenmap::report::detail {

namespace {

constexpr std::size_t max_chart_panels = 6;

// The income-group rows of one grouping ("quintile" preferred), lowest income first. Groups of
// equal numbers of zones (income_groups = "zones") say so: "quintile of zones".
std::vector<std::size_t> group_rows(const Table& groups, std::string& grouping) {
    std::vector<std::size_t> rows;
    for (const char* wanted : {"quintile", "quintile of zones", "decile", "decile of zones"}) {
        for (std::size_t r = 0; r < groups.rows.size(); ++r)
            if (groups.text(r, "grouping") == wanted) rows.push_back(r);
        if (!rows.empty()) {
            grouping = wanted;
            break;
        }
    }
    if (rows.empty())
        for (std::size_t r = 0; r < groups.rows.size(); ++r) rows.push_back(r);
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        return groups.number(a, "group_no").value_or(0) < groups.number(b, "group_no").value_or(0);
    });
    return rows;
}

// Burden columns of income_groups: every column after income_max (the table's contract).
std::vector<std::string> burden_columns(const Table& groups) {
    const auto at = groups.column("income_max");
    if (!at) return {};
    return std::vector<std::string>(groups.columns.begin() + static_cast<std::ptrdiff_t>(*at) + 1, groups.columns.end());
}

// The zones column an income_groups burden column averages: the same name ("stapeling_mean"),
// or the name with "_mean" appended ("stapeling_mean_mean").
std::string zone_column_of(const std::string& burden, const Table& zones) {
    return zones.has(burden) ? burden : without_mean(burden);
}

// A burden's name for a chart panel or a sentence: "stapeling", "road noise", "NO2".
std::string burden_title(const std::string& zone_column, const Titles& titles) {
    return display_name(without_mean(zone_column), titles);
}

// A value in a sentence: "1.62 burdens" for a count, else the number and its unit.
std::string amount(double v, bool count, const std::string& unit) {
    if (count) return format_fixed(v, 2) + (format_fixed(v, 2) == "1" ? " burden" : " burdens");
    return format_number(v) + (unit.empty() ? "" : " " + unit);
}

std::string fifth_word(const std::string& grouping) { return grouping.rfind("decile", 0) == 0 ? "tenth" : "fifth"; }

bool of_zones(const std::string& grouping) { return grouping.find(" of zones") != std::string::npos; }

}  // namespace

std::string add_income_chart(ReportModel& m, const Table& zones, const Table& codebook,
                             const std::optional<Table>& groups, const std::optional<HeadlineBurden>& headline,
                             const Titles& titles) {
    m.chart_title = "Who carries the burden: by income";
    if (!groups || groups->rows.empty()) {
        m.chart_note = "This output has no income groups (burden.gpkg has no income_groups table: it was written by an "
                       "older burdenmap, or the zones have no income field), so the report cannot compare income "
                       "groups. Run the job again with an income field to get this chart.";
        return "This output has no income groups, so it cannot say whether low-income residents carry more.";
    }
    const Table& g = *groups;
    std::string grouping = "quintile";
    const std::vector<std::size_t> rows = group_rows(g, grouping);
    std::vector<std::string> burdens = burden_columns(g);
    // The headline first, then the others in the table's order.
    if (headline) {
        auto it = std::find_if(burdens.begin(), burdens.end(), [&](const std::string& b) {
            return b == headline->column || b == headline->column + "_mean";
        });
        if (it != burdens.end()) std::rotate(burdens.begin(), it, it + 1);
    }
    BarChart chart;
    chart.title = "Average burden per income group";
    const std::string indicator = rows.empty() ? "" : g.text(rows.front(), "income_indicator");
    chart.x_title = "income group: 1 = lowest income";
    for (const std::size_t r : rows) chart.groups.push_back(g.text(r, "group_no"));
    for (const std::string& b : burdens) {
        if (chart.panels.size() == max_chart_panels) break;
        const std::string zc = zone_column_of(b, zones);
        BarPanel p;
        p.title = burden_title(zc, titles);
        p.unit = codebook_text(codebook, "income_groups", b, "unit");
        if (p.unit.empty()) p.unit = codebook_text(codebook, "zones", zc, "unit");
        for (const std::size_t r : rows) p.values.push_back(g.number(r, b));
        chart.panels.push_back(p);
    }
    m.chart_svg = bar_chart_svg(chart);
    m.chart_caption = (of_zones(grouping) ? "Neighbourhoods are split into " : "Residents are split into ") + std::to_string(rows.size()) +
                      " groups of equal size (" + (of_zones(grouping) ? fifth_word(grouping) + "s of neighbourhoods" : grouping + "s") +
                      "), from the lowest income (1) to the highest (" + std::to_string(rows.size()) + "), by " + zones_column_title(codebook, indicator) +
                      (of_zones(grouping) ? ". Each bar is the average burden of a group's neighbourhoods, each counting once "
                                            "(income_groups = \"zones\"): residents are not counted. Each burden has its own scale."
                                          : ". Each bar is the average burden of a group's residents (neighbourhood averages weighted by "
                                            "their residents). Each burden has its own scale.");
    if (burdens.size() > max_chart_panels)
        m.chart_note = "The income_groups table of burden.gpkg holds " + std::to_string(burdens.size() - max_chart_panels) +
                       (burdens.size() - max_chart_panels == 1 ? " more burden" : " more burdens") + " than shown here.";
    if (burdens.empty() || rows.size() < 2) return "";
    const std::optional<double> low = g.number(rows.front(), burdens.front());
    const std::optional<double> high = g.number(rows.back(), burdens.front());
    if (!low || !high) return "";
    const std::string zc = zone_column_of(burdens.front(), zones);
    const bool is_headline = headline && zc == headline->column;
    const bool count = is_headline && headline->count;
    const std::string unit = is_headline ? headline->unit : "";
    const std::string what = count ? "" : " (" + burden_title(zc, titles) + ")";
    std::string sentence = "The " + fifth_word(grouping) + (of_zones(grouping) ? " of neighbourhoods with the lowest incomes has on average "
                                                                                           : " of residents with the lowest incomes lives on average with ") +
                           amount(*low, count, unit) + what + ", the highest-income " + fifth_word(grouping) + " with " +
                           amount(*high, count, unit);
    const double ratio = *high > 0 ? *low / *high : INFINITY;
    if (ratio > 10) return sentence + ": more than ten times as much.";
    if (ratio >= 1.1) return sentence + ": " + format_number(ratio, 2) + " times as much.";
    if (ratio <= 0.9) return sentence + ": less than the highest-income group.";
    return sentence + ": about the same.";
}


}  // namespace burdenmap::report::detail
