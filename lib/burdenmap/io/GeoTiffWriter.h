#pragma once
// Writes the result bands as a cloud-optimised GeoTIFF, under a temp name renamed to the final
// name by finish(). Two ways, the same cells, overviews and tags:
// - direct (windows that hold whole 512-cell tiles: the job's default block size and its
//   multiples): summarise() also compresses the window's tiles, in the job's parallel stage, and
//   finish() places them in the COG (io/CogTileWriter, io/CogFile); GDAL only writes a 1 x 1
//   template for the tags. Bands are planar (INTERLEAVE=BAND).
// - through GDAL (any other windows): windows stream into a tiled temporary GTiff that GDAL 3.6's
//   COG driver (CreateCopy only) copies, decoding and re-encoding every block.
// Nothing is held in memory beyond one window (and, direct, one strip of overview tiles per level). Each band's statistics (min, max, mean, standard deviation, valid share) are
// gathered as the windows pass and stored in the file, so GIS show and stretch it at once.
// Overviews: when every window starts on a multiple of the coarsest overview factor (the job's
// windows do, for block sizes that are multiples of 32, the default 512 among them), each window's
// overview cells are averaged as it passes and written into the temporary file, and the COG copy
// uses them; GDAL's own overview pass (a second decode of every band, then averaging: a third of
// the COG step on the national benchmark) is skipped. Otherwise the COG driver builds them.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/core/BandStatistics.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/io/AtomicOutput.h"

namespace burdenmap {

struct BandSpec {
    std::string description;  // shown by QGIS/gdalinfo instead of "Band 1"
    std::string unit;         // band unit type
    std::map<std::string, std::string> metadata;  // e.g. method=ges.road_noise, source=...
};

class GeoTiffWriter {
public:
    // What the writer derives from one window of one band besides its cells: the window's share
    // of the band statistics and its overview cells (per level). summarise() is const and
    // thread-safe, so a job computes it in its parallel stage; write() then only hands cells to
    // GDAL and merges the statistics in window order (the same bits for any thread count).
    // The maths is core/BandStatistics (pure, unit-tested).
    struct WindowSummary {
        WindowMoments moments;
        std::vector<std::vector<float>> overviews;
        std::vector<std::vector<std::uint8_t>> tiles;  // compressed, when the COG is assembled from tiles
    };

    // `crs_wkt`: the target CRS. Bands are Float32 with NaN as nodata. `window_alignment`: every
    // window written starts at a multiple of it (the job's block size), or 0 when unknown.
    // `threads`: GDAL's compression threads in the COG copy (the run's --threads; 0: all cores).
    GeoTiffWriter(const std::filesystem::path& final_path, bool overwrite, const Grid& grid, const std::string& crs_wkt,
                  std::vector<BandSpec> bands, const std::map<std::string, std::string>& dataset_metadata,
                  int window_alignment = 0, int threads = 0);
    ~GeoTiffWriter();  // on error or cancel: removes every temp file

    // Writes one window of one band (window.size() values, row-major). Thread-compatible, not
    // thread-safe: the job calls it from its serial, in-order stage.
    void write(const Window& window, std::size_t band, const float* values);
    // The same, with summarise(window, values) computed beforehand (possibly on another thread).
    void write(const Window& window, std::size_t band, const float* values, const WindowSummary& summary);
    WindowSummary summarise(const Window& window, const float* values) const;
    // Builds the COG with overviews and renames it into place.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A band's statistics as the STATISTICS_* metadata GDAL reads (MINIMUM, MAXIMUM, MEAN, STDDEV,
// VALID_PERCENT of `cells`), round-trip numbers; empty for a band without a valid cell (GDAL then
// says "no statistics" rather than showing made-up ones).
std::map<std::string, std::string> statistics_metadata(const BandStatistics& s, double cells);

// Copies any raster GDAL reads (e.g. a sharded run's burden.vrt) into a cloud-optimised GeoTIFF
// with the same compression as GeoTiffWriter's, atomically; `threads` as there. Throws OutputError
// naming `final_path`, Cancelled when a stop was requested.
void write_cog_copy(const std::filesystem::path& source, const std::filesystem::path& final_path, bool overwrite, int threads);

}  // namespace burdenmap
