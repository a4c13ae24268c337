#include "burdenmap/report/ReportUncertainty.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/RankIntervalChart.h"
#include "burdenmap/report/ReportStudy.h"

namespace burdenmap::report::detail {

namespace {

constexpr std::size_t chart_rows = 20;
// The rank columns every ranked measure M has (M itself aside), README "Uncertainty".
const char* const rank_suffixes[] = {"_rank", "_rank_p05", "_rank_p50", "_rank_p95", "_p_top_decile", "_rank_class"};

std::string zone_label(const Table& zones, std::size_t row) {
    const std::string name = zones.text(row, "zone_name");
    return name.empty() ? zones.text(row, "zone_id") : name;
}

std::string draws_words(std::optional<long long> draws) {
    return draws ? "the " + std::to_string(*draws) + " draws" : "the draws";
}

// "1 is", "3 are".
std::string count_is(std::size_t n) { return std::to_string(n) + (n == 1 ? " is" : " are"); }

// "3 are surely in (…), 2 are on the edge and 1 is …": the non-empty parts of a set, each with its
// count; "all 6 are …" ("both are …") when one part holds the whole set.
std::string set_parts(const Sureness& s, const std::string& surely, const std::string& edge, const std::string& rarely) {
    std::vector<std::string> parts;
    const std::size_t with_draws = s.surely + s.edge + s.rarely;
    for (const auto& [count, words] : {std::pair<std::size_t, const std::string*>{s.surely, &surely},
                                       {s.edge, &edge},
                                       {s.rarely, &rarely}}) {
        if (count == 0) continue;
        const bool whole = count == s.members && count > 1;
        const std::string all = count == 2 ? "both are" : "all " + std::to_string(count) + " are";
        parts.push_back((whole ? all : count_is(count)) + " " + *words);
    }
    if (s.without_draws > 0)
        parts.push_back(std::to_string(s.without_draws) + (s.without_draws == 1 ? " has" : " have") +
                        " no value in any draw");
    if (with_draws == 0 && s.without_draws == 0) return "";
    return word_list(parts);
}

// "; 4 neighbourhoods outside it reach the top tenth in more than 10 % of the draws".
std::string outsiders(std::size_t n, const std::string& who, const std::string& singular, const std::string& plural) {
    if (n == 0) return "no neighbourhood " + who + " " + singular;
    return std::to_string(n) + (n == 1 ? " neighbourhood " + who + " " + singular : " neighbourhoods " + who + " " + plural);
}

// The sources of run.json's "uncertainty" in words: "input error of road noise (sd 2 dB Lden per
// neighbourhood), …".
std::vector<std::string> source_words(const json& uncertainty, const json& manifest, const Titles& titles) {
    std::map<std::string, std::string> units;
    for (const json& layer : manifest.value("layers", json::array())) units[str(layer, "name")] = str(layer, "unit");
    const auto number = [](const json& j, const char* key) {
        return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
    };
    std::vector<std::string> errors, others;
    for (const json& s : uncertainty.value("sources", json::array())) {
        const std::string kind = str(s, "kind");
        if (kind == "layer_error") {
            const std::string layer = str(s, "layer");
            const std::string unit = units[layer].empty() ? "" : " " + units[layer];
            std::vector<std::string> parts;
            if (const double v = number(s, "sd_zone"); v > 0) parts.push_back("sd " + format_number(v) + unit + " per neighbourhood");
            if (const double v = number(s, "sd_study"); v > 0) parts.push_back("sd " + format_number(v) + unit + " study-wide");
            if (const double v = number(s, "sd_rel_zone"); v > 0) parts.push_back(format_number(100 * v) + " % per neighbourhood");
            if (const double v = number(s, "sd_rel_study"); v > 0) parts.push_back(format_number(100 * v) + " % study-wide");
            errors.push_back(display_name(layer, titles) + " (" + word_list(parts) + ")");
        } else if (kind == "at_least_options") {
            std::vector<std::string> levels;
            for (const json& o : s.value("options", json::array()))
                if (o.is_number()) levels.push_back(format_number(o.get<double>()));
            others.push_back("the burden level of " + display_name(str(s, "cumulation"), titles) + " (one of " +
                             word_list(levels, "or") + " for every layer)");
        } else if (kind == "weights_range") {
            others.push_back("the weight of " + display_name(str(s, "layer"), titles) + " in " +
                             display_name(str(s, "cumulation"), titles) + " (log-uniform from " +
                             format_number(number(s, "low")) + " to " + format_number(number(s, "high")) + ")");
        } else if (kind == "percentile_options") {
            std::vector<std::string> rules;
            for (const json& r : s.value("rules", json::array()))
                if (r.is_string()) rules.push_back(r.get<std::string>());
            others.push_back("the fairness index's percentile rule (" + word_list(rules, "or") + ")");
        } else if (kind == "relative_risk") {
            others.push_back("the relative risk of " + display_name(str(s, "outcome"), titles) + " (" +
                             format_number(number(s, "rr")) + ", 95 % CI " + format_number(number(s, "rr_low")) +
                             " to " + format_number(number(s, "rr_high")) + ")");
        }
    }
    if (!errors.empty()) others.insert(others.begin(), "input error of " + word_list(errors));
    return others;
}

// The measure whose chart is drawn, and the fairness index measures, by run.json's roles when it
// gives them, else the report's headline column.
struct Roles {
    std::string headline;
    std::vector<std::string> indices;
};

Roles roles_of(const std::vector<std::string>& measures, const json& uncertainty, const std::string& headline_column) {
    Roles r;
    const auto ranked = [&](const std::string& c) { return std::find(measures.begin(), measures.end(), c) != measures.end(); };
    for (const json& m : uncertainty.value("measures", json::array())) {
        const std::string column = str(m, "column");
        if (!ranked(column)) continue;
        if (str(m, "role") == "headline" && r.headline.empty()) r.headline = column;
        if (str(m, "role") == "index") r.indices.push_back(column);
    }
    if (r.headline.empty() && ranked(headline_column)) r.headline = headline_column;
    if (r.headline.empty() && r.indices.empty()) r.headline = measures.front();
    if (uncertainty.value("measures", json::array()).empty())
        for (const std::string& m : measures)
            if (m != r.headline) r.indices.push_back(m);
    return r;
}

std::vector<std::optional<double>> shares(const Table& zones, const std::string& column) {
    std::vector<std::optional<double>> out;
    for (std::size_t r = 0; r < zones.rows.size(); ++r) out.push_back(zones.number(r, column));
    return out;
}

std::string chart_of(const Table& zones, const std::string& measure, const std::string& words, std::size_t cut_off,
                     std::size_t& shown) {
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (zones.number(r, measure + "_rank")) rows.push_back(r);
    // Best rank first; tied zones keep the table's order.
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        return *zones.number(a, measure + "_rank") < *zones.number(b, measure + "_rank");
    });
    if (rows.size() > chart_rows) rows.resize(chart_rows);
    shown = rows.size();
    RankIntervalChart chart;
    chart.title = "Rank over the draws of the " + std::to_string(rows.size()) + " most burdened neighbourhoods by " + words;
    chart.cut_off = static_cast<double>(cut_off);
    for (const std::size_t r : rows)
        chart.rows.push_back({zone_label(zones, r), *zones.number(r, measure + "_rank"), zones.number(r, measure + "_rank_p05"),
                              zones.number(r, measure + "_rank_p50"), zones.number(r, measure + "_rank_p95"),
                              zones.text(r, measure + "_rank_class")});
    return rank_interval_chart_svg(chart);
}

}  // namespace

