// compare_cells on runs written by hand: 4x4 burden rasters (GeoTIFFs in a temp folder) with
// known cells, zones of known population, a population raster. delta.tif read back with GDAL.
#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <gdal.h>
#include <gdal_utils.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/compare/CellComparison.h"
#include "burdenmap/core/CoverageFraction.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/zonal/PopulationAccumulator.h"
#include "burdenmap/zonal/ZonalAccumulator.h"
#include "report/XmlCheck.h"
#include "support/Files.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"
#include "support/Shapes.h"
#include "support/TestValues.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

using burdenmap::test::rectangle;

using namespace burdenmap::test;  // tests/support

const Grid kGrid(0, 40, 10, 10, 4, 4);  // 4x4 cells of 10 m (100 m2), x 0..40, y 0..40

using Bands = std::vector<std::pair<std::string, std::vector<float>>>;

// A run's burden.tif: Float32 bands with their descriptions, NaN nodata, on `grid` in RD New.
fs::path write_run(const fs::path& file, const Bands& bands, const Grid& grid = kGrid) {
    gdal_init();
    fs::create_directories(file.parent_path());
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), file.c_str(), grid.cols(), grid.rows(),
                                 static_cast<int>(bands.size()), GDT_Float32, nullptr);
    REQUIRE(ds);
    double gt[6];
    grid.geotransform(gt);
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(ds, epsg_wkt(28992).c_str());
    for (std::size_t b = 0; b < bands.size(); ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, static_cast<int>(b) + 1);
        GDALSetRasterNoDataValue(band, std::nan(""));
        GDALSetDescription(band, bands[b].first.c_str());
        REQUIRE(bands[b].second.size() == grid.size());
        REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, grid.cols(), grid.rows(), const_cast<float*>(bands[b].second.data()),
                             grid.cols(), grid.rows(), GDT_Float32, 0, 0) == CE_None);
    }
    GDALClose(ds);
    return file;
}

struct Read {
    std::vector<std::string> descriptions;
    std::vector<std::vector<float>> values;
    std::vector<std::string> statistics_min;  // STATISTICS_MINIMUM per band ("" when absent)
    std::string layout;                       // IMAGE_STRUCTURE LAYOUT ("COG" for a COG)
};

Read read_tif(const fs::path& file) {
    GDALDatasetH ds = GDALOpen(file.c_str(), GA_ReadOnly);
    REQUIRE(ds);
    Read out;
    if (const char* layout = GDALGetMetadataItem(ds, "LAYOUT", "IMAGE_STRUCTURE")) out.layout = layout;
    const int cols = GDALGetRasterXSize(ds), rows = GDALGetRasterYSize(ds);
    for (int b = 1; b <= GDALGetRasterCount(ds); ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        out.descriptions.emplace_back(GDALGetDescription(band));
        std::vector<float> v(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows));
        REQUIRE(GDALRasterIO(band, GF_Read, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) == CE_None);
        out.values.push_back(std::move(v));
        const char* mn = GDALGetMetadataItem(band, "STATISTICS_MINIMUM", nullptr);
        out.statistics_min.emplace_back(mn ? mn : "");
    }
    GDALClose(ds);
    return out;
}

// The same bits cell by cell; any NaN matches any NaN (no data either way).
bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(std::isnan(a[i]) && std::isnan(b[i])) && std::memcmp(&a[i], &b[i], sizeof(float)) != 0) return false;
    return true;
}

ComparedMeasure cumulation(const std::string& name) {
    ComparedMeasure m;
    m.kind = ComparedMeasure::Kind::cumulation;
    m.name = name;
    m.layer = name;
    m.unit = "number of layers";
    return m;
}

ComparedMeasure score(const std::string& layer, int classes) {
    ComparedMeasure m;
    m.kind = ComparedMeasure::Kind::layer_score;
    m.name = layer + "_score";
    m.layer = layer;
    m.unit = "class";
    m.classes = classes;
    return m;
}

// Two zones of known population: A over columns 0-1 (800 m2, 80 residents: 10 a cell), B over
// column 2 and the left half of column 3 (600 m2, 120 residents: 20 a whole cell, 10 a half).
ResidentsPerCell two_zones() {
    ResidentsPerCell r;
    r.kind = ResidentsPerCell::Kind::zones;
    r.zone_shapes = {rectangle(0, 0, 20, 40), rectangle(20, 0, 35, 40)};
    r.zone_population = {80, 120};
    r.zone_area = {800, 600};
    return r;
}

