#include "GdalTestData.h"

#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <ogr_srs_api.h>

namespace burdenmap::test {

std::string epsg_wkt(int code) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    REQUIRE(OSRImportFromEPSG(srs, code) == OGRERR_NONE);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    std::string out = wkt;
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    return out;
}

std::pair<double, double> rd_to_lonlat(double x, double y) {
    OGRSpatialReferenceH rd = OSRNewSpatialReference(nullptr), wgs = OSRNewSpatialReference(nullptr);
    REQUIRE(OSRImportFromEPSG(rd, 28992) == OGRERR_NONE);
    REQUIRE(OSRImportFromEPSG(wgs, 4326) == OGRERR_NONE);
    OSRSetAxisMappingStrategy(rd, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(wgs, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH t = OCTNewCoordinateTransformation(rd, wgs);
    const bool moved = t && OCTTransform(t, 1, &x, &y, nullptr);
    if (t) OCTDestroyCoordinateTransformation(t);
    OSRDestroySpatialReference(rd);
    OSRDestroySpatialReference(wgs);
    REQUIRE(moved);
    return {x, y};
}

namespace {

OGRGeometryH geometry(const std::string& wkt) {
    OGRGeometryH g = nullptr;
    char* text = const_cast<char*>(wkt.c_str());
    REQUIRE(OGR_G_CreateFromWkt(&text, nullptr, &g) == OGRERR_NONE);
    return g;
}

}  // namespace

std::vector<unsigned char> wkb_of(const std::string& wkt) {
    OGRGeometryH g = geometry(wkt);
    std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(g)));
    OGR_G_ExportToIsoWkb(g, wkbNDR, wkb.data());
    OGR_G_DestroyGeometry(g);
    return wkb;
}

void set_geometry(OGRFeatureH feature, const std::string& wkt) { OGR_F_SetGeometryDirectly(feature, geometry(wkt)); }

void add_feature(OGRLayerH layer, OGRFeatureH feature) {
    REQUIRE(OGR_L_CreateFeature(layer, feature) == OGRERR_NONE);
    OGR_F_Destroy(feature);
}

}  // namespace burdenmap::test
