#include "burdenmap/job/LayerChecks.h"

#include <cmath>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/AlignedSource.h"
#include "burdenmap/score/UnitDimension.h"

namespace burdenmap {

void require_polygons(const LayerPlan& layer, std::size_t i) {
    if (!layer.vector || !layer.vector->shapes.empty() || layer.vector->not_polygons.empty()) return;
    throw ConfigError("layer[" + std::to_string(i) + "]",
                      "layer '" + layer.config.name + "': " + layer.vector->description + " holds no usable polygons but " +
                          layer.vector->not_polygons_text() + " feature(s); a vector layer is burned as polygons (a cell "
                          "takes the value of the polygon over its centre), so points or lines would score a few cells "
                          "and leave the rest at the background. Interpolate the points onto a raster (gdal_grid) or "
                          "rasterize the features (gdal_rasterize) and give that raster as the layer's path; for values "
                          "per zone, join them to the zones as a [fairness.table]");
}

void warn_without_features(const LayerPlan& layer, Diagnostics& diagnostics) {
    if (!layer.vector || !layer.vector->shapes.empty() || !layer.vector->not_polygons.empty()) return;
    diagnostics.warn("layer-without-features",
                     "layer '" + layer.config.name + "': " + layer.vector->description + " keeps no polygons: " +
                         layer.vector->why_no_shapes() + "; every cell takes the layer's background value (" +
                         plain_number(layer.config.background) + "). Right when the study area has none of these "
                         "contours; otherwise check the file, its layer and the value field");
}

void warn_off_lattice(const LayerPlan& layer, const Grid& grid, Diagnostics& diagnostics) {
    if (layer.vector || layer.reprojected || layer.raster.rotated()) return;
    // Resamplings that blend the overlapping source cells do not shift the map.
    if (resampling_blends(layer.resampling)) return;
    const double* gt = layer.raster.geotransform;
    const double fx = gt[1] / grid.dx(), fy = -gt[5] / grid.dy();
    const auto whole_blocks = [](double f) { return f > 0.5 && std::fabs(f - std::round(f)) <= 1e-9 * f; };
    if (!whole_blocks(fx) || !whole_blocks(fy)) return;  // finer or odd cell sizes are resampled anyway
    // The source's origin in grid cells from the grid's, and its part off the lattice in [-0.5, 0.5].
    const double ox = (gt[0] - grid.x0()) / grid.dx(), oy = (grid.y0() - gt[3]) / grid.dy();
    const double off_x = ox - std::round(ox), off_y = oy - std::round(oy);
    if (std::fabs(off_x) <= 1e-6 && std::fabs(off_y) <= 1e-6) return;
    const std::string res = plain_number(grid.dx(), 10) + " " + plain_number(grid.dy(), 10);
    // Class codes must not be blended (job/LayerKind): realign them with mode, never average.
    const std::string realign = layer.categorical() ? "mode)" : "average), or set resampling = \"average\" to weigh the raster "
                                                                 "cells each grid cell overlaps";
    diagnostics.warn("raster-off-lattice",
                     layer.raster.path.string() + " (layer '" + layer.config.name + "'): its cells lie off the grid's lattice by " +
                         plain_number(std::fabs(off_x), 4) + " cells in x and " + plain_number(std::fabs(off_y), 4) +
                         " in y; read with " + layer.resampling + ", each grid cell takes one raster cell (near: the one "
                         "under its centre), so the map moves by up to that much. Put the raster's cell edges on multiples "
                         "of the resolution (re-export it so from its source, or gdalwarp -tap -tr " + res + " -r " + realign);
}

void warn_unit_mismatch(const LayerConfig& layer, const MethodInfo& method, const std::string& use, Diagnostics& diagnostics) {
    const auto have = unit_dimension(layer.unit), want = unit_dimension(method.unit);
    if (!have || !want || *have == *want) return;
    diagnostics.warn("unit-mismatch", "layer '" + layer.name + "' has unit '" + layer.unit + "' (" + to_string(*have) + ") but " +
                                          use + ", " + method.id + ", is for '" + method.unit + "' (" + to_string(*want) +
                                          "); its values are used as " + method.unit + " all the same: check the method and the "
                                          "layer's unit");
}

}  // namespace burdenmap