CellComparisonInput input_for(const fs::path& base, const std::vector<std::pair<fs::path, std::string>>& plans,
                              int block_size = 4) {
    CellComparisonInput in;
    in.grid = kGrid;
    in.crs_wkt = epsg_wkt(28992);
    in.block_size = block_size;
    in.base = {base, "base"};
    for (const auto& [path, label] : plans) {
        in.plans.push_back({path, label});
        in.plan_residents.push_back(two_zones());
    }
    in.delta_measures = {cumulation("stapeling"), score("road_noise", 3)};
    in.transition_measures = {score("road_noise", 3)};
    return in;
}

// The hand-made base and plan: stapeling (a count) and road_noise_score (classes 0..2).
const std::vector<float> kBaseCount = {0, 1, 2, 3,  //
                                       1, 1, kNoData, 2,  //
                                       0, 2, 2, 1,  //
                                       3, 3, 0, 0};
const std::vector<float> kPlanCount = {0, 0, 1, 3,  //
                                       2, 1, 1, kNoData,  //
                                       0, 1, 2, 2,  //
                                       3, 2, 0, 1};
const std::vector<float> kBaseScore = {0, 1, 2, 2,  //
                                       1, 1, 0, 2,  //
                                       0, 2, 2, 1,  //
                                       2, kNoData, 0, 0};
const std::vector<float> kPlanScore = {0, 0, 1, 2,  //
                                       1, 1, 0, 2,  //
                                       0, 1, 2, 2,  //
                                       2, 2, kNoData, 1};

Bands base_bands() {
    return {{"road_noise", std::vector<float>(16, 60.0f)}, {"road_noise_score", kBaseScore}, {"stapeling", kBaseCount}};
}
Bands plan_bands() {
    return {{"road_noise", std::vector<float>(16, 58.0f)}, {"road_noise_score", kPlanScore}, {"stapeling", kPlanCount}};
}

// The hand-made base and plan as two runs' burden.tif in a fresh temp folder.
struct TwoRuns {
    TempDir dir{"compare-cells"};
    fs::path base = write_run(dir / "base/burden.tif", base_bands());
    fs::path plan = write_run(dir / "plan/burden.tif", plan_bands());

    // The plan (label a1) against the base, delta.tif and delta.qml into `folder` inside.
    CellComparisonResult compare(const std::string& folder) const {
        return compare_cells(input_for(base, {{plan, "a1"}}), dir / folder / "delta.tif", dir / folder / "delta.qml", nullptr);
    }
};

double transition(const CellComparisonResult& r, const std::string& label, int from, int to) {
    double found = 0;
    int hits = 0;
    for (const TransitionRow& t : r.transitions)
        if (t.label == label && t.from == from && t.to == to) {
            found = t.residents;
            ++hits;
        }
    REQUIRE(hits <= 1);
    return found;
}

}  // namespace

