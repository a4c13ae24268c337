// io/CogFile, io/TiffDirectory and io/CogTileWriter: a COG laid out from compressed tiles, read
// back by GDAL and passed by GDAL's COG validator; the layout's refusals.
#include <catch2/catch.hpp>
#include <gdal.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/CogFile.h"
#include "burdenmap/io/CogTileWriter.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/TiffDirectory.h"
#include "support/CogValidator.h"
#include "support/TempDir.h"
#include "support/TestValues.h"

namespace fs = std::filesystem;
using namespace burdenmap;

namespace {

using namespace burdenmap::test;

TiffEntry shorts(std::uint16_t tag, std::vector<std::uint16_t> values) {
    TiffEntry e{tag, static_cast<std::uint16_t>(TiffType::Short), values.size(), {}};
    for (std::uint16_t v : values) {
        e.bytes.push_back(static_cast<std::uint8_t>(v & 0xFF));
        e.bytes.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    return e;
}

TiffEntry ascii(std::uint16_t tag, const std::string& text) {
    TiffEntry e{tag, static_cast<std::uint16_t>(TiffType::Ascii), text.size() + 1, {}};
    e.bytes.assign(text.begin(), text.end());
    e.bytes.push_back(0);
    return e;
}

// The sample tags of `bands` Float32 bands, grey plus unspecified extra samples, NaN nodata: what
// GDAL's template brings besides georeferencing.
std::vector<TiffEntry> sample_tags(int bands) {
    std::vector<TiffEntry> tags{shorts(258, std::vector<std::uint16_t>(static_cast<std::size_t>(bands), 32)), shorts(262, {1}),
                                shorts(277, {static_cast<std::uint16_t>(bands)})};
    if (bands > 1) tags.push_back(shorts(338, std::vector<std::uint16_t>(static_cast<std::size_t>(bands) - 1, 0)));
    tags.push_back(shorts(339, std::vector<std::uint16_t>(static_cast<std::size_t>(bands), 3)));
    tags.push_back(ascii(42113, "nan"));
    return tags;
}

// A value per level, band, row and column; NaN on a diagonal, as nodata is.
float level_value(std::size_t level, std::size_t band, long long row, long long col) {
    if ((row + col + static_cast<long long>(band)) % 11 == 0) return std::nanf("");
    return static_cast<float>(level * 1000000 + band * 100000) + static_cast<float>(row) * 0.5f + static_cast<float>(col % 997);
}

std::vector<float> level_cells(std::size_t level, std::size_t band, const CogLevelSize& size) {
    std::vector<float> v;
    for (long long r = 0; r < size.rows; ++r)
        for (long long c = 0; c < size.cols; ++c) v.push_back(level_value(level, band, r, c));
    return v;
}

bool same_cells(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return false;
    return std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;  // the same bits, NaN included
}

// Writes a 2-band, 2-level COG of 1100 x 700 cells (overview 550 x 350) through CogFile.
fs::path write_small_cog(const fs::path& path, bool bigtiff) {
    CogImage image;
    image.levels = {{1100, 700}, {550, 350}};
    image.bands = 2;
    image.main_tags = sample_tags(2);
    image.overview_tags = sample_tags(2);
    std::vector<std::vector<std::vector<std::uint8_t>>> tiles(2);
    std::vector<std::vector<std::uint32_t>> sizes(2);
    for (std::size_t l = 0; l < 2; ++l) {
        const CogLevelSize& size = image.levels[l];
        for (std::size_t b = 0; b < 2; ++b) {
            const std::vector<float> cells = level_cells(l, b, size);
            for (long long r = 0; r < size.rows; r += 512)
                for (long long c = 0; c < size.cols; c += 512) {
                    std::vector<float> tile(512 * 512);
                    cut_tile(cells.data(), static_cast<int>(size.cols), static_cast<int>(size.rows), static_cast<int>(c),
                             static_cast<int>(r), 512, tile.data());
                    tiles[l].push_back(deflate_cells(tile.data(), tile.size()));
                    sizes[l].push_back(static_cast<std::uint32_t>(tiles[l].back().size()));
                }
        }
    }
    const CogFilePlan plan = plan_cog_file(image, sizes, bigtiff);
    REQUIRE(plan.bigtiff == bigtiff);
    write_cog_file(path, plan, sizes, [&](std::size_t l, std::size_t t, std::vector<std::uint8_t>& out) { out = tiles[l][t]; });
    CHECK(fs::file_size(path) == plan.file_size);
    return path;
}

std::vector<float> read_band(GDALRasterBandH band) {
    const int cols = GDALGetRasterBandXSize(band), rows = GDALGetRasterBandYSize(band);
    std::vector<float> v(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows));
    REQUIRE(GDALRasterIO(band, GF_Read, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) == CE_None);
    return v;
}

}  // namespace

