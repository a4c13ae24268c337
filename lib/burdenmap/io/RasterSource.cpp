#include "burdenmap/io/RasterSource.h"

#include <cmath>
#include <limits>
#include <gdal_alg.h>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/GdalHandles.h"
#include "burdenmap/io/GdalSession.h"

namespace burdenmap {
namespace {

using io_detail::SrsPtr;

SrsPtr srs_from_wkt(const std::string& wkt) {
    SrsPtr srs(OSRNewSpatialReference(nullptr));
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    if (OSRSetFromUserInput(srs.get(), wkt.c_str()) != OGRERR_NONE) return nullptr;
    return srs;
}

std::string number_text(double v) { return plain_number(v, 10); }

std::string box_text(const Box& b) {
    return "[" + number_text(b.xmin) + ", " + number_text(b.ymin) + ", " + number_text(b.xmax) + ", " + number_text(b.ymax) + "]";
}

// The range of values a band type holds; nodata outside it (or a fraction in an integer band)
// can never match a cell.
bool nodata_fits(GDALDataType type, double nodata, std::string& range) {
    if (std::isnan(nodata)) {
        range = "integers only";
        return type == GDT_Float32 || type == GDT_Float64;
    }
    double lo = 0, hi = 0;
    switch (type) {
        case GDT_Byte: lo = 0, hi = 255; break;
        case GDT_UInt16: lo = 0, hi = 65535; break;
        case GDT_Int16: lo = -32768, hi = 32767; break;
        case GDT_UInt32: lo = 0, hi = 4294967295.0; break;
        case GDT_Int32: lo = -2147483648.0, hi = 2147483647.0; break;
        case GDT_Float32:
            range = "up to 3.4e38 in magnitude";
            return std::isinf(nodata) || std::fabs(nodata) <= std::numeric_limits<float>::max();
        default: return true;
    }
    range = number_text(lo) + " to " + number_text(hi) + ", integers";
    return nodata >= lo && nodata <= hi && nodata == std::floor(nodata);
}

// Why a band looks categorical, or "" when nothing says so. LAYER_TYPE (band metadata, default
// domain; HFA and KEA write it) decides when present: their continuous bands carry a raster
// attribute table too, holding the histogram, and say "athematic". Otherwise a colour table (a
// palette maps codes to colours, not amounts) or a thematic raster attribute table (class names
// per code) marks class codes.
std::string categorical_signal(GDALRasterBandH band) {
    if (const char* layer_type = GDALGetMetadataItem(band, "LAYER_TYPE", nullptr)) {
        if (EQUAL(layer_type, "thematic")) return "LAYER_TYPE=thematic";
        if (EQUAL(layer_type, "athematic")) return "";
    }
    if (GDALGetRasterColorTable(band)) return "a colour table";
    if (GDALRasterAttributeTableH rat = GDALGetDefaultRAT(band); rat && GDALRATGetTableType(rat) == GRTT_THEMATIC)
        return "a raster attribute table";
    return "";
}

}  // namespace

std::string crs_to_wkt(const std::string& definition, const std::string& key) {
    gdal_init();
    SrsPtr srs = srs_from_wkt(definition);
    if (!srs) throw ConfigError(key, "CRS '" + definition + "' is not understood (try e.g. \"EPSG:28992\")");
    char* raw = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    OSRExportToWktEx(srs.get(), &raw, options);
    const io_detail::CplTextPtr wkt(raw);
    return wkt ? wkt.get() : "";
}

std::string crs_short_name(const std::string& wkt) {
    if (wkt.empty()) return "(none)";
    SrsPtr srs = srs_from_wkt(wkt);
    if (!srs) return "(unknown CRS)";
    OGRSpatialReferenceH h = srs.get();
    OSRAutoIdentifyEPSG(h);
    const char* auth = OSRGetAuthorityName(h, nullptr);
    const char* code = OSRGetAuthorityCode(h, nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    const char* name = OSRGetName(h);
    return name ? name : "(unnamed CRS)";
}

bool crs_is_geographic(const std::string& wkt) {
    SrsPtr srs = srs_from_wkt(wkt);
    return srs && OSRIsGeographic(srs.get());
}

std::string crs_length_unit(const std::string& wkt) {
    SrsPtr srs = srs_from_wkt(wkt);
    if (!srs) return "";
    char* name = nullptr;  // owned by the SRS
    const double to_metre = OSRGetLinearUnits(srs.get(), &name);
    if (to_metre == 1.0) return "m";
    if (to_metre == 0.3048) return "ft";
    if (std::fabs(to_metre - 1200.0 / 3937.0) < 1e-12) return "US ft";
    return name ? name : "";
}

bool crs_equivalent(const std::string& a_wkt, const std::string& b_wkt) {
    SrsPtr a = srs_from_wkt(a_wkt), b = srs_from_wkt(b_wkt);
    if (!a || !b) return false;
    // Compare ignoring axis order in the definition: data axes are handled as x/y everywhere.
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    return OSRIsSameEx(a.get(), b.get(), options);
}

RasterInfo inspect_raster(const std::filesystem::path& path, int band, const std::string& target_wkt) {
    gdal_init();
    RasterInfo info;
    info.path = path;
    info.band = band;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path.string() + ": raster file not found");
    GdalErrorScope gdal;  // errors for the messages below; warnings for the plan (info.warnings)
    const io_detail::DatasetPtr dataset(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!dataset) throw InputError(gdal.with_error(path.string() + ": cannot open as a raster"));
    GDALDatasetH ds = dataset.get();

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
    const GDALDataType type = GDALGetRasterDataType(b);
    info.data_type = GDALGetDataTypeName(type);
    info.categorical_signal = categorical_signal(b);
    std::string range;
    if (has_nodata && !nodata_fits(type, nodata, range)) {
        info.warnings.push_back({"nodata-out-of-range", path.string() + ": nodata value " + number_text(nodata) +
                                                            " cannot occur in a " + info.data_type + " band (" + range +
                                                            "); ignored, no cell is nodata. Set the right one with "
                                                            "gdal_edit.py -a_nodata VALUE FILE"});
    } else if (has_nodata) {
        info.nodata = nodata;
    }

    info.resolution_in_target = std::sqrt(std::fabs(info.geotransform[1] * info.geotransform[5] -
                                                    info.geotransform[2] * info.geotransform[4]));
    const double* g = info.geotransform;
    for (int corner = 0; corner < 4; ++corner) {
        const double c = corner % 2 ? info.cols : 0, r = corner / 2 ? info.rows : 0;
        info.extent_in_target.expand(g[0] + c * g[1] + r * g[2], g[3] + c * g[4] + r * g[5]);
    }
    if (!target_wkt.empty() && !crs_equivalent(info.crs_wkt, target_wkt)) {
        // How large a cell becomes in the target CRS: GDAL's own estimate, as gdalwarp uses.
        void* transformer = GDALCreateGenImgProjTransformer(ds, info.crs_wkt.c_str(), nullptr, target_wkt.c_str(), FALSE, 0, 1);
        if (!transformer)
            throw InputError(gdal.with_error(path.string() + ": cannot transform from " + info.crs_name + " to the target CRS"));
        double gt[6];
        int px = 0, ln = 0;
        const CPLErr err = GDALSuggestedWarpOutput(ds, GDALGenImgProjTransform, transformer, gt, &px, &ln);
        GDALDestroyGenImgProjTransformer(transformer);
        if (err != CE_None) throw InputError(gdal.with_error(path.string() + ": cannot estimate its extent in the target CRS"));
        info.resolution_in_target = std::sqrt(std::fabs(gt[1] * gt[5]));
        info.extent_in_target = Box{};
        info.extent_in_target.expand(gt[0], gt[3]);
        info.extent_in_target.expand(gt[0] + px * gt[1], gt[3] + ln * gt[5]);
        info.warnings.push_back({"raster-reprojected", path.string() + ": reprojected from " + info.crs_name + " to " +
                                                           crs_short_name(target_wkt) + " onto the study grid"});
    }
    gdal.report_warnings(info.warnings, path.string());
    return info;
}

void require_overlap(const RasterInfo& info, const Box& study_extent, const std::string& study_crs_name) {
    if (info.extent_in_target.intersects(study_extent)) return;
    throw InputError(info.path.string() + ": does not overlap the study area: the raster covers " +
                     box_text(info.extent_in_target) + " and the study area is " + box_text(study_extent) + " (in " +
                     study_crs_name + "); check the raster's CRS (gdalinfo) and study.extent");
}

}  // namespace burdenmap
