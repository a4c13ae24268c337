#pragma once
// Exact cell-coverage fractions: for every cell of a grid, the fraction of its area that lies
// inside a polygon (holes and multipolygons included), in [0, 1].
//
// Why our own: zonal statistics must weight each cell by exactly the share of it inside the zone,
// so zones that tile space share every cell without gaps or double counting. Cell-centre
// rasterisation gets small zones badly wrong; clipping every cell with GEOS is far too slow.
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Raster.h"

namespace burdenmap {

// Coverage fraction of each cell of `grid` by `polygons`. The polygons must be valid (no
// self-intersections, holes inside their shell, parts not overlapping); ring orientation does not
// matter. Invalid polygons give fractions outside [0, 1], which a debug build asserts against;
// they are not clamped, which would hide them. A NaN or infinite coordinate throws InputError
// (naming the polygon and ring; the caller adds which zone it was). Parts of the polygons outside
// the grid are ignored. Cost: O(cells of the grid + cells crossed by the polygon boundary), so
// pass the sub-grid of the polygon's bounding box.
Raster<double> coverage_fraction(const MultiPolygon& polygons, const Grid& grid);

// The two steps of coverage_fraction, apart so that a test can hold the second against the
// plain column-by-column loop it replaced. Not for other callers.
namespace coverage_detail {

struct BoundarySums {
    std::vector<double> cells;  // rows x cols: each cell's share of the boundary integral
    std::vector<double> below;  // (rows + 1) x cols: what a cell adds to every cell below it
};
BoundarySums boundary_sums(const MultiPolygon& polygons, const Grid& grid);
// Each cell plus the sum of `below` down its column to its row, with rounding noise snapped.
std::vector<double> resolve(BoundarySums sums, int cols, int rows);

}  // namespace coverage_detail

}  // namespace burdenmap
