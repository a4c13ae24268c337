// Layers that would be scored silently wrong: points or lines given as a vector layer, class codes
// (land cover) averaged, a raster off the grid's lattice read with "near", a unit that does not
// match the method's. Each is refused (exit 2, naming the key) or warned about (by code, in
// stderr, run.json and `validate`).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "BadInputSupport.h"

using namespace bad;

namespace {

std::string manifest(const Job& job) { return e2e::read_file(job.out() / "run.json"); }

// Runs the job, which must be refused: exit 2, the message names `key`, nothing is written.
CommandResult run_refused(const Job& job, const std::string& key) {
    const CommandResult r = job.run();
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "error:"));
    CHECK(contains(r.err, key));
    require_nothing_written(job.out());
    return r;
}

// A vector layer 'risk' (risk.gpkg, layer contours, field pr) holding `features`.
void add_risk_layer(Job& job, const std::vector<ZoneFeature>& features) {
    ZoneSpec risk;
    risk.layer = "contours";
    risk.fields = {{"pr", OFTReal}};
    risk.features = features;
    write_zones(job / "risk.gpkg", risk);
    job.replace("[[cumulation]]", "[[layer]]\nname = \"risk\"\npath = \"risk.gpkg\"\nlayer = \"contours\"\nvalue = \"pr\"\n"
                                  "unit = \"per year\"\nmethod = \"es.pr_class\"\n\n[[cumulation]]");
}

// Land cover at 5 m under the 10 m grid: each 10 m block holds three 5 m cells of its class
// (1 and 2 in a checkerboard of blocks) and one of class 7. Its mode is the block's class; its
// average, 2.5 or 3.25, is no class at all.
int block_class(int col10, int row10) { return 1 + (col10 + row10) % 2; }

void add_colour_table(GDALRasterBandH band) {
    GDALColorTableH table = GDALCreateColorTable(GPI_RGB);
    for (int code = 0; code < 8; ++code) {
        const GDALColorEntry colour{static_cast<short>(30 * code), 120, static_cast<short>(255 - 30 * code), 255};
        GDALSetColorEntry(table, code, &colour);
    }
    REQUIRE(GDALSetRasterColorTable(band, table) == CE_None);
    GDALDestroyColorTable(table);
}

// A Byte raster at 5 m under the 10 m grid, with `value` per 5 m cell.
RasterSpec fine_byte_raster(std::function<double(int, int)> value) {
    RasterSpec spec;
    spec.cols = spec.rows = 40;
    spec.gt[1] = 5;
    spec.gt[5] = -5;
    spec.type = GDT_Byte;
    spec.value = std::move(value);
    return spec;
}

// Road noise in whole dB at 5 m (55 and 65 in columns), its band set up by `band_setup` (a
// palette, a value table), as the standard job's layer scored by the GES class table.
void use_fine_noise(Job& job, std::function<void(GDALRasterBandH)> band_setup) {
    RasterSpec noise = fine_byte_raster([](int c, int) { return c % 2 == 0 ? 55.0 : 65.0; });
    noise.band_setup = std::move(band_setup);
    write_raster(job / "noise.tif", noise);
    job.replace("method = \"who2018.road_lden\"", "method = \"ges.road_noise\"");
}

void write_land_cover(const Job& job, bool colour_table) {
    RasterSpec spec = fine_byte_raster([](int c, int r) { return c % 2 == 1 && r % 2 == 1 ? 7.0 : block_class(c / 2, r / 2); });
    if (colour_table) spec.band_setup = add_colour_table;
    write_raster(job / "landcover.tif", spec);
}

// A land-cover layer scored by a local class table (codes below 2 score 0, others 1), and its raw
// cells written to raw.tif. `extra` goes into the [[layer]] (e.g. kind, resampling, method).
void add_land_cover_layer(Job& job, const std::string& extra = "",
                          const std::string& method = "[layer.method]\nfamily = \"class_table\"\nsource = \"local rule\"\n"
                                                      "[[layer.method.class]]\nupper = 2\nscore = 0\nconfidence = \"verified\"\n"
                                                      "[[layer.method.class]]\nlower = 2\nscore = 1\nconfidence = \"verified\"\n") {
    job.replace("[[cumulation]]", "[[layer]]\nname = \"landcover\"\npath = \"landcover.tif\"\n" + extra + method + "\n[[cumulation]]");
    job.replace("dir = \"out\"", "dir = \"out\"\nraw_geotiff = \"raw.tif\"");
}

}  // namespace

