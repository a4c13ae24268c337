#pragma once
// Which source cell each target cell of a window takes under nearest-neighbour resampling from a
// raster in another CRS, as GDAL's warper picks it with an exact transformer (gdalwarp -et 0), at
// a fraction of the cost of transforming every cell: exact transforms on a mesh of nodes every
// `step` cells, bilinear interpolation in between, and an exact transform again for every cell
// that the interpolation could have put in a different source cell (closer to a source-cell edge
// than the mesh cell's interpolation error, measured against an exact transform of its centre,
// with a safety factor). A national 100 m layer on a 25 m grid: ~1 % of the cells transformed.
// GDAL's own approximate transformer (gdalwarp's default -et 0.125) instead lets such cells fall
// either way, differently per warp chunk, so its cells depend on the block size.
#include <cstddef>
#include <functional>
#include <vector>

#include "burdenmap/core/Window.h"

namespace burdenmap {

// Target pixel coordinates (x: column, y: row; a cell's centre is at +0.5) to source pixel
// coordinates, in place, for `n` points; a point that cannot be transformed becomes NaN.
using PixelTransform = std::function<void(std::size_t n, double* x, double* y)>;

struct SourceCells {
    std::vector<int> col, row;  // per window cell (row-major): its source cell, -1 outside the source
    std::size_t exact = 0;      // cells transformed one by one (besides the mesh)
};

// GDAL's rule for the source cell of a source pixel position (its warp kernel): outside when
// x < 0 or y < 0, else the cell (int)(x + 1e-10), (int)(y + 1e-10), outside past the last one.
// Returns false when outside.
bool nearest_source_cell(double x, double y, long long source_cols, long long source_rows, int& col, int& row);

// Fills `out` for `window` of the target grid. `step`: the mesh spacing in cells (>= 2).
void nearest_source_cells(const Window& window, long long source_cols, long long source_rows, const PixelTransform& transform,
                          SourceCells& out, int step = 32);

}  // namespace burdenmap
