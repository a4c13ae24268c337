#include "burdenmap/io/GpkgWriter.h"

#include <ogr_srs_api.h>

#include <cmath>

#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/EnumNames.h"
#include "burdenmap/io/GdalHandles.h"
#include "burdenmap/io/GpkgWriterImpl.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

using io_detail::FeaturePtr;
using io_detail::SrsPtr;

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

constexpr EnumName<FieldType> kFieldTypeNames[] = {
    {FieldType::integer, "integer"}, {FieldType::real, "real"}, {FieldType::text, "text"}};

const char* type_name(FieldType type) { return enum_name(kFieldTypeNames, type, "text"); }

const char* value_type_name(const FieldValue& value) {
    static const char* const names[] = {"NULL", "an integer", "a real", "text"};
    return names[value.index()];
}

}  // namespace

void GpkgWriter::Impl::open() {
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    if (!driver) throw OutputError(where("") + ": GDAL has no GPKG driver");
    GdalErrorScope errors;
    // The temp name does not end in .gpkg: GDAL only warns about that, and the final name does.
    ds = GDALCreate(driver, output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) fail(errors, where(""), "cannot create " + output.temp_path().string());
}

OGRLayerH GpkgWriter::Impl::create_layer(const std::string& name, const std::string& description,
                                         OGRSpatialReferenceH srs, OGRwkbGeometryType type) {
    require_open(name);
    const std::string description_option = "DESCRIPTION=" + description;
    const char* spatial[] = {description_option.c_str(), "FID=fid", "SPATIAL_INDEX=YES", nullptr};
    const char* aspatial[] = {description_option.c_str(), "FID=fid", "ASPATIAL_VARIANT=GPKG_ATTRIBUTES", nullptr};
    GdalErrorScope errors;
    OGRLayerH layer = GDALDatasetCreateLayer(ds, name.c_str(), srs, type,
                                             const_cast<char**>(type == wkbNone ? aspatial : spatial));
    if (!layer) fail(errors, where(name), "cannot create the layer");
    return layer;
}

void GpkgWriter::Impl::add_fields(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields) {
    GdalErrorScope errors;
    for (const FieldSpec& f : fields) {
        const io_detail::FieldDefnPtr defn(OGR_Fld_Create(f.name.c_str(), field_type(f.type)));
        // bApproxOK = FALSE: a column is created with exactly this name and type, or not at all.
        if (OGR_L_CreateField(layer, defn.get(), FALSE) != OGRERR_NONE) fail(errors, where(name, f.name), "cannot create the field");
    }
    create_table_now(layer, name);
}

void GpkgWriter::Impl::create_table_now(OGRLayerH layer, const std::string& name) {
    GdalErrorScope errors;
    if (OGR_L_SyncToDisk(layer) != OGRERR_NONE) fail(errors, where(name), "cannot create the table");
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
                                    OGRwkbGeometryType type, const std::string& layer, std::size_t row,
                                    GdalErrorScope& errors) const {
    if (wkb.empty()) return;  // NULL geometry
    OGRGeometryH geometry = nullptr;
    if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &geometry, static_cast<int>(wkb.size())) != OGRERR_NONE)
        fail(errors, where(layer), "feature " + std::to_string(row) + " has invalid WKB");
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
    GdalErrorScope errors;
    FeaturePtr feature(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
    if (wkb) set_geometry(feature.get(), *wkb, OGR_L_GetGeomType(layer), name, row, errors);
    for (std::size_t i = 0; i < values.size(); ++i)
        set_value(feature.get(), static_cast<int>(i), values[i], fields[i], name);
    if (OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE)
        fail(errors, where(name), "cannot write row " + std::to_string(row));
}

void GpkgWriter::Impl::execute(const std::string& sql, const std::string& what) {
    GdalErrorScope errors;
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
    if (result) GDALDatasetReleaseResultSet(ds, result);
    // Statements that return no rows return nullptr on success and failure alike.
    const std::string reason = errors.take_error();
    if (!reason.empty())
        throw OutputError(where("") + ": " + what + ": " + reason + AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
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
        GdalErrorScope errors;
        if (OSRImportFromWkt(srs.get(), &wkt) != OGRERR_NONE) m.fail(errors, m.where(name), "the CRS is not valid WKT");
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

void GpkgWriter::finish() {
    Impl& m = *impl_;
    m.require_open("");
    GdalErrorScope errors;
    // GDAL 3.6's GDALClose returns nothing: a failed final write shows only as an error report.
    GDALClose(m.ds);
    m.ds = nullptr;
    const std::string reason = errors.take_error();
    if (!reason.empty())
        throw OutputError(m.where("") + ": closing the GeoPackage: " + reason +
                          AtomicOutput::disk_full_hint(m.output.temp_path().parent_path()));
    m.output.commit();
}

}  // namespace burdenmap
