// SharedSourceTiles: a source's blocks decoded once and shared by the readers of several threads.
// Rasters are written in a temp folder inside each test; every read is compared with GDAL's own
// read of the same cells.
#include <catch2/catch.hpp>
#include <cpl_string.h>
#include <gdal.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/io/AlignedSource.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/RasterSource.h"
#include "burdenmap/io/SharedSourceTiles.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using namespace burdenmap::test;  // tests/support
using Catch::Matchers::Contains;

namespace {

constexpr int kCols = 53, kRows = 41, kBlock = 16;  // 4 x 3 blocks, the last column and row cut

// A tiled, DEFLATE-compressed Int16 GeoTIFF of kCols x kRows cells (value 7 * col - 3 * row, so
// every cell differs from its neighbours), in blocks of kBlock.
void write_tiled(const fs::path& file) {
    gdal_init();
    char** options = nullptr;
    options = CSLSetNameValue(options, "TILED", "YES");
    options = CSLSetNameValue(options, "BLOCKXSIZE", std::to_string(kBlock).c_str());
    options = CSLSetNameValue(options, "BLOCKYSIZE", std::to_string(kBlock).c_str());
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), file.c_str(), kCols, kRows, 1, GDT_Int16, options);
    CSLDestroy(options);
    REQUIRE(ds);
    std::vector<std::int16_t> cells(static_cast<std::size_t>(kCols) * kRows);
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c) cells[static_cast<std::size_t>(r) * kCols + c] = static_cast<std::int16_t>(7 * c - 3 * r);
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, kCols, kRows, cells.data(), kCols, kRows, GDT_Int16, 0, 0) ==
            CE_None);
    GDALClose(ds);
}

// GDAL's read of the rectangle, as Float32.
std::vector<float> gdal_read(GDALDatasetH ds, int c0, int r0, int cols, int rows) {
    std::vector<float> out(static_cast<std::size_t>(cols) * rows);
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, c0, r0, cols, rows, out.data(), cols, rows, GDT_Float32, 0, 0) == CE_None);
    return out;
}

std::vector<float> shared_read(SharedSourceTiles& tiles, GDALDatasetH ds, int c0, int r0, int cols, int rows) {
    GdalErrorScope errors;
    std::vector<float> out(static_cast<std::size_t>(cols) * rows, -1.0f);
    tiles.read(GDALGetRasterBand(ds, 1), c0, r0, cols, rows, out.data(), errors);
    return out;
}

// The tiled raster in a temp folder, open, with its shared blocks (`budget` bytes).
struct TiledSource {
    TempDir dir{"shared_tiles"};
    fs::path file = dir.path() / "tiled.tif";
    GDALDatasetH ds = nullptr;
    SharedSourceTiles tiles;
    explicit TiledSource(std::size_t budget = std::size_t{1} << 20) : tiles(file.string(), budget) {
        write_tiled(file);
        ds = GDALOpen(file.c_str(), GA_ReadOnly);
        REQUIRE(ds);
    }
    ~TiledSource() { GDALClose(ds); }
    TiledSource(const TiledSource&) = delete;
    TiledSource& operator=(const TiledSource&) = delete;
    std::vector<float> shared(int c0, int r0, int cols, int rows) { return shared_read(tiles, ds, c0, r0, cols, rows); }
    std::vector<float> gdal(int c0, int r0, int cols, int rows) { return gdal_read(ds, c0, r0, cols, rows); }
};

struct Rect {
    int c0, r0, cols, rows;
};

// The blocks a rectangle touches, as (block column, block row).
void add_blocks(const Rect& r, std::set<std::pair<int, int>>& blocks) {
    for (int by = r.r0 / kBlock; by <= (r.r0 + r.rows - 1) / kBlock; ++by)
        for (int bx = r.c0 / kBlock; bx <= (r.c0 + r.cols - 1) / kBlock; ++bx) blocks.insert({bx, by});
}

}  // namespace

