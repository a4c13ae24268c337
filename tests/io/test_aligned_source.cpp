// AlignedReader and inspect_raster: rasters written in a temp folder inside each test, read onto a
// target grid and compared with what the gdalwarp command-line tool makes of the same file with
// the same options (the reader is documented as "gdalwarp into a warped VRT").
#include <catch2/catch.hpp>
#include <gdal.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/io/AlignedSource.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/RasterSource.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

using namespace burdenmap::test;  // tests/support

// A Float32 GeoTIFF; `bands[b]` holds cols*rows values row-major. epsg 0: no CRS.
void write_geotiff(const fs::path& file, int cols, int rows, const double gt[6], int epsg,
                   const std::vector<std::vector<float>>& bands, std::optional<double> nodata = std::nullopt) {
    gdal_init();
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    REQUIRE(driver);
    GDALDatasetH ds = GDALCreate(driver, file.c_str(), cols, rows, static_cast<int>(bands.size()), GDT_Float32, nullptr);
    REQUIRE(ds);
    double g[6];
    std::copy(gt, gt + 6, g);
    GDALSetGeoTransform(ds, g);
    if (epsg) GDALSetProjection(ds, epsg_wkt(epsg).c_str());
    for (std::size_t b = 0; b < bands.size(); ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, static_cast<int>(b) + 1);
        if (nodata) GDALSetRasterNoDataValue(band, *nodata);
        REQUIRE(bands[b].size() == static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows));
        REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, cols, rows, const_cast<float*>(bands[b].data()), cols, rows,
                             GDT_Float32, 0, 0) == CE_None);
    }
    GDALClose(ds);
}

std::vector<float> read_all(const fs::path& file) {
    GDALDatasetH ds = GDALOpen(file.c_str(), GA_ReadOnly);
    REQUIRE(ds);
    const int cols = GDALGetRasterXSize(ds), rows = GDALGetRasterYSize(ds);
    std::vector<float> v(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows));
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) ==
            CE_None);
    GDALClose(ds);
    return v;
}

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Runs the gdalwarp tool onto `grid` and returns its cells. `error_threshold`: gdalwarp's -et, in
// source pixels; 0 transforms every cell exactly (what burdenmap's "near" reads match), 0.125 is
// gdalwarp's default approximate transformer (what its blending resamplings use, as ours do).
std::vector<float> gdalwarp(const TempDir& dir, const fs::path& source, const Grid& grid, const std::string& resampling,
                            const std::string& error_threshold = "0.125") {
    const fs::path out = dir.path() / ("gdalwarp-" + resampling + ".tif");
    const fs::path log = dir.path() / "gdalwarp.log";
    const Box e = grid.extent();
    const std::string cmd = "gdalwarp -q -overwrite -t_srs EPSG:28992 -te " + num(e.xmin) + " " + num(e.ymin) + " " +
                            num(e.xmax) + " " + num(e.ymax) + " -ts " + std::to_string(grid.cols()) + " " +
                            std::to_string(grid.rows()) + " -r " + resampling + " -et " + error_threshold +
                            " -ot Float32 -dstnodata nan '" + source.string() + "' '" + out.string() + "' > '" +
                            log.string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    if (rc != 0) {
        std::ifstream in(log);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        FAIL("gdalwarp failed (" << rc << "): " << cmd << "\n" << text);
    }
    return read_all(out);
}

std::vector<float> read_aligned(const RasterInfo& info, const Grid& grid, const std::string& resampling,
                                int block_size = 64) {
    AlignedReader reader(info, grid, epsg_wkt(28992), resampling, block_size);
    std::vector<float> out(grid.size(), -1.0f);
    reader.read(Window{0, 0, grid.cols(), grid.rows()}, out.data());
    return out;
}