TEST_CASE("compare_cells: delta.tif = plan - base per cell, NaN where either run has no data, with delta.qml") {
    const TwoRuns runs;
    const TempDir& dir = runs.dir;
    const fs::path &base = runs.base, &plan = runs.plan;
    const CellComparisonResult r = runs.compare("out");

    REQUIRE(r.delta_bands.size() == 2);
    CHECK(r.delta_bands[0].band == 1);
    CHECK(r.delta_bands[0].description == "stapeling_delta_a1");
    CHECK(r.delta_bands[0].measure == "stapeling");
    CHECK(r.delta_bands[0].label == "a1");
    CHECK(r.delta_bands[1].band == 2);
    CHECK(r.delta_bands[1].description == "road_noise_score_delta_a1");

    // By hand, plan - base: stapeling                      road_noise_score
    const std::vector<float> count_delta = {0, -1, -1, 0,  //  0, -1, -1, 0
                                            1, 0, kNoData, kNoData,  //  0, 0, 0, 0
                                            0, -1, 0, 1,  //  0, -1, 0, 1
                                            0, -1, 0, 1};  //  0, NaN, NaN, 1
    const std::vector<float> score_delta = {0, -1, -1, 0,  //
                                            0, 0, 0, 0,  //
                                            0, -1, 0, 1,  //
                                            0, kNoData, kNoData, 1};
    const Read tif = read_tif(dir / "out/delta.tif");
    CHECK(tif.layout == "COG");
    REQUIRE(tif.descriptions == std::vector<std::string>{"stapeling_delta_a1", "road_noise_score_delta_a1"});
    CHECK(same_bits(tif.values[0], count_delta));
    CHECK(same_bits(tif.values[1], score_delta));
    CHECK(r.delta_bands[0].min == -1);
    CHECK(r.delta_bands[0].max == 1);
    CHECK(r.delta_bands[1].min == -1);
    CHECK(r.delta_bands[1].max == 1);
    // Statistics stored in the file, so GIS stretch it at once.
    CHECK(tif.statistics_min[0] == "-1");
    CHECK(tif.statistics_min[1] == "-1");

    const std::string qml = read_bytes(dir / "out/delta.qml");
    CHECK(xmlcheck::problems(qml).empty());
    CHECK_THAT(qml, Contains("band=\"1\""));
    CHECK_THAT(qml, Contains("classificationMin=\"-1\""));
    CHECK_THAT(qml, Contains("classificationMax=\"1\""));
    CHECK_THAT(qml, Contains("#f7f7f7"));

    // Nothing written beside the runs (no .aux.xml sidecars), nothing left but the outputs.
    CHECK(names_in(dir / "base") == std::vector<std::string>{"burden.tif"});
    CHECK(names_in(dir / "plan") == std::vector<std::string>{"burden.tif"});
    CHECK(names_in(dir / "out") == std::vector<std::string>{"delta.qml", "delta.tif"});

    // An existing delta.tif is replaced only when asked.
    CHECK_THROWS_AS(compare_cells(input_for(base, {{plan, "a1"}}), dir / "out/delta.tif", dir / "out/delta.qml", nullptr),
                    OutputError);
    CellComparisonInput again = input_for(base, {{plan, "a1"}});
    again.overwrite = true;
    CHECK_NOTHROW(compare_cells(again, dir / "out/delta.tif", dir / "out/delta.qml", nullptr));
}

TEST_CASE("compare_cells: transitions weighted by the zones' residents, fractional where a zone covers half a cell") {
    const CellComparisonResult r = TwoRuns().compare("");

    // Residents per cell: columns 0-1: 10 (zone A), column 2: 20, column 3: 10 (half of B's 20).
    // Score cells (base -> plan), by row:
    //   row 0: 0->0 (10), 1->0 (10), 2->1 (20), 2->2 (10)
    //   row 1: 1->1 (10), 1->1 (10), 0->0 (20), 2->2 (10)
    //   row 2: 0->0 (10), 2->1 (10), 2->2 (20), 1->2 (10)
    //   row 3: 2->2 (10), -1->2 (10), 0->-1 (20), 0->1 (10)
    CHECK(transition(r, "a1", 0, 0) == Approx(40));
    CHECK(transition(r, "a1", 1, 0) == Approx(10));
    CHECK(transition(r, "a1", 2, 1) == Approx(30));
    CHECK(transition(r, "a1", 2, 2) == Approx(50));
    CHECK(transition(r, "a1", 1, 1) == Approx(20));
    CHECK(transition(r, "a1", 1, 2) == Approx(10));
    CHECK(transition(r, "a1", -1, 2) == Approx(10));
    CHECK(transition(r, "a1", 0, -1) == Approx(20));
    CHECK(transition(r, "a1", 0, 1) == Approx(10));
    CHECK(r.transitions.size() == 9);
    double total = 0;
    for (const TransitionRow& t : r.transitions) {
        CHECK(t.measure == "road_noise_score");
        total += t.residents;
    }
    CHECK(total == Approx(200));  // every resident of both zones, once
}

