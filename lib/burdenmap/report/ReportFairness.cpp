#include "burdenmap/report/ReportFairness.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"

namespace burdenmap::report::detail {

namespace {

constexpr std::size_t top_by_index = 5;

// "−0.21 (95 % confidence interval −0.3 to −0.12)": value ± 1.96 standard errors.
std::string with_interval(double value, const json& measure) {
    std::string out = format_number(value, 2);
    if (measure.contains("standard_error") && measure["standard_error"].is_number()) {
        const double se = measure["standard_error"].get<double>();
        out += " (95 % confidence interval " + format_number(value - 1.96 * se, 2) + " to " +
               format_number(value + 1.96 * se, 2) + ")";
    }
    // [uncertainty]: the spread over the draws of the declared errors and choices, which the
    // standard error (sampling of zones) does not hold.
    if (measure.contains("p05") && measure["p05"].is_number() && measure.contains("p95") && measure["p95"].is_number())
        out += "; over the uncertainty draws, 90 % between " + format_number(measure["p05"].get<double>(), 2) + " and " +
               format_number(measure["p95"].get<double>(), 2);
    return out;
}

void add_concentration_index(ReportModel& m, const json& fairness, const Titles& titles) {
    const std::string headline = str(fairness, "headline_burden");
    for (const json& measure : fairness.value("measures", json::array())) {
        if (str(measure, "measure") != "concentration_index" || !measure.contains("value") || !measure["value"].is_number())
            continue;
        if (!headline.empty() && str(measure, "burden") != headline) continue;
        const double v = measure["value"].get<double>();
        m.fairness_facts.push_back("Concentration index of " + display_name(without_mean(str(measure, "burden")), titles) +
                                   " by income: " + with_interval(v, measure) +
                                   ". Negative: the burden is concentrated among lower incomes; positive: among higher "
                                   "incomes; 0: spread evenly.");
        return;
    }
}

void add_index_ranking(ReportModel& m, const std::string& preset, const Table& zones) {
    const std::string column = index_column(preset, zones);
    if (column.empty()) return;
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (zones.number(r, column)) rows.push_back(r);
    // Highest first; ties keep the zones' order, as the map's ranking does.
    std::stable_sort(rows.begin(), rows.end(),
                     [&](std::size_t a, std::size_t b) { return *zones.number(a, column) > *zones.number(b, column); });
    if (rows.size() > top_by_index) rows.resize(top_by_index);
    m.fairness_top.headers = {"#", "Neighbourhood", column, "Reasons"};
    m.fairness_top.numeric = {true, false, true, false};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t r = rows[i];
        const std::string name = zones.text(r, "zone_name");
        m.fairness_top.rows.push_back({std::to_string(i + 1),
                                       zone_label_with_id(zones, r),
                                       format_number(*zones.number(r, column)), zones.text(r, "reasons")});
    }
}

}  // namespace

std::string index_column(const std::string& preset, const Table& zones) {
    if (preset.empty() || preset == "none") return "";
    for (const std::string& c : {preset + "_score", std::string("count_high"), std::string("cejst_categories")})
        if (zones.has(c)) return c;
    for (const std::string& c : zones.columns)
        if (c.rfind("ej_", 0) == 0 && c.size() > 7 && c.compare(c.size() - 4, 4, "_pct") == 0) return c;
    return "";
}

void add_fairness_section(ReportModel& m, const json& manifest, const Table& zones, const Titles& titles) {
    if (!manifest.contains("fairness") || !manifest["fairness"].is_object()) return;
    const json& fairness = manifest["fairness"];
    const std::string preset = str(fairness, "index");
    m.fairness_intro = "Who carries the burden, by income (" + display_name(str(fairness, "income"), titles) + ")" +
                       (preset.empty() || preset == "none" ? std::string(".")
                                                           : std::string("; the composite index is the preset ") + preset +
                                                                 (index_column(preset, zones).empty()
                                                                      ? "."
                                                                      : ", and the table lists the neighbourhoods it ranks "
                                                                        "highest, with their reasons."));
    add_concentration_index(m, fairness, titles);
    add_index_ranking(m, preset, zones);
}

}  // namespace burdenmap::report::detail