// Cell for cell: NaN where the other is NaN, values equal within `tolerance` (0: exactly).
// Reports the first few differences and the largest one.
void check_same_cells(const std::vector<float>& got, const std::vector<float>& expected, int cols,
                      double tolerance = 0.0) {
    REQUIRE(got.size() == expected.size());
    std::size_t nan_mismatches = 0, differences = 0;
    double largest = 0.0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (std::isnan(got[i]) || std::isnan(expected[i])) {
            if (std::isnan(got[i]) != std::isnan(expected[i]) && ++nan_mismatches <= 5)
                FAIL_CHECK("cell (row " << i / cols << ", col " << i % cols << "): " << got[i] << " vs gdalwarp "
                                        << expected[i]);
            continue;
        }
        const double d = std::fabs(double(got[i]) - double(expected[i]));
        largest = std::max(largest, d);
        if (d > tolerance && ++differences <= 5)
            FAIL_CHECK("cell (row " << i / cols << ", col " << i % cols << "): " << got[i] << " vs gdalwarp "
                                    << expected[i]);
    }
    INFO("largest difference " << largest);
    CHECK(nan_mismatches == 0);
    CHECK(differences == 0);
}

std::size_t count_nan(const std::vector<float>& v) {
    std::size_t n = 0;
    for (float x : v) n += std::isnan(x) ? 1 : 0;
    return n;
}

// A smooth surface on a cols×rows grid, e.g. NO2 in µg/m³.
std::vector<float> smooth(int cols, int rows) {
    std::vector<float> v;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            v.push_back(static_cast<float>(20.0 + 10.0 * std::sin(c / 7.0) + 5.0 * std::cos(r / 5.0)));
    return v;
}

// The target of the reprojection tests: 25 m cells of EPSG:28992 around the 4326 sources below.
// The source (lon 5.100-5.140, lat 52.060-52.100) spans about x 135304-138062, y 452440-456900
// in RD (gdaltransform), so the 140×190 grid x 135000-138500, y 452250-457000 has cells outside
// the source on every side.
const Grid kTarget(135000.0, 457000.0, 25.0, 25.0, (138500 - 135000) / 25, (457000 - 452250) / 25);

// 40×40 cells of 0.001° from lon 5.100, lat 52.100 (top-left) in EPSG:4326; nodata -9999 at
// (row 10, col 12), NaN at (row 25, col 20).
fs::path write_coarse_4326(const TempDir& dir) {
    const fs::path file = dir.path() / "coarse_4326.tif";
    std::vector<float> v = smooth(40, 40);
    v[10 * 40 + 12] = -9999.0f;
    v[25 * 40 + 20] = kNoData;
    const double gt[6] = {5.100, 0.001, 0, 52.100, 0, -0.001};
    write_geotiff(file, 40, 40, gt, 4326, {v}, -9999.0);
    return file;
}

// 200×200 cells of 0.0001° (about 7 × 11 m, finer than the 25 m target) from lon 5.110, lat
// 52.090; a block of nodata and a NaN cell.
fs::path write_fine_4326(const TempDir& dir) {
    const fs::path file = dir.path() / "fine_4326.tif";
    std::vector<float> v = smooth(200, 200);
    for (int r = 50; r < 60; ++r)
        for (int c = 80; c < 95; ++c) v[static_cast<std::size_t>(r) * 200 + c] = -9999.0f;
    v[150 * 200 + 30] = kNoData;
    const double gt[6] = {5.110, 0.0001, 0, 52.090, 0, -0.0001};
    write_geotiff(file, 200, 200, gt, 4326, {v}, -9999.0);
    return file;
}

}  // namespace