TEST_CASE("compare_cells: a run compared with itself: every delta 0, transitions on the diagonal = the run's residents per class") {
    TempDir dir("compare-cells");
    // Scores 0..3 that vary cell by cell, and zones cut at odd angles and fractions of cells.
    std::vector<float> scores(16);
    for (std::size_t i = 0; i < 16; ++i) scores[i] = static_cast<float>((i * 7 + i / 4) % 4);
    scores[5] = kNoData;
    const fs::path run = write_run(dir / "run/burden.tif", {{"road_noise_score", scores}, {"stapeling", scores}});
    ResidentsPerCell zones;
    zones.kind = ResidentsPerCell::Kind::zones;
    zones.zone_shapes = {MultiPolygon{Polygon{{{1.3, 2.2}, {27.7, 0.4}, {12.1, 33.9}, {1.3, 2.2}}, {}}},
                         MultiPolygon{Polygon{{{17.5, 38.2}, {39.1, 5.3}, {39.9, 39.6}, {17.5, 38.2}}, {}}},
                         rectangle(3.3, 24.6, 14.9, 39.2)};
    zones.zone_population = {1234.5, 987.25, 311};
    for (const MultiPolygon& z : zones.zone_shapes) zones.zone_area.push_back(area(z));

    CellComparisonInput in;
    in.grid = kGrid;
    in.crs_wkt = epsg_wkt(28992);
    in.block_size = 3;  // windows cut through the zones
    in.base = {run, "base"};
    in.plans = {{run, "same"}};
    in.plan_residents = {zones};
    in.delta_measures = {cumulation("stapeling"), score("road_noise", 4)};
    in.transition_measures = {score("road_noise", 4)};
    const CellComparisonResult r = compare_cells(in, dir / "delta.tif", dir / "delta.qml", nullptr);

    const Read tif = read_tif(dir / "delta.tif");
    for (const std::vector<float>& band : tif.values)
        for (std::size_t i = 0; i < band.size(); ++i) CHECK((i == 5 ? std::isnan(band[i]) : band[i] == 0.0f));
    for (const DeltaBand& b : r.delta_bands) {
        CHECK(b.min == 0);
        CHECK(b.max == 0);
    }

    // The run's residents per class (zones table <layer>_pop_class_K summed over zones), the way
    // the run computes them: coverage-weighted class areas per zone (ZonalAccumulator) times the
    // zone's density (PopulationAccumulator::uniform_density), over the whole grid at once.
    std::vector<double> per_class(4, 0.0);
    double nodata = 0;
    for (std::size_t z = 0; z < zones.zone_shapes.size(); ++z) {
        const Raster<double> coverage = coverage_fraction(zones.zone_shapes[z], kGrid);
        ZonalAccumulator acc({}, 4);
        for (int row = 0; row < 4; ++row)
            for (int col = 0; col < 4; ++col)
                if (coverage(row, col) > 0) acc.add(scores[static_cast<std::size_t>(row * 4 + col)], coverage(row, col));
        const double density = zones.zone_population[z] / zones.zone_area[z] * kGrid.cell_area();
        const PopulationAccumulator p = PopulationAccumulator::uniform_density(acc, density, 4);
        for (std::size_t k = 0; k < 4; ++k) per_class[k] += p.residents_in_class(k);
        nodata += p.residents_without_data();
    }
    for (const TransitionRow& t : r.transitions) CHECK(t.from == t.to);
    for (int k = 0; k < 4; ++k) {
        double moved = 0;
        for (int to = -1; to < 4; ++to) moved += transition(r, "same", k, to);
        INFO("class " << k);
        REQUIRE(per_class[static_cast<std::size_t>(k)] > 0);
        CHECK(std::fabs(moved - per_class[static_cast<std::size_t>(k)]) <= 1e-9 * per_class[static_cast<std::size_t>(k)]);
    }
    CHECK(transition(r, "same", -1, -1) == Approx(nodata).epsilon(1e-9));
}

TEST_CASE("compare_cells: several plans: bands per plan, then per measure, and transitions per plan") {
    const TwoRuns runs;
    const TempDir& dir = runs.dir;
    const fs::path &base = runs.base, &plan = runs.plan;
    CellComparisonInput in = input_for(base, {{plan, "screen"}, {base, "housing"}});
    in.plan_residents[1].kind = ResidentsPerCell::Kind::none;  // no residents: no transitions, no error
    const CellComparisonResult r = compare_cells(in, dir / "delta.tif", dir / "delta.qml", nullptr);

    const std::vector<std::string> expected = {"stapeling_delta_screen", "road_noise_score_delta_screen",
                                               "stapeling_delta_housing", "road_noise_score_delta_housing"};
    const Read tif = read_tif(dir / "delta.tif");
    CHECK(tif.descriptions == expected);
    REQUIRE(r.delta_bands.size() == 4);
    for (std::size_t b = 0; b < 4; ++b) {
        CHECK(r.delta_bands[b].band == static_cast<int>(b) + 1);
        CHECK(r.delta_bands[b].description == expected[b]);
    }
    // The second plan is the base itself: its deltas are 0 (or NaN), its first band follows the first plan's.
    for (float v : tif.values[2]) CHECK((std::isnan(v) || v == 0.0f));
    CHECK(tif.values[0][1] == -1.0f);
    CHECK_FALSE(r.transitions.empty());
    for (const TransitionRow& t : r.transitions) CHECK(t.label == "screen");
}

