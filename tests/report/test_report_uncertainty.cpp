// The report's "How sure is the ranking" section from a hand-made zones table: the counts in its
// sentences (ties at the top tenth's cut-off, a zone without a value, shares on the 0.1 and 0.9
// boundaries), the rank-interval chart as well-formed SVG, and no section without the rank columns.
#include <catch2/catch.hpp>

#include <cmath>

#include "XmlCheck.h"
#include "burdenmap/report/RankIntervalChart.h"
#include "burdenmap/report/ReportBuilder.h"
#include "burdenmap/report/ReportHtml.h"
#include "burdenmap/report/ReportUncertainty.h"
#include "support/TestValues.h"

using namespace burdenmap::report;
using namespace burdenmap::report::detail;

namespace {

using burdenmap::test::contains;

const char* const manifest = R"json({
  "tool": "burdenmap test",
  "study": {"name": "Testdorp"},
  "layers": [{"name": "no2", "unit": "µg/m³"}, {"name": "road_noise", "unit": "dB Lden"}],
  "cumulations": [{"name": "stapeling", "rule": "count_at_least", "layers": ["no2", "road_noise"]}],
  "uncertainty": {"draws": 500, "seed": 7,
    "sources": [{"kind": "layer_error", "layer": "no2", "sd_zone": 0, "sd_study": 0, "sd_rel_zone": 0.2, "sd_rel_study": 0.1},
                {"kind": "layer_error", "layer": "road_noise", "sd_zone": 2, "sd_study": 0, "sd_rel_zone": 0, "sd_rel_study": 0},
                {"kind": "percentile_options", "rules": ["ces", "ejscreen"]}],
    "measures": [{"column": "stapeling_mean", "role": "headline"}, {"column": "nl_default_score", "role": "index"}]}
})json";

const std::vector<std::string> suffixes = {"_rank", "_rank_p05", "_rank_p50", "_rank_p95", "_p_top_decile", "_rank_class"};

Cell num(std::optional<double> v) { return v ? Cell{*v} : Cell{}; }

// 12 zones. Headline: Z12 has no value (11 ranked: the top tenth is rank <= 2), Z2 and Z3 tie at
// rank 2. Z1 surely in (0.95), Z2 on the edge (0.5), Z3 rarely (0.05); outside, Z4 (0.4) and Z6
// (0.11) reach the top tenth often, Z5 sits on the boundary (0.1: not more than 10 %). Index:
// 12 ranked (top tenth: rank <= 2), Z7 (0.9: surely in) and Z8 (0.85: edge).
Table zones() {
    Table t;
    t.columns = {"zone_id", "zone_name", "stapeling_mean"};
    for (const auto& s : suffixes) t.columns.push_back("stapeling_mean" + s);
    t.columns.push_back("nl_default_score");
    for (const auto& s : suffixes) t.columns.push_back("nl_default_score" + s);
    const std::vector<std::optional<double>> rank = {1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11, std::nullopt};
    const std::vector<std::optional<double>> p = {0.95, 0.5, 0.05, 0.4, 0.1, 0.11, 0, 0, 0, 0, 0, std::nullopt};
    const std::vector<double> index_rank = {3, 4, 5, 6, 7, 8, 1, 2, 9, 10, 11, 12};
    const std::vector<double> index_p = {0.05, 0, 0, 0, 0, 0, 0.9, 0.85, 0, 0, 0, 0.2};
    for (std::size_t i = 0; i < rank.size(); ++i) {
        const std::string id = "Z" + std::to_string(i + 1);
        const auto cls = [](std::optional<double> share) -> Cell {
            if (!share) return Cell{};
            return std::string(*share >= 0.9 ? "surely in" : *share <= 0.1 ? "surely out" : "edge");
        };
        std::vector<Cell> row = {id, i == 2 ? std::string("Oud <Centrum>") : "Buurt " + id,
                                 num(rank[i] ? std::optional<double>(12.0 - *rank[i]) : std::nullopt)};
        const auto lo = rank[i] ? std::optional<double>(std::max(1.0, *rank[i] - 1)) : std::nullopt;
        const auto hi = rank[i] ? std::optional<double>(*rank[i] + 3) : std::nullopt;
        for (const Cell& c : {num(rank[i]), num(lo), num(rank[i]), num(hi), num(p[i]), cls(p[i])}) row.push_back(c);
        row.push_back(12.0 - index_rank[i]);
        for (const Cell& c : {Cell{index_rank[i]}, Cell{index_rank[i]}, Cell{index_rank[i]}, Cell{index_rank[i] + 1},
                              Cell{index_p[i]}, cls(index_p[i])})
            row.push_back(c);
        t.rows.push_back(row);
    }
    return t;
}

