// The compare report's content from a hand-made comparison of a base with two alternatives: the
// answer's wording in every sign case, the zones that change most (ties by id), the grouped-bar
// chart, the diverging delta-map style, and a well-formed page with every section.
#include <catch2/catch.hpp>

#include <cmath>

#include "XmlCheck.h"
#include "burdenmap/report/ColorRamp.h"
#include "burdenmap/report/CompareReportBuilder.h"
#include "burdenmap/report/CompareReportHtml.h"
#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/RasterStyle.h"
#include "burdenmap/report/SvgChart.h"
#include "support/TestValues.h"

using namespace burdenmap;
using namespace burdenmap::report;

namespace {

using burdenmap::test::contains;

std::size_t occurrences(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
    return n;
}

ComparedMeasure stapeling() {
    ComparedMeasure m;
    m.kind = ComparedMeasure::Kind::cumulation;
    m.name = m.layer = "stapeling";
    m.unit = "number of layers";
    m.tolerance = 0.01;
    return m;
}

AlternativeSummary summary(double better, double same, double worse, std::optional<double> low,
                           std::optional<double> high) {
    AlternativeSummary s;
    s.label = "screen";
    s.headline = "stapeling";
    s.residents_better = better;
    s.residents_same = same;
    s.residents_worse = worse;
    s.lowest_quintile_change = low;
    s.highest_quintile_change = high;
    return s;
}

std::string answer(double better, double same, double worse, std::optional<double> low, std::optional<double> high,
                   bool has_income = true) {
    const ComparedMeasure m = stapeling();
    return answer_sentences(summary(better, same, worse, low, high), "Plan screen", &m, has_income);
}

// The page's <body> element: XML-well-formed (every element closed, the SVG charts included), which
// the head's HTML-only <meta> elements are not.
std::string body_of(const std::string& html) {
    const std::size_t begin = html.find("<body>"), end = html.find("</body>");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    return html.substr(begin, end + 7 - begin);
}

// The second sentence alone (after the first ". ").
std::string income_part(std::optional<double> low, std::optional<double> high) {
    const std::string a = answer(100, 100, 100, low, high);
    return a.substr(a.find(". ") + 2);
}

// A base "Testdorp" with two alternatives (screen, housing) over four zones.
CompareResult comparison() {
    CompareResult r;
    r.base = {"/runs/base", "Testdorp", "base"};
    r.plans = {{"/runs/screen", "Plan screen", "screen"}, {"/runs/housing", "Plan housing", "housing"}};
    ComparedMeasure score;
    score.kind = ComparedMeasure::Kind::layer_score;
    score.name = "road_noise_score";
    score.layer = "road_noise";
    score.unit = "class";
    score.tolerance = 0.01;
    score.classes = 3;
    r.measures = {stapeling(), score};
    r.zones.fields = {{"zone_id", FieldType::text, "", "", "", ""},
                      {"zone_name", FieldType::text, "", "", "", ""},
                      {"stapeling_mean", FieldType::real, "", "number of layers", "", ""},
                      {"stapeling_mean_screen", FieldType::real, "", "number of layers", "", ""},
                      {"stapeling_mean_delta_screen", FieldType::real, "", "number of layers", "", ""},
                      {"change_stapeling_screen", FieldType::text, "", "", "", ""},
                      {"stapeling_mean_housing", FieldType::real, "", "number of layers", "", ""},
                      {"stapeling_mean_delta_housing", FieldType::real, "", "number of layers", "", ""},
                      {"change_stapeling_housing", FieldType::text, "", "", "", ""}};
    const auto zone = [](const char* id, const char* name, double base, double screen, double housing) {
        const auto change = [](double d) { return std::string(d < -0.01 ? "better" : d > 0.01 ? "worse" : "same"); };
        return Feature{{}, {std::string(id), std::string(name), base, screen, screen - base, change(screen - base), housing,
                            housing - base, change(housing - base)}};
    };
    r.zones.features = {zone("Z4", "Vier", 1.0, 1.5, 1.0),   // |Δ| 0.5, ties with Z2: Z2 first by id
                        zone("Z1", "Een <&>", 2.0, 1.0, 2.2),  // |Δ| 1
                        zone("Z3", "Drie", 0.5, 0.5, 0.9),    // 0
                        zone("Z2", "Twee", 1.5, 1.0, 1.5)};   // |Δ| 0.5
    r.zones.features.push_back({{}, {std::string("Z5"), std::string("Leeg"), std::monostate{}, std::monostate{},
                                     std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
                                     std::monostate{}}});
    r.class_shift = {{"road_noise_score", "class", 0, "goed", 1000, {1400, 900}},
                     {"road_noise_score", "class", 1, "matig", 700, {500, 750}},
                     {"road_noise_score", "class", 2, "slecht", 300, {100, 450}},
                     {"stapeling", "at_least", 1, "", 1000, {600, 1200}},
                     {"stapeling", "at_least", 2, "", 300, {100, 450}}};
    for (const char* label : {"screen", "housing"})
        for (int q = 1; q <= 5; ++q) {
            IncomeChangeRow row;
            row.quintile = q;
            row.label = label;
            row.measure = "stapeling";
            row.residents_base = row.residents_plan = 400;
            row.mean_base = 2.0 - 0.3 * q;
            row.mean_change = std::string(label) == "screen" ? -0.5 + 0.1 * q : 0.05 * q;
            row.mean_plan = row.mean_base + row.mean_change;
            row.share_better = std::string(label) == "screen" ? 0.5 : 0;
            row.share_worse = std::string(label) == "screen" ? 0 : 0.25;
            row.share_same = 1 - row.share_better - row.share_worse;
            r.by_income.push_back(row);
        }
    AlternativeSummary screen = summary(12300, 45000, 1200, -0.4, 0.0);
    AlternativeSummary housing = summary(0, 50000, 8500, 0.05, 0.25);
    housing.label = "housing";
    r.summaries = {screen, housing};
    r.delta_bands = {{1, "stapeling", "screen", "stapeling_delta_screen", -1.5, 0.75},
                     {2, "stapeling", "housing", "stapeling_delta_housing", -0.25, 2.0},
                     {3, "road_noise_score", "screen", "road_noise_score_delta_screen", -2, 0}};
    r.geopackage = "/out/compare.gpkg";
    r.delta_tif = "/out/delta.tif";
    r.warnings = {{"grid-note", "the housing run has 12 more residents"}};
    return r;
}

}  // namespace