TEST_CASE("aligned read, 4326 → 25 m RD with near, equals gdalwarp", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    const fs::path src = write_coarse_4326(dir);
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    CHECK(info.cols == 40);
    CHECK(info.rows == 40);
    CHECK(info.crs_name == "EPSG:4326");
    REQUIRE(info.nodata);
    CHECK(*info.nodata == -9999.0);
    CHECK(info.data_type == "Float32");
    // 0.001° is about 68 m × 111 m at 52°N: GDAL's estimate of the cell size in metres.
    CHECK(info.resolution_in_target > 25.0);
    CHECK(default_resampling(info, kTarget) == "near");

    const std::vector<float> ours = read_aligned(info, kTarget, "near", 64);
    const std::vector<float> theirs = gdalwarp(dir, src, kTarget, "near", "0");
    check_same_cells(ours, theirs, kTarget.cols());
    // Sanity: some cells have data (values from the 10..35 surface), some are nodata.
    const std::size_t nan = count_nan(ours);
    CHECK(nan > 0);
    CHECK(nan < ours.size());
    for (float v : ours)
        if (!std::isnan(v)) CHECK((v >= 5.0f && v <= 35.0f));  // 20 ± 10 ± 5; never -9999
}

TEST_CASE("near from a 100 m EPSG:3035 grid onto 25 m RD equals gdalwarp -et 0 cell for cell, in any window size", "[aligned]") {
    // The national NO2 case: a coarse model grid in the European LAEA projection under the Dutch
    // grid. GDAL's approximate transformer (its default) lets cells near a source-cell edge fall
    // either way per warp chunk; burdenmap's mesh gives the exact transformer's cells, so windows
    // of 64 and of 512 read the same.
    gdal_init();
    TempDir dir("aligned");
    const fs::path file = dir.path() / "no2_3035.tif";
    const double gt[6] = {3981000.0, 100.0, 0, 3240000.0, 0, -100.0};  // Utrecht in LAEA; the RD grid starts 2.5 km west of it
    write_geotiff(file, 180, 180, gt, 3035, {smooth(180, 180)}, -9999.0);
    const Grid target(128000.0, 462000.0, 25.0, 25.0, 640, 600);  // 16 x 15 km of RD, past the source's edges
    const RasterInfo info = inspect_raster(file, 1, epsg_wkt(28992));
    const std::vector<float> theirs = gdalwarp(dir, file, target, "near", "0");
    for (int block : {64, 512}) {
        INFO("windows of " << block);
        AlignedReader reader(info, target, epsg_wkt(28992), "near", block);
        std::vector<float> ours(target.size(), -1.0f);
        for (int r = 0; r < target.rows(); r += block)
            for (int c = 0; c < target.cols(); c += block) {
                const Window w{c, r, std::min(block, target.cols() - c), std::min(block, target.rows() - r)};
                std::vector<float> cells(w.size());
                reader.read(w, cells.data());
                for (int y = 0; y < w.rows; ++y)
                    std::copy_n(cells.begin() + static_cast<std::ptrdiff_t>(y) * w.cols, w.cols,
                                ours.begin() + static_cast<std::ptrdiff_t>(r + y) * target.cols() + c);
            }
        check_same_cells(ours, theirs, target.cols());
        const std::size_t nan = count_nan(ours);
        CHECK(nan > 0);  // the grid reaches past the source
        CHECK(nan < ours.size() / 2);
    }
}

TEST_CASE("aligned read with average from a finer 4326 source equals gdalwarp", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    const fs::path src = write_fine_4326(dir);
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    CHECK(info.resolution_in_target < 25.0);
    CHECK(default_resampling(info, kTarget) == "average");

    const std::vector<float> ours = read_aligned(info, kTarget, "average", 32);
    const std::vector<float> theirs = gdalwarp(dir, src, kTarget, "average");
    // Same nodata cells exactly; values within 0.05 (of 5..35). Not bit-equal: both use GDAL's
    // approximate transformer (-et 0.125 px, gdalwarp's default and ours, for speed), evaluated
    // over the warped VRT's blocks here and over gdalwarp's chunks there, so source-cell
    // footprints differ by a fraction of a pixel. Checked by hand with GDAL 3.6.2: with -et 0 on
    // both sides the cells are identical; with the default, about 5000 of 26600 cells differ, by
    // at most 0.0365.
    check_same_cells(ours, theirs, kTarget.cols(), 0.05);
    for (float v : ours)
        if (!std::isnan(v)) CHECK((v >= 5.0f && v <= 35.0f));  // an average of the surface, no -9999 in it
}

