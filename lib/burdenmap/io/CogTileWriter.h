#pragma once
// The tiles of a cloud-optimised GeoTIFF, compressed where the cells are made and placed once
// (io/CogFile) — the writer GeoTiffWriter uses when the job's windows hold whole 512-cell tiles.
//
// Full resolution: a window's tiles are cut and DEFLATE-compressed by compress_window() in the
// job's parallel stage, so the serial stage only appends bytes to a temporary tile store.
// Overviews: each window's overview cells (averaged in the parallel stage, core/BandStatistics)
// are gathered into strips of 512 overview rows per level; a strip's tiles are compressed when its
// last window has passed (windows come in row-major order). finish() writes the COG from the store,
// reading each tile once and decoding none.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "burdenmap/core/Window.h"
#include "burdenmap/io/TiffDirectory.h"

namespace burdenmap {

class CogTileWriter {
public:
    static constexpr int kTile = 512;

    // Whether windows starting at multiples of `window_alignment` hold whole tiles, and whole
    // cells of the coarsest overview (factor `coarsest_overview`, 0 or 1 without overviews).
    static bool fits(int window_alignment, int coarsest_overview);

    // `store`: the temporary tile store (created here, removed by the destructor).
    CogTileWriter(const std::filesystem::path& store, long long cols, long long rows, std::size_t bands,
                  std::vector<int> overview_factors);
    ~CogTileWriter();
    CogTileWriter(const CogTileWriter&) = delete;
    CogTileWriter& operator=(const CogTileWriter&) = delete;

    using Tiles = std::vector<std::vector<std::uint8_t>>;
    // The window's full-resolution tiles, compressed, row-major within the window. Const and
    // thread-safe: called from the job's parallel stage.
    Tiles compress_window(const Window& window, const float* values) const;

    // Serial, in window order: the window's compressed tiles and its overview cells (per level,
    // as core/overview_cells makes them) for `band`. Throws OutputError for a window that does not
    // hold whole tiles or a tile written twice.
    void add(const Window& window, std::size_t band, const Tiles& tiles, const std::vector<std::vector<float>>& overviews);

    // Writes the COG to `path`: `main_tags` into the full-resolution directory, `overview_tags`
    // into each overview's. Throws OutputError naming `path` if a tile was never written.
    void finish(const std::filesystem::path& path, const std::vector<TiffEntry>& main_tags,
                const std::vector<TiffEntry>& overview_tags);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One tile of tile x tile cells cut from a window of cols x rows cells (row-major), starting at
// the window's cell (col0, row0), into `out` (tile * tile cells); cells beyond the window are NaN
// (nodata), as at a grid edge.
void cut_tile(const float* values, int cols, int rows, int col0, int row0, int tile, float* out);

// `count` cells (Float32, little-endian) as a zlib stream, which TIFF's DEFLATE compression (8)
// is; level 1, as the run's COGs have always been written. The result is sized to fit: a window's
// tiles wait in memory between the job's parallel and serial stages.
std::vector<std::uint8_t> deflate_cells(const float* cells, std::size_t count);

}  // namespace burdenmap