TEST_CASE("answer: residents better, worse and the same, in every case", "[report][compare]") {
    CHECK(answer(12300, 45000, 1200, -0.42, -0.05).substr(0, answer(12300, 45000, 1200, -0.42, -0.05).find(". ") + 1) ==
          "With Plan screen, 12,300 residents live in neighbourhoods where stapeling gets better and 1,200 where it gets "
          "worse (by more than 0.01 number of layers); 45,000 see no change.");
    CHECK(contains(answer(12300, 45000, 0, -0.42, -0.05), "12,300 residents live in neighbourhoods where stapeling gets "
                                                          "better and none where it gets worse"));
    CHECK(contains(answer(0, 45000, 1200, 0.1, 0.1), "With Plan screen, no residents live in neighbourhoods where "
                                                     "stapeling gets better and 1,200 where it gets worse"));
    CHECK(contains(answer(1, 0, 3, 0.1, 0.1), "1 resident lives in neighbourhoods"));
    CHECK(contains(answer(10, 0, 3, 0.1, 0.1), "; nobody lives where it stays the same."));
    CHECK(contains(answer(10, 1, 3, 0.1, 0.1), "; 1 sees no change."));
    CHECK(contains(answer(0, 45000, 0, 0.0, 0.0), "With Plan screen, no resident lives in a neighbourhood where stapeling "
                                                  "changes by more than 0.01 number of layers: all 45,000 see no change."));
    CHECK(contains(answer(0, 0, 0, 0.0, 0.0), "the comparison counted no residents"));
    // Without the measure's tolerance the margin is named, not made up.
    CHECK(contains(answer_sentences(summary(5, 5, 5, -1.0, 1.0), "P", nullptr, true), "(beyond the comparison's tolerance)"));
}

