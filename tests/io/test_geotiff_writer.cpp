// GeoTiffWriter: windows streamed into a COG, read back with GDAL; temp files never outlive it.
#include <catch2/catch.hpp>
#include <gdal.h>
#include <unistd.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "support/CogValidator.h"
#include "support/Files.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;

namespace {

using namespace burdenmap::test;  // tests/support

bool same_crs(const std::string& a, const std::string& b) {
    OGRSpatialReferenceH sa = OSRNewSpatialReference(a.c_str());
    OGRSpatialReferenceH sb = OSRNewSpatialReference(b.c_str());
    const bool same = OSRIsSame(sa, sb) != 0;
    OSRDestroySpatialReference(sa);
    OSRDestroySpatialReference(sb);
    return same;
}

// A value that differs per band, row and column, so a misplaced window shows; every 7th cell is
// NaN (nodata), on a diagonal pattern that crosses window edges.
float cell_value(std::size_t band, int row, int col) {
    if ((static_cast<int>(band) + row + col) % 7 == 0) return std::numeric_limits<float>::quiet_NaN();
    return static_cast<float>(band * 10000 + static_cast<std::size_t>(row * 100 + col)) + 0.25f;
}

std::vector<float> window_values(std::size_t band, const Window& w) {
    std::vector<float> values;
    values.reserve(w.size());
    for (int r = 0; r < w.rows; ++r)
        for (int c = 0; c < w.cols; ++c) values.push_back(cell_value(band, w.row_off + r, w.col_off + c));
    return values;
}

// The job's access pattern: windows of `step` cells, edge windows smaller, all bands per window.
void write_all(GeoTiffWriter& writer, const Grid& grid, std::size_t bands, int step) {
    for (int row = 0; row < grid.rows(); row += step)
        for (int col = 0; col < grid.cols(); col += step) {
            const Window w{col, row, std::min(step, grid.cols() - col), std::min(step, grid.rows() - row)};
            for (std::size_t b = 0; b < bands; ++b) writer.write(w, b, window_values(b, w).data());
        }
}

std::vector<BandSpec> three_bands() {
    return {
        {"road_noise score", "class", {{"method", "ges.road_noise"}, {"source", "GES 2019"}}},
        {"no2 score", "class", {{"method", "ges.no2"}}},
        {"count_at_least_6", "count", {}},
    };
}

const Grid small_grid(155000.0, 463000.0, 10.0, 10.0, 40, 30);

struct TiffDataset {
    GDALDatasetH ds;
    explicit TiffDataset(const fs::path& p) : ds(GDALOpen(p.c_str(), GA_ReadOnly)) { REQUIRE(ds); }
    ~TiffDataset() { GDALClose(ds); }
    TiffDataset(const TiffDataset&) = delete;
    TiffDataset& operator=(const TiffDataset&) = delete;
};

std::string item(GDALMajorObjectH object, const char* key, const char* domain = nullptr) {
    const char* v = GDALGetMetadataItem(object, key, domain);
    return v ? v : "";
}

}  // namespace

