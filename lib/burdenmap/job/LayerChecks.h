#pragma once
// Checks of one layer against the study grid and its method, made by plan_job from metadata
// (never pixels): inputs that would otherwise be scored silently wrong.
#include <cstddef>
#include <string>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

// A vector layer is burned as polygons. One with points or lines only would burn a cell here and
// there in a sea of background: throws ConfigError naming layer[i], the types found and the fixes.
void require_polygons(const LayerPlan& layer, std::size_t i);

// A vector layer that keeps no polygon at all (0 features, or all without geometry, value or
// area) burns nothing: every cell takes the background, "not burdened". That can be right (no risk
// contours in the study area), so it is not refused, but never silent: warns layer-without-features
// naming the layer, the file and why.
void warn_without_features(const LayerPlan& layer, Diagnostics& diagnostics);

// A raster in the study CRS with the grid's cell size (or whole blocks of grid cells) whose cell
// edges lie off the grid's lattice: read with a resampling that picks one source cell per grid
// cell (near, mode, min, max), the map moves by up to half a cell. Warns raster-off-lattice with
// the offset in grid cells and the fixes.
void warn_off_lattice(const LayerPlan& layer, const Grid& grid, Diagnostics& diagnostics);

// Warns unit-mismatch when the layer's unit and the unit `method` expects are of different
// dimensions (dB on a µg/m³ method); nothing when either is empty or unknown (UnitDimension).
// `use` says who applies the method: "its method", "the curve of outcome 'ha' (cumulation 'health')".
void warn_unit_mismatch(const LayerConfig& layer, const MethodInfo& method, const std::string& use, Diagnostics& diagnostics);

}  // namespace burdenmap