TEST_CASE("vector layer: points instead of polygons exit 2 naming the layer, the type found and the fixes",
          "[bad_input][layer][points]") {
    Job job("layer-points");
    std::vector<ZoneFeature> points;
    for (int i = 0; i < 8; ++i)
        points.push_back({"POINT (" + std::to_string(155010 + 25 * i) + " " + std::to_string(463010 + 20 * i) + ")",
                          {std::to_string(25 + 2 * i)}});
    add_risk_layer(job, points);
    const CommandResult r = run_refused(job, "layer[1]");
    CHECK(contains(r.err, "layer 'risk'"));
    CHECK(contains(r.err, "risk.gpkg (layer contours, field pr)"));
    CHECK(contains(r.err, "8 Point feature(s)"));
    CHECK(contains(r.err, "gdal_grid"));
    CHECK(contains(r.err, "gdal_rasterize"));
    const CommandResult v = job.validate();
    CHECK(v.exit_code == 2);
    CHECK(contains(v.err, "layer[1]"));
}

TEST_CASE("vector layer: lines only exit 2 as well", "[bad_input][layer][points]") {
    Job job("layer-lines");
    add_risk_layer(job, {{"LINESTRING (155000 463000,155200 463200)", {"1e-6"}},
                         {"MULTILINESTRING ((155000 463200,155200 463000))", {"1e-6"}}});
    const CommandResult r = run_refused(job, "layer[1]");
    CHECK(contains(r.err, "1 Line String, 1 Multi Line String feature(s)"));
}

TEST_CASE("vector layer: beside polygons, points, lines and a collection's non-polygon parts are left out and counted",
          "[bad_input][layer][points]") {
    Job job("layer-mixed-geometry");
    // A contour over BU01; a point and a line in BU04, which burned cells there before.
    add_risk_layer(job, {{square(kX0, kY0 - 100, 100), {"1e-5"}},
                         {"POINT (155150 463050)", {"1e-5"}},
                         {"LINESTRING (155110 463010,155190 463090)", {"1e-5"}},
                         {"GEOMETRYCOLLECTION (POINT (155150 463050),POLYGON ((155100 463100,155110 463100,155110 463110,155100 463100)))",
                          {"1e-7"}}});
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "3 feature(s) are not polygons or have non-polygon parts (1 Geometry Collection with non-polygon "
                          "parts, 1 Line String, 1 Point); those are left out"));
    CHECK(contains(manifest(job), "feature-not-polygon"));
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU04", "risk_max") == "0");
    CHECK(zone_value(gpkg, "BU01", "risk_max") != "0");
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "2 polygons burned at cell centres"));
    CHECK(contains(v.out, "left out, not polygons: 1 Geometry Collection with non-polygon parts, 1 Line String, 1 Point"));
}

TEST_CASE("vector layer: one that keeps no polygon is warned about (not refused), saying why", "[bad_input][layer][no_features]") {
    Job job("layer-without-features");
    std::string why;
    SECTION("0 features") {
        add_risk_layer(job, {});
        why = "it has 0 features";
    }
    SECTION("NULL and empty geometries only") {
        add_risk_layer(job, {{"", {"1e-5"}}, {"POLYGON EMPTY", {"1e-6"}}});
        why = "all 2 feature(s) have no geometry (NULL or empty)";
    }
    SECTION("NULL values only") {
        add_risk_layer(job, {{square(kX0, kY0 - 100, 100), {std::nullopt}}});
        why = "all 1 feature(s) have a NULL value";
    }
    SECTION("a mix of the three") {
        add_risk_layer(job, {{"", {"1e-5"}},
                             {square(kX0, kY0 - 100, 100), {std::nullopt}},
                             {"POLYGON ((155110 463010,155150 463050,155190 463090,155110 463010))", {"1e-5"}}});
        why = "of its 3 feature(s), 1 without geometry, 1 with a NULL value, 1 without polygon area";
    }
    const std::string expected = "risk.gpkg (layer contours, field pr) keeps no polygons: " + why +
                                 "; every cell takes the layer's background value (0)";
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "warning: layer 'risk': "));
    CHECK(contains(r.err, expected));
    CHECK(contains(manifest(job), "\"layer-without-features\""));
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "risk_max") == "0");
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, expected));
}

