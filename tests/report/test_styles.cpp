// QML and SLD writers: well-formed XML with the expected classes; the raster pseudocolour QML;
// the choice of the zones' styles from the columns that exist.
#include <catch2/catch.hpp>

#include "XmlCheck.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/SldStyle.h"
#include "burdenmap/report/ZoneStyles.h"
#include "support/TestValues.h"

using namespace burdenmap::report;

namespace {

using burdenmap::test::contains;

std::vector<GraduatedClass> three_classes() {
    return graduated_classes({0, 0.5, 1.25, 2.6}, ColorRamp::yl_or_rd(), "layers");
}

}  // namespace

TEST_CASE("graduated classes: one per pair of edges, light to dark, labelled with the range", "[report][style]") {
    const auto classes = three_classes();
    REQUIRE(classes.size() == 3);
    CHECK(classes[0].lower == 0);
    CHECK(classes[2].upper == 2.6);
    CHECK(classes[0].colour.hex() == "#ffffcc");
    CHECK(classes[2].colour.hex() == "#800026");
    CHECK(classes[1].label == "0.5 – 1.25 layers");
    CHECK(graduated_classes({1}, ColorRamp::viridis()).empty());
}

TEST_CASE("a graduated polygon QML is well-formed with one range and one symbol per class", "[report][style][qml]") {
    const std::string qml = graduated_polygon_qml("stapeling_mean", three_classes(), ClassMethod::quantile);
    INFO(qml);
    CHECK(xmlcheck::problems(qml) == "");
    CHECK(contains(qml, "type=\"graduatedSymbol\""));
    CHECK(contains(qml, "attr=\"stapeling_mean\""));
    CHECK(xmlcheck::count_elements(qml, "range") == 3);
    CHECK(xmlcheck::count_elements(qml, "symbol") == 4);  // 3 classes + the source symbol
    CHECK(contains(qml, "lower=\"0.5\" upper=\"1.25\""));
    CHECK(contains(qml, "value=\"255,255,204,255\""));  // the first class's fill
    CHECK(contains(qml, "<classificationMethod id=\"Quantile\">"));
    CHECK(contains(qml, "<layerGeometryType>2</layerGeometryType>"));
}

TEST_CASE("names and labels are escaped in QML and SLD", "[report][style]") {
    std::vector<GraduatedClass> classes{{0, 1, Rgb{1, 2, 3}, "a < b & \"c\""}};
    const std::string qml = graduated_polygon_qml("x", classes, ClassMethod::fixed);
    const std::string sld = graduated_polygon_sld("zones & more", "x", classes);
    CHECK(xmlcheck::problems(qml) == "");
    CHECK(xmlcheck::problems(sld) == "");
    CHECK(contains(qml, "label=\"a &lt; b &amp; &quot;c&quot;\""));
    CHECK(contains(sld, "<se:Name>zones &amp; more</se:Name>"));
}

TEST_CASE("a graduated SLD has one rule per class and never draws a feature twice", "[report][style][sld]") {
    const std::string sld = graduated_polygon_sld("zones", "stapeling_mean", three_classes());
    INFO(sld);
    CHECK(xmlcheck::problems(sld) == "");
    CHECK(xmlcheck::count_elements(sld, "se:Rule") == 3);
    CHECK(xmlcheck::count_elements(sld, "se:PolygonSymbolizer") == 3);
    // The first class includes its lower edge, the others exclude it (the previous class has it).
    CHECK(xmlcheck::count_elements(sld, "ogc:PropertyIsGreaterThanOrEqualTo") == 1);
    CHECK(xmlcheck::count_elements(sld, "ogc:PropertyIsGreaterThan") == 2);
    CHECK(xmlcheck::count_elements(sld, "ogc:PropertyIsLessThanOrEqualTo") == 3);
    CHECK(contains(sld, "<se:SvgParameter name=\"fill\">#800026</se:SvgParameter>"));
}

