#pragma once
// Moves counts (residents per cell) from one north-up grid onto another in the same CRS, exactly
// by area: a source cell's count is shared among the target cells it overlaps in proportion to
// the overlap area. The total is conserved (to rounding) for any alignment and resolution —
// unlike resampling, which would treat counts as densities.
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Raster.h"

namespace burdenmap {

// `source`: counts on their own grid (NaN counts as 0). Returns the counts that fall in each cell
// of `target`. Source cells outside the target contribute nothing to it.
Raster<double> redistribute_counts(const Raster<float>& source, const Grid& target);

}  // namespace burdenmap