TEST_CASE("compare_cells: a merged sharded run's burden.vrt is read like a burden.tif") {
    const TwoRuns runs;
    const TempDir& dir = runs.dir;
    // The plan as a VRT over its GeoTIFF (what `merge` writes without --cog).
    const fs::path vrt = dir / "plan/burden.vrt";
    GDALDatasetH tif = GDALOpen(runs.plan.c_str(), GA_ReadOnly);
    REQUIRE(tif);
    char* args[] = {const_cast<char*>("-of"), const_cast<char*>("VRT"), nullptr};
    GDALTranslateOptions* options = GDALTranslateOptionsNew(args, nullptr);
    GDALDatasetH written = GDALTranslate(vrt.c_str(), tif, options, nullptr);
    GDALTranslateOptionsFree(options);
    REQUIRE(written);
    GDALClose(written);
    GDALClose(tif);

    const CellComparisonResult from_vrt =
        compare_cells(input_for(runs.base, {{vrt, "a1"}}), dir / "vrt/delta.tif", dir / "vrt/delta.qml", nullptr);
    const CellComparisonResult from_tif = runs.compare("tif");
    const Read a = read_tif(dir / "vrt/delta.tif"), b = read_tif(dir / "tif/delta.tif");
    CHECK(a.descriptions == b.descriptions);
    for (std::size_t band = 0; band < a.values.size(); ++band) CHECK(same_bits(a.values[band], b.values[band]));
    REQUIRE(from_vrt.transitions.size() == from_tif.transitions.size());
    for (std::size_t i = 0; i < from_tif.transitions.size(); ++i)
        CHECK(from_vrt.transitions[i].residents == from_tif.transitions[i].residents);
    CHECK(names_in(dir / "plan") == std::vector<std::string>{"burden.tif", "burden.vrt"});
}

TEST_CASE("compare_cells: small windows give the same bits as one window") {
    const TwoRuns runs;
    const TempDir& dir = runs.dir;
    const fs::path &base = runs.base, &plan = runs.plan;
    const CellComparisonResult one = compare_cells(input_for(base, {{plan, "a1"}}, 4), dir / "one.tif", dir / "one.qml", nullptr);
    const CellComparisonResult many = compare_cells(input_for(base, {{plan, "a1"}}, 2), dir / "many.tif", dir / "many.qml", nullptr);
    const CellComparisonResult odd = compare_cells(input_for(base, {{plan, "a1"}}, 3), dir / "odd.tif", dir / "odd.qml", nullptr);
    const Read a = read_tif(dir / "one.tif"), b = read_tif(dir / "many.tif"), c = read_tif(dir / "odd.tif");
    REQUIRE(a.values.size() == 2);
    for (std::size_t band = 0; band < 2; ++band) {
        CHECK(same_bits(a.values[band], b.values[band]));
        CHECK(same_bits(a.values[band], c.values[band]));
    }
    for (const CellComparisonResult* other : {&many, &odd}) {
        REQUIRE(other->transitions.size() == one.transitions.size());
        for (std::size_t i = 0; i < one.transitions.size(); ++i) {
            CHECK(other->transitions[i].from == one.transitions[i].from);
            CHECK(other->transitions[i].to == one.transitions[i].to);
            CHECK(other->transitions[i].residents == one.transitions[i].residents);  // exact: whole and half cells
        }
        CHECK(other->delta_bands[0].min == one.delta_bands[0].min);
        CHECK(other->delta_bands[0].max == one.delta_bands[0].max);
    }
}

TEST_CASE("compare_cells: transitions weighted by a population raster") {
    const TwoRuns runs;
    const TempDir& dir = runs.dir;
    const fs::path &base = runs.base, &plan = runs.plan;
    // Residents per cell: 1 in every cell but 100 in the top-left cell (score 0 -> 0) and NaN in the last.
    std::vector<float> people(16, 1.0f);
    people[0] = 100;
    people[15] = kNoData;
    const fs::path population = write_run(dir / "population.tif", {{"", people}});
    CellComparisonInput in = input_for(base, {{plan, "a1"}});
    in.plan_residents[0] = ResidentsPerCell{};
    in.plan_residents[0].kind = ResidentsPerCell::Kind::raster;
    in.plan_residents[0].raster = population;
    const CellComparisonResult r = compare_cells(in, dir / "delta.tif", dir / "delta.qml", nullptr);
    // Cells 0->0: (0,0) 100, (1,2) 1, (2,0) 1 ; 0->1 was the last cell, which has no residents.
    CHECK(transition(r, "a1", 0, 0) == Approx(102));
    CHECK(transition(r, "a1", 0, 1) == 0);
    CHECK(transition(r, "a1", 2, 2) == Approx(4));  // (0,3), (1,3), (2,2), (3,0)
    double total = 0;
    for (const TransitionRow& t : r.transitions) total += t.residents;
    CHECK(total == Approx(114));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"base", "delta.qml", "delta.tif", "plan", "population.tif"});
}

