#include "burdenmap/io/RasterSource.h"

#include <cmath>
#include <gdal.h>
#include <cpl_conv.h>
#include <gdal_alg.h>
#include <memory>
#include <ogr_srs_api.h>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"

namespace burdenmap {
namespace {

struct SrsDeleter {
    void operator()(void* s) const { OSRDestroySpatialReference(static_cast<OGRSpatialReferenceH>(s)); }
};
using SrsPtr = std::unique_ptr<void, SrsDeleter>;

SrsPtr srs_from_wkt(const std::string& wkt) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    if (OSRSetFromUserInput(srs, wkt.c_str()) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        return nullptr;
    }
    return SrsPtr(srs);
}

std::string with_reason(const std::string& message) {
    const std::string reason = gdal_last_error();
    return reason.empty() ? message : message + ": " + reason;
}

}  // namespace

std::string crs_to_wkt(const std::string& definition, const std::string& key) {
    gdal_init();
    SrsPtr srs = srs_from_wkt(definition);
    if (!srs) throw ConfigError(key, "CRS '" + definition + "' is not understood (try e.g. \"EPSG:28992\")");
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    OSRExportToWktEx(static_cast<OGRSpatialReferenceH>(srs.get()), &wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

std::string crs_short_name(const std::string& wkt) {
    if (wkt.empty()) return "(none)";
    SrsPtr srs = srs_from_wkt(wkt);
    if (!srs) return "(unknown CRS)";
    auto h = static_cast<OGRSpatialReferenceH>(srs.get());
    OSRAutoIdentifyEPSG(h);
    const char* auth = OSRGetAuthorityName(h, nullptr);
    const char* code = OSRGetAuthorityCode(h, nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    const char* name = OSRGetName(h);
    return name ? name : "(unnamed CRS)";
}

bool crs_is_geographic(const std::string& wkt) {
    SrsPtr srs = srs_from_wkt(wkt);
    return srs && OSRIsGeographic(static_cast<OGRSpatialReferenceH>(srs.get()));
}

bool crs_equivalent(const std::string& a_wkt, const std::string& b_wkt) {
    SrsPtr a = srs_from_wkt(a_wkt), b = srs_from_wkt(b_wkt);
    if (!a || !b) return false;
    // Compare ignoring axis order in the definition: data axes are handled as x/y everywhere.
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    return OSRIsSameEx(static_cast<OGRSpatialReferenceH>(a.get()), static_cast<OGRSpatialReferenceH>(b.get()), options);
}

RasterInfo inspect_raster(const std::filesystem::path& path, int band, const std::string& target_wkt) {
    gdal_init();
    RasterInfo info;
    info.path = path;
    info.band = band;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path.string() + ": raster file not found");
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) throw InputError(with_reason(path.string() + ": cannot open as a raster"));
    std::unique_ptr<void, void (*)(void*)> guard(ds, [](void* d) { GDALClose(d); });

    info.band_count = GDALGetRasterCount(ds);
    if (band < 1 || band > info.band_count)
        throw InputError(path.string() + ": has " + std::to_string(info.band_count) + " band(s), band " +
                         std::to_string(band) + " was asked for");
    info.cols = GDALGetRasterXSize(ds);
    info.rows = GDALGetRasterYSize(ds);
    if (GDALGetGeoTransform(ds, info.geotransform) != CE_None)
        throw InputError(path.string() + ": has no georeferencing (no geotransform)");
    if (info.geotransform[1] == 0 || info.geotransform[5] == 0)
        throw InputError(path.string() + ": invalid geotransform (zero cell size)");
    const char* wkt = GDALGetProjectionRef(ds);
    info.crs_wkt = wkt ? wkt : "";
    if (info.crs_wkt.empty())
        throw InputError(path.string() + ": has no CRS; assign one first (e.g. gdal_edit.py -a_srs EPSG:28992 FILE)");
    info.crs_name = crs_short_name(info.crs_wkt);

    GDALRasterBandH b = GDALGetRasterBand(ds, band);
    int has_nodata = 0;
    const double nodata = GDALGetRasterNoDataValue(b, &has_nodata);
    if (has_nodata) info.nodata = nodata;
    info.data_type = GDALGetDataTypeName(GDALGetRasterDataType(b));

    info.resolution_in_target = std::sqrt(std::fabs(info.geotransform[1] * info.geotransform[5] -
                                                    info.geotransform[2] * info.geotransform[4]));
    if (!target_wkt.empty() && !crs_equivalent(info.crs_wkt, target_wkt)) {
        // How large a cell becomes in the target CRS: GDAL's own estimate, as gdalwarp uses.
        void* transformer = GDALCreateGenImgProjTransformer(ds, info.crs_wkt.c_str(), nullptr, target_wkt.c_str(), FALSE, 0, 1);
        if (!transformer) throw InputError(with_reason(path.string() + ": cannot transform from " + info.crs_name + " to the target CRS"));
        double gt[6];
        int px = 0, ln = 0;
        const CPLErr err = GDALSuggestedWarpOutput(ds, GDALGenImgProjTransform, transformer, gt, &px, &ln);
        GDALDestroyGenImgProjTransformer(transformer);
        if (err != CE_None) throw InputError(with_reason(path.string() + ": cannot estimate its extent in the target CRS"));
        info.resolution_in_target = std::sqrt(std::fabs(gt[1] * gt[5]));
    }
    return info;
}

}  // namespace burdenmap