TEST_CASE("aligned reads do not depend on the block size", "[aligned]") {
    // --block-size is a run-time flag: it must never change results (DESIGN.md §7, tiny blocks).
    gdal_init();
    TempDir dir("aligned");
    const fs::path fine = write_fine_4326(dir);
    const fs::path coarse = write_coarse_4326(dir);
    for (const std::string& resampling : std::vector<std::string>{"near", "average", "bilinear"}) {
        INFO("resampling " << resampling);
        for (const fs::path& src : {fine, coarse}) {
            INFO("source " << src);
            const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
            check_same_cells(read_aligned(info, kTarget, resampling, 16), read_aligned(info, kTarget, resampling, 256),
                             kTarget.cols());
        }
    }
}

TEST_CASE("nodata: source nodata, source NaN and outside the source all become NaN", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    // A 6×4 source in EPSG:28992 on the target lattice itself: target cell (r, c) is source cell
    // (r - 1, c - 1), so the expected values are the source's, shifted by one row and column.
    const Grid target(1000.0, 2000.0, 10.0, 10.0, 8, 6);  // x 1000-1080, y 1940-2000
    const double gt[6] = {1010.0, 10.0, 0, 1990.0, 0, -10.0};
    std::vector<float> v(24);
    for (int i = 0; i < 24; ++i) v[static_cast<std::size_t>(i)] = 100.0f + static_cast<float>(i);
    v[1 * 6 + 2] = -9999.0f;  // source (1, 2) → target (2, 3)
    v[3 * 6 + 4] = kNoData;      // source (3, 4) → target (4, 5)
    const fs::path src = dir.path() / "rd.tif";
    write_geotiff(src, 6, 4, gt, 28992, {v}, -9999.0);

    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    CHECK(info.resolution_in_target == 10.0);  // same CRS: the cell size itself
    for (const std::string& resampling : std::vector<std::string>{"near", "average", "bilinear"}) {
        INFO("resampling " << resampling);
        const std::vector<float> out = read_aligned(info, target, resampling, 16);
        for (int r = 0; r < target.rows(); ++r)
            for (int c = 0; c < target.cols(); ++c) {
                INFO("target cell (" << r << ", " << c << ")");
                const float got = out[static_cast<std::size_t>(r) * 8 + c];
                const bool inside = r >= 1 && r <= 4 && c >= 1 && c <= 6;
                const bool hole = (r == 2 && c == 3) || (r == 4 && c == 5);
                if (!inside || hole) {
                    CHECK(std::isnan(got));
                } else if (resampling != "bilinear") {
                    CHECK(got == 100.0f + static_cast<float>((r - 1) * 6 + (c - 1)));
                }
            }
    }
}

TEST_CASE("reading a window equals the same cells of a full-grid read", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    const fs::path src = write_coarse_4326(dir);
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    // A small grid in the middle of the source so the window holds data.
    const Grid grid(136000.0, 455000.0, 25.0, 25.0, 20, 16);
    const std::vector<float> full = read_aligned(info, grid, "near", 8);

    const Window w{3, 5, 7, 4};  // col_off 3, row_off 5, 7 cols, 4 rows
    AlignedReader reader(info, grid, epsg_wkt(28992), "near", 8);
    std::vector<float> part(w.size(), -1.0f);
    reader.read(w, part.data());
    for (int r = 0; r < w.rows; ++r)
        for (int c = 0; c < w.cols; ++c) {
            const float a = part[static_cast<std::size_t>(r) * w.cols + c];
            const float b = full[static_cast<std::size_t>(w.row_off + r) * grid.cols() + (w.col_off + c)];
            INFO("window cell (" << r << ", " << c << ")");
            CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
        }
    CHECK(count_nan(part) < part.size());

    // The same reader, asked again for the full grid after the window, still agrees.
    std::vector<float> again(grid.size());
    reader.read(Window{0, 0, grid.cols(), grid.rows()}, again.data());
    check_same_cells(again, full, grid.cols());
}

