// Bad rasters: missing, unreadable, truncated, corrupt, no CRS, other CRS, rotated, geographic,
// no or partial overlap, all nodata, NaN/Inf, impossible nodata values, implausible values.
// Each case states its contract: the exit code, what the message names, and what is written.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "BadInputSupport.h"

using namespace bad;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string warnings_of(const Job& job) { return e2e::read_file(job.out() / "run.json"); }

}  // namespace

TEST_CASE("raster: a missing file exits 1 and names it", "[bad_input][raster]") {
    Job job("raster-missing");
    job.replace("\"noise.tif\"", "\"noise_missing.tif\"");
    const CommandResult r = job.run();
    require_input_error(job, r, "noise_missing.tif");
    CHECK(contains(r.err, "not found"));
}

TEST_CASE("raster: an unreadable file exits 1 and names it", "[bad_input][raster]") {
    Job job("raster-unreadable");
    if (::geteuid() == 0) {
        // root reads any file whatever its mode: a folder in the file's place is what root cannot read.
        fs::remove(job / "noise.tif");
        fs::create_directories(job / "noise.tif");
    } else {
        fs::permissions(job / "noise.tif", fs::perms::none);
    }
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
    CHECK(contains(r.err, "cannot open as a raster"));
}

TEST_CASE("raster: a GeoTIFF cut after its header exits 1 and names it", "[bad_input][raster]") {
    Job job("raster-truncated-header");
    fs::resize_file(job / "noise.tif", 64);
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
}

TEST_CASE("raster: a GeoTIFF whose pixels are cut off fails while reading, names it, writes nothing",
          "[bad_input][raster]") {
    Job job("raster-truncated-pixels");
    write_cut_cog(job / "noise.tif", [](int c, int r) { return 50.0 + (c + r) % 20; });
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
}

TEST_CASE("raster: a file of garbage named .tif exits 1 and names it", "[bad_input][raster]") {
    Job job("raster-corrupt");
    std::ofstream(job / "noise.tif", std::ios::binary | std::ios::trunc) << std::string("II*\0garbage", 11) << std::string(5000, '\x7f');
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
}

TEST_CASE("raster: an empty file exits 1 and names it", "[bad_input][raster]") {
    Job job("raster-empty-file");
    std::ofstream(job / "noise.tif", std::ios::trunc);
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
}

TEST_CASE("raster: no CRS exits 1, names the file and says how to assign one", "[bad_input][raster]") {
    Job job("raster-no-crs");
    RasterSpec spec;
    spec.crs = "";
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
    CHECK(contains(r.err, "has no CRS"));
    CHECK(contains(r.err, "gdal_edit.py -a_srs"));
}

TEST_CASE("raster: no geotransform exits 1 and names the file", "[bad_input][raster]") {
    Job job("raster-no-geotransform");
    RasterSpec spec;
    spec.georeferenced = false;
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
    CHECK(contains(r.err, "georeferencing"));
}

TEST_CASE("raster: a band that does not exist exits 1 and says how many there are", "[bad_input][raster]") {
    Job job("raster-no-band");
    job.replace("unit = \"dB Lden\"", "unit = \"dB Lden\"\nband = 3");
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
    CHECK(contains(r.err, "has 1 band(s), band 3"));
}

TEST_CASE("raster: another projected CRS is reprojected, with a warning", "[bad_input][raster]") {
    Job job("raster-other-crs");
    // The same 60 dB everywhere, as a 10 m raster in ETRS89-LAEA around the zones.
    RasterSpec spec;
    spec.crs = "EPSG:3035";
    spec.cols = spec.rows = 60;
    spec.gt[0] = 4005300;  // the zones are at about x 4005540-4005760, y 3237250-3237450
    spec.gt[3] = 3237700;
    write_raster(job / "noise.tif", spec);
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "(reprojected)"));
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "warning:"));
    CHECK(contains(r.err, "noise.tif"));
    CHECK(contains(r.err, "reprojected from EPSG:3035 to EPSG:28992"));
    CHECK(contains(warnings_of(job), "raster-reprojected"));
    for (const char* id : {"BU01", "BU02", "BU03", "BU04"}) {
        INFO(id);
        CHECK(zone_value(job.out() / "burden.gpkg", id, "noise_mean") == "60");
        CHECK(zone_value(job.out() / "burden.gpkg", id, "noise_nodata_share") == "0");
    }
    require_complete_outputs(job.out());
}