TEST_CASE("GeoTiffWriter streams windows into a COG that reads back exactly", "[geotiff]") {
    gdal_init();
    TempDir dir("geotiff");
    const fs::path out = dir.path() / "burden.tif";
    const std::string wkt = epsg_wkt(28992);
    {
        GeoTiffWriter writer(out, false, small_grid, wkt, three_bands(), {{"burdenmap_version", "0.1.0"}});
        write_all(writer, small_grid, 3, 16);
        writer.finish();
    }
    CHECK(names_in(dir.path()) == std::vector<std::string>{"burden.tif"});  // no temp, no sidecar

    TiffDataset f(out);
    REQUIRE(GDALGetRasterXSize(f.ds) == 40);
    REQUIRE(GDALGetRasterYSize(f.ds) == 30);
    REQUIRE(GDALGetRasterCount(f.ds) == 3);

    SECTION("values, with NaN as nodata") {
        for (std::size_t b = 0; b < 3; ++b) {
            GDALRasterBandH band = GDALGetRasterBand(f.ds, static_cast<int>(b) + 1);
            CHECK(GDALGetRasterDataType(band) == GDT_Float32);
            int has_nodata = 0;
            CHECK(std::isnan(GDALGetRasterNoDataValue(band, &has_nodata)));
            CHECK(has_nodata);
            std::vector<float> read(40 * 30);
            REQUIRE(GDALRasterIO(band, GF_Read, 0, 0, 40, 30, read.data(), 40, 30, GDT_Float32, 0, 0) == CE_None);
            const std::vector<float> expected = window_values(b, Window{0, 0, 40, 30});
            int mismatches = 0;
            for (std::size_t i = 0; i < read.size(); ++i) {
                const bool same = std::isnan(expected[i]) ? std::isnan(read[i]) : read[i] == expected[i];
                if (!same) ++mismatches;
            }
            CHECK(mismatches == 0);
        }
    }
    SECTION("georeferencing") {
        double gt[6];
        REQUIRE(GDALGetGeoTransform(f.ds, gt) == CE_None);
        CHECK(gt[0] == 155000.0);
        CHECK(gt[1] == 10.0);
        CHECK(gt[2] == 0.0);
        CHECK(gt[3] == 463000.0);
        CHECK(gt[4] == 0.0);
        CHECK(gt[5] == -10.0);
        CHECK(same_crs(GDALGetProjectionRef(f.ds), wkt));
    }
    SECTION("band descriptions, units and metadata survive the COG copy") {
        const auto bands = three_bands();
        for (std::size_t b = 0; b < 3; ++b) {
            GDALRasterBandH band = GDALGetRasterBand(f.ds, static_cast<int>(b) + 1);
            CHECK(std::string(GDALGetDescription(band)) == bands[b].description);
            CHECK(std::string(GDALGetRasterUnitType(band)) == bands[b].unit);
            for (const auto& [key, value] : bands[b].metadata) CHECK(item(band, key.c_str()) == value);
        }
        CHECK(item(f.ds, "burdenmap_version") == "0.1.0");
    }
    SECTION("it is a cloud-optimised GeoTIFF, compressed, without overviews at this size") {
        CHECK(item(f.ds, "LAYOUT", "IMAGE_STRUCTURE") == "COG");
        CHECK(item(f.ds, "COMPRESSION", "IMAGE_STRUCTURE") == "DEFLATE");
        CHECK(GDALGetOverviewCount(GDALGetRasterBand(f.ds, 1)) == 0);
    }
}

TEST_CASE("GeoTiffWriter builds overviews when the raster is larger than a block", "[geotiff]") {
    gdal_init();
    TempDir dir("geotiff");
    const fs::path out = dir.path() / "large.tif";
    const Grid grid(0.0, 6000.0, 10.0, 10.0, 600, 600);
    {
        GeoTiffWriter writer(out, false, grid, epsg_wkt(28992), {{"score", "class", {}}}, {});
        write_all(writer, grid, 1, 256);
        writer.finish();
    }
    CHECK(names_in(dir.path()) == std::vector<std::string>{"large.tif"});
    TiffDataset f(out);
    CHECK(item(f.ds, "LAYOUT", "IMAGE_STRUCTURE") == "COG");
    GDALRasterBandH band = GDALGetRasterBand(f.ds, 1);
    REQUIRE(GDALGetOverviewCount(band) >= 1);
    GDALRasterBandH overview = GDALGetOverview(band, 0);
    CHECK(GDALGetRasterBandXSize(overview) == 300);

    // Overviews average the cells that have data: no 2×2 block is all NaN in this pattern, so
    // no overview cell is NaN; the top-left block is NaN, 1.25, 100.25 and 101.25.
    std::vector<float> reduced(300 * 300);
    REQUIRE(GDALRasterIO(overview, GF_Read, 0, 0, 300, 300, reduced.data(), 300, 300, GDT_Float32, 0, 0) == CE_None);
    CHECK(std::none_of(reduced.begin(), reduced.end(), [](float v) { return std::isnan(v); }));
    CHECK(reduced[0] == Approx((1.25 + 100.25 + 101.25) / 3));
    int bx = 0, by = 0;
    GDALGetBlockSize(band, &bx, &by);
    CHECK(bx == 512);
    CHECK(by == 512);
}