TEST_CASE("answer: whether the lowest incomes gain more than the highest, in every sign case", "[report][compare]") {
    CHECK(income_part(-0.42, -0.05) ==
          "The lowest-income fifth gains more than the highest-income fifth (−0.42 against −0.05 number of layers).");
    CHECK(income_part(-0.05, -0.42) ==
          "The lowest-income fifth gains less than the highest-income fifth (−0.05 against −0.42 number of layers).");
    CHECK(income_part(0.3, 0.1) ==
          "The lowest-income fifth loses more than the highest-income fifth (+0.3 against +0.1 number of layers).");
    CHECK(income_part(0.1, 0.3) ==
          "The lowest-income fifth loses less than the highest-income fifth (+0.1 against +0.3 number of layers).");
    CHECK(income_part(-0.2, 0.2) ==
          "The lowest-income fifth gains, while the highest-income fifth loses (−0.2 against +0.2 number of layers).");
    CHECK(income_part(0.2, -0.2) ==
          "The lowest-income fifth loses, while the highest-income fifth gains (+0.2 against −0.2 number of layers).");
    CHECK(income_part(-0.2, 0.005) == "The lowest-income fifth gains, while the highest-income fifth changes by no more "
                                      "than 0.01 number of layers (−0.2 against +0.005 number of layers).");
    CHECK(income_part(0.004, 0.2) == "The lowest-income fifth changes by no more than 0.01 number of layers, while the "
                                     "highest-income fifth loses (+0.004 against +0.2 number of layers).");
    CHECK(income_part(0.0, -0.2) == "The lowest-income fifth changes by no more than 0.01 number of layers, while the "
                                    "highest-income fifth gains (0 against −0.2 number of layers).");
    CHECK(income_part(0.2, 0.0) == "The lowest-income fifth loses, while the highest-income fifth changes by no more than "
                                   "0.01 number of layers (+0.2 against 0 number of layers).");
    // Equal (within the tolerance) and both within it.
    CHECK(income_part(-0.3, -0.295) ==
          "The lowest- and the highest-income fifth gain about equally (−0.3 against −0.295 number of layers).");
    CHECK(income_part(0.3, 0.3) ==
          "The lowest- and the highest-income fifth lose about equally (+0.3 against +0.3 number of layers).");
    CHECK(income_part(-0.012, -0.005) ==
          "The lowest- and the highest-income fifth change about equally (−0.012 against −0.005 number of layers).");
    CHECK(income_part(0.004, -0.003) == "On average neither the lowest- nor the highest-income fifth changes by more than "
                                        "0.01 number of layers (+0.004 against −0.003 number of layers).");
    // Missing quintiles, and no incomes at all.
    CHECK(contains(income_part(std::nullopt, -0.1), "no mean change of stapeling for the lowest-income fifth"));
    CHECK(contains(income_part(-0.1, std::nullopt), "for the highest-income fifth"));
    CHECK(contains(income_part(std::nullopt, std::nullopt), "for the lowest- and the highest-income fifth"));
    const std::string no_income = answer(5, 5, 5, std::nullopt, std::nullopt, false);
    CHECK(contains(no_income, "Incomes were not in the base run, so the comparison cannot say whether the lowest "
                              "incomes gain more than the highest."));
}

TEST_CASE("signed numbers for changes", "[report][compare]") {
    CHECK(format_change(-0.42) == "−0.42");
    CHECK(format_change(1.25) == "+1.25");
    CHECK(format_change(0) == "0");
    CHECK(format_change(-0.0000001, 3) == "−1e-7");
    CHECK(format_change(std::nan("")) == "–");
    CHECK(format_count_change(-1234.4) == "−1,234");
    CHECK(format_count_change(200) == "+200");
    CHECK(format_count_change(0.3) == "0");
}

