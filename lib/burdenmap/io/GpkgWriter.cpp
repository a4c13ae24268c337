#include "burdenmap/io/GpkgWriter.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <memory>
#include <system_error>
#include <type_traits>

#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

// The manifest's identity in gpkg_metadata: readers find it by this URI and media type.
constexpr const char* manifest_standard_uri = "https://burdenmap/run-manifest";
constexpr const char* manifest_mime_type = "application/json";
constexpr const char* metadata_extension = "http://www.geopackage.org/spec120/#extension_metadata";

struct SrsDeleter {
    void operator()(OGRSpatialReferenceH s) const { OSRDestroySpatialReference(s); }
};
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter>;

struct FeatureDeleter {
    void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

OGRwkbGeometryType geometry_type(GpkgWriter::GeometryKind kind) {
    switch (kind) {
        case GpkgWriter::GeometryKind::multipolygon: return wkbMultiPolygon;
        case GpkgWriter::GeometryKind::point: return wkbPoint;
        case GpkgWriter::GeometryKind::unknown: break;
    }
    return wkbUnknown;
}

OGRFieldType field_type(FieldType type) {
    switch (type) {
        case FieldType::integer: return OFTInteger64;
        case FieldType::real: return OFTReal;
        case FieldType::text: break;
    }
    return OFTString;
}

const char* type_name(FieldType type) {
    switch (type) {
        case FieldType::integer: return "integer";
        case FieldType::real: return "real";
        case FieldType::text: break;
    }
    return "text";
}

const char* value_type_name(const FieldValue& value) {
    static const char* const names[] = {"NULL", "an integer", "a real", "text"};
    return names[value.index()];
}

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

struct GpkgWriter::Impl {
    struct Written {
        std::string layer;
        std::vector<FieldSpec> fields;
    };

    AtomicOutput output;
    GDALDatasetH ds = nullptr;
    std::vector<Written> written;  // for the codebook

    Impl(const fs::path& final_path, bool overwrite) : output(final_path, overwrite) {}
    ~Impl() {
        if (ds) GDALClose(ds);
        if (output.committed()) return;
        // SQLite's companions of a database closed mid-transaction (AtomicOutput removes the file).
        std::error_code ec;
        for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(output.temp_path().string() + suffix, ec);
    }

