// The GeoPackage's extras beside the layers: QGIS's saved styles (layer_styles) and the run
// manifest (gpkg_metadata). Both are plain tables GDAL knows nothing special about.
#include "burdenmap/io/GdalHandles.h"
#include "burdenmap/io/GpkgWriterImpl.h"

namespace burdenmap {

namespace {

// The manifest's identity in gpkg_metadata: readers find it by this URI and media type.
constexpr const char* manifest_standard_uri = "https://burdenmap/run-manifest";
constexpr const char* manifest_mime_type = "application/json";
constexpr const char* metadata_extension = "http://www.geopackage.org/spec120/#extension_metadata";

std::string sql_literal(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// The spec's tables (GeoPackage 1.2, F.8 Metadata), created only when a manifest is written;
// IF NOT EXISTS because GDAL creates gpkg_extensions itself once a layer has a spatial index.
const char* const metadata_schema[] = {
    "CREATE TABLE IF NOT EXISTS gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, "
    "md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, "
    "mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, "
    "column_name TEXT, row_id_value INTEGER, "
    "timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, "
    "md_parent_id INTEGER, CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), "
    "CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))",
    "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
    "definition TEXT NOT NULL, scope TEXT NOT NULL, "
    "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
};

std::string register_extension_sql(const std::string& table) {
    return "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) SELECT " +
           sql_literal(table) + ", NULL, 'gpkg_metadata', " + sql_literal(metadata_extension) +
           ", 'read-write' WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = " + sql_literal(table) +
           " AND extension_name = 'gpkg_metadata')";
}

}  // namespace

// Created through OGR field by field, as QGIS does, so the table has the types QGIS expects
// (useAsDefault a boolean, update_time a datetime defaulting to the time of writing) and is
// registered in gpkg_contents as an attributes table.
void GpkgWriter::write_layer_styles(const std::vector<LayerStyle>& styles) {
    Impl& m = *impl_;
    const std::string name = "layer_styles";
    m.require_open(name);
    if (styles.empty()) return;
    if (GDALDatasetGetLayerByName(m.ds, name.c_str()))
        throw OutputError(m.where(name) + ": layer styles are already written");
    std::vector<std::string> geometry_columns;
    for (const LayerStyle& s : styles) {
        OGRLayerH styled = GDALDatasetGetLayerByName(m.ds, s.table.c_str());
        if (!styled) throw OutputError(m.where(s.table) + ": style '" + s.name + "' is for a layer that was not written");
        geometry_columns.emplace_back(OGR_L_GetGeometryColumn(styled));
    }
    const char* options[] = {"FID=id", "DESCRIPTION=QGIS layer styles (QML and SLD); QGIS applies the default one on opening",
                             nullptr};
    GdalErrorScope errors;
    OGRLayerH layer = GDALDatasetCreateLayer(m.ds, name.c_str(), nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) m.fail(errors, m.where(name), "cannot create the layer");
    struct Column {
        const char* name;
        OGRFieldType type;
        int width;
    };
    static const Column columns[] = {
        {"f_table_catalog", OFTString, 256}, {"f_table_schema", OFTString, 256}, {"f_table_name", OFTString, 256},
        {"f_geometry_column", OFTString, 256}, {"styleName", OFTString, 30}, {"styleQML", OFTString, 0},
        {"styleSLD", OFTString, 0}, {"useAsDefault", OFTInteger, 0}, {"description", OFTString, 0},
        {"owner", OFTString, 30}, {"ui", OFTString, 30}, {"update_time", OFTDateTime, 0},
    };
    for (const Column& c : columns) {
        const io_detail::FieldDefnPtr defn(OGR_Fld_Create(c.name, c.type));
        if (c.width) OGR_Fld_SetWidth(defn.get(), c.width);
        if (c.type == OFTInteger) OGR_Fld_SetSubType(defn.get(), OFSTBoolean);
        if (c.type == OFTDateTime) OGR_Fld_SetDefault(defn.get(), "CURRENT_TIMESTAMP");
        if (OGR_L_CreateField(layer, defn.get(), FALSE) != OGRERR_NONE) m.fail(errors, m.where(name, c.name), "cannot create the field");
    }
    m.create_table_now(layer, name);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const auto set = [&](OGRFeatureH f, const char* field, const std::string& value) {
        OGR_F_SetFieldString(f, OGR_FD_GetFieldIndex(defn, field), value.c_str());
    };
    m.in_transaction(name, [&] {
        for (std::size_t i = 0; i < styles.size(); ++i) {
            const LayerStyle& s = styles[i];
            const io_detail::FeaturePtr f(OGR_F_Create(defn));
            // QGIS finds a layer's styles by f_table_schema = '' (not NULL), name and geometry column.
            set(f.get(), "f_table_catalog", "");
            set(f.get(), "f_table_schema", "");
            set(f.get(), "f_table_name", s.table);
            set(f.get(), "f_geometry_column", geometry_columns[i]);
            set(f.get(), "styleName", s.name);
            set(f.get(), "styleQML", s.qml);
            set(f.get(), "styleSLD", s.sld);
            OGR_F_SetFieldInteger(f.get(), OGR_FD_GetFieldIndex(defn, "useAsDefault"), s.use_as_default ? 1 : 0);
            set(f.get(), "description", s.description);
            set(f.get(), "owner", "");
            GdalErrorScope row_errors;  // the innermost scope gets GDAL's reports
            if (OGR_L_CreateFeature(layer, f.get()) != OGRERR_NONE)
                m.fail(row_errors, m.where(name), "cannot write style '" + s.name + "'");
        }
    });
}

// Through SQL rather than GDALSetMetadata: GDAL 3.6 stores dataset metadata as its own XML
// (md_standard_uri 'http://gdal.org', mime_type 'text/xml'), not as a JSON document. GDAL still
// shows a row like this one to its users: ogrinfo lists it as GPKG_METADATA_ITEM_1.
void GpkgWriter::write_metadata(const std::string& json) {
    Impl& m = *impl_;
    m.require_open("");
    const std::string insert_manifest =
        "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES ('dataset', " +
        sql_literal(manifest_standard_uri) + ", " + sql_literal(manifest_mime_type) + ", " + sql_literal(json) + ")";
    const std::string reference_manifest =
        "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, row_id_value, timestamp, "
        "md_file_id, md_parent_id) VALUES ('geopackage', NULL, NULL, NULL, strftime('%Y-%m-%dT%H:%M:%fZ','now'), "
        "(SELECT MAX(id) FROM gpkg_metadata), NULL)";
    m.in_transaction("", [&] {
        for (const char* statement : metadata_schema) m.execute(statement, "cannot create the metadata tables");
        m.execute(register_extension_sql("gpkg_metadata"), "cannot register the metadata extension");
        m.execute(register_extension_sql("gpkg_metadata_reference"), "cannot register the metadata extension");
        m.execute(insert_manifest, "cannot write the run manifest");
        m.execute(reference_manifest, "cannot reference the run manifest");
    });
}

}  // namespace burdenmap