TEST_CASE("vector layer: the lines a geometry repair leaves are not burned; a repair to lines only is skipped",
          "[bad_input][layer][repair]") {
    Job job("layer-repair-lines");
    // A contour over BU01 with a spike from its corner into BU04, and a flat "polygon" in BU04.
    // MakeValid turns the first into the square plus a line along the spike, the second into lines
    // only; rasterised, those lines burned their cells in BU04 before.
    add_risk_layer(job, {{"POLYGON ((155000 463100,155100 463100,155190 463010,155100 463100,155100 463200,155000 463200,"
                          "155000 463100))",
                          {"1e-5"}},
                         {"POLYGON ((155110 463010,155150 463050,155190 463090,155110 463010))", {"1e-5"}}});
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU04", "risk_max") == "0");
    CHECK(zone_value(gpkg, "BU01", "risk_max") != "0");
    CHECK(contains(r.err, "risk.gpkg (layer contours, field pr): 1 feature(s) had an invalid geometry, repaired with GEOS MakeValid (FID 1)"));
    CHECK(contains(r.err, "1 feature(s) had an invalid geometry whose repair leaves no polygon area (it collapses to lines or "
                          "points); skipped (FID 2)"));
    CHECK(contains(manifest(job), "feature-no-area"));
}

TEST_CASE("categorical raster: a colour-tabled land cover finer than the grid keeps whole class codes (mode)",
          "[bad_input][layer][categorical]") {
    Job job("layer-categorical");
    write_land_cover(job, true);
    add_land_cover_layer(job);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const auto raw = e2e::read_bands(job.out() / "raw.tif");
    REQUIRE(raw.size() == 2);
    REQUIRE(raw[1].size() == 400);
    std::size_t not_whole = 0, not_block_class = 0;
    for (int row = 0; row < 20; ++row)
        for (int col = 0; col < 20; ++col) {
            const float v = raw[1][static_cast<std::size_t>(row) * 20 + col];
            not_whole += std::floor(v) != v;
            not_block_class += v != block_class(col, row);
        }
    CHECK(not_whole == 0);
    CHECK(not_block_class == 0);
    CHECK(contains(manifest(job), "\"values\": \"categorical\""));
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "resampling mode; categorical (detected from a colour table)"));
}

TEST_CASE("categorical raster: averaging it or scoring it with a curve or threshold exits 2 naming the key",
          "[bad_input][layer][categorical]") {
    Job job("layer-categorical-refused");
    write_land_cover(job, true);
    SECTION("resampling = average") {
        add_land_cover_layer(job, "resampling = \"average\"\n");
        const CommandResult r = run_refused(job, "layer[1].resampling");
        CHECK(contains(r.err, "categorical (class codes, detected from a colour table)"));
        CHECK(contains(r.err, "\"mode\""));
    }
    SECTION("resampling = bilinear, with kind = categorical set in the config") {
        write_land_cover(job, false);
        add_land_cover_layer(job, "kind = \"categorical\"\nresampling = \"bilinear\"\n");
        const CommandResult r = run_refused(job, "layer[1].resampling");
        CHECK(contains(r.err, "set in the config"));
    }
    SECTION("a threshold method") {
        add_land_cover_layer(job, "", "method = \"who2018.road_lden\"\n");
        const CommandResult r = run_refused(job, "layer[1].method");
        CHECK(contains(r.err, "'who2018.road_lden' is a threshold method"));
        CHECK(contains(r.err, "class_table"));
    }
    SECTION("a health outcome's exposure-response curve") {
        add_land_cover_layer(job);
        job.replace("[output]", "[[cumulation]]\nname = \"health\"\nrule = \"health_burden\"\n  [[cumulation.outcome]]\n"
                                "  name = \"ha\"\n  layer = \"landcover\"\n  method = \"who2018.road_ha\"\n"
                                "  disability_weight = 0.02\n  source = \"test\"\n\n[output]");
        const CommandResult r = run_refused(job, "cumulation[1].outcome[0].layer");
        CHECK(contains(r.err, "layer 'landcover' is categorical (class codes, detected from a colour table)"));
    }
    SECTION("a check-sites limit: class codes against a threshold, refused by run and validate alike") {
        add_land_cover_layer(job, "limit = \"eu2008.no2_annual\"\n");
        const CommandResult r = run_refused(job, "layer[1].limit");
        CHECK(contains(r.err, "'eu2008.no2_annual' would compare class codes with a threshold value"));
        const CommandResult v = job.validate();
        CHECK(v.exit_code == 2);
        CHECK(contains(v.err, "layer[1].limit"));
    }
    SECTION("a check-sites guideline") {
        add_land_cover_layer(job, "guidelines = [\"who2018.road_lden\"]\n");
        run_refused(job, "layer[1].guidelines[0]");
    }
    SECTION("an unknown kind") {
        add_land_cover_layer(job, "kind = \"categorial\"\n");
        const CommandResult r = run_refused(job, "layer[1].kind");
        CHECK(contains(r.err, "not one of continuous, categorical"));
    }
}