TEST_CASE("categorised styles: verdicts as circles, bivariate classes as fills", "[report][style]") {
    const std::string verdict_qml = categorized_qml("verdict", verdict_categories(), SymbolKind::marker);
    CHECK(xmlcheck::problems(verdict_qml) == "");
    CHECK(xmlcheck::count_elements(verdict_qml, "category") == 4);
    CHECK(contains(verdict_qml, "value=\"exceeds limit value\""));
    CHECK(contains(verdict_qml, "class=\"SimpleMarker\""));
    CHECK(contains(verdict_qml, "<layerGeometryType>0</layerGeometryType>"));
    const std::string verdict_sld = categorized_sld("sites", "verdict", verdict_categories(), SymbolKind::marker);
    CHECK(xmlcheck::problems(verdict_sld) == "");
    CHECK(xmlcheck::count_elements(verdict_sld, "se:PointSymbolizer") == 4);

    const auto bivariate = bivariate_categories();
    REQUIRE(bivariate.size() == 9);
    CHECK(bivariate[0].value == "1");
    CHECK(bivariate[8].value == "9");
    CHECK(bivariate[8].label.rfind("C3: most burdened, poorest", 0) == 0);
    CHECK(bivariate[2].label.rfind("A3: least burdened, poorest", 0) == 0);
    const std::string qml = categorized_qml("bivariate_class", bivariate, SymbolKind::fill);
    CHECK(xmlcheck::problems(qml) == "");
    CHECK(xmlcheck::count_elements(qml, "category") == 9);
}

TEST_CASE("GES classes are centred on the class numbers in GES colours", "[report][style]") {
    const auto ges = ges_classes({"zeer goed", "", "", "", "", "", "onvoldoende"});
    REQUIRE(ges.size() == 9);
    CHECK(ges[6].lower == 5.5);
    CHECK(ges[6].upper == 6.5);
    CHECK(ges[6].label == "GES 6 onvoldoende");
    CHECK(ges[1].label == "GES 1");
    CHECK(ges[8].colour == ges_class_colour(8));
}

TEST_CASE("a raster pseudocolour QML: discrete counts and an interpolated ramp", "[report][style][qml]") {
    const RasterStyle counts = count_raster_style(6, 4, ColorRamp::yl_or_rd(), "stapeling (number of layers)");
    REQUIRE(counts.stops.size() == 5);  // 0, 1, 2, 3, 4
    CHECK(counts.colour_for(0) == counts.stops[0].colour);
    CHECK(counts.colour_for(2) == counts.stops[2].colour);
    CHECK(counts.colour_for(1.5) == counts.stops[2].colour);  // DISCRETE: up to and including the stop
    CHECK(counts.colour_for(9) == counts.stops[4].colour);
    CHECK_FALSE(counts.colour_for(std::nan("")).has_value());
    const std::string qml = raster_pseudocolor_qml(counts);
    INFO(qml);
    CHECK(xmlcheck::problems(qml) == "");
    CHECK(contains(qml, "type=\"singlebandpseudocolor\" band=\"6\""));
    CHECK(contains(qml, "colorRampType=\"DISCRETE\""));
    CHECK(contains(qml, "<limits>None</limits>"));  // fixed range: no statistics needed to draw
    CHECK(xmlcheck::count_elements(qml, "item") == 5);

    const RasterStyle db = continuous_raster_style(7, 40, 80, ColorRamp::viridis(), "noise_cum (dB)", 5);
    CHECK(db.stops.front().value == 40);
    CHECK(db.stops.back().value == 80);
    CHECK(db.colour_for(60) == ColorRamp::viridis().at(0.5));
    const std::string qml2 = raster_pseudocolor_qml(db);
    CHECK(xmlcheck::problems(qml2) == "");
    CHECK(contains(qml2, "colorRampType=\"INTERPOLATED\""));
    CHECK(xmlcheck::count_elements(qml2, "item") == 5);
}

