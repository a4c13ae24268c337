// Determinism on bad-but-repairable inputs: every repair (reprojection, rotation, NaN/Inf cells,
// MakeValid, partial overlap, zones outside the extent) gives the same zone statistics for any
// window size (to rounding) and the same bits for any thread count.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The repairable job: a rotated EPSG:3035 raster with NaN and Inf cells covering part of the
// zones, a bow-tie zone, a zone partly outside the study extent, a zone with no area.
void make_repairable(Job& job) {
    RasterSpec r;
    r.crs = "EPSG:3035";
    r.cols = r.rows = 47;
    const double a = 7.0 * M_PI / 180.0;
    r.gt[0] = 4005300;
    r.gt[3] = 3237650;
    r.gt[1] = 7 * std::cos(a);
    r.gt[2] = 7 * std::sin(a);
    r.gt[4] = 7 * std::sin(a);
    r.gt[5] = -7 * std::cos(a);
    r.value = [](int c, int row) {
        if ((c * 31 + row * 17) % 53 == 0) return std::numeric_limits<double>::quiet_NaN();
        if ((c * 13 + row * 7) % 61 == 0) return std::numeric_limits<double>::infinity();
        return 45.0 + (c * 3 + row * 5) % 30;
    };
    write_raster(job / "noise.tif", r);
    ZoneSpec z = standard_zones();
    z.features.push_back({"POLYGON ((155003 463007,155097 463093,155091 463011,155002 463089,155003 463007))", {"BT", "Strik", "5", "1"}});
    z.features.push_back({square(kX0 + 150, kY0 - 60, 90), {"OUT", "Half", "5", "1"}});
    z.features.push_back({"POLYGON ((155000 463000,155100 463100,155200 463200,155000 463000))", {"LINE", "Lijn", "1", "1"}});
    write_zones(job / "zones.gpkg", z);
    job.replace("resolution = 10", "resolution = 10\nextent = [155000, 463000, 155200, 463200]");
}

double as_number(const std::string& s) { return s == "NULL" ? std::nan("") : std::stod(s); }

}  // namespace

TEST_CASE("determinism: repairable inputs give the same bits for 1 and 4 threads", "[bad_input][determinism]") {
    Job job("det-threads");
    make_repairable(job);
    REQUIRE(job.run({"--threads", "1", "--block-size", "8"}).exit_code == 0);
    const auto zones1 = e2e::read_zones(job.out() / "burden.gpkg");
    const auto bands1 = e2e::read_bands(job.out() / "burden.tif");
    REQUIRE(job.run({"--threads", "4", "--block-size", "8", "--overwrite"}).exit_code == 0);
    const auto zones4 = e2e::read_zones(job.out() / "burden.gpkg");
    const auto bands4 = e2e::read_bands(job.out() / "burden.tif");
    REQUIRE(zones1.size() == 6);  // LINE is skipped
    CHECK(zones1 == zones4);
    REQUIRE(bands1.size() == bands4.size());
    for (std::size_t b = 0; b < bands1.size(); ++b) {
        INFO("band " << b);
        REQUIRE(bands1[b].size() == bands4[b].size());
        CHECK(std::memcmp(bands1[b].data(), bands4[b].data(), bands1[b].size() * sizeof(float)) == 0);
    }
}

TEST_CASE("determinism: repairable inputs give the same statistics for any window size", "[bad_input][determinism]") {
    Job job("det-blocks");
    make_repairable(job);
    REQUIRE(job.run({"--block-size", "8"}).exit_code == 0);
    const auto small = e2e::read_zones(job.out() / "burden.gpkg");
    const auto small_bands = e2e::read_bands(job.out() / "burden.tif");
    REQUIRE(job.run({"--block-size", "512", "--overwrite"}).exit_code == 0);
    const auto large = e2e::read_zones(job.out() / "burden.gpkg");
    const auto large_bands = e2e::read_bands(job.out() / "burden.tif");
    REQUIRE(small.size() == large.size());
    for (std::size_t z = 0; z < small.size(); ++z) {
        for (const auto& [column, value] : small[z]) {
            INFO(small[z].at("zone_id") << " " << column << ": " << value << " vs " << large[z].at(column));
            if (column == "zone_id" || column == "zone_name") {
                CHECK(value == large[z].at(column));
                continue;
            }
            const double a = as_number(value), b = as_number(large[z].at(column));
            if (std::isnan(a)) CHECK(std::isnan(b));
            else CHECK(a == Approx(b).epsilon(1e-12).margin(1e-12));
        }
    }
    // The cells themselves do not depend on the window at all.
    REQUIRE(small_bands.size() == large_bands.size());
    for (std::size_t b = 0; b < small_bands.size(); ++b)
        CHECK(std::memcmp(small_bands[b].data(), large_bands[b].data(), small_bands[b].size() * sizeof(float)) == 0);
}

TEST_CASE("determinism: many overlapping zones, summarised in batches, each get the statistics of one",
          "[bad_input][determinism]") {
    // A window's zones are summarised in batches of at most four windows of coverage cells, so
    // 40 zones covering the whole grid make 10 batches per 8 x 8 window. Every copy must come out
    // as the zone alone does, to the bit: no cell lost, counted twice or given to another zone.
    auto make = [](Job& job, int copies) {
        RasterSpec r;
        r.value = [](int c, int row) { return 40.0 + (c * 7 + row * 3) % 35; };
        write_raster(job / "noise.tif", r);
        ZoneSpec z;
        for (int i = 0; i < copies; ++i)
            z.features.push_back({square(kX0 + 5, kY0 - 195, 187), {"Z" + std::to_string(100 + i), "Kopie", "50", "30000"}});
        write_zones(job / "zones.gpkg", z);
    };
    Job many("det-overlap-many"), one("det-overlap-one");
    make(many, 40);
    make(one, 1);
    REQUIRE(many.run({"--block-size", "8"}).exit_code == 0);
    REQUIRE(one.run({"--block-size", "8"}).exit_code == 0);
    const auto zones = e2e::read_zones(many.out() / "burden.gpkg");
    const auto alone = e2e::read_zones(one.out() / "burden.gpkg");
    REQUIRE(zones.size() == 40);
    REQUIRE(alone.size() == 1);
    for (const auto& zone : zones) {
        for (const auto& [column, value] : alone[0]) {
            // Every column but the id (this job has no fairness section, so nothing ranks zones).
            if (column == "zone_id") continue;
            INFO(zone.at("zone_id") << " " << column);
            REQUIRE(zone.count(column));
            CHECK(zone.at(column) == value);
        }
    }
}
