// The report's content from hand-made outputs: the answer names the most burdened zone and
// compares the income groups; the chart is left out (and the report says so) without the
// income_groups table; placeholders, warnings and provenance reach the page; the page fetches
// nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

#include "burdenmap/report/ReportBuilder.h"
#include "burdenmap/report/ReportHtml.h"
#include "support/TestValues.h"

using namespace burdenmap::report;

namespace {

using burdenmap::test::contains;

const char* const manifest = R"json({
  "tool": "burdenmap 0.1.0",
  "versions": {"gdal": "GDAL 3.6.2", "proj": "PROJ 9.1.1", "geos": "GEOS 3.11.1"},
  "config": {"path": "/data/job.toml", "sha256": "abc123"},
  "study": {"name": "Testdorp", "crs": "EPSG:28992"},
  "grid": {"cols": 4, "rows": 3, "cell_size": 10.0},
  "zones": {"input": {"path": "/data/zones.gpkg", "bytes": 2048, "sha256": "def456"}, "count": 3},
  "layers": [
    {"name": "road_noise", "unit": "dB Lden", "input": {"path": "/data/road.tif", "bytes": 1500000},
     "method": {"id": "ges.road_noise", "title": "GES road noise", "provenance": {"source": "Handboek GES",
       "edition": "2012", "url": "https://example.org/ges", "confidence": "placeholder"},
       "bins": [{"label": "zeer goed", "confidence": "placeholder", "cells": 7, "score": 0, "upper": 45},
                {"label": "onvoldoende", "confidence": "verified", "cells": 5, "score": 6, "lower": 65}]}},
    {"name": "no2", "unit": "µg/m³",
     "method": {"id": "air.no2_ladder", "title": "NO2 ladder", "provenance": {"source": "WHO", "confidence": "verified"},
       "bins": [{"label": "at or above EU 2030 limit (20 µg/m³)", "confidence": "verified", "cells": 12, "score": 2,
                 "lower": 20}]}}
  ],
  "cumulations": [{"name": "stapeling", "rule": "count_at_least", "layers": ["road_noise", "no2"], "at_least": [6, 2]}],
  "warnings": [{"code": "method-placeholder", "message": "layer 'road_noise' has placeholder rows"}],
  "timings_seconds": {"pipeline": 0.5, "total": 1.25},
  "threads": 2
})json";

Table zones() {
    Table t;
    t.columns = {"zone_id", "zone_name", "mean_income", "residents", "road_noise_mean", "road_noise_score_share_ge6",
                 "road_noise_pop_ge6", "no2_score_share_ge2", "stapeling_mean", "stapeling_pop_ge2"};
    t.rows = {{std::string("Z1"), std::string("Oud <Centrum>"), 19.5, 1000.0, 66.0, 0.8, 800.0, 1.0, 1.8, 800.0},
              {std::string("Z2"), std::string("Nieuwbouw"), 30.0, 3000.0, 48.0, 0.0, 0.0, 0.5, 0.5, 0.0},
              {std::string("Z3"), std::string("Park"), Cell{}, 0.0, 44.0, 0.0, 0.0, 0.0, 0.0, 0.0}};
    return t;
}

Table codebook() {
    Table t;
    t.columns = {"layer", "column_name", "type", "meaning", "unit", "method", "source"};
    const auto row = [&](const std::string& col, const std::string& meaning, const std::string& unit,
                         const std::string& method) {
        t.rows.push_back({std::string("zones"), col, std::string("real"), meaning, unit, method, std::string()});
    };
    row("mean_income", "income indicator (from field inkomen)", "", "");
    row("road_noise_score_mean", "mean GES class", "class", "ges.road_noise");
    row("stapeling_mean", "mean number of layers at or above their burden level", "number of layers", "count_at_least");
    return t;
}

Table income_groups() {
    Table t;
    t.columns = {"fid", "grouping", "income_indicator", "group_no", "zones", "residents", "income_min", "income_max",
                 "stapeling_mean", "road_noise_mean"};
    t.rows = {{1LL, std::string("quintile"), std::string("mean_income"), 1LL, 1LL, 1000.0, 19.5, 19.5, 1.8, 66.0},
              {2LL, std::string("quintile"), std::string("mean_income"), 2LL, 1LL, 3000.0, 30.0, 30.0, 0.5, 48.0},
              {3LL, std::string("decile"), std::string("mean_income"), 1LL, 1LL, 1000.0, 19.5, 19.5, 1.8, 66.0}};
    return t;
}

