// Writing compare-report.html from a comparison and a tiny delta.tif: the maps are embedded as PNG,
// the page replaces nothing without overwrite, a missing delta.tif only leaves the maps out (and
// says so), and the zones are drawn in the raster's CRS.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <limits>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/report/CompareReport.h"
#include "support/Files.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"
#include "support/TestValues.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using namespace burdenmap::test;

namespace {

using burdenmap::test::contains;

const Grid grid(155000, 463040, 10, 10, 4, 4);

// delta.tif of one alternative: stapeling plan − base over 4 × 4 cells, one without data.
void write_delta_tif(const fs::path& tif) {
    GeoTiffWriter w(tif, false, grid, epsg_wkt(28992), {{"stapeling_delta_screen", "number of layers", {}}}, {});
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> cells = {-1.0f, -0.5f, 0.0f, 0.0f, -1.0f, -0.5f, 0.0f, 0.5f,
                                      0.0f,  0.0f,  0.0f, 0.5f, nan,   0.0f,  0.5f, 1.0f};
    w.write(Window{0, 0, 4, 4}, 0, cells.data());
    w.finish();
}

CompareResult comparison(const fs::path& dir) {
    CompareResult r;
    r.base = {dir / "base", "Testdorp", "base"};
    r.plans = {{dir / "screen", "Plan screen", "screen"}};
    ComparedMeasure m;
    m.kind = ComparedMeasure::Kind::cumulation;
    m.name = m.layer = "stapeling";
    m.unit = "number of layers";
    m.tolerance = 0.01;
    r.measures = {m};
    r.zones.crs_wkt = epsg_wkt(28992);
    r.zones.fields = {{"zone_id", FieldType::text, "", "", "", ""},
                      {"stapeling_mean", FieldType::real, "", "number of layers", "", ""},
                      {"stapeling_mean_screen", FieldType::real, "", "number of layers", "", ""},
                      {"stapeling_mean_delta_screen", FieldType::real, "", "number of layers", "", ""},
                      {"change_stapeling_screen", FieldType::text, "", "", "", ""}};
    r.zones.features = {
        {wkb_of("POLYGON ((155000 463000,155020 463000,155020 463040,155000 463040,155000 463000))"),
         {std::string("Z1"), 1.5, 0.9, -0.6, std::string("better")}},
        {wkb_of("POLYGON ((155020 463000,155040 463000,155040 463040,155020 463040,155020 463000))"),
         {std::string("Z2"), 1.0, 1.4, 0.4, std::string("worse")}}};
    AlternativeSummary s;
    s.label = "screen";
    s.headline = "stapeling";
    s.residents_better = 300;
    s.residents_worse = 200;
    r.summaries = {s};
    r.delta_bands = {{1, "stapeling", "screen", "stapeling_delta_screen", -1.0, 1.0}};
    r.geopackage = dir / "compare.gpkg";
    r.delta_tif = dir / "delta.tif";
    return r;
}

}  // namespace

TEST_CASE("compare-report.html is written beside compare.gpkg with the delta map inside", "[report][compare][io]") {
    TempDir dir("compare-report");
    const CompareResult r = comparison(dir.path());
    write_delta_tif(r.delta_tif);
    CompareReportOptions options;
    options.map_pixels = 120;
    const fs::path report = write_compare_report(r, options);
    CHECK(report == dir / "compare-report.html");
    const std::string html = read_bytes(report);
    CHECK(contains(html, "<h1>What does Plan screen change?</h1>"));
    CHECK(contains(html, "<img src=\"data:image/png;base64,iVBORw0KGgo"));  // a PNG's signature in base64
    CHECK(contains(html, "With Plan screen, 300 residents live in neighbourhoods where stapeling gets better"));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"compare-report.html", "delta.tif"});  // no temp file left

    // An existing report is replaced only with overwrite.
    CHECK_THROWS_AS(write_compare_report(r, options), OutputError);
    options.overwrite = true;
    CHECK(write_compare_report(r, options) == report);
}

TEST_CASE("without delta.tif the report says there is no map", "[report][compare][io]") {
    TempDir dir("compare-report-nomap");
    const CompareResult r = comparison(dir.path());
    const std::string html = read_bytes(write_compare_report(r));
    CHECK(contains(html, "No map: delta.tif is not in the output folder."));
    CHECK_FALSE(contains(html, "data:image/png"));
}

TEST_CASE("zone shapes from WKB are drawn in the raster's CRS", "[report][compare][io]") {
    const std::vector<Feature> zones = {{wkb_of("POLYGON ((155000 463000,155010 463000,155010 463010,155000 463000))"), {}},
                                        {{}, {}}};
    const auto same = shapes_from_wkb(zones, epsg_wkt(28992), epsg_wkt(28992), "zones");
    REQUIRE(same.size() == 2);
    REQUIRE(same[0].size() == 1);
    CHECK(same[0][0].outer.front().x == 155000);
    CHECK(same[1].empty());  // no geometry: nothing drawn
    const auto lonlat = shapes_from_wkb(zones, epsg_wkt(28992), epsg_wkt(4326), "zones");
    REQUIRE(lonlat[0].size() == 1);
    const auto [lon, lat] = rd_to_lonlat(155000, 463000);
    CHECK(lonlat[0][0].outer.front().x == Approx(lon).margin(1e-9));
    CHECK(lonlat[0][0].outer.front().y == Approx(lat).margin(1e-9));
}
