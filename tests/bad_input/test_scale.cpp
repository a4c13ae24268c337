// Scale: many tiny zones, one zone larger than the whole grid, a zone with very many vertices,
// and grids or windows too large for the machine (refused up front with the estimate). No test
// here times anything: how fast these run is measured by scripts/bench; a run that hangs is
// stopped by ctest's timeout.
#include <catch2/catch.hpp>

#include <cmath>

#include "BadInputSupport.h"

using namespace bad;


TEST_CASE("scale: 100000 tiny zones each get their own statistics", "[bad_input][scale]") {
    Job job("scale-100k", false);
    // 400 x 250 squares of 1.5 m, 2 m apart (800 x 500 m), on a 10 m raster: each zone is a
    // sliver of one or two cells.
    ZoneSpec zones = standard_zones();
    zones.features.clear();
    zones.features.reserve(100000);
    for (int i = 0; i < 100000; ++i) {
        const double x = kX0 + (i % 400) * 2.0, y = kY0 - 500 + (i / 400) * 2.0;
        zones.features.push_back({square(x, y, 1.5), {"Z" + std::to_string(i), std::nullopt, "1", "20000"}});
    }
    write_zones(job / "zones.gpkg", zones);
    RasterSpec raster;
    raster.cols = 80;
    raster.rows = 50;
    raster.value = [](int c, int) { return 40.0 + c * 0.5; };
    write_raster(job / "noise.tif", raster);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const auto rows = e2e::read_zones(job.out() / "burden.gpkg");
    REQUIRE(rows.size() == 100000);
    // In file order. Zone 0 lies in raster column 0 (40 dB); zone 399 at x + 798 in column 79 (79.5 dB).
    CHECK(rows[0].at("zone_id") == "Z0");
    CHECK(rows[0].at("noise_mean") == "40");
    CHECK(rows[0].at("area_m2") == "2.25");
    CHECK(rows[399].at("zone_id") == "Z399");
    CHECK(rows[399].at("noise_mean") == "79.5");
    CHECK(std::stod(rows[99999].at("covered_share")) == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("scale: one zone larger than the whole grid gets its covered share", "[bad_input][scale]") {
    Job job("scale-huge-zone");
    ZoneSpec zones = standard_zones();
    zones.features = {{square(kX0 - 5000, kY0 - 5000, 10000), {"BIG", "Alles", "1000", "30000"}}};
    write_zones(job / "zones.gpkg", zones);
    job.replace("resolution = 10", "resolution = 10\nextent = [155000, 463000, 155200, 463200]");
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    // 200 x 200 m of a 10 x 10 km zone: 40000 / 1e8.
    CHECK(std::stod(zone_value(job.out() / "burden.gpkg", "BIG", "covered_share")) == Approx(4e-4).epsilon(1e-12));
    CHECK(zone_value(job.out() / "burden.gpkg", "BIG", "noise_mean") == "60");
    CHECK(zone_value(job.out() / "burden.gpkg", "BIG", "noise_nodata_share") == "0");
}

TEST_CASE("scale: a zone with 200000 vertices", "[bad_input][scale]") {
    Job job("scale-many-vertices");
    // A circle of radius 100 m around the centre of the standard grid.
    std::string wkt = "POLYGON ((";
    const int n = 200000;
    for (int i = 0; i <= n; ++i) {
        const double a = 2 * M_PI * (i % n) / n;
        wkt += (i ? "," : "") + std::to_string(kX0 + 100 + 100 * std::cos(a)) + " " + std::to_string(kY0 - 100 + 100 * std::sin(a));
    }
    wkt += "))";
    ZoneSpec zones = standard_zones();
    zones.features = {{wkt, {"RND", "Rond", "1", "1"}}};
    write_zones(job / "zones.gpkg", zones);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    CHECK(std::stod(zone_value(job.out() / "burden.gpkg", "RND", "area_m2")) == Approx(M_PI * 1e4).epsilon(1e-6));
    CHECK(std::stod(zone_value(job.out() / "burden.gpkg", "RND", "covered_share")) == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("scale: a grid too large is refused up front with its size (exit 2)", "[bad_input][scale]") {
    Job job("scale-huge-grid");
    job.replace("resolution = 10", "resolution = 0.001");
    const CommandResult r = job.run();
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "study.resolution"));
    CHECK(contains(r.err, "40000000000 cells"));
    require_nothing_written(job.out());
}

TEST_CASE("scale: a long thin grid too wide for one row is refused up front (exit 2)", "[bad_input][scale]") {
    Job job("scale-wide-grid");
    job.replace("resolution = 10", "resolution = 0.0001\nextent = [0, 463199.9999, 300000, 463200]");
    const CommandResult r = job.run();
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "study."));
    CHECK(contains(r.err, "cells"));
    require_nothing_written(job.out());
}

TEST_CASE("scale: windows that would not fit in memory are refused up front with the estimate (exit 2)",
          "[bad_input][scale]") {
    Job job("scale-memory");
    // 600 x 600 km at 10 m: 3.6e9 cells (under the grid limit) in 5329 windows of 8192 x 8192
    // cells, 1024 threads: 2048 windows in flight need terabytes.
    job.replace("resolution = 10", "resolution = 10\nextent = [0, 300000, 600000, 900000]");
    const CommandResult r = job.run({"--block-size", "8192", "--threads", "1024"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "GB of memory"));
    CHECK(contains(r.err, "--block-size"));
    require_nothing_written(job.out());
}
