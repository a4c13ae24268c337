#include "burdenmap/io/SiteSource.h"

#include <set>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/OgrCommon.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap {
namespace {

using namespace io_detail;

std::string site_id(OGRFeatureH f, int id_index, const std::string& id_field, const std::string& where) {
    if (id_index < 0) return std::to_string(OGR_F_GetFID(f));
    const std::string id = OGR_F_IsFieldSetAndNotNull(f, id_index) ? OGR_F_GetFieldAsString(f, id_index) : "";
    if (id.empty())
        throw InputError(where + ": feature " + std::to_string(OGR_F_GetFID(f)) + " has an empty id field '" + id_field + "'");
    return id;
}

// The geometry in the target CRS as a point or valid polygons; `site.problem` says why not.
void set_geometry(Site& site, OGRGeometryH source, OGRCoordinateTransformationH transform, const std::string& where,
                  Diagnostics& diagnostics) {
    if (!source || OGR_G_IsEmpty(source)) {
        site.problem = "the feature has no geometry";
        return;
    }
    GeometryPtr g(OGR_G_Clone(source));
    OGR_G_FlattenTo2D(g.get());
    OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g.get()));
    if (type == wkbMultiPoint && OGR_G_GetGeometryCount(g.get()) == 1) {
        g.reset(OGR_G_Clone(OGR_G_GetGeometryRef(g.get(), 0)));
        type = wkbPoint;
    }
    const bool polygonal = type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon || type == wkbMultiSurface;
    if (type != wkbPoint && !polygonal) {
        site.problem = std::string("a ") + OGRGeometryTypeToName(type) +
                       " cannot be checked: give each site as one point or (multi)polygon";
        return;
    }
    if (transform && OGR_G_Transform(g.get(), transform) != OGRERR_NONE)
        throw InputError(where + ": site '" + site.id + "' cannot be transformed to the target CRS");
    if (type == wkbPoint) {
        site.kind = Site::Kind::point;
        site.point = Point{OGR_G_GetX(g.get(), 0), OGR_G_GetY(g.get(), 0)};
        site.bounds.expand(site.point.x, site.point.y);
        site.wkb = iso_wkb(g.get());
        return;
    }
    g.reset(OGR_G_ForceTo(g.release(), wkbMultiPolygon, nullptr));  // curves become line segments
    if (!OGR_G_IsValid(g.get())) {
        GeometryPtr fixed(OGR_G_MakeValid(g.get()));
        if (!fixed) throw InputError(where + ": site '" + site.id + "' has an invalid polygon that could not be repaired");
        g = std::move(fixed);
        diagnostics.warn("geometry-repaired", where + ": site '" + site.id + "' had an invalid polygon; repaired with GEOS MakeValid");
    }
    site.polygons = to_multipolygon(g.get());
    site.area = area(site.polygons);
    if (site.polygons.empty() || !(site.area > 0)) {
        site.problem = "the polygon has no area";
        site.polygons.clear();
        return;
    }
    // MakeValid may leave a collection with stray lines: keep the polygons only.
    GeometryPtr multi(OGR_G_CreateGeometry(wkbMultiPolygon));
    for (const Polygon& p : site.polygons) {
        GeometryPtr poly(OGR_G_CreateGeometry(wkbPolygon));
        auto add_ring = [&](const Ring& ring) {
            OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
            for (const Point& pt : ring) OGR_G_AddPoint_2D(r, pt.x, pt.y);
            OGR_G_AddPoint_2D(r, ring.front().x, ring.front().y);
            OGR_G_AddGeometryDirectly(poly.get(), r);
        };
        add_ring(p.outer);
        for (const Ring& h : p.holes) add_ring(h);
        OGR_G_AddGeometryDirectly(multi.get(), poly.release());
    }
    site.kind = Site::Kind::polygon;
    site.bounds = bounds(site.polygons);
    site.wkb = iso_wkb(multi.get());
}

}  // namespace

SiteLayer read_sites(const std::filesystem::path& path, const std::string& layer, const std::string& id_field,
                     const std::string& target_wkt, Diagnostics& diagnostics) {
    GdalErrorScope gdal;  // GDAL's warnings while reading, reported after the sites' own
    OGRLayerH l = nullptr;
    DatasetPtr ds = open_vector(path.string(), layer, &l);
    SiteLayer out;
    out.description = path.string() + " (layer " + OGR_L_GetName(l) + ")";
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l);
    // A GeoPackage layer written without a CRS reports GDAL's "Undefined geographic SRS" (srs_id
    // 0) or "Undefined Cartesian SRS" (-1): no CRS either, whatever its coordinates look like.
    const char* srs_name = srs ? OSRGetName(srs) : nullptr;
    if (!srs || (srs_name && std::string(srs_name).rfind("Undefined ", 0) == 0))
        throw InputError(out.description + ": the sites have no CRS; assign one (e.g. ogr2ogr -a_srs EPSG:28992)");
    out.crs_name = crs_short_name(wkt_of(srs));
    TransformPtr transform = make_transform(srs, target_wkt, out.description);
    out.reprojected = transform != nullptr;

    int id_index = -1;
    if (!id_field.empty()) {
        id_index = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), id_field.c_str());
        if (id_index < 0)
            throw InputError(out.description + ": id field '" + id_field + "' (--id) not found; fields are: " + field_list(l));
    }
    std::set<std::string> ids;
    for_each_feature(l, out.description, [&](OGRFeatureH f) {
        Site site;
        site.id = site_id(f, id_index, id_field, out.description);
        if (!ids.insert(site.id).second)
            throw InputError(out.description + ": site id '" + site.id + "'" + (id_field.empty() ? "" : " (field '" + id_field + "')") +
                             " is used by more than one feature; ids must be unique");
        set_geometry(site, OGR_F_GetGeometryRef(f), transform.get(),
                     out.description, diagnostics);
        if (site.kind == Site::Kind::unusable)
            diagnostics.warn("site-unusable", out.description + ": site '" + site.id + "': " + site.problem + "; reported as unknown");
        out.sites.push_back(std::move(site));
    });
    if (out.sites.empty()) throw InputError(out.description + ": no sites (the layer has no features)");
    gdal.report_warnings(diagnostics, out.description);
    return out;
}

}  // namespace burdenmap