TEST_CASE("raster: a rotated geotransform is warped north-up, with a warning", "[bad_input][raster]") {
    Job job("raster-rotated");
    RasterSpec spec;
    const double a = 10.0 * M_PI / 180.0;  // 10 degrees
    spec.cols = spec.rows = 40;
    spec.gt[0] = kX0 - 30;
    spec.gt[3] = kY0 + 10;
    spec.gt[1] = kRes * std::cos(a);
    spec.gt[2] = kRes * std::sin(a);
    spec.gt[4] = kRes * std::sin(a);
    spec.gt[5] = -kRes * std::cos(a);
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "rotated geotransform"));
    CHECK(contains(r.err, "noise.tif"));
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_mean") == "60");
    require_complete_outputs(job.out());
}

TEST_CASE("raster: a sheared geotransform is warped north-up, with a warning", "[bad_input][raster]") {
    Job job("raster-sheared");
    RasterSpec spec;
    spec.cols = spec.rows = 40;
    spec.gt[0] = kX0 - 100;
    spec.gt[2] = 3;  // x shifts 3 m per row: a parallelogram
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "rotated geotransform"));
    CHECK(zone_value(job.out() / "burden.gpkg", "BU04", "noise_mean") == "60");
    require_complete_outputs(job.out());
}

TEST_CASE("raster: EPSG:4326 (lat/lon axis order, cells of varying area) lands where it belongs", "[bad_input][raster]") {
    Job job("raster-4326");
    // 0.001 degree cells (about 68 x 111 m here) around the zones (about 5.387 E, 52.155 N).
    // A lat/lon mix-up would put the raster in the Indian Ocean: no overlap, an error.
    RasterSpec spec;
    spec.crs = "EPSG:4326";
    spec.cols = spec.rows = 40;
    spec.gt[0] = 5.37;
    spec.gt[1] = 0.001;
    spec.gt[3] = 52.17;
    spec.gt[5] = -0.001;
    spec.value = [](int, int r) { return r < 20 ? 60.0 : 70.0; };  // north of 52.15 N: 60 dB
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "reprojected from EPSG:4326"));
    // The zones lie between 52.1552 and 52.1570 N: all north of 52.15, all 60 dB.
    for (const char* id : {"BU01", "BU02", "BU03", "BU04"}) {
        INFO(id);
        CHECK(zone_value(job.out() / "burden.gpkg", id, "noise_mean") == "60");
        CHECK(zone_value(job.out() / "burden.gpkg", id, "noise_nodata_share") == "0");
    }
}

TEST_CASE("raster: no overlap with the study area exits 1 naming the file and both extents", "[bad_input][raster]") {
    Job job("raster-no-overlap");
    RasterSpec spec;
    spec.gt[0] = kX0 + 50000;  // 50 km east
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run();
    require_input_error(job, r, "noise.tif");
    CHECK(contains(r.err, "does not overlap the study area"));
    // validate says the same without reading pixels.
    const CommandResult v = job.validate();
    CHECK(v.exit_code == 1);
    CHECK(contains(v.err, "does not overlap"));
}

TEST_CASE("raster: partial overlap leaves the uncovered part as nodata and reports its share", "[bad_input][raster]") {
    Job job("raster-partial");
    RasterSpec spec;
    spec.cols = 15;  // the left 150 m of the 200 m study area
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "noise_nodata_share") == "0");
    CHECK(zone_value(gpkg, "BU02", "noise_nodata_share") == "0.5");
    CHECK(zone_value(gpkg, "BU02", "noise_mean") == "60");
    CHECK(zone_value(gpkg, "BU02", "covered_share") == "1");
}