TEST_CASE("inspect_raster errors name the file and the problem", "[aligned][errors]") {
    gdal_init();
    TempDir dir("aligned");
    const double gt[6] = {0, 10, 0, 100, 0, -10};

    SECTION("missing file") {
        const fs::path missing = dir.path() / "nope.tif";
        CHECK_THROWS_AS(inspect_raster(missing, 1, ""), InputError);
        CHECK_THROWS_WITH(inspect_raster(missing, 1, ""), Contains(missing.string()) && Contains("not found"));
    }
    SECTION("no CRS") {
        const fs::path file = dir.path() / "nocrs.tif";
        write_geotiff(file, 4, 4, gt, 0, {std::vector<float>(16, 1.0f)});
        CHECK_THROWS_AS(inspect_raster(file, 1, ""), InputError);
        CHECK_THROWS_WITH(inspect_raster(file, 1, ""), Contains(file.string()) && Contains("no CRS"));
    }
    SECTION("band 2 of a 1-band file") {
        const fs::path file = dir.path() / "one.tif";
        write_geotiff(file, 4, 4, gt, 28992, {std::vector<float>(16, 1.0f)});
        CHECK_THROWS_AS(inspect_raster(file, 2, ""), InputError);
        CHECK_THROWS_WITH(inspect_raster(file, 2, ""),
                          Contains(file.string()) && Contains("1 band(s)") && Contains("band 2"));
        CHECK_THROWS_AS(inspect_raster(file, 0, ""), InputError);
    }
    SECTION("not a raster") {
        const fs::path file = dir.path() / "text.tif";
        std::ofstream(file) << "this is not a GeoTIFF";
        CHECK_THROWS_AS(inspect_raster(file, 1, ""), InputError);
        CHECK_THROWS_WITH(inspect_raster(file, 1, ""), Contains(file.string()));
    }
}

TEST_CASE("default_resampling: average for finer sources, near otherwise", "[aligned]") {
    const Grid target(0.0, 100.0, 25.0, 25.0, 4, 4);
    RasterInfo info;
    info.resolution_in_target = 10.0;  // finer than 25
    CHECK(default_resampling(info, target) == "average");
    info.resolution_in_target = 24.9;
    CHECK(default_resampling(info, target) == "average");
    info.resolution_in_target = 25.0;  // same resolution
    CHECK(default_resampling(info, target) == "near");
    info.resolution_in_target = 100.0;  // coarser model grid
    CHECK(default_resampling(info, target) == "near");
    // Rectangular target cells: compared with the geometric mean sqrt(20 × 45) = 30.
    const Grid rect(0.0, 100.0, 20.0, 45.0, 4, 2);
    info.resolution_in_target = 29.0;
    CHECK(default_resampling(info, rect) == "average");
    info.resolution_in_target = 31.0;
    CHECK(default_resampling(info, rect) == "near");
}

TEST_CASE("default_resampling: mode for finer categorical sources, near otherwise", "[aligned][categorical]") {
    const Grid target(0.0, 100.0, 25.0, 25.0, 4, 4);
    RasterInfo info;
    info.resolution_in_target = 10.0;
    CHECK(default_resampling(info, target, true) == "mode");
    info.resolution_in_target = 25.0;
    CHECK(default_resampling(info, target, true) == "near");
    info.resolution_in_target = 100.0;
    CHECK(default_resampling(info, target, true) == "near");
}