TEST_CASE("overviews averaged as aligned windows pass are the exact means of the cells under them", "[geotiff]") {
    // 1100 x 700 cells: the COG levels are 1/2 (550 x 350) and 1/4 (275 x 175). Windows of 256
    // and of 100 start on multiples of 4, so burdenmap computes the overviews; windows of 50 do
    // not, so the COG driver builds them (GDAL's averaging) — level 1/2 must agree either way.
    gdal_init();
    TempDir dir("geotiff");
    const Grid grid(0.0, 7000.0, 10.0, 10.0, 1100, 700);
    const auto write = [&](const std::string& name, int step) {
        const fs::path out = dir.path() / name;
        GeoTiffWriter writer(out, false, grid, epsg_wkt(28992), {{"score", "class", {}}}, {}, step);
        write_all(writer, grid, 1, step);
        writer.finish();
        return out;
    };
    const auto level = [](const fs::path& file, int k, int cols, int rows) {
        TiffDataset f(file);
        GDALRasterBandH band = GDALGetRasterBand(f.ds, 1);
        REQUIRE(GDALGetOverviewCount(band) == 2);
        GDALRasterBandH overview = GDALGetOverview(band, k);
        REQUIRE(GDALGetRasterBandXSize(overview) == cols);
        REQUIRE(GDALGetRasterBandYSize(overview) == rows);
        std::vector<float> v(static_cast<std::size_t>(cols) * rows);
        REQUIRE(GDALRasterIO(overview, GF_Read, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) == CE_None);
        return v;
    };
    // The mean of the valid full-resolution cells under each overview cell of factor f.
    const auto exact = [&](int f, int cols, int rows) {
        std::vector<float> v(static_cast<std::size_t>(cols) * rows);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                double sum = 0;
                int n = 0;
                for (int rr = r * f; rr < std::min((r + 1) * f, grid.rows()); ++rr)
                    for (int cc = c * f; cc < std::min((c + 1) * f, grid.cols()); ++cc) {
                        const float x = cell_value(0, rr, cc);
                        if (std::isnan(x)) continue;
                        sum += x;
                        ++n;
                    }
                v[static_cast<std::size_t>(r) * cols + c] = n ? static_cast<float>(sum / n) : std::numeric_limits<float>::quiet_NaN();
            }
        return v;
    };
    const std::vector<float> half = exact(2, 550, 350), quarter = exact(4, 275, 175);
    for (int step : {256, 100}) {
        INFO("windows of " << step);
        const fs::path out = write("aligned-" + std::to_string(step) + ".tif", step);
        CHECK(level(out, 0, 550, 350) == half);
        CHECK(level(out, 1, 275, 175) == quarter);
    }
    const std::vector<float> gdal_half = level(write("unaligned.tif", 50), 0, 550, 350);
    REQUIRE(gdal_half.size() == half.size());
    int differ = 0;
    for (std::size_t i = 0; i < half.size(); ++i)
        if (!(gdal_half[i] == Approx(half[i]).epsilon(1e-6))) ++differ;
    CHECK(differ == 0);
}

namespace {

// Every cell of a band and of each of its overviews, as bits (NaN included).
std::vector<std::vector<std::uint32_t>> band_bits(GDALRasterBandH band) {
    std::vector<GDALRasterBandH> levels{band};
    for (int k = 0; k < GDALGetOverviewCount(band); ++k) levels.push_back(GDALGetOverview(band, k));
    std::vector<std::vector<std::uint32_t>> out;
    for (GDALRasterBandH level : levels) {
        const int cols = GDALGetRasterBandXSize(level), rows = GDALGetRasterBandYSize(level);
        std::vector<std::uint32_t> bits(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows));
        REQUIRE(GDALRasterIO(level, GF_Read, 0, 0, cols, rows, bits.data(), cols, rows, GDT_Float32, 0, 0) == CE_None);
        out.push_back(std::move(bits));
    }
    return out;
}