TEST_CASE("the raster's headline band: a count cumulation first", "[report][style]") {
    std::vector<BandInfo> bands{{1, "road_noise_score", "class", {}, 0, 8},
                                {2, "noise_cum", "dB", {{"rule", "energetic_sum"}}, 35, 75},
                                {3, "stapeling", "number of layers", {{"rule", "count_at_least"}}, 0, 3.0}};
    auto s = headline_raster_style(bands);
    REQUIRE(s);
    CHECK(s->band == 3);
    CHECK(s->discrete);
    CHECK(s->stops.size() == 4);
    CHECK(s->title == "stapeling (number of layers)");
    s = headline_raster_style(bands, "noise_cum");
    CHECK(s->band == 2);
    CHECK_FALSE(s->discrete);
    bands.pop_back();
    CHECK(headline_raster_style(bands)->band == 2);  // any cumulation before a layer score
    bands.pop_back();
    CHECK(headline_raster_style(bands)->band == 1);
    CHECK_FALSE(headline_raster_style({}).has_value());
}

TEST_CASE("the raster legend shows a band's title as written", "[report][style][study-wording]") {
    // run_job writes a [[cumulation]] title into the band's metadata; the name stays the band's.
    const std::vector<BandInfo> bands{{1, "air_count", "number of layers", {{"rule", "count_at_least"}, {"title", "NOx and PM2.5 over their level"}}, 0, 2.0}};
    CHECK(headline_raster_style(bands)->title == "NOx and PM2.5 over their level (number of layers)");
}

TEST_CASE("the zones' styles follow the columns that exist", "[report][style]") {
    std::vector<ColumnInfo> columns{{"zone_id", "", "zone id", ""},
                                    {"road_noise_mean", "input", "mean value", "dB Lden"},
                                    {"road_noise_score_mean", "ges.road_noise", "mean GES class", "class"},
                                    {"no2_score_mean", "air.no2_ladder", "mean NO2 score", "score"},
                                    {"noise_cum_mean", "energetic_sum", "mean dB sum", "dB"},
                                    {"stapeling_mean", "count_at_least", "mean count", "number of layers"},
                                    {"stapeling_pop_mean", "count_at_least", "pop mean", "number of layers"}};
    ColumnValues values{{"stapeling_mean", {0, 0.5, 1, 2, 2.6}}};
    REQUIRE(headline_column(columns) == std::size_t{5});  // count_at_least before energetic_sum

    auto styles = zone_styles(columns, values, {{"ges.road_noise", {"zeer goed"}}});
    REQUIRE(styles.size() == 4);  // headline, then road_noise_score, no2_score, noise_cum
    CHECK(styles[0].name == "stapeling_mean");
    CHECK(styles[0].use_as_default);
    CHECK(std::count_if(styles.begin(), styles.end(), [](const StyleDoc& s) { return s.use_as_default; }) == 1);
    CHECK(styles[1].name == "road_noise_score_mean (GES colours)");
    CHECK(contains(styles[1].qml, "GES 0 zeer goed"));
    CHECK(styles[2].name == "no2_score_mean");
    for (const StyleDoc& s : styles) {
        CHECK(s.table == "zones");
        CHECK(xmlcheck::problems(s.qml) == "");
        CHECK(xmlcheck::problems(s.sld) == "");
    }

    columns.push_back({"bivariate_class", "", "bivariate class", ""});
    styles = zone_styles(columns, values);
    REQUIRE(styles.size() == 5);
    CHECK(styles[1].name == "burden x income (bivariate)");
    CHECK(contains(styles[1].qml, "attr=\"bivariate_class\""));

    // No cumulation: the first layer score leads; nothing at all: no styles, no failure.
    const std::vector<ColumnInfo> scores_only{{"no2_score_mean", "air.no2_ladder", "mean score", "score"}};
    CHECK(headline_column(scores_only) == std::size_t{0});
    CHECK(zone_styles({{"zone_id", "", "", ""}}, {}).empty());
}