TEST_CASE("a COG laid out from compressed tiles reads back exactly and passes GDAL's validator", "[cog]") {
    gdal_init();
    TempDir dir("cogfile");
    for (bool bigtiff : {false, true}) {
        INFO((bigtiff ? "BigTIFF" : "classic TIFF"));
        const fs::path file = write_small_cog(dir / (bigtiff ? "big.tif" : "classic.tif"), bigtiff);
        GDALDatasetH ds = GDALOpen(file.c_str(), GA_ReadOnly);
        REQUIRE(ds);
        CHECK(GDALGetRasterXSize(ds) == 1100);
        CHECK(GDALGetRasterYSize(ds) == 700);
        REQUIRE(GDALGetRasterCount(ds) == 2);
        CHECK(std::string(GDALGetMetadataItem(ds, "LAYOUT", "IMAGE_STRUCTURE")) == "COG");
        CHECK(std::string(GDALGetMetadataItem(ds, "INTERLEAVE", "IMAGE_STRUCTURE")) == "BAND");
        CHECK(std::string(GDALGetMetadataItem(ds, "COMPRESSION", "IMAGE_STRUCTURE")) == "DEFLATE");
        for (int b = 0; b < 2; ++b) {
            GDALRasterBandH band = GDALGetRasterBand(ds, b + 1);
            int has_nodata = 0;
            CHECK(std::isnan(GDALGetRasterNoDataValue(band, &has_nodata)));
            CHECK(has_nodata);
            CHECK(same_cells(read_band(band), level_cells(0, static_cast<std::size_t>(b), {1100, 700})));
            REQUIRE(GDALGetOverviewCount(band) == 1);
            CHECK(same_cells(read_band(GDALGetOverview(band, 0)), level_cells(1, static_cast<std::size_t>(b), {550, 350})));
        }
        GDALClose(ds);
        const CogVerdict verdict = validate_cog(file);
        INFO(verdict.output);
        CHECK(verdict.valid());
    }
}

TEST_CASE("the COG layout switches to BigTIFF only past 4 GiB, with 8-byte tile offsets", "[cog]") {
    CogImage image;
    image.levels = {{1024, 512}};
    image.bands = 1;
    image.main_tags = sample_tags(1);
    const CogFilePlan small = plan_cog_file(image, {{1000, 2000}});
    CHECK_FALSE(small.bigtiff);
    CHECK(small.file_size == small.head.size() + 1000 + 2000 + 4 * 4);
    CHECK(small.tile_offsets[0][0] == small.head.size() + 4);
    CHECK(small.tile_offsets[0][1] == small.head.size() + 4 + 1000 + 4 + 4);

    image.levels = {{1536, 512}};
    const CogFilePlan large = plan_cog_file(image, {{3000000000u, 3000000000u, 10}});
    CHECK(large.bigtiff);
    CHECK(large.tile_offsets[0][2] > 0xFFFFFFFFull);
    // The head is a BigTIFF whose first directory names those offsets.
    const std::vector<TiffEntry> entries = parse_first_tiff_directory(large.head, "head");
    bool found = false;
    for (const TiffEntry& e : entries)
        if (e.tag == 324) {
            found = true;
            CHECK(e.type == static_cast<std::uint16_t>(TiffType::Long8));
            REQUIRE(e.count == 3);
            std::uint64_t third = 0;
            for (int i = 7; i >= 0; --i) third = (third << 8) | e.bytes[16 + static_cast<std::size_t>(i)];
            CHECK(third == large.tile_offsets[0][2]);
        }
    CHECK(found);
}

TEST_CASE("the COG layout refuses a template tag it sets itself and tiles of the wrong shape", "[cog]") {
    CogImage image;
    image.levels = {{600, 600}};
    image.bands = 1;
    image.main_tags = sample_tags(1);
    image.main_tags.push_back(shorts(259, {5}));  // a template asking for LZW
    CHECK_THROWS_WITH(plan_cog_file(image, {{1, 2, 3, 4}}), Catch::Contains("tag 259"));
    image.main_tags.pop_back();
    CHECK_THROWS_WITH(plan_cog_file(image, {{1, 2, 3}}), Catch::Contains("has 3 tiles"));
    CHECK_THROWS_AS(plan_cog_file(image, {{1, 2, 3, 4}, {5}}), OutputError);
}

TEST_CASE("a TIFF directory is read tag by tag, and a file that is no TIFF is refused by name", "[cog]") {
    CogImage image;
    image.levels = {{512, 512}};
    image.bands = 3;
    image.main_tags = sample_tags(3);
    const CogFilePlan plan = plan_cog_file(image, {{10, 20, 30}});
    const std::vector<TiffEntry> entries = parse_first_tiff_directory(plan.head, "head");
    std::vector<std::uint16_t> tags;
    for (const TiffEntry& e : entries) tags.push_back(e.tag);
    CHECK(tags == std::vector<std::uint16_t>{256, 257, 258, 259, 262, 277, 284, 317, 322, 323, 324, 325, 338, 339, 42113});
    CHECK(entries.back().bytes == std::vector<std::uint8_t>{'n', 'a', 'n', 0});

    CHECK_THROWS_WITH(parse_first_tiff_directory({'M', 'M', 0, 42, 0, 0, 0, 8}, "x.tif"), Catch::Contains("x.tif") && Catch::Contains("little-endian"));
    std::vector<std::uint8_t> cut(plan.head.begin(), plan.head.begin() + 220);
    CHECK_THROWS_WITH(parse_first_tiff_directory(cut, "cut.tif"), Catch::Contains("cut.tif"));
}

TEST_CASE("CogTileWriter refuses windows without whole tiles, a tile twice and a COG with a tile missing", "[cog]") {
    TempDir dir("cogtiles");
    CogTileWriter writer(dir / "store", 1100, 700, 1, {2});
    const std::vector<float> cells(512 * 512, 1.0f);
    const std::vector<std::vector<float>> overview{std::vector<float>(256 * 256, 1.0f)};
    const Window odd{0, 0, 300, 300};
    CHECK_THROWS_WITH(writer.add(odd, 0, writer.compress_window(odd, cells.data()), overview), Catch::Contains("whole tiles"));
    const Window first{0, 0, 512, 512};
    const CogTileWriter::Tiles tiles = writer.compress_window(first, cells.data());
    REQUIRE(tiles.size() == 1);
    writer.add(first, 0, tiles, overview);
    CHECK_THROWS_WITH(writer.add(first, 0, tiles, overview), Catch::Contains("twice"));
    CHECK_THROWS_WITH(writer.finish(dir / "out.tif", sample_tags(1), sample_tags(1)),
                      Catch::Contains("out.tif") && Catch::Contains("never written"));
}
