#pragma once
// QGIS layer styles (QML, the XML QGIS writes for "Save Style…"), as QGIS 3.22 (Debian 12) reads
// them: stored in the GeoPackage's layer_styles table for the vector layers, and as the .qml file
// beside burden.tif (QGIS loads "<name>.qml" beside a file by default). Only the symbology is
// written (styleCategories="Symbology"); QGIS keeps its defaults for everything else.
#include <string>
#include <vector>

#include "burdenmap/report/RasterStyle.h"
#include "burdenmap/report/StyleClasses.h"

namespace burdenmap::report {

// How the classification was made, so QGIS's symbology panel shows it (and re-classifies with
// it if asked): "Quantile", "EqualInterval" or "Fixed" (hand-set classes such as GES).
enum class ClassMethod { quantile, equal_interval, fixed };

// A graduated-colour polygon style on a numeric column.
std::string graduated_polygon_qml(const std::string& column, const std::vector<GraduatedClass>& classes,
                                  ClassMethod method);

// A categorised style: one colour per value of a column (verdicts, bivariate classes). Polygons
// are filled; points get circles. Features whose value is in no category are not drawn: QGIS's
// rule, and right here (NULL verdicts or classes are not results).
std::string categorized_qml(const std::string& column, const std::vector<Category>& categories, SymbolKind kind);

// A single-band pseudocolour raster style with fixed min/max (no statistics needed to draw).
std::string raster_pseudocolor_qml(const RasterStyle& style);

}  // namespace burdenmap::report