TEST_CASE("categorical raster: kind = continuous overrides the colour table (averaged, as asked)",
          "[bad_input][layer][categorical]") {
    Job job("layer-categorical-override");
    write_land_cover(job, true);
    add_land_cover_layer(job, "kind = \"continuous\"\n");
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const auto raw = e2e::read_bands(job.out() / "raw.tif");
    REQUIRE(raw.size() == 2);
    CHECK(raw[1][0] == 2.5f);  // (1 + 1 + 1 + 7) / 4
    const CommandResult v = job.validate();
    CHECK(contains(v.out, "resampling average; continuous (set in the config)"));
}

TEST_CASE("categorical raster: detected from a colour table or a value table, it is warned about with the fix",
          "[bad_input][layer][categorical]") {
    Job job("layer-categorical-detected");
    // Road noise with a palette or an ArcGIS-style value table is taken by mode instead of averaged.
    std::string signal;
    SECTION("a colour table") {
        use_fine_noise(job, add_colour_table);
        signal = "a colour table";
    }
    SECTION("a raster attribute table without a table type (GDAL takes it as thematic)") {
        use_fine_noise(job, [](GDALRasterBandH band) {
            GDALRasterAttributeTableH rat = GDALCreateRasterAttributeTable();
            GDALRATCreateColumn(rat, "Value", GFT_Integer, GFU_MinMax);
            GDALRATCreateColumn(rat, "Count", GFT_Integer, GFU_PixelCount);
            GDALRATSetRowCount(rat, 2);
            for (int row = 0; row < 2; ++row) {
                GDALRATSetValueAsInt(rat, row, 0, 55 + 10 * row);
                GDALRATSetValueAsInt(rat, row, 1, 800);
            }
            REQUIRE(GDALSetDefaultRAT(band, rat) == CE_None);
            GDALDestroyRasterAttributeTable(rat);
        });
        signal = "a raster attribute table";
    }
    const std::string expected = "layer 'noise' is categorical (class codes, detected from " + signal + "): ";
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "warning: " + expected));
    CHECK(contains(r.err, "noise.tif is resampled with mode (never averaged)"));
    CHECK(contains(r.err, "set kind = \"continuous\" if its cells are measurements"));
    CHECK(contains(manifest(job), "\"layer-categorical\""));
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, expected));

    // Set in the config, either way, it is no longer a guess: no warning.
    job.replace("method = \"ges.road_noise\"", "method = \"ges.road_noise\"\nkind = \"continuous\"");
    const CommandResult set = job.validate();
    REQUIRE(set.exit_code == 0);
    CHECK(contains(set.out, "resampling average; continuous (set in the config)"));
    CHECK_FALSE(contains(set.out, "is categorical"));
}

TEST_CASE("categorical raster: LAYER_TYPE=athematic overrides a colour table (continuous, averaged, no warning)",
          "[bad_input][layer][categorical]") {
    Job job("layer-athematic");
    use_fine_noise(job, [](GDALRasterBandH band) {
        add_colour_table(band);
        REQUIRE(GDALSetMetadataItem(band, "LAYER_TYPE", "athematic", nullptr) == CE_None);
    });
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "resampling average; continuous"));
    CHECK_FALSE(contains(v.out, "is categorical"));
}