TEST_CASE("inspect_raster: class codes are recognised by LAYER_TYPE, a colour table or a thematic RAT",
          "[aligned][categorical]") {
    gdal_init();
    TempDir dir("categorical");
    const double gt[6] = {1000, 10, 0, 2000, 0, -10};
    const fs::path file = dir.path() / "classes.tif";
    write_geotiff(file, 2, 2, gt, 28992, {{1, 2, 3, 4}});
    // Edits a band of the file (colour tables and RATs of a GeoTIFF are kept in the TIFF or its .aux.xml).
    const auto edit = [&](const std::function<void(GDALRasterBandH)>& change) {
        GDALDatasetH ds = GDALOpen(file.c_str(), GA_Update);
        REQUIRE(ds);
        change(GDALGetRasterBand(ds, 1));
        GDALClose(ds);
    };
    const auto signal = [&] { return inspect_raster(file, 1, epsg_wkt(28992)).categorical_signal; };
    CHECK(signal().empty());  // a plain Float32 band: measurements

    SECTION("a thematic raster attribute table (class names per code)") {
        edit([](GDALRasterBandH band) {
            GDALRasterAttributeTableH rat = GDALCreateRasterAttributeTable();
            GDALRATCreateColumn(rat, "value", GFT_Integer, GFU_MinMax);
            GDALRATCreateColumn(rat, "class", GFT_String, GFU_Name);
            GDALRATSetValueAsInt(rat, 0, 0, 1);
            GDALRATSetValueAsString(rat, 0, 1, "water");
            REQUIRE(GDALSetDefaultRAT(band, rat) == CE_None);
            GDALDestroyRasterAttributeTable(rat);
        });
        CHECK(signal() == "a raster attribute table");
    }
    SECTION("an athematic RAT (a histogram) leaves the band continuous") {
        edit([](GDALRasterBandH band) {
            GDALRasterAttributeTableH rat = GDALCreateRasterAttributeTable();
            GDALRATCreateColumn(rat, "count", GFT_Integer, GFU_PixelCount);
            GDALRATSetValueAsInt(rat, 0, 0, 4);
            GDALRATSetTableType(rat, GRTT_ATHEMATIC);
            REQUIRE(GDALSetDefaultRAT(band, rat) == CE_None);
            GDALDestroyRasterAttributeTable(rat);
        });
        CHECK(signal().empty());
    }
    SECTION("LAYER_TYPE=thematic in the band metadata (as HFA and KEA write it)") {
        edit([](GDALRasterBandH band) { GDALSetMetadataItem(band, "LAYER_TYPE", "thematic", nullptr); });
        CHECK(signal() == "LAYER_TYPE=thematic");
    }
    SECTION("LAYER_TYPE=athematic decides over a RAT") {
        edit([](GDALRasterBandH band) {
            GDALSetMetadataItem(band, "LAYER_TYPE", "athematic", nullptr);
            GDALRasterAttributeTableH rat = GDALCreateRasterAttributeTable();
            GDALRATCreateColumn(rat, "count", GFT_Integer, GFU_PixelCount);
            GDALRATSetValueAsInt(rat, 0, 0, 4);
            REQUIRE(GDALSetDefaultRAT(band, rat) == CE_None);
            GDALDestroyRasterAttributeTable(rat);
        });
        CHECK(signal().empty());
    }
}

TEST_CASE("a 2-band source: band 2 is read", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    const Grid target(1000.0, 2000.0, 10.0, 10.0, 5, 3);
    double gt[6];
    target.geotransform(gt);
    std::vector<float> band1(15, 1.0f), band2(15);
    for (int i = 0; i < 15; ++i) band2[static_cast<std::size_t>(i)] = 50.0f + 0.5f * static_cast<float>(i);
    const fs::path src = dir.path() / "two.tif";
    write_geotiff(src, 5, 3, gt, 28992, {band1, band2});

    const RasterInfo info = inspect_raster(src, 2, epsg_wkt(28992));
    CHECK(info.band_count == 2);
    CHECK(info.band == 2);
    CHECK(read_aligned(info, target, "near", 16) == band2);

    const RasterInfo first = inspect_raster(src, 1, epsg_wkt(28992));
    CHECK(read_aligned(first, target, "near", 16) == band1);
}

