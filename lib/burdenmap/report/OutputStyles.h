#pragma once
// Entry points that style a run's outputs for QGIS (called by run_job):
//  - the saved styles of burden.gpkg's layers, built from the rows being written, for
//    GpkgWriter::write_layer_styles before GpkgWriter::finish();
//  - burden.qml beside burden.tif (QGIS loads "<name>.qml" beside a raster by default), written
//    after the GeoTIFF is finished, from its band descriptions and statistics.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/report/ColorRamp.h"
#include "burdenmap/report/RasterStyle.h"

namespace burdenmap {

// The zones layer's styles (report/ZoneStyles.h): default = the headline cumulation in quantile
// classes; then burden × income when there is a bivariate_class column, and one per layer score
// and other cumulation. `fields`/`features`: what GpkgWriter::write_layer wrote. `ges_labels`:
// per GES method id, the labels of classes 0..8 (optional, for legends).
std::vector<LayerStyle> zone_layer_styles(
    const std::vector<FieldSpec>& fields, const std::vector<Feature>& features, const std::string& layer = "zones",
    const std::map<std::string, std::vector<std::string>>& ges_labels = {});

// The sites layer's style by `verdict` (none when the column is absent).
std::vector<LayerStyle> site_layer_styles(const std::vector<FieldSpec>& fields, GeometryKind kind,
                                          const std::string& layer = "sites");

// "<folder>/<stem>.qml": where QGIS looks for a raster's default style.
std::filesystem::path raster_style_path(const std::filesystem::path& tif);

// Writes the raster's style (atomically; an existing one is replaced only with `overwrite`) for
// the headline band (report::headline_raster_style) and returns its path. Throws InputError when
// the GeoTIFF cannot be read, OutputError when the style cannot be written.
std::filesystem::path write_raster_style(const std::filesystem::path& tif, bool overwrite);

// The same for a given band (1-based) coloured continuously from min to max along `ramp`.
std::filesystem::path write_raster_qml(const std::filesystem::path& tif, int band, const report::ColorRamp& ramp,
                                       double min, double max, bool overwrite);


}  // namespace burdenmap