TEST_CASE("raster off the grid's lattice: warned with the offset in cells and the fix", "[bad_input][layer][off_lattice]") {
    Job job("layer-off-lattice");
    const CommandResult on = job.validate();
    REQUIRE(on.exit_code == 0);
    CHECK_FALSE(contains(on.out, "off the grid's lattice"));  // the standard raster lies on it
    RasterSpec spec;
    spec.gt[0] = kX0 + 5;  // half a 10 m cell to the east
    spec.gt[3] = kY0 + 2.5;  // a quarter cell to the north
    write_raster(job / "noise.tif", spec);
    SECTION("read with near (the default at the grid's cell size)") {
        const CommandResult r = job.run({}, {});
        REQUIRE(r.exit_code == 0);
        CHECK(contains(r.err, "noise.tif (layer 'noise'): its cells lie off the grid's lattice by 0.5 cells in x and 0.25 in y"));
        CHECK(contains(r.err, "gdalwarp -tap -tr 10 10"));
        CHECK(contains(r.err, "resampling = \"average\""));
        CHECK(contains(manifest(job), "raster-off-lattice"));
        const CommandResult v = job.validate();
        CHECK(contains(v.out, "off the grid's lattice by 0.5 cells in x and 0.25 in y"));
    }
    SECTION("a coarser raster in whole blocks of grid cells, off the lattice") {
        spec.cols = spec.rows = 5;
        spec.gt[1] = 40;
        spec.gt[5] = -40;
        write_raster(job / "noise.tif", spec);
        const CommandResult v = job.validate();
        CHECK(contains(v.out, "off the grid's lattice by 0.5 cells in x and 0.25 in y"));
    }
    SECTION("no warning for a raster in another CRS: it is reprojected, there is no common lattice") {
        RasterSpec other;
        other.crs = "EPSG:3035";
        other.cols = other.rows = 60;
        other.gt[0] = 4005305;  // around the zones, on no lattice of 10 m
        other.gt[3] = 3237705;
        write_raster(job / "noise.tif", other);
        const CommandResult v = job.validate();
        REQUIRE(v.exit_code == 0);
        CHECK(contains(v.out, "(reprojected)"));
        CHECK_FALSE(contains(v.out, "off the grid's lattice"));
    }
    SECTION("no warning when the cells are blended by area (resampling = average)") {
        job.replace("unit = \"dB Lden\"", "unit = \"dB Lden\"\nresampling = \"average\"");
        const CommandResult v = job.validate();
        REQUIRE(v.exit_code == 0);
        CHECK_FALSE(contains(v.out, "off the grid's lattice"));
    }
}

TEST_CASE("unit mismatch: a layer in µg/m³ on a dB method is warned about, naming both units",
          "[bad_input][layer][units]") {
    Job job("layer-unit-mismatch");
    job.replace("unit = \"dB Lden\"", "unit = \"µg/m³\"");
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "layer 'noise' has unit 'µg/m³' (concentrations) but its method, who2018.road_lden, is for 'dB' "
                          "(sound levels)"));
    CHECK(contains(manifest(job), "unit-mismatch"));
    const CommandResult v = job.validate();
    CHECK(contains(v.out, "layer 'noise' has unit 'µg/m³'"));
}

TEST_CASE("unit mismatch: spellings of one dimension, and unknown or empty units, are not warned about",
          "[bad_input][layer][units]") {
    Job job("layer-unit-spellings");
    SECTION("dB(A) on a dB method") { job.replace("unit = \"dB Lden\"", "unit = \"dB(A)\""); }
    SECTION("plain dB") { job.replace("unit = \"dB Lden\"", "unit = \"dB\""); }
    SECTION("no unit") { job.replace("unit = \"dB Lden\"\n", ""); }
    SECTION("a unit burdenmap does not know") { job.replace("unit = \"dB Lden\"", "unit = \"index\""); }
    SECTION("ug/m3 on a µg/m³ method") {
        job.replace("unit = \"dB Lden\"\nmethod = \"who2018.road_lden\"", "unit = \"ug/m3\"\nmethod = \"who2021.no2_annual\"");
    }
    SECTION("µg/m3 (micro sign, no superscript) on a µg/m³ method") {
        job.replace("unit = \"dB Lden\"\nmethod = \"who2018.road_lden\"", "unit = \"µg/m3\"\nmethod = \"who2021.no2_annual\"");
    }
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK_FALSE(contains(v.out, "has unit '"));
}

TEST_CASE("unit mismatch: a health outcome's curve on a layer of another unit is warned about", "[bad_input][layer][units]") {
    Job job("layer-unit-outcome");
    job.replace("[output]", "[[cumulation]]\nname = \"health\"\nrule = \"health_burden\"\n  [[cumulation.outcome]]\n"
                            "  name = \"pm\"\n  layer = \"noise\"\n  method = \"who2021.pm25_mortality_rr\"\n"
                            "  baseline_per_1000 = 8.9\n  years_lost_per_case = 10\n  source = \"test\"\n\n[output]");
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "layer 'noise' has unit 'dB Lden' (sound levels) but the curve of outcome 'pm' (cumulation 'health'), "
                          "who2021.pm25_mortality_rr, is for 'µg/m³' (concentrations)"));
}
