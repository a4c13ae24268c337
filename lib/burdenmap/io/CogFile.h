#pragma once
// A cloud-optimised GeoTIFF laid out and written from tiles that are already compressed, in the
// layout GDAL's COG driver writes (and osgeo_utils' validate_cloud_optimized_geotiff checks):
// the TIFF header, GDAL's structural-metadata "ghost" block, every directory (full resolution
// first, then the overviews by falling size), then the tile data, smallest overview first and
// full resolution last, each tile between a 4-byte size leader and a copy of its last 4 bytes.
// Bands are planar (INTERLEAVE=BAND): a viewer reading one band reads only that band's tiles,
// and within a level all of band 1's tiles come first, in row-major order.
//
// Why not GDAL: its COG driver (3.6) only copies a finished raster and decodes and re-encodes
// every tile doing so, which on the national benchmark cost a third of the run. Here the tiles are
// compressed once, in the run's parallel stage, and this file only places them. The tags GDAL
// knows best (GeoKeys, nodata, metadata) still come from GDAL, via a template (io/TiffDirectory).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "burdenmap/io/TiffDirectory.h"

namespace burdenmap {

struct CogLevelSize {
    long long cols = 0, rows = 0;
};

struct CogImage {
    std::vector<CogLevelSize> levels;  // full resolution first, then each overview, by falling size
    int bands = 1;
    int tile = 512;                    // tiles are tile x tile cells of Float32
    std::vector<TiffEntry> main_tags;  // copied into the full-resolution directory (georeferencing, metadata)
    std::vector<TiffEntry> overview_tags;  // copied into every overview's directory (sample layout, nodata)
};

// The tags the layout writes itself (sizes, tiling, compression, planar configuration, predictor,
// strip and tile arrays): a template's own are left out, never copied.
bool cog_layout_tag(std::uint16_t tag);

// Tiles of a level of cols x rows cells: across x down, per band.
long long cog_tiles_per_band(const CogLevelSize& level, int tile);

// Where everything goes. `head` is the file's first bytes (header, ghost, directories);
// tile_offsets[level][band * tiles_per_band + row * across + col] is where that tile's data starts.
struct CogFilePlan {
    std::vector<std::uint8_t> head;
    std::vector<std::vector<std::uint64_t>> tile_offsets;
    std::uint64_t file_size = 0;
    bool bigtiff = false;  // only when the file passes 4 GiB, so classic TIFF readers read the rest
};

// tile_sizes has the shape of tile_offsets: each tile's compressed byte count (DEFLATE, no
// predictor). Pure; throws OutputError on a shape mismatch or a tag the layout sets itself.
// `force_bigtiff`: BigTIFF even when the file would fit classic TIFF (for tests: the national
// rasters that need it are too large to write in one).
CogFilePlan plan_cog_file(const CogImage& image, const std::vector<std::vector<std::uint32_t>>& tile_sizes,
                          bool force_bigtiff = false);

// Writes the planned file to `path` (created or truncated): the head, then per tile its leader,
// the bytes `read_tile(level, index, buffer)` puts into `buffer` (resized to the tile's size by
// the caller's contract: exactly tile_sizes[level][index] bytes) and its trailer. `keep_going`
// is asked between tiles (false: stop, throwing Cancelled). Throws OutputError naming `path`.
void write_cog_file(const std::filesystem::path& path, const CogFilePlan& plan,
                    const std::vector<std::vector<std::uint32_t>>& tile_sizes,
                    const std::function<void(std::size_t level, std::size_t index, std::vector<std::uint8_t>& buffer)>& read_tile);

}  // namespace burdenmap