TEST_CASE("the zones that change most: largest |change| first, ties by zone id, no value left out", "[report][compare]") {
    const CompareResult r = comparison();
    CHECK(most_changed_zones(r.zones, "stapeling_mean_delta_screen", 10) == std::vector<std::size_t>{1, 3, 0, 2});
    CHECK(most_changed_zones(r.zones, "stapeling_mean_delta_screen", 2) == std::vector<std::size_t>{1, 3});
    CHECK(most_changed_zones(r.zones, "no_such_column", 10).empty());
}

TEST_CASE("grouped bars: one bar per series and group, around zero, well-formed", "[report][chart][compare]") {
    GroupedBarChart chart;
    chart.title = "Residents per class & more";
    chart.series = {{"base", "#8c8c8c"}, {"Plan <A>", "#0072b2"}, {"Plan B", "#e69f00"}};
    chart.panels.push_back({"road noise score", "residents", {"0", "1", "2"}, "class",
                            {{1000, 700, 300}, {1400, 500, 100}, {900, std::nullopt, 450}}});
    chart.panels.push_back({"change", "number of layers", {"1", "2"}, "quintile", {{-0.4, 0.2}, {0.0, -1.2}}});
    const std::string svg = grouped_bar_chart_svg(chart);
    INFO(svg);
    CHECK(xmlcheck::problems(svg) == "");
    // 9 - 1 missing = 8 bars, 2 × 3 = 6 in the second panel (only 2 series have values: 4), 3 legend swatches.
    CHECK(xmlcheck::count_elements(svg, "rect") == 8 + 4 + 3);
    CHECK(contains(svg, "Plan &lt;A&gt;"));
    CHECK(contains(svg, "Residents per class &amp; more"));
    CHECK(contains(svg, ">−2</text>"));  // the axis reaches below 0 to a round number
    CHECK(contains(svg, "Plan &lt;A&gt; −1.2"));  // the description lists the values
    CHECK(contains(svg, "Plan B no value"));
    CHECK(contains(svg, ">2,000</text>"));  // residents with thousands separated
    CHECK(!contains(svg, "href"));
    CHECK(!contains(svg, "<script"));
    // Only zeros: an axis 0 … 1, still well-formed.
    GroupedBarChart zeros;
    zeros.series = {{"a", "#000000"}};
    zeros.panels.push_back({"t", "", {"1"}, "", {{0.0}}});
    CHECK(xmlcheck::problems(grouped_bar_chart_svg(zeros)) == "");
    // A legend wider than the panels widens the chart rather than being cut off.
    zeros.series = {{std::string(100, 'x'), "#000000"}};
    const std::string wide = grouped_bar_chart_svg(zeros);
    const std::size_t at = wide.find("width=\"") + 7;
    CHECK(std::stod(wide.substr(at, wide.find('"', at) - at)) >= 700);
}

TEST_CASE("the delta map's colours: diverging, symmetric about 0, blue lower and red higher", "[report][compare][colour]") {
    const RasterStyle s = diverging_raster_style(2, -0.5, 2.0, ColorRamp::blue_white_red(), "change");
    CHECK(s.band == 2);
    CHECK(s.min() == -2.0);
    CHECK(s.max() == 2.0);
    CHECK(s.stops.size() == 11);
    CHECK(s.stops[5].value == 0);
    const Rgb zero = *s.colour_for(0), low = *s.colour_for(-2), high = *s.colour_for(2);
    CHECK(zero == rgb_from_hex("#f7f7f7"));
    CHECK(low.b > low.r);
    CHECK(high.r > high.b);
    CHECK(!s.colour_for(std::nan("")));
    // Nothing changed: still a ramp (−1 … 1), and 0 near-white.
    const RasterStyle flat = diverging_raster_style(1, 0, 0, ColorRamp::blue_white_red(), "change");
    CHECK(flat.stops.size() == 11);
    CHECK(flat.max() == 1);
    CHECK(*flat.colour_for(0) == rgb_from_hex("#f7f7f7"));
    CHECK(diverging_raster_style(1, std::nan(""), std::nan(""), ColorRamp::blue_white_red(), "").max() == 1);
    CHECK(diverging_raster_style(1, -1, 1, ColorRamp::blue_white_red(), "", 4).stops.size() == 5);  // made odd
}