ReportInputs inputs() {
    ReportInputs in;
    in.manifest_json = manifest;
    in.zones = zones();
    in.codebook = codebook();
    // Columns the codebook does not list still come through (empty texts).
    in.map_png_base64 = "iVBORw0KGgo=";
    in.map_legend = "stapeling (number of layers)";
    in.output_dir = "/out";
    return in;
}

}  // namespace

TEST_CASE("the most burdened zones are ranked by the headline statistic", "[report][builder]") {
    const ReportInputs in = inputs();
    const auto columns = zone_column_info(in.zones, in.codebook);
    CHECK(columns[8].method == "count_at_least");
    CHECK(columns[0].method.empty());
    CHECK(most_burdened(in.zones, columns, 10) == std::vector<std::size_t>{0, 1, 2});
    CHECK(most_burdened(in.zones, columns, 2) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("the answer names the most burdened zone and compares income groups", "[report][builder]") {
    ReportInputs in = inputs();
    in.income_groups = income_groups();
    const ReportModel m = build_report_model(in, {0, 1});
    CHECK(m.study == "Testdorp");
    INFO(m.answer);
    CHECK(contains(m.answer, "Burdens pile up most in Oud <Centrum>: there, on average 1.8 of the 2 burdens"));
    CHECK(contains(m.answer, "against 0.5 in the typical neighbourhood"));  // median of 1.8, 0.5, 0
    // Quintiles (not the decile rows): 1.8 against 0.5 → 3.6 times.
    CHECK(contains(m.answer, "lowest incomes lives on average with 1.8 burdens, the highest-income fifth with 0.5 burdens"));
    CHECK(contains(m.answer, "3.6 times as much"));
    CHECK(contains(m.key_facts[0], "3 neighbourhoods with 4,000 residents"));
    CHECK(contains(m.key_facts[1], "800 residents (20%) live where at least two burdens"));
    CHECK_FALSE(m.chart_svg.empty());
    CHECK(contains(m.chart_caption, "2 groups of equal size (quintiles)"));
    REQUIRE(m.map_list.size() == 2);
    CHECK(m.map_list[0] == std::pair<std::string, std::string>{"1", "Oud <Centrum> — 1.8"});
}

TEST_CASE("many zones tie at the top: the headline says how many, the list says how ties are broken",
          "[report][builder][ties]") {
    // 12 zones share the highest count (2 of 2 layers everywhere), more than the 10 listed; they
    // differ only in stapeling_share_ge2 (all 1) and their ids, given out of order.
    ReportInputs in = inputs();
    in.zones.columns.push_back("stapeling_share_ge2");
    in.zones.rows.clear();
    for (int i = 12; i >= 1; --i) {
        const std::string id = (i < 10 ? "T0" : "T") + std::to_string(i);
        in.zones.rows.push_back({id, std::string("Tied ") + id, 20.0, 100.0, 66.0, 1.0, 100.0, 1.0, 2.0, 100.0, 1.0});
    }
    in.zones.rows.push_back({std::string("L1"), std::string("Lower"), 30.0, 100.0, 50.0, 0.5, 50.0, 0.6, 1.4, 50.0, 0.4});
    const auto columns = zone_column_info(in.zones, in.codebook);
    const std::vector<std::size_t> numbered = most_burdened(in.zones, columns, 10);
    REQUIRE(numbered.size() == 10);
    // Ties broken by the stated keys, the last being the zone id: T01, T02, … not the row order.
    CHECK(in.zones.text(numbered[0], "zone_id") == "T01");
    CHECK(in.zones.text(numbered[9], "zone_id") == "T10");
    const ReportModel m = build_report_model(in, numbered);
    INFO(m.answer);
    CHECK(contains(m.answer, "12 neighbourhoods share the highest value, 2 of 2 layers"));
    CHECK_FALSE(contains(m.answer, "pile up most in"));
    INFO(m.zones_intro);
    CHECK(contains(m.zones_intro, "ties broken by stapeling_share_ge2, then the zone id"));

    // As many tied as listed: still how many share it, not the first by the tie-break.
    const ReportModel listed = build_report_model(in, most_burdened(in.zones, columns, 12));
    CHECK(contains(listed.answer, "12 neighbourhoods share the highest value, 2 of 2 layers"));
    CHECK_FALSE(contains(listed.answer, "pile up most in"));
}

TEST_CASE("ties on the headline are broken by the share at the highest level before the id", "[report][builder][ties]") {
    ReportInputs in = inputs();
    in.zones.columns.push_back("stapeling_share_ge2");
    // Z1 and Z2 tie at 1.8; Z2 has more of its area where both layers reach their level.
    in.zones.rows[1] = {std::string("Z2"), std::string("Nieuwbouw"), 30.0, 3000.0, 48.0, 0.0, 0.0, 0.5, 1.8, 0.0};
    for (auto& row : in.zones.rows) row.push_back(0.4);
    in.zones.rows[1].back() = 0.9;
    const auto columns = zone_column_info(in.zones, in.codebook);
    CHECK(most_burdened(in.zones, columns, 10) == std::vector<std::size_t>{1, 0, 2});
}

TEST_CASE("the top zones table lists incomes, residents and why", "[report][builder]") {
    const ReportModel m = build_report_model(inputs(), {0, 1});
    REQUIRE(m.top_zones.rows.size() == 2);
    CHECK(m.top_zones.headers[2] == "stapeling (number of layers)");
    CHECK(m.top_zones.headers[3] == "mean income");
    CHECK(m.top_zones.rows[0][1] == "Oud <Centrum> (Z1)");
    CHECK(m.top_zones.rows[0][4] == "1,000");
    // No reasons column: the layers at their burden level, by share of the zone's area.
    CHECK(m.top_zones.rows[0][5] == "at burden level: NO2 on 100%, road noise on 80% of the area");
}

TEST_CASE("next to the ranking: how many zones lack data for some layers of the count", "[report][builder][count-incomplete]") {
    ReportInputs in = inputs();
    in.zones.columns.push_back("stapeling_complete_share");
    const double complete[] = {1.0, 0.5, 0.0};  // Z2 shown but incomplete, Z3 not shown and nowhere complete
    for (std::size_t r = 0; r < in.zones.rows.size(); ++r) in.zones.rows[r].push_back(complete[r]);
    const ReportModel m = build_report_model(in, {0, 1});
    INFO(m.zones_intro);
    CHECK(contains(m.zones_intro, "1 of the neighbourhoods shown lack data for some layers in part of their area "
                                  "(stapeling_complete_share below 1): their counts may be too low."));
    CHECK(contains(m.zones_intro, "1 other neighbourhood(s) lack data for some layers and may rank too low to be shown."));

    // missing = "nodata": the counts are over complete cells, not too low.
    std::string nodata = manifest;
    const std::string rule = "\"at_least\": [6, 2]";
    nodata.replace(nodata.find(rule), rule.size(), rule + ", \"missing\": \"nodata\"");
    in.manifest_json = nodata;
    const ReportModel n = build_report_model(in, {0, 1});
    INFO(n.zones_intro);
    CHECK(contains(n.zones_intro, "their values are over the part where every layer has data."));
    CHECK_FALSE(contains(n.zones_intro, "too low"));

    // Every zone complete, or an older run without the column: nothing is added.
    const ReportModel plain = build_report_model(inputs(), {0, 1});
    CHECK_FALSE(contains(plain.zones_intro, "lack data"));
    for (auto& row : in.zones.rows) row.back() = 1.0;
    in.manifest_json = manifest;
    CHECK_FALSE(contains(build_report_model(in, {0, 1}).zones_intro, "lack data"));
}

TEST_CASE("next to the ranking: zones without a count are not said to rank too low", "[report][builder][count-incomplete]") {
    ReportInputs in = inputs();
    in.zones.columns.push_back("stapeling_complete_share");
    const double complete[] = {1.0, 1.0, 0.5};  // Z3 not shown, incomplete, with a count
    for (std::size_t r = 0; r < in.zones.rows.size(); ++r) in.zones.rows[r].push_back(complete[r]);
    // Z4: no layer has data anywhere in it, so no count (NULL) and a complete share of 0.
    in.zones.rows.push_back({std::string("Z4"), std::string("Braak"), 25.0, 10.0, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, 0.0});
    const ReportModel m = build_report_model(in, {0, 1});
    INFO(m.zones_intro);
    CHECK(contains(m.zones_intro, " 1 neighbourhood(s) lack data for some layers and may rank too low to be shown."));
    CHECK_FALSE(contains(m.zones_intro, "of the neighbourhoods shown"));
}

TEST_CASE("without income groups the chart is left out and the report says why", "[report][builder]") {
    const ReportModel m = build_report_model(inputs(), {0});
    CHECK(m.chart_svg.empty());
    CHECK(contains(m.chart_note, "no income_groups table"));
    CHECK(contains(m.answer, "cannot say whether low-income residents carry more"));
}

TEST_CASE("methods, placeholders, warnings and provenance reach the report", "[report][builder]") {
    const ReportModel m = build_report_model(inputs(), {0});
    REQUIRE(m.burden_levels.rows.size() == 2);
    CHECK(m.burden_levels.rows[0][2] == "score ≥ 6: onvoldoende (from 65 dB Lden)");
    CHECK(m.burden_levels.rows[1][2] == "score ≥ 2: at or above EU 2030 limit (20 µg/m³)");  // the label says 20
    CHECK(m.burden_levels.rows[0][4] == "1");
    CHECK(m.burden_levels.rows[0][5] == "800");
    CHECK(contains(m.layer_summaries[0], "range from 44 to 66 dB Lden"));
    REQUIRE(m.placeholder_notes.size() == 1);
    CHECK(m.placeholder_notes[0] == "road noise (ges.road_noise): 7 cells were scored with placeholder rows: "
                                    "'zeer goed' (7 cells).");
    CHECK(m.warnings == std::vector<std::string>{"layer 'road_noise' has placeholder rows"});
    CHECK(m.methods.rows[0][6] == "https://example.org/ges");
    CHECK(m.inputs.rows.size() == 2);
    CHECK(m.inputs.rows[1][2] == "1.5 MB");
    CHECK(m.timings.rows.size() == 2);
    CHECK(m.run_facts[0] == std::pair<std::string, std::string>{"Tool", "burdenmap 0.1.0"});
}

TEST_CASE("the page is self-contained and escapes what it shows", "[report][builder][html]") {
    ReportInputs in = inputs();
    in.income_groups = income_groups();
    const std::string html = render_report_html(build_report_model(in, {0, 1}));
    CHECK(contains(html, "<img src=\"data:image/png;base64,iVBORw0KGgo=\""));
    CHECK(contains(html, "Oud &lt;Centrum&gt;"));
    CHECK_FALSE(contains(html, "Oud <Centrum>"));
    CHECK(contains(html, "Content-Security-Policy"));
    CHECK(contains(html, "<a href=\"https://example.org/ges\""));  // a link to click, not a resource
    for (const char* fetch : {"src=\"http", "<script", "<link", "@import", "url("}) {
        INFO(fetch);
        CHECK_FALSE(contains(html, fetch));
    }
}

TEST_CASE("a manifest that is not JSON is an error", "[report][builder]") {
    ReportInputs in = inputs();
    in.manifest_json = "{ not json";
    CHECK_THROWS_AS(build_report_model(in, {}), std::invalid_argument);
}

// An air-only study outside the Netherlands: EU limit values in EPSG:27700 (metres), titled
// layers, no place and no jurisdiction unless a test adds them.
namespace {

const char* const air_manifest = R"json({
  "tool": "burdenmap 0.1.0",
  "study": {"name": "Air and income 2019", "crs": "EPSG:27700"},
  "grid": {"cols": 40, "rows": 30, "cell_size": 100.0, "cell_size_unit": "m"},
  "layers": [
    {"name": "nox", "title": "NOx", "unit": "µg/m³",
     "method": {"id": "eu2030.no2_annual", "family": "threshold", "jurisdiction": "EU", "quantity": "NO2 annual mean",
       "applies_from": 2030, "title": "EU limit value (EU) 2024/2881 for 2030, NO2 annual mean",
       "provenance": {"source": "Directive (EU) 2024/2881", "confidence": "verified"},
       "bins": [{"label": "below 20", "confidence": "verified", "cells": 900, "score": 0, "upper": 20},
                {"label": "at or above 20", "confidence": "verified", "cells": 300, "score": 1, "lower": 20}]}},
    {"name": "pm25_who", "unit": "µg/m³",
     "method": {"id": "who2021.pm25_annual", "family": "threshold", "jurisdiction": "WHO", "quantity": "PM2.5 annual mean",
       "title": "WHO 2021 AQG, PM2.5 annual mean",
       "provenance": {"source": "WHO global air quality guidelines 2021", "confidence": "verified"},
       "bins": [{"label": "below 5", "confidence": "verified", "cells": 0, "score": 0, "upper": 5},
                {"label": "at or above 5", "confidence": "verified", "cells": 1200, "score": 1, "lower": 5}]}}
  ],
  "cumulations": [{"name": "air_count", "title": "Air layers over their level", "rule": "count_at_least",
                   "layers": ["nox", "pm25_who"], "at_least": [1, 1]}],
  "warnings": []
})json";

Table air_zones() {
    Table t;
    t.columns = {"zone_id", "zone_name", "population", "nox_mean", "nox_score_share_ge1", "nox_pop_ge1",
                 "pm25_who_mean", "pm25_who_score_share_ge1", "air_count_mean"};
    t.rows = {{std::string("E01000001"), std::string("city of London 001A"), 1500.0, 41.0, 1.0, 1500.0, 12.0, 1.0, 2.0},
              {std::string("E01000002"), std::string("Barnet 002B"), 2000.0, 18.0, 0.0, 0.0, 9.0, 1.0, 1.0}};
    return t;
}

Table air_codebook() {
    Table t;
    t.columns = {"layer", "column_name", "type", "meaning", "unit", "method", "source"};
    t.rows.push_back({std::string("zones"), std::string("air_count_mean"), std::string("real"),
                      std::string("mean number of layers at or above their burden level (NOx (nox), pm25_who); scores counted, not summed"),
                      std::string("number of layers"), std::string("count_at_least"), std::string()});
    return t;
}

// The standard inputs with the air-only study's manifest, zones and codebook; `study_extra` is
// added to the manifest's study object ("\"place\": \"Greater London\"").
ReportInputs air_inputs(const std::string& study_extra = "") {
    ReportInputs in = inputs();
    in.manifest_json = air_manifest;
    if (!study_extra.empty()) {
        const std::string crs = "\"crs\": \"EPSG:27700\"";
        in.manifest_json.replace(in.manifest_json.find(crs), crs.size(), crs + ", " + study_extra);
    }
    in.zones = air_zones();
    in.codebook = air_codebook();
    in.map_legend = "Air layers over their level (number of layers)";
    return in;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("an air-only study abroad: the report speaks of air pollution only, and of no legal limit here",
          "[report][builder][study-wording]") {
    const ReportModel m = build_report_model(air_inputs(), {0, 1});
    CHECK(m.question == "Where do burdens from air pollution pile up, and do the residents with the lowest incomes carry "
                        "more of them?");
    const std::string html = render_report_html(build_report_model(air_inputs(), {0, 1}));
    INFO(html);
    for (const char* word : {"noise", "external safety", "external-safety", "stapeling", "legal limit value here"})
        CHECK_FALSE(contains(lower(html), word));
    for (const char* word : {"GES", "Bkl"}) CHECK_FALSE(contains(html, word));
    CHECK_FALSE(contains(html, "Environmental burden in"));  // the name is a title, not a place
    CHECK(contains(html, "Environmental burden: Air and income 2019"));
    // Each burden level with its standing: the EU value for reference (no [study] jurisdiction).
    REQUIRE(m.burden_levels.rows.size() == 2);
    CHECK(m.burden_levels.rows[0][0] == "NOx");  // the title, as written
    CHECK(m.burden_levels.rows[0][3] == "for reference (EU, from 2030)");
    CHECK(m.burden_levels.rows[1][3] == "WHO guideline, for reference");
    CHECK(contains(m.burden_levels_intro, "names no jurisdiction"));
    CHECK(m.methods.rows[0][2] == "EU");
    // The count in words of its own, titles in the ranking, the zone's name as written.
    CHECK(m.cumulations.rows[0][0] == "Air layers over their level");
    CHECK(m.cumulations.rows[0][1] == "number of layers at their burden level (scores are counted, never added)");
    CHECK(m.top_zones.headers[2] == "Air layers over their level (number of layers)");
    CHECK(m.top_zones.rows[0][1] == "city of London 001A (E01000001)");
    CHECK(contains(m.top_zones.rows[0][4], "NOx on 100%"));
    CHECK_FALSE(contains(html, "NOX"));
    CHECK(contains(m.layer_summaries[0], "Layer NOx (unit: µg/m³)"));
    // Grid size with the CRS's unit.
    const auto grid = std::find_if(m.run_facts.begin(), m.run_facts.end(), [](const auto& f) { return f.first == "Grid"; });
    REQUIRE(grid != m.run_facts.end());
    CHECK(contains(grid->second, "cells of 100 m, EPSG:27700"));
}

TEST_CASE("a place and a jurisdiction: the question names the place, the study's legal values apply here",
          "[report][builder][study-wording]") {
    const ReportModel m = build_report_model(air_inputs("\"place\": \"Greater London\", \"jurisdiction\": \"EU\""), {0, 1});
    CHECK(m.question == "Where in Greater London do burdens from air pollution pile up, and do the residents with the "
                        "lowest incomes carry more of them?");
    CHECK(m.burden_levels.rows[0][3] == "legal limit value here from 2030 (EU)");  // adopted, not yet in force
    CHECK(m.burden_levels.rows[1][3] == "WHO guideline, for reference");  // a guideline is never "here"
    CHECK(contains(m.burden_levels_intro, "The study's jurisdiction is EU"));
    // An EU value applies in a member state too; another country's is for reference.
    CHECK(build_report_model(air_inputs("\"jurisdiction\": \"NL\""), {0}).burden_levels.rows[0][3] == "legal limit value here from 2030 (EU)");
    CHECK(build_report_model(air_inputs("\"jurisdiction\": \"US-CA\""), {0}).burden_levels.rows[0][3] == "for reference (EU, from 2030)");
}

TEST_CASE("a study with a GES method keeps its GES wording", "[report][builder][study-wording]") {
    const ReportModel m = build_report_model(inputs(), {0, 1});
    CHECK(m.question == "Where do burdens from noise and air pollution pile up, and do the residents with the lowest "
                        "incomes carry more of them?");
    CHECK(contains(m.burden_levels_intro, "the GES class at which the health risk is no longer acceptable"));
    CHECK(contains(m.cumulations.rows[0][1], "GES practice"));
}

TEST_CASE("with [fairness]: the index's top zones with reasons, the concentration index with its interval",
          "[report][builder][fairness-section]") {
    ReportInputs in = inputs();
    std::string with = manifest;
    const std::string end = "\"threads\": 2";
    with.replace(with.find(end), end.size(),
                 end + R"(, "fairness": {"index": "nl_default", "income": "mean_income", "headline_burden": "stapeling_mean",
                 "measures": [{"measure": "concentration_index", "burden": "road_noise_mean", "value": 0.5, "standard_error": 0.5},
                              {"measure": "concentration_index", "burden": "stapeling_mean", "value": -0.2, "standard_error": 0.05}]})");
    in.manifest_json = with;
    in.zones.columns.push_back("nl_default_score");
    in.zones.columns.push_back("reasons");
    const double score[] = {40.0, 75.5, 10.0};
    const char* reasons[] = {"road noise high", "low income: at least as poor as 90 % of areas", ""};
    for (std::size_t r = 0; r < in.zones.rows.size(); ++r) {
        in.zones.rows[r].push_back(score[r]);
        in.zones.rows[r].push_back(std::string(reasons[r]));
    }
    const ReportModel m = build_report_model(in, {0, 1});
    CHECK(contains(m.fairness_intro, "nl_default"));
    REQUIRE(m.fairness_facts.size() == 1);  // the headline burden's, not the first in the list
    CHECK(contains(m.fairness_facts[0], "Concentration index of stapeling by income: -0.2 (95 % confidence interval -0.3 to -0.1)"));
    REQUIRE(m.fairness_top.rows.size() == 3);
    CHECK(m.fairness_top.headers[2] == "nl_default_score");
    CHECK(m.fairness_top.rows[0][1] == "Nieuwbouw (Z2)");  // ranked by the index, not the burden
    CHECK(m.fairness_top.rows[0][3] == "low income: at least as poor as 90 % of areas");
    CHECK(contains(render_report_html(m), "Fairness: index and concentration"));
    // Without [fairness] the section is left out.
    const ReportModel plain = build_report_model(inputs(), {0});
    CHECK(plain.fairness_intro.empty());
    CHECK_FALSE(contains(render_report_html(plain), "Fairness: index"));
}
