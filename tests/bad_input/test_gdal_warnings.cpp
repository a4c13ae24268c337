// GDAL's warnings while the worker threads read (a corrupt JPEG tile that GDAL still decodes):
// they reach stderr and run.json as "gdal-warning", naming the layer and its file, once however
// many threads read it. Before, a reader's warnings were collected and never shown.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// A JPEG-compressed noise raster whose one tile has a run of bytes overwritten in the middle of
// its data: libjpeg reports "Corrupt JPEG data" as a warning and returns the pixels it could decode.
void write_corrupt_jpeg(const fs::path& path) {
    RasterSpec spec;
    spec.cols = spec.rows = 32;
    spec.type = GDT_Byte;
    spec.value = [](int col, int row) { return (col * 37 + row * 91) % 200; };
    spec.options = {"COMPRESS=JPEG", "TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"};
    write_raster(path, spec);
    GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
    REQUIRE(ds);
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    const char* offset = GDALGetMetadataItem(band, "BLOCK_OFFSET_0_0", "TIFF");
    const char* size = GDALGetMetadataItem(band, "BLOCK_SIZE_0_0", "TIFF");
    REQUIRE(offset);
    REQUIRE(size);
    const std::size_t start = std::stoul(offset) + std::stoul(size) / 2;
    GDALClose(ds);
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    REQUIRE(start + 40 < bytes.size());
    for (std::size_t k = 0; k < 40; ++k) bytes[start + k] = static_cast<char>(k % 3 == 0 ? 0xFF : k % 3 == 1 ? 0xD9 : 0x00);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("gdal warnings: a warning GDAL raises while the threads read is shown once, naming the layer and file",
          "[bad_input][rasters][gdal_warnings]") {
    Job job("gdal-warning-read");
    write_corrupt_jpeg(job / "noise.tif");
    const CommandResult r = job.run({"--threads", "2", "--block-size", "16"}, {});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string expected = "warning: " + (job / "noise.tif").string() + " (layer 'noise'): JPEGLib:Corrupt JPEG data";
    const std::size_t first = r.err.find(expected);
    CHECK(first != std::string::npos);
    CHECK(r.err.find(expected, first + 1) == std::string::npos);  // once, not once per thread
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "\"gdal-warning\""));
}