TEST_CASE("raster: zones partly outside the study extent get their covered share, with a warning", "[bad_input][raster]") {
    Job job("raster-extent-partial");
    job.replace("resolution = 10", "resolution = 10\nextent = [155000, 463000, 155150, 463200]");
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "2 zone(s) lie partly outside the study extent"));
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "covered_share") == "1");
    CHECK(zone_value(gpkg, "BU02", "covered_share") == "0.5");
    CHECK(zone_value(gpkg, "BU02", "area_m2") == "10000");
}

TEST_CASE("raster: all nodata gives NULL statistics and a warning naming the layer", "[bad_input][raster]") {
    Job job("raster-all-nodata");
    RasterSpec spec;
    spec.nodata = -9999;
    spec.value = [](int, int) { return -9999.0; };
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "layer 'noise'"));
    CHECK(contains(r.err, "no data inside any zone"));
    CHECK(contains(warnings_of(job), "layer-without-data"));
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_mean") == "NULL");
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_nodata_share") == "1");
}

TEST_CASE("raster: NaN and +-Inf cells are nodata", "[bad_input][raster]") {
    Job job("raster-nan-inf");
    RasterSpec spec;
    // In BU01 (columns 0-9, rows 0-9): row 0 NaN, row 1 +Inf, row 2 -Inf; the rest 60 dB.
    spec.value = [](int c, int r) {
        if (c < 10 && r == 0) return kNaN;
        if (c < 10 && r == 1) return kInf;
        if (c < 10 && r == 2) return -kInf;
        return 60.0;
    };
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "noise_mean") == "60");
    CHECK(zone_value(gpkg, "BU01", "noise_max") == "60");
    CHECK(zone_value(gpkg, "BU01", "noise_nodata_share") == "0.29999999999999999");
    CHECK(zone_value(gpkg, "BU02", "noise_nodata_share") == "0");
}

TEST_CASE("raster: NaN cells of a finer raster are left out of the average; Inf blanks its cell", "[bad_input][raster]") {
    Job job("raster-nan-warped");
    RasterSpec spec;
    spec.cols = spec.rows = 40;  // 5 m cells: averaged onto the 10 m grid
    spec.gt[1] = 5;
    spec.gt[5] = -5;
    spec.value = [](int c, int r) {
        if (c == 0 && r == 0) return kNaN;   // target cell (0, 0): the mean of the other three, 60
        if (c == 2 && r == 0) return kInf;   // target cell (0, 1): nodata
        return 60.0;
    };
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "noise_mean") == "60");
    CHECK(zone_value(gpkg, "BU01", "noise_nodata_share") == "0.01");
}

TEST_CASE("raster: a nodata value the band type cannot hold is ignored, with a warning", "[bad_input][raster]") {
    Job job("raster-nodata-out-of-range");
    RasterSpec spec;
    spec.type = GDT_Byte;
    spec.nodata = -9999;
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "noise.tif"));
    CHECK(contains(r.err, "nodata value -9999 cannot occur in a Byte band"));
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_mean") == "60");
}

TEST_CASE("raster: implausible sound levels (-5 dB, 300 dB) are scored as they are, with a warning", "[bad_input][raster]") {
    Job job("raster-implausible");
    RasterSpec spec;
    spec.value = [](int c, int r) { return c < 10 && r < 10 ? -5.0 : c >= 10 && r >= 10 ? 300.0 : 60.0; };
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "layer 'noise'"));
    CHECK(contains(r.err, "values from -5 to 300 dB Lden"));
    CHECK(contains(r.err, "implausible"));
    CHECK(contains(warnings_of(job), "implausible-values"));
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "noise_mean") == "-5");
    CHECK(zone_value(gpkg, "BU04", "noise_mean") == "300");
    CHECK(zone_value(gpkg, "BU04", "noise_score_mean") == "1");
}

TEST_CASE("raster: an undeclared -9999 in a noise map is flagged as implausible", "[bad_input][raster]") {
    Job job("raster-undeclared-nodata");
    RasterSpec spec;
    spec.value = [](int c, int) { return c == 0 ? -9999.0 : 60.0; };
    write_raster(job / "noise.tif", spec);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "values from -9999 to 60"));
    CHECK(contains(r.err, "gdal_edit.py -a_nodata"));
}