TEST_CASE("shared source blocks: any rectangle equals GDAL's read of it, across block and raster edges", "[shared-tiles]") {
    TiledSource source;
    const std::vector<Rect> rects = {{0, 0, kCols, kRows},  // everything, the cut blocks included
                                     {0, 0, 1, 1},          {kCols - 1, kRows - 1, 1, 1}, {15, 15, 2, 2},  // one cell, corners, a block corner
                                     {10, 3, 30, 5},        {48, 32, 5, 9},               {16, 16, 16, 16}};  // across blocks, the cut corner, one whole block
    for (const Rect& r : rects) {
        INFO(r.c0 << "," << r.r0 << " + " << r.cols << " x " << r.rows);
        CHECK(source.shared(r.c0, r.r0, r.cols, r.rows) == source.gdal(r.c0, r.r0, r.cols, r.rows));
    }
    // 12 blocks in all, each decoded once (the budget holds them all).
    CHECK(source.tiles.blocks_decoded() == 12);
}

TEST_CASE("shared source blocks: threads reading at once decode each block once and read the same cells", "[shared-tiles]") {
    TempDir dir("shared_tiles");
    const fs::path file = dir.path() / "tiled.tif";
    write_tiled(file);
    // Random rectangles, all of them read by every thread, each thread starting elsewhere.
    std::mt19937 random(7);
    std::vector<Rect> rects;
    std::set<std::pair<int, int>> touched;
    for (int i = 0; i < 60; ++i) {
        const int cols = 1 + static_cast<int>(random() % 20), rows = 1 + static_cast<int>(random() % 20);
        const Rect r{static_cast<int>(random() % (kCols - cols + 1)), static_cast<int>(random() % (kRows - rows + 1)), cols, rows};
        rects.push_back(r);
        add_blocks(r, touched);
    }
    GDALDatasetH reference = GDALOpen(file.c_str(), GA_ReadOnly);
    REQUIRE(reference);
    std::vector<std::vector<float>> expected;
    for (const Rect& r : rects) expected.push_back(gdal_read(reference, r.c0, r.r0, r.cols, r.rows));
    GDALClose(reference);

    SharedSourceTiles tiles(file.string(), std::size_t{1} << 20);
    constexpr int kThreads = 4;
    std::vector<int> wrong(kThreads, 0), failed(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            GDALDatasetH own = GDALOpen(file.c_str(), GA_ReadOnly);  // each thread its own, as the run's readers
            if (!own) {
                failed[t] = 1;
                return;
            }
            try {
                for (std::size_t k = 0; k < rects.size(); ++k) {
                    const std::size_t i = (k + static_cast<std::size_t>(t) * 13) % rects.size();
                    const Rect& r = rects[i];
                    if (shared_read(tiles, own, r.c0, r.r0, r.cols, r.rows) != expected[i]) ++wrong[t];
                }
            } catch (...) {
                failed[t] = 1;
            }
            GDALClose(own);
        });
    for (std::thread& t : threads) t.join();
    for (int t = 0; t < kThreads; ++t) {
        INFO("thread " << t);
        CHECK(failed[t] == 0);
        CHECK(wrong[t] == 0);
    }
    CHECK(tiles.blocks_decoded() == touched.size());
}

TEST_CASE("shared source blocks: with a budget below one block the cells stay right and blocks are decoded again",
          "[shared-tiles]") {
    TiledSource source(1);  // one block is kept whatever the budget
    for (int pass = 0; pass < 2; ++pass) {
        CHECK(source.shared(0, 0, kCols, kRows) == source.gdal(0, 0, kCols, kRows));
        CHECK(source.shared(15, 15, 2, 2) == source.gdal(15, 15, 2, 2));  // four blocks, one kept
    }
    CHECK(source.tiles.blocks_decoded() > 12);
}

TEST_CASE("shared source blocks: the least recently used block leaves first", "[shared-tiles]") {
    TiledSource source(2 * kBlock * kBlock * sizeof(float));  // room for two whole blocks
    const auto read_block = [&](int bx, int by) { source.shared(bx * kBlock, by * kBlock, 1, 1); };
    read_block(0, 0);
    read_block(1, 0);
    read_block(0, 0);  // (0, 0) used again: (1, 0) is now the older
    read_block(2, 0);  // (1, 0) leaves
    CHECK(source.tiles.blocks_decoded() == 3);
    read_block(0, 0);  // still kept
    CHECK(source.tiles.blocks_decoded() == 3);
    read_block(1, 0);  // decoded again
    CHECK(source.tiles.blocks_decoded() == 4);
    TiledSource tiny(1);  // below one block: the last one is kept all the same
    tiny.shared(0, 0, 1, 1);
    tiny.shared(1, 1, 1, 1);
    CHECK(tiny.tiles.blocks_decoded() == 1);
}