    std::string where(const std::string& layer, const std::string& field = "") const {
        std::string out = output.final_path().string();
        if (!layer.empty()) out += ": layer '" + layer + "'";
        if (!field.empty()) out += ", field '" + field + "'";
        return out;
    }
    [[noreturn]] void fail(const std::string& place, const std::string& what) const {
        const std::string reason = gdal_last_error();
        throw OutputError(place + ": " + what + (reason.empty() ? "" : ": " + reason) +
                          AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
    }

    void open();
    void require_open(const std::string& layer) const {
        if (!ds) throw OutputError(where(layer) + ": the GeoPackage is already finished");
    }
    OGRLayerH create_layer(const std::string& name, const std::string& description, OGRSpatialReferenceH srs,
                           OGRwkbGeometryType type);
    void add_fields(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields);
    void set_value(OGRFeatureH feature, int index, const FieldValue& value, const FieldSpec& field,
                   const std::string& layer) const;
    void set_geometry(OGRFeatureH feature, const std::vector<unsigned char>& wkb, OGRwkbGeometryType type,
                      const std::string& layer, std::size_t row) const;
    void insert(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields,
                const std::vector<FieldValue>& values, const std::vector<unsigned char>* wkb, std::size_t row);
    void execute(const std::string& sql, const std::string& what);
    // Runs `body` in one transaction, rolled back when it throws: a layer is written whole or not
    // at all, and SQLite would otherwise sync to disk after every insert (thousands of times slower).
    template <class Body>
    void in_transaction(const std::string& layer, Body body);
    void write_rows(const std::string& name, const std::vector<FieldSpec>& fields,
                    const std::vector<std::vector<FieldValue>>& rows);
};

void GpkgWriter::Impl::open() {
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    if (!driver) throw OutputError(where("") + ": GDAL has no GPKG driver");
    (void)gdal_last_error();
    // The temp name does not end in .gpkg: GDAL only warns about that, and the final name does.
    ds = GDALCreate(driver, output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) fail(where(""), "cannot create " + output.temp_path().string());
}

OGRLayerH GpkgWriter::Impl::create_layer(const std::string& name, const std::string& description,
                                         OGRSpatialReferenceH srs, OGRwkbGeometryType type) {
    require_open(name);
    const std::string description_option = "DESCRIPTION=" + description;
    const char* spatial[] = {description_option.c_str(), "FID=fid", "SPATIAL_INDEX=YES", nullptr};
    const char* aspatial[] = {description_option.c_str(), "FID=fid", "ASPATIAL_VARIANT=GPKG_ATTRIBUTES", nullptr};
    (void)gdal_last_error();
    OGRLayerH layer = GDALDatasetCreateLayer(ds, name.c_str(), srs, type,
                                             const_cast<char**>(type == wkbNone ? aspatial : spatial));
    if (!layer) fail(where(name), "cannot create the layer");
    return layer;
}

void GpkgWriter::Impl::add_fields(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields) {
    for (const FieldSpec& f : fields) {
        OGRFieldDefnH defn = OGR_Fld_Create(f.name.c_str(), field_type(f.type));
        // bApproxOK = FALSE: a column is created with exactly this name and type, or not at all.
        const OGRErr err = OGR_L_CreateField(layer, defn, FALSE);
        OGR_Fld_Destroy(defn);
        if (err != OGRERR_NONE) fail(where(name, f.name), "cannot create the field");
    }
    // GDAL 3.6 defers CREATE TABLE to the first insert. Inside our transaction a rollback would
    // then undo the table while GDAL still believes in it, and closing the file fails ("no such
    // table"). Syncing runs the deferred creation now, outside any transaction.
    (void)gdal_last_error();
    if (OGR_L_SyncToDisk(layer) != OGRERR_NONE) fail(where(name), "cannot create the table");
}

// Exact types only, except an integer into a real column (lossless for counts); a mismatch is a
// bug upstream and is named rather than silently converted.
void GpkgWriter::Impl::set_value(OGRFeatureH feature, int index, const FieldValue& value, const FieldSpec& field,
                                 const std::string& layer) const {
    if (std::holds_alternative<std::monostate>(value)) return OGR_F_SetFieldNull(feature, index);
    if (const double* d = std::get_if<double>(&value); d && std::isnan(*d)) return OGR_F_SetFieldNull(feature, index);
    if (field.type == FieldType::integer && std::holds_alternative<long long>(value))
        return OGR_F_SetFieldInteger64(feature, index, std::get<long long>(value));
    if (field.type == FieldType::real && std::holds_alternative<double>(value))
        return OGR_F_SetFieldDouble(feature, index, std::get<double>(value));
    if (field.type == FieldType::real && std::holds_alternative<long long>(value))
        return OGR_F_SetFieldDouble(feature, index, static_cast<double>(std::get<long long>(value)));
    if (field.type == FieldType::text && std::holds_alternative<std::string>(value))
        return OGR_F_SetFieldString(feature, index, std::get<std::string>(value).c_str());
    throw OutputError(where(layer, field.name) + ": " + value_type_name(value) + " value in a " +
                      type_name(field.type) + " column");
}

void GpkgWriter::Impl::set_geometry(OGRFeatureH feature, const std::vector<unsigned char>& wkb,
                                    OGRwkbGeometryType type, const std::string& layer, std::size_t row) const {
    if (wkb.empty()) return;  // NULL geometry
    OGRGeometryH geometry = nullptr;
    if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &geometry, static_cast<int>(wkb.size())) != OGRERR_NONE)
        fail(where(layer), "feature " + std::to_string(row) + " has invalid WKB");
    // A zone made of one polygon is still a MultiPolygon layer's feature: the GeoPackage spec
    // wants the declared type, and GDAL would otherwise warn about each one.
    if (type == wkbMultiPolygon && wkbFlatten(OGR_G_GetGeometryType(geometry)) == wkbPolygon)
        geometry = OGR_G_ForceToMultiPolygon(geometry);
    OGR_F_SetGeometryDirectly(feature, geometry);
}