TEST_CASE("the compare report: question, answers, maps, class shift, income, zones, warnings", "[report][compare]") {
    const CompareResult r = comparison();
    const CompareReportModel m = build_compare_report_model(r, {{"iVBORw0KGgo=", ""}, {"", "it could not be drawn."}});
    CHECK(m.title == "What do the plan alternatives change?");
    CHECK(m.base_study == "Testdorp");
    REQUIRE(m.answers.size() == 2);
    CHECK(contains(m.answers[0], "With Plan screen, 12,300 residents live"));
    CHECK(contains(m.answers[0], "The lowest-income fifth gains, while the highest-income fifth changes by no more"));
    CHECK(contains(m.answers[1], "With Plan housing, no residents live in neighbourhoods where stapeling gets better and "
                                 "8,500 where it gets worse"));
    CHECK(contains(m.answers[1], "The lowest-income fifth loses less than the highest-income fifth (+0.05 against +0.25"));

    REQUIRE(m.maps.size() == 2);
    CHECK(m.maps[0].png_base64 == "iVBORw0KGgo=");
    CHECK(contains(m.maps[0].caption, "from −1.5 to +0.75 number of layers"));
    CHECK(m.maps[1].caption == "No map: it could not be drawn.");
    CHECK(contains(m.maps_intro, "(−2 to +2 number of layers)"));  // one scale: the largest |min| or |max|
    CHECK(headline_delta_extent(r) == 2.0);
    CHECK(delta_map_legend(r, 1) == "stapeling, Plan housing − base (number of layers); cells −0.25 to +2");

    // Class shift: a table per measure with the differences, and the grouped chart.
    REQUIRE(m.class_shift_tables.size() == 2);
    const TextTable& ges = m.class_shift_tables[0].table;
    CHECK(ges.headers == std::vector<std::string>{"Class", "Base", "Plan screen", "Difference: Plan screen",
                                                  "Plan housing", "Difference: Plan housing"});
    CHECK(ges.rows[0] == std::vector<std::string>{"0 goed", "1,000", "1,400", "+400", "900", "−100"});
    CHECK(m.class_shift_tables[1].table.rows[1][0] == "at least 2");
    CHECK(xmlcheck::problems(m.class_shift_svg) == "");
    CHECK(xmlcheck::count_elements(m.class_shift_svg, "g") == 2 + 1);  // two panels and the legend

    // By income: five quintiles, change and shares per alternative.
    REQUIRE(m.income_table.rows.size() == 5);
    CHECK(m.income_table.rows[0] ==
          std::vector<std::string>{"1 (lowest income)", "1.7", "−0.4", "50%", "0%", "+0.05", "0%", "25%"});
    CHECK(m.income_table.rows[4][0] == "5 (highest income)");
    CHECK(xmlcheck::problems(m.income_svg) == "");

    // The zones that change most with the first alternative.
    REQUIRE(m.changed_zones.rows.size() == 4);
    CHECK(m.changed_zones.rows[0] ==
          std::vector<std::string>{"Een <&> (Z1)", "2", "1", "−1", "better", "2.2", "+0.2", "worse"});
    CHECK(m.changed_zones.rows[1][0] == "Twee (Z2)");
    CHECK(contains(m.zones_intro, "The 4 neighbourhoods where the mean stapeling changes most with Plan screen"));

    CHECK(m.warnings == std::vector<std::string>{"the housing run has 12 more residents"});
    CHECK(m.compared.rows.size() == 3);
    CHECK(m.tolerances.rows[0] == std::vector<std::string>{"stapeling", "number of layers", "±0.01"});

    const std::string html = render_compare_report_html(m);
    INFO(html.substr(0, 3000));
    CHECK(xmlcheck::problems(body_of(html)) == "");
    for (const char* id : {"maps", "classes", "income", "zones", "warnings", "compared"})
        CHECK(contains(html, std::string("<h2 id=\"") + id + "\">"));
    CHECK(contains(html, "<h1>What do the plan alternatives change?</h1>"));
    CHECK(contains(html, "Against the base: Testdorp"));
    CHECK(occurrences(html, "<p class=\"answer\">") == 2);
    CHECK(occurrences(html, "<img src=\"data:image/png;base64,") == 1);
    CHECK(contains(html, "Een &lt;&amp;&gt; (Z1)"));
    CHECK(contains(html, "Content-Security-Policy"));
    CHECK(!contains(html, "<script"));
}