std::vector<std::string> metadata_of(GDALMajorObjectH object) {
    std::vector<std::string> out;
    for (char** m = GDALGetMetadata(object, nullptr); m && *m; ++m) out.emplace_back(*m);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the COG assembled from tiles holds exactly what GDAL's COG copy holds, and validates", "[geotiff]") {
    // 1300 x 1100 cells, 3 bands with NaN: overviews 1/2 and 1/4. Windows of 256 take the
    // GDAL path (temp GeoTIFF, COG driver copy); windows of 512 and 1024 (4 tiles each, edge
    // windows cut short) the direct one. Both carry burdenmap's own overview cells.
    gdal_init();
    TempDir dir("geotiff");
    const Grid grid(120000.0, 480000.0, 25.0, 25.0, 1300, 1100);
    const auto write = [&](int step) {
        const fs::path out = dir.path() / ("step-" + std::to_string(step) + ".tif");
        GeoTiffWriter writer(out, false, grid, epsg_wkt(28992), three_bands(), {{"burdenmap_version", "9.9.9"}}, step);
        write_all(writer, grid, 3, step);
        writer.finish();
        return out;
    };
    const fs::path gdal_path = write(256);
    for (int step : {512, 1024}) {
        INFO("windows of " << step);
        const fs::path direct_path = write(step);
        TiffDataset gdal_cog(gdal_path), direct(direct_path);
        // The two came by different paths (else this compares a file with its twin): GDAL's COG
        // driver interleaves pixels, the assembled COG stores bands apart.
        REQUIRE(item(gdal_cog.ds, "INTERLEAVE", "IMAGE_STRUCTURE") == "PIXEL");
        CHECK(item(direct.ds, "LAYOUT", "IMAGE_STRUCTURE") == "COG");
        CHECK(item(direct.ds, "COMPRESSION", "IMAGE_STRUCTURE") == "DEFLATE");
        CHECK(item(direct.ds, "INTERLEAVE", "IMAGE_STRUCTURE") == "BAND");
        CHECK(metadata_of(direct.ds) == metadata_of(gdal_cog.ds));
        double a[6], b[6];
        REQUIRE(GDALGetGeoTransform(direct.ds, a) == CE_None);
        REQUIRE(GDALGetGeoTransform(gdal_cog.ds, b) == CE_None);
        CHECK(std::equal(a, a + 6, b));
        CHECK(same_crs(GDALGetProjectionRef(direct.ds), GDALGetProjectionRef(gdal_cog.ds)));
        REQUIRE(GDALGetRasterCount(direct.ds) == 3);
        for (int i = 1; i <= 3; ++i) {
            GDALRasterBandH d = GDALGetRasterBand(direct.ds, i), g = GDALGetRasterBand(gdal_cog.ds, i);
            CHECK(std::string(GDALGetDescription(d)) == GDALGetDescription(g));
            CHECK(std::string(GDALGetRasterUnitType(d)) == GDALGetRasterUnitType(g));
            // method, source and STATISTICS_*; the mean and standard deviation are summed window
            // by window, so windows of 1024 round them differently from windows of 256.
            const std::vector<std::string> md = metadata_of(d), mg = metadata_of(g);
            REQUIRE(md.size() == mg.size());
            for (std::size_t k = 0; k < md.size(); ++k) {
                const std::string key = md[k].substr(0, md[k].find('='));
                if (key == "STATISTICS_MEAN" || key == "STATISTICS_STDDEV") {
                    CHECK(mg[k].rfind(key + "=", 0) == 0);
                    CHECK(std::stod(md[k].substr(key.size() + 1)) == Approx(std::stod(mg[k].substr(key.size() + 1))).epsilon(1e-12));
                } else {
                    CHECK(md[k] == mg[k]);
                }
            }
            int has = 0;
            CHECK(std::isnan(GDALGetRasterNoDataValue(d, &has)));
            CHECK(has);
            int bx = 0, by = 0;
            GDALGetBlockSize(d, &bx, &by);
            CHECK((bx == 512 && by == 512));
            CHECK(GDALGetOverviewCount(d) == 2);
            CHECK(band_bits(d) == band_bits(g));  // full resolution and both overviews, bit for bit
        }
        const CogVerdict verdict = validate_cog(direct_path);
        INFO(verdict.output);
        CHECK(verdict.valid());
    }
    // Neither the template nor the tile store outlives the writer.
    CHECK(names_in(dir.path()) == std::vector<std::string>{"step-1024.tif", "step-256.tif", "step-512.tif"});
}

