#pragma once
// The same vector styles as QmlStyle.h in OGC SLD 1.1 / Symbology Encoding (the styleSLD column
// of layer_styles, as QGIS writes it), for GIS other than QGIS (GeoServer, ArcGIS Pro's import).
// Graduated classes become rules with range filters (lower <= value <= upper, and lower < value
// for every class after the first, so no feature is drawn twice); categories become equality rules.
#include <string>
#include <vector>

#include "burdenmap/report/StyleClasses.h"

namespace burdenmap::report {

std::string graduated_polygon_sld(const std::string& layer, const std::string& column,
                                  const std::vector<GraduatedClass>& classes);

std::string categorized_sld(const std::string& layer, const std::string& column, const std::vector<Category>& categories,
                            SymbolKind kind);

}  // namespace burdenmap::report
