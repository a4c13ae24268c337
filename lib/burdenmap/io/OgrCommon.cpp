#include "burdenmap/io/OgrCommon.h"

#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap::io_detail {

DatasetPtr open_vector(const std::string& path, const std::string& layer, OGRLayerH* out_layer) {
    gdal_init();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path + ": vector file not found");
    GdalErrorScope errors;
    DatasetPtr owner(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!owner) throw InputError(errors.with_error(path + ": cannot open as a vector data source"));
    GDALDatasetH ds = owner.get();
    const int n = GDALDatasetGetLayerCount(ds);
    if (n == 0) throw InputError(path + ": contains no vector layers");
    OGRLayerH l = layer.empty() ? GDALDatasetGetLayer(ds, 0) : GDALDatasetGetLayerByName(ds, layer.c_str());
    if (!l) {
        std::string names;
        for (int i = 0; i < n; ++i) names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
        throw InputError(path + ": layer '" + layer + "' not found; layers are: " + names);
    }
    *out_layer = l;
    return owner;
}

void for_each_feature(OGRLayerH layer, const std::string& where, const std::function<void(OGRFeatureH)>& body) {
    GdalErrorScope errors;
    OGR_L_ResetReading(layer);
    std::size_t read = 0;
    for (;;) {
        (void)errors.take_error();
        const FeaturePtr feature(OGR_L_GetNextFeature(layer));
        if (!feature) break;
        if (++read % 1024 == 0) throw_if_stop_requested();
        body(feature.get());
    }
    const std::string error = errors.take_error();
    if (!error.empty()) throw InputError(where + ": reading the features failed: " + error);
}

std::string first_ids(const std::vector<std::string>& ids, const std::string& quote) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < 10; ++i) out += (i ? ", " : "") + quote + ids[i] + quote;
    if (ids.size() > 10) out += " and " + std::to_string(ids.size() - 10) + " more";
    return out;
}

OGRSpatialReferenceH layer_srs(OGRLayerH layer) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs) return nullptr;
    const char* name = OSRGetName(srs);
    const std::string n = name ? name : "";
    if (OSRGetAuthorityCode(srs, nullptr) == nullptr && (n == "Undefined geographic SRS" || n == "Undefined Cartesian SRS"))
        return nullptr;
    return srs;
}

std::string wkt_of(OGRSpatialReferenceH srs) {
    char* raw = nullptr;
    OSRExportToWkt(srs, &raw);
    const CplTextPtr wkt(raw);
    return wkt ? wkt.get() : "";
}

TransformPtr make_transform(OGRSpatialReferenceH source, const std::string& target_wkt, const std::string& what) {
    GdalErrorScope errors;
    const SrsPtr target(OSRNewSpatialReference(nullptr));
    OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetFromUserInput(target.get(), target_wkt.c_str());
    const SrsPtr src(OSRClone(source));
    // x = easting/longitude everywhere, whatever the CRS definition's axis order (EPSG:4326 trap).
    OSRSetAxisMappingStrategy(src.get(), OAMS_TRADITIONAL_GIS_ORDER);
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    if (OSRIsSameEx(src.get(), target.get(), options)) return nullptr;
    TransformPtr out(OCTNewCoordinateTransformation(src.get(), target.get()));
    if (!out) throw InputError(what + ": cannot transform to the target CRS: " + errors.take_error());
    return out;
}

std::string field_list(OGRLayerH layer) {
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::string names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        names += (i ? ", " : "") + std::string(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    return names.empty() ? "(none)" : names;
}

namespace {

Ring to_ring(OGRGeometryH ring) {
    Ring out;
    const int n = OGR_G_GetPointCount(ring);
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back(Point{OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
    // The closing vertex repeats the first: drop it (the core closes rings implicitly).
    if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
    return out;
}

void add_polygon(OGRGeometryH polygon, MultiPolygon& out) {
    const int rings = OGR_G_GetGeometryCount(polygon);
    if (rings == 0) return;
    Polygon p;
    p.outer = to_ring(OGR_G_GetGeometryRef(polygon, 0));
    for (int i = 1; i < rings; ++i) p.holes.push_back(to_ring(OGR_G_GetGeometryRef(polygon, i)));
    out.push_back(std::move(p));
}

}  // namespace

GeometryPtr polygonal_part(OGRGeometryH geometry, bool* dropped_parts) {
    if (!geometry) return nullptr;
    GeometryPtr linear;
    if (OGR_G_HasCurveGeometry(geometry, FALSE)) {
        linear.reset(OGR_G_GetLinearGeometry(geometry, 0, nullptr));
        if (!linear) return nullptr;
        geometry = linear.get();
    }
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    if (type == wkbPolygon || type == wkbMultiPolygon) return GeometryPtr(OGR_G_Clone(geometry));
    if (type != wkbGeometryCollection) {
        if (dropped_parts) *dropped_parts = true;
        return nullptr;
    }
    GeometryPtr out(OGR_G_CreateGeometry(wkbMultiPolygon));
    for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i) {
        const GeometryPtr part = polygonal_part(OGR_G_GetGeometryRef(geometry, i), dropped_parts);
        if (!part) continue;
        const OGRGeometryH p = part.get();
        if (wkbFlatten(OGR_G_GetGeometryType(p)) == wkbPolygon) {
            OGR_G_AddGeometry(out.get(), p);
        } else {
            for (int k = 0; k < OGR_G_GetGeometryCount(p); ++k)
                OGR_G_AddGeometry(out.get(), OGR_G_GetGeometryRef(p, k));
        }
    }
    if (OGR_G_GetGeometryCount(out.get()) == 0) return nullptr;
    return out;
}

GeometryPtr geometry_from_wkb(const std::vector<unsigned char>& wkb) {
    OGRGeometryH g = nullptr;
    const bool read = !wkb.empty() && OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size())) == OGRERR_NONE;
    GeometryPtr out(g);
    return read ? std::move(out) : nullptr;
}

std::vector<unsigned char> iso_wkb(OGRGeometryH geometry) {
    std::vector<unsigned char> out(static_cast<std::size_t>(OGR_G_WkbSize(geometry)));
    OGR_G_ExportToIsoWkb(geometry, wkbNDR, out.data());
    return out;
}

MultiPolygon to_multipolygon(OGRGeometryH geometry) {
    MultiPolygon out;
    if (!geometry) return out;
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    if (type == wkbPolygon) {
        add_polygon(geometry, out);
    } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i) {
            OGRGeometryH part = OGR_G_GetGeometryRef(geometry, i);
            const OGRwkbGeometryType pt = wkbFlatten(OGR_G_GetGeometryType(part));
            if (pt == wkbPolygon) add_polygon(part, out);
            else if (pt == wkbMultiPolygon) {
                MultiPolygon sub = to_multipolygon(part);
                out.insert(out.end(), sub.begin(), sub.end());
            }
        }
    }
    return out;
}

}  // namespace burdenmap::io_detail