ReportInputs inputs(Table t) {
    ReportInputs in;
    in.manifest_json = manifest;
    in.zones = std::move(t);
    in.codebook.columns = {"layer", "column_name", "type", "meaning", "unit", "method", "source"};
    in.codebook.rows.push_back({std::string("zones"), std::string("stapeling_mean"), std::string("real"),
                                std::string("mean number of layers at their burden level"), std::string("number of layers"),
                                std::string("count_at_least"), std::string()});
    return in;
}

}  // namespace

TEST_CASE("the measures with every rank column are found", "[report][uncertainty]") {
    CHECK(ranked_measures(zones()) == std::vector<std::string>{"stapeling_mean", "nl_default_score"});
    Table t = zones();
    t.columns[3 + 5] = "stapeling_mean_rank_class_renamed";  // one column short: not a ranked measure
    CHECK(ranked_measures(t) == std::vector<std::string>{"nl_default_score"});
}

TEST_CASE("the top tenth's counts: ties at the cut-off are in, a zone without a value is not ranked",
          "[report][uncertainty]") {
    const Table t = zones();
    std::size_t cut_off = 0, ranked = 0;
    const std::vector<bool> top = top_tenth(t, "stapeling_mean", cut_off, ranked);
    CHECK(ranked == 11);
    CHECK(cut_off == 2);  // ceil(11 / 10)
    CHECK(top == std::vector<bool>{true, true, true, false, false, false, false, false, false, false, false, false});
    std::vector<std::optional<double>> p;
    for (std::size_t r = 0; r < t.rows.size(); ++r) p.push_back(t.number(r, "stapeling_mean_p_top_decile"));
    const Sureness s = count_sureness(top, p);
    CHECK(s.members == 3);
    CHECK(s.surely == 1);
    CHECK(s.edge == 1);
    CHECK(s.rarely == 1);
    CHECK(s.without_draws == 0);
    CHECK(s.outsiders_often == 2);  // 0.4 and 0.11; 0.1 is not more than 10 %
    CHECK(top_tenth_sentence(s, "stapeling", cut_off, ranked, 500) ==
          "Of the 3 neighbourhoods in the top tenth by stapeling (ranks 1 to 2 of the 11 ranked), 1 is surely in (in the "
          "top tenth in at least 90 % of the 500 draws), 1 is on the edge and 1 is in it in at most 10 % of the draws; "
          "2 neighbourhoods outside it reach the top tenth in more than 10 % of the draws.");
}

TEST_CASE("the sentences name whole sets, zones without draws and no outsiders", "[report][uncertainty]") {
    const Sureness all_in = count_sureness({true, true, false}, {0.95, 1.0, 0.0});
    CHECK(top_tenth_sentence(all_in, "noise", 2, 20, std::nullopt) ==
          "Of the 2 neighbourhoods in the top tenth by noise (ranks 1 to 2 of the 20 ranked), both are surely in (in "
          "the top tenth in at least 90 % of the draws); no neighbourhood outside it reaches the top tenth in more than "
          "10 % of the draws.");
    const Sureness one = count_sureness({true, false, false}, {std::nullopt, 0.5, 0.2});
    CHECK(one.without_draws == 1);
    CHECK(top_tenth_sentence(one, "noise", 1, 3, 100) ==
          "Of the one neighbourhood in the top tenth by noise (rank 1 of the 3 ranked), 1 has no value in any "
          "draw; 2 neighbourhoods outside it reach the top tenth in more than 10 % of the draws.");
    const Sureness flags = count_sureness({true, true, true, false}, {0.9, 0.1, 0.3, 0.6});
    CHECK(flagged_sentence(flags, "cejst_final", 500) ==
          "Of the 3 neighbourhoods the index flags (cejst_final), 1 is flagged in at least 90 % of the 500 draws, 1 is "
          "on the edge and 1 is flagged in at most 10 % of the draws; 1 neighbourhood it does not flag is flagged in "
          "more than 10 % of the draws.");
}

