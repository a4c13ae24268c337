#include "burdenmap/io/ZoneSource.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/FieldAliases.h"
#include "burdenmap/io/NumberText.h"
#include "burdenmap/io/OgrCommon.h"

namespace burdenmap {
namespace {

using namespace io_detail;

struct FieldRef {
    std::string name;
    int index = -1;
    bool numeric = false;
};

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
    if (f.numeric) {
        v = OGR_F_GetFieldAsDouble(feature, f.index);
    } else {
        bool ok = true;
        const auto parsed = parse_number_text(OGR_F_GetFieldAsString(feature, f.index), ok);
        if (!ok)
            throw InputError(where + ": field '" + f.name + "' of zone '" + zone_id + "' is not a number: '" +
                             OGR_F_GetFieldAsString(feature, f.index) + "'");
        if (!parsed) return std::nullopt;
        v = *parsed;
    }
    if (!std::isfinite(v)) return std::nullopt;
    for (double sentinel : cfg.nodata_values)
        if (v == sentinel) return std::nullopt;
    return v;
}

}  // namespace

ZoneLayerInfo inspect_zones(const ZonesConfig& config) {
    OGRLayerH layer = nullptr;
    DatasetPtr ds = open_vector(config.path.string(), config.layer, &layer);
    ZoneLayerInfo info;
    info.layer_name = OGR_L_GetName(layer);
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (srs) {
        char* wkt = nullptr;
        OSRExportToWkt(srs, &wkt);
        info.crs_wkt = wkt ? wkt : "";
        CPLFree(wkt);
    }
    OGREnvelope env;
    if (OGR_L_GetExtent(layer, &env, TRUE) == OGRERR_NONE) info.extent = Box{env.MinX, env.MinY, env.MaxX, env.MaxY};
    info.feature_count = OGR_L_GetFeatureCount(layer, TRUE);
    return info;
}

std::vector<Zone> read_zones(const ZonesConfig& config, const std::string& target_wkt, Diagnostics& diagnostics) {
    OGRLayerH layer = nullptr;
    DatasetPtr ds = open_vector(config.path.string(), config.layer, &layer);
    const std::string where = config.path.string() + " (layer " + OGR_L_GetName(layer) + ")";
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs) throw InputError(where + ": the zones have no CRS; assign one (e.g. ogr2ogr -a_srs EPSG:28992)");
    TransformPtr transform = make_transform(srs, target_wkt, where);

    const FieldRef id = find_field(layer, config.id_field, where, "id");
    std::optional<FieldRef> name, population;
    if (!config.name_field.empty()) name = find_field(layer, config.name_field, where, "name");
    if (!config.population_field.empty()) population = find_field(layer, config.population_field, where, "population");
    std::vector<FieldRef> income;
    for (const auto& [key, field] : config.income_fields) income.push_back(find_field(layer, field, where, "income." + key));

    std::vector<Zone> zones;
    std::set<std::string> ids;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH raw = OGR_L_GetNextFeature(layer)) {
        std::unique_ptr<void, void (*)(void*)> feature(raw, [](void* f) { OGR_F_Destroy(static_cast<OGRFeatureH>(f)); });
        Zone z;
        z.id = OGR_F_IsFieldSetAndNotNull(raw, id.index) ? OGR_F_GetFieldAsString(raw, id.index) : "";
        const std::string fid = std::to_string(OGR_F_GetFID(raw));
        if (z.id.empty()) throw InputError(where + ": feature " + fid + " has an empty id field '" + id.name + "'");
        if (!ids.insert(z.id).second)
            throw InputError(where + ": zone id '" + z.id + "' (field '" + id.name + "') is used by more than one feature; ids must be unique");
        if (name && OGR_F_IsFieldSetAndNotNull(raw, name->index)) z.name = OGR_F_GetFieldAsString(raw, name->index);
        if (population) z.population = read_number(raw, *population, config, where, z.id);
        for (const FieldRef& f : income) z.income.push_back(read_number(raw, f, config, where, z.id));

        OGRGeometryH g = OGR_F_GetGeometryRef(raw);
        if (!g || OGR_G_IsEmpty(g)) {
            diagnostics.warn("zone-empty-geometry", where + ": zone '" + z.id + "' has no geometry; skipped");
            continue;
        }
        GeometryPtr geom(OGR_G_Clone(g));
        if (transform && OGR_G_Transform(static_cast<OGRGeometryH>(geom.get()),
                                         static_cast<OGRCoordinateTransformationH>(transform.get())) != OGRERR_NONE)
            throw InputError(where + ": zone '" + z.id + "' cannot be transformed to the target CRS");
        if (!OGR_G_IsValid(static_cast<OGRGeometryH>(geom.get()))) {
            OGRGeometryH fixed = OGR_G_MakeValid(static_cast<OGRGeometryH>(geom.get()));
            if (!fixed) throw InputError(where + ": zone '" + z.id + "' has an invalid geometry that could not be repaired");
            geom.reset(fixed);
            diagnostics.warn("geometry-repaired", where + ": zone '" + z.id + "' had an invalid geometry; repaired with GEOS MakeValid");
        }
        z.geometry = to_multipolygon(static_cast<OGRGeometryH>(geom.get()));
        z.area = area(z.geometry);
        if (z.geometry.empty() || !(z.area > 0)) {
            diagnostics.warn("zone-no-area", where + ": zone '" + z.id + "' has no polygon area; skipped");
            continue;
        }
        z.bounds = bounds(z.geometry);
        GeometryPtr multi(OGR_G_ForceToMultiPolygon(OGR_G_Clone(static_cast<OGRGeometryH>(geom.get()))));
        z.wkb.resize(static_cast<std::size_t>(OGR_G_WkbSize(static_cast<OGRGeometryH>(multi.get()))));
        OGR_G_ExportToIsoWkb(static_cast<OGRGeometryH>(multi.get()), wkbNDR, z.wkb.data());
        zones.push_back(std::move(z));
    }
    if (zones.empty()) throw InputError(where + ": no usable zone polygons");
    return zones;
}

}  // namespace burdenmap
