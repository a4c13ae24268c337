#pragma once
// Exact cell-coverage fractions: for every cell of a grid, the fraction of its area that lies
// inside a polygon (holes and multipolygons included), in [0, 1].
//
// Why our own: zonal statistics must weight each cell by exactly the share of it inside the zone,
// so zones that tile space share every cell without gaps or double counting. Cell-centre
// rasterisation gets small zones badly wrong; clipping every cell with GEOS is far too slow.
#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Raster.h"

namespace burdenmap {

// Coverage fraction of each cell of `grid` by `polygons`. The polygons must be valid (no
// self-intersections, holes inside their shell, parts not overlapping); ring orientation does not
// matter. Parts of the polygons outside the grid are ignored. Cost: O(cells of the grid + cells
// crossed by the polygon boundary), so pass the sub-grid of the polygon's bounding box.
Raster<double> coverage_fraction(const MultiPolygon& polygons, const Grid& grid);

}  // namespace burdenmap