TEST_CASE("the compare report of one alternative without incomes says so", "[report][compare]") {
    CompareResult r = comparison();
    r.plans.pop_back();
    r.summaries.pop_back();
    r.by_income.clear();
    r.class_shift.clear();
    r.zones.features.resize(1);
    r.delta_bands = {{1, "stapeling", "screen", "stapeling_delta_screen", 0, 0}};
    const CompareReportModel m = build_compare_report_model(r, {});
    CHECK(contains(m.maps_intro, "No cell changes with any alternative."));
    CHECK(contains(m.zones_intro, "The neighbourhood where the mean stapeling changes most with Plan screen"));
    CHECK(m.changed_zones.rows.size() == 1);
    CHECK(m.title == "What does Plan screen change?");
    REQUIRE(m.answers.size() == 1);
    CHECK(contains(m.answers[0], "Incomes were not in the base run"));
    CHECK(m.income_svg.empty());
    CHECK(contains(m.income_intro, "Incomes were not in the base run"));
    CHECK(m.class_shift_svg.empty());
    CHECK(contains(m.class_shift_intro, "no class shift to show"));
    CHECK(m.maps.at(0).caption == "No map: it was not drawn.");
    CHECK(m.changed_zones.headers ==
          std::vector<std::string>{"Neighbourhood", "Base (number of layers)", "Plan", "Change", "Result"});
    const std::string html = render_compare_report_html(m);
    CHECK(xmlcheck::problems(body_of(html)) == "");
}

TEST_CASE("alternatives with the same study name are told apart by their labels", "[report][compare]") {
    CompareResult r = comparison();
    r.plans[1].study_name = "Plan screen";
    CHECK(alternative_name(r, 0) == "Plan screen (screen)");
    CHECK(alternative_name(r, 1) == "Plan screen (housing)");
    r.plans[0].study_name.clear();
    CHECK(alternative_name(r, 0) == "screen");
}

TEST_CASE("compare report: who lives there, new residents and residents at a layer's burden level", "[compare]") {
    // The same residents at the same levels: nothing to say.
    AlternativeSummary s = summary(0, 1000, 0, 0.0, 0.0);
    s.residents_base_total = s.residents_plan_total = 1000;
    s.at_burden_level = {{"rail_noise", 1, 200, 200.4}};
    CHECK(residents_sentences(s).empty());
    // A housing plan: 3,000 new residents, 1,258 of them at rail noise's level.
    s.residents_plan_total = 4000;
    s.at_burden_level = {{"rail_noise", 1, 200, 1458}, {"road_noise", 6, 50, 50}};
    CHECK(residents_sentences(s) ==
          "It changes the number of residents from 1,000 to 4,000 (+3,000). Residents at a layer's burden level: "
          "rail noise 200 → 1,458 (+1,258).");
    // New residents none of whom lives at a burden level.
    s.at_burden_level = {{"road_noise", 6, 50, 50}};
    CHECK(residents_sentences(s) ==
          "It changes the number of residents from 1,000 to 4,000 (+3,000). The residents at each layer's burden level stay as many.");
    // A noise screen: the same residents, fewer at two layers' levels.
    s.residents_plan_total = 1000;
    s.at_burden_level = {{"road_noise", 6, 500, 300}, {"noise_cum", 1, 400, 390}, {"no2", 2, 10, 10}};
    CHECK(residents_sentences(s) == "Residents at a layer's burden level: road noise 500 → 300 (−200) and noise cum 400 → 390 (−10).");
}