void GpkgWriter::Impl::insert(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields,
                              const std::vector<FieldValue>& values, const std::vector<unsigned char>* wkb,
                              std::size_t row) {
    if (values.size() != fields.size())
        throw OutputError(where(name) + ": row " + std::to_string(row) + " has " + std::to_string(values.size()) +
                          " values for " + std::to_string(fields.size()) + " fields");
    FeaturePtr feature(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
    if (wkb) set_geometry(feature.get(), *wkb, OGR_L_GetGeomType(layer), name, row);
    for (std::size_t i = 0; i < values.size(); ++i)
        set_value(feature.get(), static_cast<int>(i), values[i], fields[i], name);
    if (OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE)
        fail(where(name), "cannot write row " + std::to_string(row));
}

void GpkgWriter::Impl::execute(const std::string& sql, const std::string& what) {
    (void)gdal_last_error();
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
    if (result) GDALDatasetReleaseResultSet(ds, result);
    // Statements that return no rows return nullptr on success and failure alike.
    const std::string reason = gdal_last_error();
    if (!reason.empty())
        throw OutputError(where("") + ": " + what + ": " + reason + AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
}

template <class Body>
void GpkgWriter::Impl::in_transaction(const std::string& layer, Body body) {
    (void)gdal_last_error();
    if (GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE) fail(where(layer), "cannot start a transaction");
    try {
        body();
    } catch (...) {
        GDALDatasetRollbackTransaction(ds);
        throw;
    }
    if (GDALDatasetCommitTransaction(ds) != OGRERR_NONE) fail(where(layer), "cannot commit");
}

void GpkgWriter::Impl::write_rows(const std::string& name, const std::vector<FieldSpec>& fields,
                                  const std::vector<std::vector<FieldValue>>& rows) {
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, name.c_str());
    in_transaction(name, [&] {
        for (std::size_t r = 0; r < rows.size(); ++r) insert(layer, name, fields, rows[r], nullptr, r);
    });
}

GpkgWriter::GpkgWriter(const fs::path& final_path, bool overwrite) {
    gdal_init();
    impl_ = std::make_unique<Impl>(final_path, overwrite);
    impl_->open();
}

GpkgWriter::~GpkgWriter() = default;

void GpkgWriter::write_layer(const std::string& name, const std::string& description, const std::string& crs_wkt,
                             GeometryKind kind, const std::vector<FieldSpec>& fields,
                             const std::vector<Feature>& features) {
    Impl& m = *impl_;
    m.require_open(name);
    SrsPtr srs;
    if (!crs_wkt.empty()) {
        srs.reset(OSRNewSpatialReference(nullptr));
        char* wkt = const_cast<char*>(crs_wkt.c_str());  // GDAL 3.6 takes char**, only advances it
        if (OSRImportFromWkt(srs.get(), &wkt) != OGRERR_NONE)
            m.fail(m.where(name), "the CRS is not valid WKT");
        OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    }
    const OGRwkbGeometryType type = geometry_type(kind);
    OGRLayerH layer = m.create_layer(name, description, srs.get(), type);
    m.add_fields(layer, name, fields);
    m.in_transaction(name, [&] {
        for (std::size_t r = 0; r < features.size(); ++r) {
            if (r % 1024 == 0) throw_if_stop_requested();  // rolled back; the temp file is removed
            m.insert(layer, name, fields, features[r].values, &features[r].wkb, r);
        }
    });
    m.written.push_back({name, fields});
}

void GpkgWriter::write_table(const std::string& name, const std::string& description,
                             const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows) {
    Impl& m = *impl_;
    OGRLayerH layer = m.create_layer(name, description, nullptr, wkbNone);
    m.add_fields(layer, name, fields);
    m.write_rows(name, fields, rows);
    m.written.push_back({name, fields});
}

void GpkgWriter::write_codebook() {
    Impl& m = *impl_;
    const auto text = [](const std::string& name, const std::string& meaning) {
        return FieldSpec{name, FieldType::text, meaning, "", "", ""};
    };
    const std::vector<FieldSpec> fields = {
        text("layer", "layer or table the column belongs to"),
        text("column_name", "column name"),
        text("type", "integer, real or text"),
        text("meaning", "what the column holds"),
        text("unit", "unit of the values, if any"),
        text("method", "method or rule that produced the values, if any"),
        text("source", "where the method comes from, if any"),
    };
    std::vector<std::vector<FieldValue>> rows;
    for (const auto& w : m.written)
        for (const FieldSpec& f : w.fields)
            rows.push_back({w.layer, f.name, std::string(type_name(f.type)), f.meaning, f.unit, f.method, f.source});
    OGRLayerH layer = m.create_layer("codebook", "What every column of this GeoPackage means", nullptr, wkbNone);
    m.add_fields(layer, "codebook", fields);
    m.write_rows("codebook", fields, rows);
}

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
    (void)gdal_last_error();
    OGRLayerH layer = GDALDatasetCreateLayer(m.ds, name.c_str(), nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) m.fail(m.where(name), "cannot create the layer");
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
        OGRFieldDefnH defn = OGR_Fld_Create(c.name, c.type);
        if (c.width) OGR_Fld_SetWidth(defn, c.width);
        if (c.type == OFTInteger) OGR_Fld_SetSubType(defn, OFSTBoolean);
        if (c.type == OFTDateTime) OGR_Fld_SetDefault(defn, "CURRENT_TIMESTAMP");
        const OGRErr err = OGR_L_CreateField(layer, defn, FALSE);
        OGR_Fld_Destroy(defn);
        if (err != OGRERR_NONE) m.fail(m.where(name, c.name), "cannot create the field");
    }
    (void)gdal_last_error();
    if (OGR_L_SyncToDisk(layer) != OGRERR_NONE) m.fail(m.where(name), "cannot create the table");
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const auto set = [&](OGRFeatureH f, const char* field, const std::string& value) {
        OGR_F_SetFieldString(f, OGR_FD_GetFieldIndex(defn, field), value.c_str());
    };
    m.in_transaction(name, [&] {
        for (std::size_t i = 0; i < styles.size(); ++i) {
            const LayerStyle& s = styles[i];
            FeaturePtr f(OGR_F_Create(defn));
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
            if (OGR_L_CreateFeature(layer, f.get()) != OGRERR_NONE)
                m.fail(m.where(name), "cannot write style '" + s.name + "'");
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

void GpkgWriter::finish() {
    Impl& m = *impl_;
    m.require_open("");
    (void)gdal_last_error();
    // GDAL 3.6's GDALClose returns nothing: a failed final write shows only as an error report.
    GDALClose(m.ds);
    m.ds = nullptr;
    const std::string reason = gdal_last_error();
    if (!reason.empty())
        throw OutputError(m.where("") + ": closing the GeoPackage: " + reason +
                          AtomicOutput::disk_full_hint(m.output.temp_path().parent_path()));
    m.output.commit();
}

}  // namespace burdenmap