TEST_CASE("a rotated source in the target CRS equals gdalwarp", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    // 20 × 20 cells of 10 m, rotated by 30°: x = 1000 + col·a + row·b, y = 2000 + col·d + row·e.
    const double a = 10.0 * std::cos(std::acos(-1.0) / 6.0), b = 10.0 * std::sin(std::acos(-1.0) / 6.0);
    const double gt[6] = {1000.0, a, b, 2000.0, b, -a};
    const fs::path src = dir.path() / "rotated.tif";
    write_geotiff(src, 20, 20, gt, 28992, {smooth(20, 20)});
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    CHECK(info.rotated());
    CHECK(info.resolution_in_target == Approx(10.0));  // sqrt(|a·(-a) - b·b|) = sqrt(100)
    // Corners of the source: x 1000..1273.2, y 1826.8..2100; 5 m target cells around them.
    const Grid target(990.0, 2110.0, 5.0, 5.0, 60, 60);
    const std::vector<float> ours = read_aligned(info, target, "near", 16);
    check_same_cells(ours, gdalwarp(dir, src, target, "near"), target.cols());
    const std::size_t nan = count_nan(ours);
    CHECK(nan > 0);  // the corners of the target are outside the rotated source
    CHECK(nan < ours.size());
}

TEST_CASE("average skips declared-nodata source cells", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    // A 4 × 2 source of 5 m cells under a 2 × 1 target of 10 m cells, same CRS: target cell 0
    // averages source columns 0-1, cell 1 columns 2-3.
    const Grid target(1000.0, 2000.0, 10.0, 10.0, 2, 1);
    const double gt[6] = {1000.0, 5.0, 0, 2000.0, 0, -5.0};
    const std::vector<float> v{1, 2, 10, 20,  //
                               3, 4, 30, -9999};
    const fs::path src = dir.path() / "fine.tif";
    write_geotiff(src, 4, 2, gt, 28992, {v}, -9999.0);
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    const std::vector<float> out = read_aligned(info, target, "average", 16);
    CHECK(out[0] == Approx((1.0 + 2.0 + 3.0 + 4.0) / 4.0));
    CHECK(out[1] == Approx((10.0 + 20.0 + 30.0) / 3.0));  // -9999 left out, not averaged in
}

// A float source without a declared nodata value marks gaps with NaN: the reader declares NaN as
// its nodata, so averaging skips the NaN cell like any nodata cell.
TEST_CASE("average skips NaN source cells when no nodata value is declared", "[aligned]") {
    gdal_init();
    TempDir dir("aligned");
    const Grid target(1000.0, 2000.0, 10.0, 10.0, 2, 1);
    const double gt[6] = {1000.0, 5.0, 0, 2000.0, 0, -5.0};
    const std::vector<float> v{1, 2, 10, 20,  //
                               3, kNoData, 30, 40};
    const fs::path src = dir.path() / "undeclared.tif";
    write_geotiff(src, 4, 2, gt, 28992, {v});
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    const std::vector<float> out = read_aligned(info, target, "average", 16);
    CHECK(out[0] == Approx((1.0 + 2.0 + 3.0) / 3.0));
    CHECK(out[1] == Approx((10.0 + 20.0 + 30.0 + 40.0) / 4.0));
}