TEST_CASE("the report's section: sources in words, one sentence per measure, the chart", "[report][uncertainty]") {
    const ReportModel m = build_report_model(inputs(zones()), {});
    INFO(m.uncertainty_intro);
    CHECK(contains(m.uncertainty_intro, "each of the 500 draws (seed 7) of what is uncertain: input error of NO2 "
                                        "(20 % per neighbourhood and 10 % study-wide) and road noise (sd 2 dB Lden per "
                                        "neighbourhood); the fairness index's percentile rule (ces or ejscreen)."));
    CHECK(contains(m.uncertainty_intro, "Not modelled"));
    REQUIRE(m.uncertainty_facts.size() == 2);
    CHECK(contains(m.uncertainty_facts[0], "Of the 3 neighbourhoods in the top tenth by stapeling (ranks 1 to 2 of the 11"));
    CHECK(m.uncertainty_facts[1] ==
          "Of the 2 neighbourhoods in the top tenth by the fairness index nl_default_score (ranks 1 to 2 of the 12 "
          "ranked), 1 is surely in (in the top tenth in at least 90 % of the 500 draws) and 1 is on the edge; "
          "1 neighbourhood outside it reaches the top tenth in more than 10 % of the draws.");
    const std::string& svg = m.uncertainty_chart_svg;
    INFO(svg);
    CHECK(xmlcheck::problems(svg) == "");
    // 11 ranked zones (Z12 has no rank), each with a median dot; one more dot in the legend.
    CHECK(xmlcheck::count_elements(svg, "circle") == 12);
    CHECK(contains(svg, "Oud &lt;Centrum&gt;"));
    CHECK(contains(svg, "top tenth: ranks 1–2"));
    CHECK(contains(svg, "rank (1 = most burdened)"));
    CHECK(contains(m.uncertainty_chart_caption, "The 11 neighbourhoods with the best rank by stapeling"));
    const std::string html = render_report_html(m);
    CHECK(contains(html, "<h2 id=\"uncertainty\">How sure is the ranking</h2>"));
    CHECK(xmlcheck::count_elements(svg, "svg") == 1);
}

TEST_CASE("no section without the rank columns", "[report][uncertainty]") {
    Table t = zones();
    // Only the medians: a run of another kind, or a table cut down by hand.
    std::vector<std::size_t> keep;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].find("_rank") == std::string::npos || t.columns[c].find("_rank_p50") != std::string::npos)
            if (t.columns[c].find("_p_top_decile") == std::string::npos) keep.push_back(c);
    Table cut;
    for (const std::size_t c : keep) cut.columns.push_back(t.columns[c]);
    for (const auto& row : t.rows) {
        cut.rows.emplace_back();
        for (const std::size_t c : keep) cut.rows.back().push_back(row[c]);
    }
    const ReportModel m = build_report_model(inputs(cut), {});
    CHECK(m.uncertainty_intro.empty());
    CHECK(m.uncertainty_facts.empty());
    CHECK(m.uncertainty_chart_svg.empty());
    CHECK_FALSE(contains(render_report_html(m), "How sure is the ranking"));
}

TEST_CASE("the rank-interval chart: every zone a row, ranks on one axis, well-formed", "[report][uncertainty][chart]") {
    RankIntervalChart chart;
    chart.title = "ranks & <draws>";
    chart.cut_off = 9;
    chart.rows.push_back({"Vestinghof", 1, 1.0, 1.0, 2.0, "surely in"});
    chart.rows.push_back({"Spoorzicht — 'west'", 2, 1.0, 4.5, 31.0, "edge"});
    chart.rows.push_back({"BU09990101", 3, std::nullopt, std::nullopt, std::nullopt, ""});
    const std::string svg = rank_interval_chart_svg(chart);
    INFO(svg);
    CHECK(xmlcheck::problems(svg) == "");
    CHECK(xmlcheck::count_elements(svg, "circle") == 3);  // two medians and the legend's
    CHECK(xmlcheck::count_elements(svg, "g") == 4);       // a group per row and the legend's
    CHECK(contains(svg, "#b2182b"));                      // surely in
    CHECK(contains(svg, "#e08214"));                      // edge
    CHECK(contains(svg, "median 4.5, 90 % between 1 and 31"));
    CHECK(contains(svg, "BU09990101: rank 3, no rank in any draw"));
    // The axis reaches past the widest interval (31) on a round tick: 1, 5, 10, … 35.
    CHECK(contains(svg, ">35</text>"));
    CHECK_FALSE(contains(svg, ">40</text>"));
    const std::string empty = rank_interval_chart_svg(RankIntervalChart{});
    CHECK(xmlcheck::problems(empty) == "");
}
