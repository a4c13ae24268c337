#pragma once
// Writes the vector results as a GeoPackage: feature layers (zones, later sites), attribute
// tables (codebook), saved QGIS styles (layer_styles), the run manifest in gpkg_metadata.
// Written under a temp name and renamed.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/io/AtomicOutput.h"

namespace burdenmap {

class GpkgWriter {
public:
    GpkgWriter(const std::filesystem::path& final_path, bool overwrite);
    ~GpkgWriter();  // removes the temp file unless finish() succeeded

    // A MultiPolygon (or Point, for sites) feature layer. `description` goes to gpkg_contents.
    using GeometryKind = burdenmap::GeometryKind;
    void write_layer(const std::string& name, const std::string& description, const std::string& crs_wkt,
                     GeometryKind kind, const std::vector<FieldSpec>& fields, const std::vector<Feature>& features);
    // An attribute-only table (no geometry).
    void write_table(const std::string& name, const std::string& description, const std::vector<FieldSpec>& fields,
                     const std::vector<std::vector<FieldValue>>& rows);
    // The `codebook` table: one row per column of every layer written (layer, column, type,
    // meaning, unit, method, source). Call after the layers.
    void write_codebook();
    // Saved styles of layers written before, in the `layer_styles` table as QGIS creates it
    // (QGIS 3.22 QgsOgrProviderMetadata::saveStyle: f_table_catalog, f_table_schema,
    // f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description,
    // owner, ui, update_time). On opening a layer QGIS applies its useAsDefault style; the others
    // are listed under Style → Load Style → From Database. f_geometry_column is the layer's own
    // geometry column ("" for tables without geometry). Throws OutputError naming a layer that
    // was not written. May be called once; nothing is written for an empty list.
    using LayerStyle = burdenmap::LayerStyle;
    void write_layer_styles(const std::vector<LayerStyle>& styles);
    // The run manifest (JSON text) as a dataset-level entry in gpkg_metadata.
    void write_metadata(const std::string& json);
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