std::vector<std::string> ranked_measures(const Table& zones) {
    std::vector<std::string> out;
    for (const std::string& c : zones.columns)
        if (std::all_of(std::begin(rank_suffixes), std::end(rank_suffixes), [&](const char* s) { return zones.has(c + s); }))
            out.push_back(c);
    return out;
}

Sureness count_sureness(const std::vector<bool>& member, const std::vector<std::optional<double>>& p) {
    Sureness s;
    for (std::size_t i = 0; i < member.size(); ++i) {
        const std::optional<double> share = i < p.size() ? p[i] : std::nullopt;
        if (!member[i]) {
            if (share && *share > 0.1) ++s.outsiders_often;
            continue;
        }
        ++s.members;
        if (!share) ++s.without_draws;
        else if (*share >= 0.9) ++s.surely;
        else if (*share <= 0.1) ++s.rarely;
        else ++s.edge;
    }
    return s;
}

std::vector<bool> top_tenth(const Table& zones, const std::string& measure, std::size_t& cut_off, std::size_t& ranked) {
    const std::string column = measure + "_rank";
    ranked = 0;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (zones.number(r, column)) ++ranked;
    cut_off = (ranked + 9) / 10;
    std::vector<bool> out;
    for (std::size_t r = 0; r < zones.rows.size(); ++r) {
        const std::optional<double> rank = zones.number(r, column);
        out.push_back(rank && *rank <= static_cast<double>(cut_off));
    }
    return out;
}