TEST_CASE("shared source blocks: a band of another raster is refused", "[shared-tiles][errors]") {
    TiledSource source;
    source.shared(0, 0, 1, 1);
    GDALDatasetH other = GDALCreate(GDALGetDriverByName("MEM"), "", 10, 10, 1, GDT_Float32, nullptr);
    REQUIRE(other);
    CHECK_THROWS_WITH(shared_read(source.tiles, other, 0, 0, 1, 1), Contains(source.file.string()) && Contains("another raster"));
    GDALClose(other);
}

TEST_CASE("shared source blocks: a block GDAL cannot read names the file in every thread, and none waits forever",
          "[shared-tiles][errors]") {
    TempDir dir("shared_tiles");
    const fs::path file = dir.path() / "tiled.tif";
    write_tiled(file);
    // Cut the file after its directory and first blocks: the last blocks' bytes are gone.
    fs::resize_file(file, fs::file_size(file) / 2);
    SharedSourceTiles tiles(file.string(), std::size_t{1} << 20);
    constexpr int kThreads = 3;
    std::vector<std::string> messages(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            gdal_init();
            GdalErrorScope quiet;  // GDAL's own report of the read error stays in the test
            GDALDatasetH own = GDALOpen(file.c_str(), GA_ReadOnly);
            if (!own) {
                messages[t] = "the cut file did not open";
                return;
            }
            try {
                shared_read(tiles, own, 0, 0, kCols, kRows);
                messages[t] = "no error";
            } catch (const InputError& e) {
                messages[t] = e.what();
            }
            GDALClose(own);
        });
    for (std::thread& t : threads) t.join();
    for (int t = 0; t < kThreads; ++t) {
        INFO("thread " << t);
        CHECK_THAT(messages[t], Contains(file.string()) && Contains("read failed"));
    }
}

TEST_CASE("shared source blocks: a rectangle outside the raster is refused, naming the file", "[shared-tiles][errors]") {
    TiledSource source;
    CHECK_THROWS_WITH(source.shared(kCols - 2, 0, 3, 1), Contains(source.file.string()) && Contains("outside the raster"));
    CHECK_THROWS_WITH(source.shared(0, -1, 1, 1), Contains(source.file.string()));
}