TEST_CASE("GeoTiffWriter leaves no file at all when destroyed before finish()", "[geotiff]") {
    gdal_init();
    TempDir dir("geotiff");
    {
        GeoTiffWriter writer(dir.path() / "burden.tif", false, small_grid, epsg_wkt(28992), three_bands(), {});
        write_all(writer, small_grid, 3, 16);
        CHECK_FALSE(names_in(dir.path()).empty());  // the streaming copy exists meanwhile
    }
    CHECK(names_in(dir.path()).empty());

    SECTION("nor when it assembles the COG from tiles") {
        const Grid grid(0.0, 7000.0, 10.0, 10.0, 1100, 700);
        {
            GeoTiffWriter writer(dir.path() / "burden.tif", false, grid, epsg_wkt(28992), three_bands(), {}, 512);
            write_all(writer, grid, 3, 512);
            CHECK(names_in(dir.path()).size() == 2);  // the template and the tile store
        }
        CHECK(names_in(dir.path()).empty());
    }
}

TEST_CASE("GeoTiffWriter refuses an existing output without overwrite, leaving it untouched", "[geotiff]") {
    gdal_init();
    TempDir dir("geotiff");
    const fs::path out = dir.path() / "burden.tif";
    {
        GeoTiffWriter writer(out, false, small_grid, epsg_wkt(28992), three_bands(), {});
        write_all(writer, small_grid, 3, 16);
        writer.finish();
    }
    const std::string before = read_bytes(out);
    try {
        GeoTiffWriter writer(out, false, small_grid, epsg_wkt(28992), three_bands(), {});
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(out.string()) && Catch::Contains("--overwrite"));
    }
    CHECK(read_bytes(out) == before);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"burden.tif"});

    SECTION("with overwrite it is replaced") {
        GeoTiffWriter writer(out, true, small_grid, epsg_wkt(28992), {{"only", "", {}}}, {});
        write_all(writer, small_grid, 1, 16);
        writer.finish();
        TiffDataset f(out);
        CHECK(GDALGetRasterCount(f.ds) == 1);
        CHECK(names_in(dir.path()) == std::vector<std::string>{"burden.tif"});
    }
}

TEST_CASE("GeoTiffWriter refuses a folder it cannot write, naming the folder", "[geotiff]") {
    gdal_init();
    TempDir dir("geotiff");
    const fs::path target = dir.unwritable_path("burden.tif");
    try {
        GeoTiffWriter writer(target, false, small_grid, epsg_wkt(28992), three_bands(), {});
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(target.parent_path().string()));
    }
}

TEST_CASE("GeoTiffWriter rejects bad band indexes and windows", "[geotiff]") {
    gdal_init();
    TempDir dir("geotiff");
    GeoTiffWriter writer(dir.path() / "burden.tif", false, small_grid, epsg_wkt(28992), three_bands(), {});
    const std::vector<float> values(16 * 16, 1.0f);
    CHECK_THROWS_AS(writer.write(Window{0, 0, 16, 16}, 3, values.data()), OutputError);
    CHECK_THROWS_AS(writer.write(Window{32, 0, 16, 16}, 0, values.data()), OutputError);  // past column 40
    CHECK_THROWS_AS(writer.write(Window{0, -1, 16, 16}, 0, values.data()), OutputError);
}