TEST_CASE("sites are styled by verdict only when the column exists", "[report][style]") {
    CHECK(site_styles({"site_id", "name"}, true).empty());
    const auto s = site_styles({"site_id", "verdict"}, true);
    REQUIRE(s.size() == 1);
    CHECK(s[0].use_as_default);
    CHECK(contains(s[0].qml, "SimpleMarker"));
    CHECK(contains(site_styles({"verdict"}, false)[0].qml, "SimpleFill"));
}

TEST_CASE("zones sharing the minimum get a class of their own", "[report][style]") {
    // 6 zones at 0 (over 20 %), 5 above: 0 alone, then quartiles of 0.1, 0.5, 1, 2, 4 (six distinct
    // values: more than five, so not one class per value).
    const std::vector<ColumnInfo> columns{{"stapeling_mean", "count_at_least", "mean count", "layers"}};
    const ColumnValues values{{"stapeling_mean", {0, 0, 0, 0, 0, 0, 0.1, 0.5, 1, 2, 4, std::nan("")}}};
    const auto styles = zone_styles(columns, values);
    REQUIRE(styles.size() == 1);
    const std::string& qml = styles[0].qml;
    INFO(qml);
    CHECK(xmlcheck::count_elements(qml, "range") == 5);
    CHECK(contains(qml, "lower=\"0\" upper=\"0\" label=\"0 layers\""));
    CHECK(contains(qml, "lower=\"0\" upper=\"0.5\" label=\"&gt; 0 – 0.5 layers\""));  // quartile positions 0..4
    CHECK(contains(qml, "upper=\"4\" label=\"2 – 4 layers\""));
    CHECK(contains(qml, "value=\"128,0,38,255\""));  // the darkest class
    // Without such a tie: plain quantiles.
    const ColumnValues spread{{"stapeling_mean", {0, 1, 2, 3, 4, 5}}};
    CHECK(xmlcheck::count_elements(zone_styles(columns, spread)[0].qml, "range") == 5);
}

TEST_CASE("few distinct values get one class per value: a 0/1/2 count reads 0, 1, 2", "[report][style][breaks]") {
    // Zone-level counts (a count of zone-table layers, or zones covered by one cell) with ties and
    // a NULL: three classes, not "0 – 1" and "1 – 2" (where the 1s would fall into the first).
    const std::vector<ColumnInfo> columns{{"stapeling_mean", "count_at_least", "mean count", "layers"}};
    const ColumnValues values{{"stapeling_mean", {0, 1, 2, 1, 1, 0, 2, 2, 2, std::nan("")}}};
    const auto styles = zone_styles(columns, values);
    REQUIRE(styles.size() == 1);
    const std::string& qml = styles[0].qml;
    INFO(qml);
    CHECK(xmlcheck::count_elements(qml, "range") == 3);
    CHECK(contains(qml, "lower=\"0\" upper=\"0\" label=\"0 layers\""));
    CHECK(contains(qml, "lower=\"1\" upper=\"1\" label=\"1 layers\""));
    CHECK(contains(qml, "lower=\"2\" upper=\"2\" label=\"2 layers\""));
    CHECK_FALSE(contains(qml, "label=\"0 – 1"));
    CHECK(contains(styles[0].description, "3 classes, one per value"));
    CHECK(contains(qml, "<classificationMethod id=\"Fixed\">"));  // not quantiles QGIS would recompute
    // The SLD includes each value's own lower end (no class would match "> 1 and <= 1").
    const std::string& sld = styles[0].sld;
    CHECK(xmlcheck::problems(sld) == "");
    CHECK(xmlcheck::count_elements(sld, "ogc:PropertyIsGreaterThanOrEqualTo") == 3);
    CHECK(xmlcheck::count_elements(sld, "ogc:PropertyIsGreaterThan") == 0);
    // All zones equal: one class.
    const ColumnValues equal{{"stapeling_mean", {2, 2, 2, std::nan("")}}};
    CHECK(xmlcheck::count_elements(zone_styles(columns, equal)[0].qml, "range") == 1);
}