TEST_CASE("shared source blocks: readers on two threads sharing a coarse source read what a reader alone reads",
          "[shared-tiles][aligned]") {
    // A 100 m source under a 25 m grid, on the grid's lattice (the coarse direct read) and in
    // another CRS (the mesh read): windows split between two threads, blocks shared, every cell as
    // a reader on its own reads it, and no block decoded twice.
    gdal_init();
    TempDir dir("shared_tiles");
    struct Case {
        std::string name;
        int epsg;
        double gt[6];
    };
    const std::vector<Case> cases = {{"lattice", 28992, {128000.0, 100.0, 0, 462000.0, 0, -100.0}},
                                     {"EPSG:3035", 3035, {3981000.0, 100.0, 0, 3240000.0, 0, -100.0}}};
    const Grid target(128000.0, 460000.0, 25.0, 25.0, 400, 480);  // 10 x 12 km under the sources
    for (const Case& k : cases) {
        INFO(k.name);
        const fs::path file = dir.path() / ("coarse_" + std::to_string(k.epsg) + ".tif");
        char** options = nullptr;
        options = CSLSetNameValue(options, "TILED", "YES");
        options = CSLSetNameValue(options, "BLOCKXSIZE", "32");
        options = CSLSetNameValue(options, "BLOCKYSIZE", "32");
        GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), file.c_str(), 150, 150, 1, GDT_Float32, options);
        CSLDestroy(options);
        REQUIRE(ds);
        double gt[6];
        std::copy(k.gt, k.gt + 6, gt);
        GDALSetGeoTransform(ds, gt);
        GDALSetProjection(ds, epsg_wkt(k.epsg).c_str());
        std::vector<float> values(150 * 150);
        for (int i = 0; i < 150 * 150; ++i) values[static_cast<std::size_t>(i)] = static_cast<float>(std::sin(i * 0.37) * 40.0 + 50.0);
        REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 150, 150, values.data(), 150, 150, GDT_Float32, 0, 0) == CE_None);
        GDALClose(ds);

        const RasterInfo info = inspect_raster(file, 1, epsg_wkt(28992));
        const int block = 64;
        std::vector<Window> windows;
        for (int r = 0; r < target.rows(); r += block)
            for (int c = 0; c < target.cols(); c += block)
                windows.push_back({c, r, std::min(block, target.cols() - c), std::min(block, target.rows() - r)});
        const auto read_all = [&](AlignedReader& reader, const Window& w) {
            std::vector<float> cells(w.size());
            reader.read(w, cells.data());
            return cells;
        };
        AlignedReader alone(info, target, epsg_wkt(28992), "near", block);
        std::vector<std::vector<float>> expected;
        for (const Window& w : windows) expected.push_back(read_all(alone, w));

        // The blocks one reader decodes alone, through the shared blocks.
        auto once = std::make_shared<SharedSourceTiles>(file.string(), std::size_t{64} << 20);
        AlignedReader single(info, target, epsg_wkt(28992), "near", block, once);
        for (const Window& w : windows) read_all(single, w);
        auto shared = std::make_shared<SharedSourceTiles>(file.string(), std::size_t{64} << 20);
        std::vector<std::vector<float>> got(windows.size());
        std::vector<std::thread> threads;
        std::vector<std::string> errors(2);
        for (int t = 0; t < 2; ++t)
            threads.emplace_back([&, t] {
                try {
                    AlignedReader reader(info, target, epsg_wkt(28992), "near", block, shared);
                    for (std::size_t i = static_cast<std::size_t>(t); i < windows.size(); i += 2) got[i] = read_all(reader, windows[i]);
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(t)] = e.what();
                }
            });
        for (std::thread& t : threads) t.join();
        CHECK(errors == std::vector<std::string>(2));
        std::size_t differ = 0;
        for (std::size_t i = 0; i < windows.size(); ++i)
            for (std::size_t j = 0; j < expected[i].size(); ++j) {
                const float a = expected[i][j], b = got[i].size() > j ? got[i][j] : -1.0f;
                if (!(a == b || (std::isnan(a) && std::isnan(b)))) ++differ;
            }
        CHECK(differ == 0);
        CHECK(once->blocks_decoded() > 0);
        CHECK(shared->blocks_decoded() == once->blocks_decoded());  // no block decoded twice
    }
}

TEST_CASE("shared source blocks: a source that is not a GeoTIFF is read on its own", "[shared-tiles][aligned]") {
    // A VRT's blocks are not its own cells (a scaled source picks them from the rectangle asked
    // for), so the reader does not share them, and reads what it read before.
    TiledSource source;
    const fs::path vrt = source.dir.path() / "view.vrt";
    GDALDatasetH view = GDALCreateCopy(GDALGetDriverByName("VRT"), vrt.c_str(), source.ds, FALSE, nullptr, nullptr, nullptr);
    REQUIRE(view);
    double gt[6] = {128000.0, 100.0, 0, 462000.0, 0, -100.0};
    GDALSetGeoTransform(view, gt);
    GDALSetProjection(view, epsg_wkt(28992).c_str());
    GDALClose(view);
    const Grid target(128000.0, 462000.0, 25.0, 25.0, 200, 160);
    const RasterInfo info = inspect_raster(vrt, 1, epsg_wkt(28992));
    auto shared = std::make_shared<SharedSourceTiles>(vrt.string(), std::size_t{1} << 20);
    AlignedReader with(info, target, epsg_wkt(28992), "near", 64, shared), without(info, target, epsg_wkt(28992), "near", 64);
    const Window w{0, 0, 200, 160};
    std::vector<float> a(w.size()), b(w.size());
    with.read(w, a.data());
    without.read(w, b.data());
    CHECK(a == b);
    CHECK(shared->blocks_decoded() == 0);
}