// KNOWN LIMITATION (GDAL 3.6's warper, documented in the README): a source that declares a nodata
// value (here -9999) AND holds NaN cells: averaging treats the NaN as a value, so the target cell
// becomes NaN; -r max/min/mode do skip it. Kept as an expected failure so a GDAL upgrade that
// fixes it shows up.
TEST_CASE("average skips NaN source cells in a source with another nodata value", "[aligned][!mayfail]") {
    gdal_init();
    TempDir dir("aligned");
    const Grid target(1000.0, 2000.0, 10.0, 10.0, 2, 1);
    const double gt[6] = {1000.0, 5.0, 0, 2000.0, 0, -5.0};
    const std::vector<float> v{1, 2, 10, 20,  //
                               3, kNoData, 30, -9999};
    const fs::path src = dir.path() / "declared.tif";
    write_geotiff(src, 4, 2, gt, 28992, {v}, -9999.0);
    const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
    CHECK(read_aligned(info, target, "max", 16)[0] == 3.0f);
    CHECK(read_aligned(info, target, "average", 16)[0] == Approx((1.0 + 2.0 + 3.0) / 3.0));
}

TEST_CASE("a coarse source on the target lattice, read with near, equals gdalwarp cell for cell", "[aligned]") {
    // The direct path for coarse model grids (100 m under a 25 m study grid): every target cell
    // takes the source cell its centre lies in, nodata and NaN included, and the target reaches
    // past the source on every side (negative offsets, cells outside).
    gdal_init();
    TempDir dir("aligned");
    struct Case {
        int fx, fy;
        double x0, y0;  // the source's top-left corner
    };
    for (const Case& k : {Case{4, 4, 1040.0, 1960.0}, Case{3, 2, 1030.0, 1980.0}, Case{5, 5, 960.0, 2050.0}}) {
        INFO("factor " << k.fx << " x " << k.fy << ", source origin " << k.x0 << ", " << k.y0);
        const int cols = 9, rows = 7;
        const double gt[6] = {k.x0, 10.0 * k.fx, 0, k.y0, 0, -10.0 * k.fy};
        std::vector<float> v(static_cast<std::size_t>(cols) * rows);
        for (std::size_t i = 0; i < v.size(); ++i) v[i] = 50.0f + 0.25f * static_cast<float>(i);
        v[2 * cols + 3] = -9999.0f;
        v[4 * cols + 6] = kNoData;
        const fs::path src = dir.path() / ("coarse-" + std::to_string(k.fx) + std::to_string(k.fy) + ".tif");
        write_geotiff(src, cols, rows, gt, 28992, {v}, -9999.0);
        const RasterInfo info = inspect_raster(src, 1, epsg_wkt(28992));
        const Grid target(1000.0, 2000.0, 10.0, 10.0, 37, 29);
        CHECK(default_resampling(info, target) == "near");
        const std::vector<float> ours = read_aligned(info, target, "near", 16);
        const std::vector<float> theirs = gdalwarp(dir, src, target, "near");
        REQUIRE(ours.size() == theirs.size());
        std::size_t differ = 0;
        for (std::size_t i = 0; i < ours.size(); ++i)
            if (!((std::isnan(ours[i]) && std::isnan(theirs[i])) || ours[i] == theirs[i])) ++differ;
        CHECK(differ == 0);
        CHECK(count_nan(ours) > 0);
        CHECK(count_nan(ours) < ours.size());
        check_same_cells(read_aligned(info, target, "near", 5), ours, target.cols());
    }
}

TEST_CASE("the grid's length unit, short, from the CRS", "[io][crs][study-wording]") {
    // What the report writes after the cell size: "100 m", "50 ft", "50 US ft".
    CHECK(crs_length_unit(crs_to_wkt("EPSG:27700", "study.crs")) == "m");
    CHECK(crs_length_unit(crs_to_wkt("EPSG:2222", "study.crs")) == "ft");     // NAD83 / Arizona East (ft)
    CHECK(crs_length_unit(crs_to_wkt("EPSG:2227", "study.crs")) == "US ft");  // NAD83 / California zone 3 (ftUS)
    CHECK(crs_length_unit("not a CRS").empty());
}
