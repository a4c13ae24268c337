#pragma once
// Reads one raster input onto the target grid, window by window, through a GDAL warped VRT: the
// source is reprojected and resampled lazily for the cells asked for, never materialised whole.
// A source that already lies on the target lattice (same CRS, cell size and cell edges) is read
// directly, which gives the same cells as any resampling would, without the warper's cost; so is a
// coarser source read with "near" whose cells are whole blocks of target cells (a 100 m model
// grid under a 25 m study grid), which gives the warper's cells too. Any other source read with
// "near" (another CRS, another lattice) takes the source cells GDAL's warper picks with an exact
// transformer (`gdalwarp -et 0`), found on a mesh of exact transforms (core/NearestSourceCells),
// so they do not depend on the block size; the blending resamplings go through the warper.
// One reader per thread (GDAL 3.6 datasets are not thread-safe); opening one is cheap.
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap {

class SharedSourceTiles;

// The resampling used when the config does not name one: "average" when source cells are finer
// than target cells (every source cell counts, as area-weighting would), "near" otherwise (keeps
// the published values of a coarse model grid instead of inventing a smooth surface). For class
// codes (`categorical`: land cover) a finer source takes "mode", the most common class under the
// cell: an average of codes 1 and 3 would be a class 2 that is not there.
std::string default_resampling(const RasterInfo& source, const Grid& target, bool categorical = false);

// True for the resamplings that blend the source cells a target cell overlaps (average,
// bilinear, cubic), as opposed to those that pick one source value (near, mode, min, max).
bool resampling_blends(const std::string& resampling);

class AlignedReader {
public:
    // `shared_tiles`: the source's blocks as the run's other readers of it see them (the coarse
    // and "near" reads take a rectangle of source cells per window, and neighbouring windows on
    // other threads need the same blocks; used for GeoTIFF sources only); null: this reader's own
    // GDAL block cache only.
    AlignedReader(const RasterInfo& source, const Grid& target, const std::string& target_wkt,
                  const std::string& resampling, int block_size, std::shared_ptr<SharedSourceTiles> shared_tiles = nullptr);
    ~AlignedReader();
    AlignedReader(const AlignedReader&) = delete;
    AlignedReader& operator=(const AlignedReader&) = delete;

    // Fills `out` (window.size() values, row-major) with the source on the target grid; cells
    // without data (source nodata, NaN, outside the source) are NaN. Throws InputError naming
    // the file when GDAL fails to read.
    void read(const Window& window, float* out);

    // GDAL's warnings while opening and reading (in the reader's own thread, so not in the
    // plan's Diagnostics): the open-time ones repeat what inspect_raster reported for the same
    // file at plan time; read-time ones are kept here for whoever runs the reader to show.
    const std::vector<GdalErrorScope::Warning>& gdal_warnings() const;

private:
    bool plan_mesh(const RasterInfo& source, const Grid& target, const std::string& target_wkt);
    void read_mesh(const Window& window, float* out, GdalErrorScope& errors);
    void read_direct(const Window& window, float* out, GdalErrorScope& errors);
    void read_coarse(const Window& window, float* out, GdalErrorScope& errors);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
