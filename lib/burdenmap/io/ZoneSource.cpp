#include "burdenmap/io/ZoneSource.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/FieldAliases.h"
#include "burdenmap/io/NumberText.h"
#include "burdenmap/io/OgrCommon.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap {
namespace {

using namespace io_detail;

struct FieldRef {
    std::string name;
    int index = -1;
    bool numeric = false;
    // SQLite sources keep text in a REAL or INTEGER column and OGR reads it as 0: those cells'
    // text, by feature id, so it is parsed (or refused) like a text field's.
    std::map<long long, std::string> text_cells;
};

std::string quoted_identifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void find_text_cells(GDALDatasetH ds, OGRLayerH layer, FieldRef& f) {
    const char* driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    const std::string fid_column = OGR_L_GetFIDColumn(layer);
    if (!f.numeric || fid_column.empty() || (std::string(driver) != "GPKG" && std::string(driver) != "SQLite")) return;
    const std::string column = quoted_identifier(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(layer), f.index)));
    // The id is cast, or GDAL would take it for the result's FID rather than a field.
    const std::string sql = "SELECT CAST(" + quoted_identifier(fid_column) + " AS INTEGER) AS row_id, CAST(" + column +
                            " AS TEXT) AS cell FROM " +
                            quoted_identifier(OGR_L_GetName(layer)) + " WHERE typeof(" + column + ") IN ('text', 'blob')";
    GdalErrorScope errors;
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
    (void)errors.take_error();  // a source that refuses the query is read the usual way
    if (!result) return;
    while (const FeaturePtr row{OGR_L_GetNextFeature(result)})
        f.text_cells[OGR_F_GetFieldAsInteger64(row.get(), 0)] = OGR_F_GetFieldAsString(row.get(), 1);
    GDALDatasetReleaseResultSet(ds, result);
}

FieldRef find_field(OGRLayerH layer, const std::string& name, const std::string& where, const std::string& key) {
    FieldRef f;
    f.name = name;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    // Through the CBS alias table, so "BU_CODE" finds "buurtcode" in a newer file and vice versa.
    std::vector<std::string> names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    f.index = find_field_index(names, name);
    if (f.index < 0)
        throw InputError(where + ": field '" + name + "' (zones." + key + ") not found; fields are: " + field_list(layer));
    const OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, f.index));
    f.numeric = t == OFTInteger || t == OFTInteger64 || t == OFTReal;
    return f;
}

std::optional<double> read_number(OGRFeatureH feature, const FieldRef& f, const ZonesConfig& cfg,
                                  const std::string& where, const std::string& zone_id) {
    if (!OGR_F_IsFieldSetAndNotNull(feature, f.index)) return std::nullopt;
    double v = 0;
    const auto text_cell = f.text_cells.find(OGR_F_GetFID(feature));
    if (f.numeric && text_cell == f.text_cells.end()) {
        v = OGR_F_GetFieldAsDouble(feature, f.index);
    } else {
        const std::string text = text_cell != f.text_cells.end() ? text_cell->second : OGR_F_GetFieldAsString(feature, f.index);
        bool ok = true;
        const auto parsed = parse_number_text(text, ok, cfg.nodata_texts);
        if (!ok)
            throw InputError(where + ": field '" + f.name + "' of zone '" + zone_id + "' is not a number: '" + text +
                             "' (if it marks a missing value, list it in zones.nodata_values)");
        if (!parsed) return std::nullopt;
        v = *parsed;
    }
    if (!std::isfinite(v)) return std::nullopt;
    for (double sentinel : cfg.nodata_values)
        if (v == sentinel) return std::nullopt;
    return v;
}

// NaN or infinite coordinates (in the file, or out of the reprojection): GEOS would only call the
// geometry invalid and fail to repair it, so they are named for what they are.
bool finite_coordinates(OGRGeometryH g) {
    for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
        if (!finite_coordinates(OGR_G_GetGeometryRef(g, i))) return false;
    for (int i = 0; i < OGR_G_GetPointCount(g); ++i)
        if (!std::isfinite(OGR_G_GetX(g, i)) || !std::isfinite(OGR_G_GetY(g, i))) return false;
    return true;
}

}  // namespace

ZoneLayerInfo inspect_zones(const ZonesConfig& config) {
    OGRLayerH layer = nullptr;
    DatasetPtr ds = open_vector(config.path.string(), config.layer, &layer);
    ZoneLayerInfo info;
    info.layer_name = OGR_L_GetName(layer);
    OGRSpatialReferenceH srs = layer_srs(layer);
    if (srs) info.crs_wkt = wkt_of(srs);
    OGREnvelope env;
    if (OGR_L_GetExtent(layer, &env, TRUE) == OGRERR_NONE) info.extent = Box{env.MinX, env.MinY, env.MaxX, env.MaxY};
    info.feature_count = OGR_L_GetFeatureCount(layer, TRUE);
    return info;
}