TEST_CASE("compare_cells: a missing band, a missing raster or another grid is an InputError naming it") {
    TempDir dir("compare-cells");
    const fs::path base = write_run(dir / "base/burden.tif", base_bands());
    Bands without = plan_bands();
    without.pop_back();  // no stapeling
    const fs::path plan = write_run(dir / "plan/burden.tif", without);
    SECTION("band") {
        REQUIRE_THROWS_AS(compare_cells(input_for(base, {{plan, "a1"}}), dir / "d.tif", dir / "d.qml", nullptr), InputError);
        CHECK_THROWS_WITH(compare_cells(input_for(base, {{plan, "a1"}}), dir / "d.tif", dir / "d.qml", nullptr),
                          Contains(plan.string()) && Contains("'stapeling'"));
    }
    SECTION("raster") {
        CHECK_THROWS_WITH(compare_cells(input_for(base, {{dir / "nowhere/burden.tif", "a1"}}), dir / "d.tif", dir / "d.qml", nullptr),
                          Contains((dir / "nowhere/burden.tif").string()) && Contains("not found"));
    }
    SECTION("unreadable raster") {
        const fs::path text = dir.write("text/burden.tif", "not a raster\n");
        CHECK_THROWS_WITH(compare_cells(input_for(base, {{text, "a1"}}), dir / "d.tif", dir / "d.qml", nullptr),
                          Contains(text.string()) && Contains("cannot open as a raster"));
    }
    SECTION("population raster") {
        const fs::path good = write_run(dir / "good/burden.tif", plan_bands());
        CellComparisonInput in = input_for(base, {{good, "a1"}});
        in.plan_residents[0].kind = ResidentsPerCell::Kind::raster;
        in.plan_residents[0].raster = dir / "nowhere/population.tif";
        CHECK_THROWS_WITH(compare_cells(in, dir / "d.tif", dir / "d.qml", nullptr),
                          Contains((dir / "nowhere/population.tif").string()));
    }
    SECTION("grid") {
        const fs::path other = write_run(dir / "other/burden.tif", plan_bands(), Grid(10, 40, 10, 10, 4, 4));
        CHECK_THROWS_WITH(compare_cells(input_for(base, {{other, "a1"}}), dir / "d.tif", dir / "d.qml", nullptr),
                          Contains(other.string()) && Contains("grid"));
    }
    // Nothing written on the way out.
    CHECK_FALSE(fs::exists(dir / "d.tif"));
    CHECK_FALSE(fs::exists(dir / "d.qml"));
}

TEST_CASE("compare_cells: cancelled through the progress callback, leaving no file behind") {
    const TwoRuns runs;
    const TempDir& dir = runs.dir;
    const fs::path &base = runs.base, &plan = runs.plan;
    fs::create_directories(dir / "out");
    std::vector<std::string> stages;
    std::vector<double> fractions;
    const CompareProgressFn progress = [&](double fraction, const std::string& stage) {
        stages.push_back(stage);
        fractions.push_back(fraction);
        return fractions.size() < 3;  // stop at the third window
    };
    CHECK_THROWS_AS(compare_cells(input_for(base, {{plan, "a1"}}, 2), dir / "out/delta.tif", dir / "out/delta.qml", progress),
                    Cancelled);
    CHECK(names_in(dir / "out").empty());
    REQUIRE(stages.size() == 3);
    CHECK(stages[0] == "comparing cells");
    CHECK(fractions == std::vector<double>{0, 0.25, 0.5});

    // Not cancelled: one call per window (4 windows of 2x2), then 1.
    stages.clear();
    fractions.clear();
    const CompareProgressFn count = [&](double fraction, const std::string&) {
        fractions.push_back(fraction);
        return true;
    };
    compare_cells(input_for(base, {{plan, "a1"}}, 2), dir / "out/delta.tif", dir / "out/delta.qml", count);
    CHECK(fractions == std::vector<double>{0, 0.25, 0.5, 0.75, 1});
}
