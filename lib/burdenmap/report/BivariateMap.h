#pragma once
// The report's burden × income map: every zone filled with the colour of its bivariate class
// (fair/Bivariate.h: burden tertile A–C × low-income tertile 1–3, C3 the double burden), on the
// pixels of the burden map, drawn by render_quicklook with the style below. Pure: the I/O layer
// reads the zones.
#include <optional>
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/report/RasterStyle.h"

namespace burdenmap::report {

// Nine discrete classes 1..9 labelled A1..C3, in the colours of the zones' bivariate QGIS style.
RasterStyle bivariate_raster_style();

// Each pixel whose centre lies in a zone takes that zone's class (NaN: outside every zone, or a
// zone without a class); where zones overlap, the first by zone order.
Raster<float> zone_classes_on(const Grid& grid, const std::vector<MultiPolygon>& zones,
                              const std::vector<std::optional<double>>& classes);

}  // namespace burdenmap::report