std::vector<Zone> read_zones(const ZonesConfig& config, const std::string& target_wkt, Diagnostics& diagnostics) {
    GdalErrorScope gdal;  // GDAL's warnings while reading, reported after the zones' own
    OGRLayerH layer = nullptr;
    DatasetPtr ds = open_vector(config.path.string(), config.layer, &layer);
    const std::string where = config.path.string() + " (layer " + OGR_L_GetName(layer) + ")";
    OGRSpatialReferenceH srs = layer_srs(layer);
    if (!srs) throw InputError(where + ": the zones have no CRS; assign one (e.g. ogr2ogr -a_srs EPSG:28992)");
    TransformPtr transform = make_transform(srs, target_wkt, where);
    if (transform)
        diagnostics.warn("zones-reprojected", where + ": reprojected from " + crs_short_name(wkt_of(srs)) + " to " +
                                                  crs_short_name(target_wkt));

    const FieldRef id = find_field(layer, config.id_field, where, "id");
    // Fields named "table:<column>" come from [zones] table (joined by plan_job); they stay
    // missing here.
    auto layer_field = [&](const std::string& field) { return !field.empty() && !table_column(field); };
    std::optional<FieldRef> name, population;
    if (layer_field(config.name_field)) name = find_field(layer, config.name_field, where, "name");
    if (layer_field(config.population_field)) {
        population = find_field(layer, config.population_field, where, "population");
        find_text_cells(ds.get(), layer, *population);
    }
    std::vector<std::optional<FieldRef>> income;
    for (const auto& [key, field] : config.income_fields) {
        income.emplace_back();
        if (!layer_field(field)) continue;
        income.back() = find_field(layer, field, where, "income." + key);
        find_text_cells(ds.get(), layer, *income.back());
    }

    std::vector<Zone> zones;
    std::set<std::string> ids;
    // Repairs and skips are counted and reported once each, naming the first zones.
    std::vector<std::string> repaired, no_geometry, no_area;
    for_each_feature(layer, where, [&](OGRFeatureH raw) {
        Zone z;
        z.id = OGR_F_IsFieldSetAndNotNull(raw, id.index) ? OGR_F_GetFieldAsString(raw, id.index) : "";
        const std::string fid = std::to_string(OGR_F_GetFID(raw));
        if (z.id.empty()) throw InputError(where + ": feature " + fid + " has an empty id field '" + id.name + "'");
        if (!ids.insert(z.id).second)
            throw InputError(where + ": zone id '" + z.id + "' (field '" + id.name + "') is used by more than one feature; ids must be unique");
        if (name && OGR_F_IsFieldSetAndNotNull(raw, name->index)) z.name = OGR_F_GetFieldAsString(raw, name->index);
        if (population) z.population = read_number(raw, *population, config, where, z.id);
        for (const auto& f : income) z.income.push_back(f ? read_number(raw, *f, config, where, z.id) : std::nullopt);

        OGRGeometryH g = OGR_F_GetGeometryRef(raw);
        if (!g || OGR_G_IsEmpty(g)) {
            no_geometry.push_back(z.id);
            return;
        }
        GeometryPtr geom(OGR_G_Clone(g));
        if (transform && OGR_G_Transform(geom.get(), transform.get()) != OGRERR_NONE)
            throw InputError(where + ": zone '" + z.id + "' cannot be transformed to the target CRS");
        if (!finite_coordinates(geom.get()))
            throw InputError(where + ": zone '" + z.id + "' has a coordinate that is not a finite number (NaN or infinite)" +
                             (transform ? " (in the file or from the reprojection to the target CRS)" : ""));
        if (!OGR_G_IsValid(geom.get())) {
            OGRGeometryH fixed = OGR_G_MakeValid(geom.get());
            if (!fixed) throw InputError(where + ": zone '" + z.id + "' has an invalid geometry that could not be repaired");
            geom.reset(fixed);
            repaired.push_back(z.id);
        }
        z.geometry = to_multipolygon(geom.get());
        z.area = area(z.geometry);
        if (z.geometry.empty() || !(z.area > 0)) {
            no_area.push_back(z.id);
            return;
        }
        z.bounds = bounds(z.geometry);
        const GeometryPtr multi(OGR_G_ForceToMultiPolygon(OGR_G_Clone(geom.get())));
        z.wkb = iso_wkb(multi.get());
        zones.push_back(std::move(z));
    });
    if (!repaired.empty())
        diagnostics.warn("geometry-repaired", where + ": " + std::to_string(repaired.size()) +
                                                  " zone(s) had an invalid geometry, repaired with GEOS MakeValid: " + first_ids(repaired, "'"));
    if (!no_geometry.empty())
        diagnostics.warn("zone-empty-geometry", where + ": " + std::to_string(no_geometry.size()) +
                                                    " zone(s) have no geometry (NULL or empty); skipped: " + first_ids(no_geometry, "'"));
    if (!no_area.empty())
        diagnostics.warn("zone-no-area", where + ": " + std::to_string(no_area.size()) +
                                             " zone(s) have no polygon area; skipped: " + first_ids(no_area, "'"));
    gdal.report_warnings(diagnostics, where);
    if (zones.empty())
        throw InputError(where + ": no usable zone polygons (" + std::to_string(no_geometry.size()) + " without geometry, " +
                         std::to_string(no_area.size()) + " without polygon area)");
    return zones;
}

}  // namespace burdenmap