std::string top_tenth_sentence(const Sureness& s, const std::string& measure_words, std::size_t cut_off,
                               std::size_t ranked, std::optional<long long> draws) {
    if (ranked == 0) return "No neighbourhood has a rank by " + measure_words + ".";
    const std::string parts =
        set_parts(s, "surely in (in the top tenth in at least 90 % of " + draws_words(draws) + ")", "on the edge",
                  "in it in at most 10 % of the draws");
    return "Of the " + (s.members == 1 ? std::string("one neighbourhood") : std::to_string(s.members) + " neighbourhoods") +
           " in the top tenth by " + measure_words + " (" + (cut_off == 1 ? std::string("rank 1") : "ranks 1 to " + std::to_string(cut_off)) + " of the " +
           std::to_string(ranked) + " ranked), " + parts + "; " +
           outsiders(s.outsiders_often, "outside it", "reaches the top tenth in more than 10 % of the draws",
                     "reach the top tenth in more than 10 % of the draws") +
           ".";
}

std::string flagged_sentence(const Sureness& s, const std::string& flag_column, std::optional<long long> draws) {
    const std::string others = outsiders(s.outsiders_often, "it does not flag", "is flagged in more than 10 % of the draws",
                                         "are flagged in more than 10 % of the draws");
    if (s.members == 0) return "The index flags no neighbourhood (" + flag_column + "); " + others + ".";
    const std::string parts = set_parts(s, "flagged in at least 90 % of " + draws_words(draws), "on the edge",
                                        "flagged in at most 10 % of the draws");
    return "Of the " + (s.members == 1 ? std::string("one neighbourhood") : std::to_string(s.members) + " neighbourhoods") +
           " the index flags (" + flag_column + "), " + parts + "; " + others + ".";
}

void add_uncertainty_section(ReportModel& m, const json& manifest, const Table& zones, const std::string& headline_column,
                             const Titles& titles) {
    const std::vector<std::string> measures = ranked_measures(zones);
    if (measures.empty()) return;
    const json uncertainty = manifest.contains("uncertainty") && manifest["uncertainty"].is_object() ? manifest["uncertainty"]
                                                                                                      : json::object();
    std::optional<long long> draws;
    if (uncertainty.contains("draws") && uncertainty["draws"].is_number_integer()) draws = uncertainty["draws"].get<long long>();
    const Roles roles = roles_of(measures, uncertainty, headline_column);

    std::string intro = "Each neighbourhood was ranked again in each of " + draws_words(draws);
    if (uncertainty.contains("seed") && uncertainty["seed"].is_number_integer())
        intro += " (seed " + std::to_string(uncertainty["seed"].get<unsigned long long>()) + ")";
    const std::vector<std::string> sources = source_words(uncertainty, manifest, titles);
    std::string listed;
    for (const std::string& source : sources) listed += (listed.empty() ? "" : "; ") + source;
    intro += sources.empty() ? "." : " of what is uncertain: " + listed + ".";
    intro += " Rank 1 is the most burdened. A neighbourhood is surely in the top tenth when it is there in at least "
             "90 % of the draws, surely out when in at most 10 %, and on the edge between. Not modelled: error that "
             "is correlated in space within a neighbourhood (the draws shift a whole neighbourhood together), "
             "correlation between layers, the model's structure, the zone boundaries and the population counts.";
    m.uncertainty_intro = intro;

    const auto add_measure = [&](const std::string& measure, const std::string& words) {
        std::size_t cut_off = 0, ranked = 0;
        const std::vector<bool> top = top_tenth(zones, measure, cut_off, ranked);
        m.uncertainty_facts.push_back(
            top_tenth_sentence(count_sureness(top, shares(zones, measure + "_p_top_decile")), words, cut_off, ranked, draws));
        return cut_off;
    };
    if (!roles.headline.empty()) {
        const std::string words = display_name(without_mean(roles.headline), titles);
        const std::size_t cut_off = add_measure(roles.headline, words);
        std::size_t shown = 0;
        m.uncertainty_chart_svg = chart_of(zones, roles.headline, words, cut_off, shown);
        m.uncertainty_chart_caption =
            "The " + std::to_string(shown) + " neighbourhoods with the best rank by " + words + " (" + roles.headline +
            "_rank), one per row: the line spans the 5th to 95th percentile of the neighbourhood's rank over " +
            draws_words(draws) + ", the dot is the median, the black mark the rank of the point result; the dashed line "
            "is the top tenth's cut-off (rank " + std::to_string(cut_off) + "). Colour: surely in the top tenth, on the "
            "edge, or surely out (" + roles.headline + "_rank_class).";
    }
    for (const std::string& index : roles.indices) add_measure(index, "the fairness index " + index);

    if (zones.has("cejst_final") && zones.has("cejst_final_p_flagged")) {
        std::vector<bool> flagged;
        for (std::size_t r = 0; r < zones.rows.size(); ++r) flagged.push_back(zones.number(r, "cejst_final").value_or(0) == 1);
        m.uncertainty_facts.push_back(
            flagged_sentence(count_sureness(flagged, shares(zones, "cejst_final_p_flagged")), "cejst_final", draws));
    }
}

}  // namespace burdenmap::report::detail
