#pragma once
// A coarse raster input's blocks, decoded once per run and shared by the run's threads.
//
// Each thread reads through its own GDAL dataset (GDAL 3.6 datasets are not thread-safe), and
// GDAL's block cache is kept per dataset: every thread decoded the blocks of a 100 m layer under a
// 25 m grid for itself (a national run of one such layer: 146 block decodes on 1 thread, 289 / 543
// / 794 on 2 / 4 / 8), and the fine layers' blocks of one row of windows pushed them out of the
// shared 64 MB cache before the next row of windows came back to them. Here a block is decoded by
// the first thread that needs it (the others wait for it), kept while it is among the most
// recently used within a byte budget, and copied out for every window that needs it.
//
// Used by io/AlignedReader for the reads that take a rectangle of source cells per window (a
// coarse source on the grid's lattice, and "near" from another CRS) from a GeoTIFF, whose blocks
// are its own cells; sources on the grid's own cells are read once per block anyway.
//
// Memory: the budget, plus one block per thread that is decoding one or still copying from one
// the cache let go; at least one block is always kept, so a source stored as one block (a
// single-strip GeoTIFF) is held whole, as Float32.
#include <cstddef>
#include <memory>
#include <string>

#include "burdenmap/io/GdalSession.h"

namespace burdenmap {

class SharedSourceTiles {
public:
    // GDAL's GDALRasterBandH (a void*): gdal.h stays out of headers the job layer includes.
    using GdalBand = void*;

    // `path`: for messages. `budget_bytes`: the decoded blocks kept (at least one is always kept).
    // One cache serves one band of one source.
    SharedSourceTiles(std::string path, std::size_t budget_bytes);
    ~SharedSourceTiles();
    SharedSourceTiles(const SharedSourceTiles&) = delete;
    SharedSourceTiles& operator=(const SharedSourceTiles&) = delete;

    // The source cells c0 .. c0 + cols, r0 .. r0 + rows of `band` into `out` (cols x rows,
    // row-major) as Float32, as GDALRasterIO gives them (nodata values as they are). `band` is the
    // calling thread's own band of the source, which decodes the blocks it is the first to need.
    // Thread-safe. Throws InputError naming the file when GDAL cannot read a block (`errors`: the
    // calling thread's scope, which also keeps GDAL's warnings while it decodes).
    void read(GdalBand band, int c0, int r0, int cols, int rows, float* out, GdalErrorScope& errors);

    // How many blocks were decoded so far (for tests and the benchmark).
    std::size_t blocks_decoded() const;

    // The budget a run gives each raster layer read with "near" (MemoryBudget counts it).
    static constexpr std::size_t kRunBudgetBytes = std::size_t{16} << 20;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
