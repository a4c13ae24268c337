#include "burdenmap/io/OutputReader.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/OgrCommon.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

using io_detail::DatasetPtr;
using io_detail::GeometryPtr;

DatasetPtr open(const fs::path& path, unsigned flags, const char* what) {
    gdal_init();
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path.string() + ": " + what + " not found");
    GdalErrorScope errors;
    DatasetPtr ds(GDALOpenEx(path.c_str(), flags | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw InputError(errors.with_error(path.string() + ": cannot open the " + what));
    return ds;
}

FieldValue field_value(OGRFeatureH f, int i) {
    if (!OGR_F_IsFieldSetAndNotNull(f, i)) return std::monostate{};
    switch (OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i))) {
        case OFTInteger:
        case OFTInteger64: return static_cast<long long>(OGR_F_GetFieldAsInteger64(f, i));
        case OFTReal: return OGR_F_GetFieldAsDouble(f, i);
        default: return std::string(OGR_F_GetFieldAsString(f, i));
    }
}

void read_shape(OGRFeatureH f, OGRCoordinateTransformationH transform, TableData& out) {
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g) {
        out.wkb.emplace_back();
        out.shapes.emplace_back();
        out.label_points.push_back(Point{std::nan(""), std::nan("")});
        return;
    }
    const GeometryPtr copy(OGR_G_Clone(g));
    if (transform) OGR_G_Transform(copy.get(), transform);
    out.wkb.push_back(io_detail::iso_wkb(copy.get()));
    out.shapes.push_back(io_detail::to_multipolygon(copy.get()));
    const GeometryPtr inside(OGR_G_PointOnSurface(copy.get()));
    if (inside && !OGR_G_IsEmpty(inside.get()))
        out.label_points.push_back(Point{OGR_G_GetX(inside.get(), 0), OGR_G_GetY(inside.get(), 0)});
    else
        out.label_points.push_back(Point{std::nan(""), std::nan("")});
}

}  // namespace

NoSidecars::NoSidecars() {
    if (const char* before = CPLGetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr)) previous_ = before;
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
}
NoSidecars::~NoSidecars() { CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", previous_ ? previous_->c_str() : nullptr); }

std::optional<std::size_t> TableData::column(const std::string& name) const {
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) return std::nullopt;
    return static_cast<std::size_t>(it - columns.begin());
}

std::optional<TableData> read_table(const fs::path& gpkg, const std::string& table, bool with_shapes,
                                    const std::string& target_crs_wkt) {
    const NoSidecars quiet;
    DatasetPtr ds = open(gpkg, GDAL_OF_VECTOR, "GeoPackage");
    OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), table.c_str());
    if (!layer) return std::nullopt;
    TableData out;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int n = OGR_FD_GetFieldCount(defn);
    for (int i = 0; i < n; ++i) out.columns.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    io_detail::TransformPtr transform;
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (with_shapes && srs && !target_crs_wkt.empty())
        transform = io_detail::make_transform(srs, target_crs_wkt, gpkg.string() + ": layer '" + table + "'");
    OGR_L_ResetReading(layer);
    while (true) {
        const io_detail::FeaturePtr f(OGR_L_GetNextFeature(layer));
        if (!f) break;
        std::vector<FieldValue> row;
        row.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) row.push_back(field_value(f.get(), i));
        out.rows.push_back(std::move(row));
        if (with_shapes) read_shape(f.get(), transform.get(), out);
    }
    return out;
}

std::vector<MultiPolygon> shapes_from_wkb(const std::vector<Feature>& features, const std::string& source_crs_wkt,
                                          const std::string& target_crs_wkt, const std::string& what) {
    gdal_init();
    io_detail::TransformPtr transform;
    if (!source_crs_wkt.empty() && !target_crs_wkt.empty()) {
        const io_detail::SrsPtr source(OSRNewSpatialReference(nullptr));
        if (OSRSetFromUserInput(source.get(), source_crs_wkt.c_str()) != OGRERR_NONE)
            throw InputError(what + ": the CRS of the zones is not readable");
        transform = io_detail::make_transform(source.get(), target_crs_wkt, what);
    }
    std::vector<MultiPolygon> out;
    out.reserve(features.size());
    for (const Feature& f : features) {
        const GeometryPtr g = io_detail::geometry_from_wkb(f.wkb);
        if (g && transform) OGR_G_Transform(g.get(), transform.get());
        out.push_back(io_detail::to_multipolygon(g.get()));
    }
    return out;
}

RasterSummary read_raster_summary(const fs::path& tif) {
    const NoSidecars quiet;
    // Inside a run, before its outputs are renamed into place, the GeoTIFF is read by its temp name.
    DatasetPtr ds = open(CommitGroup::readable(tif), GDAL_OF_RASTER, "GeoTIFF");
    GdalErrorScope errors;
    RasterSummary out;
    out.cols = GDALGetRasterXSize(ds.get());
    out.rows = GDALGetRasterYSize(ds.get());
    GDALGetGeoTransform(ds.get(), out.geotransform);
    if (out.geotransform[2] != 0 || out.geotransform[4] != 0)
        throw InputError(tif.string() + ": rotated rasters are not supported");
    if (const char* wkt = GDALGetProjectionRef(ds.get())) out.crs_wkt = wkt;
    for (int b = 1; b <= GDALGetRasterCount(ds.get()); ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds.get(), b);
        BandDescription d;
        d.index = b;
        d.description = GDALGetDescription(band);
        if (const char* unit = GDALGetRasterUnitType(band)) d.unit = unit;
        if (char** md = GDALGetMetadata(band, nullptr))
            for (int i = 0; md[i]; ++i) {
                char* raw_key = nullptr;
                const char* value = CPLParseNameValue(md[i], &raw_key);
                const io_detail::CplTextPtr key(raw_key);
                if (key && value) d.metadata[key.get()] = value;
            }
        double mn = 0, mx = 0, mean = 0, sd = 0;
        // Stored statistics first (exact ones are written with the file); otherwise an estimate
        // from the smallest overview, cheap at any raster size.
        CPLErr err = GDALGetRasterStatistics(band, FALSE, FALSE, &mn, &mx, &mean, &sd);
        if (err != CE_None) err = GDALComputeRasterStatistics(band, TRUE, &mn, &mx, &mean, &sd, nullptr, nullptr);
        (void)errors.take_error();  // a band without any valid cell has no statistics: not an error here
        if (err == CE_None && std::isfinite(mn) && std::isfinite(mx)) {
            d.min = mn;
            d.max = mx;
            d.mean = mean;
        }
        out.bands.push_back(std::move(d));
    }
    return out;
}

Raster<float> read_band_preview(const fs::path& tif, int band_index, int longer_side, bool nearest) {
    const NoSidecars quiet;
    DatasetPtr ds = open(tif, GDAL_OF_RASTER, "GeoTIFF");
    const int cols = GDALGetRasterXSize(ds.get()), rows = GDALGetRasterYSize(ds.get());
    if (band_index < 1 || band_index > GDALGetRasterCount(ds.get()))
        throw InputError(tif.string() + ": has no band " + std::to_string(band_index));
    double gt[6];
    GDALGetGeoTransform(ds.get(), gt);
    const double scale = static_cast<double>(std::max(longer_side, 1)) / std::max(cols, rows);
    const int out_cols = std::max(1, static_cast<int>(std::lround(cols * scale)));
    const int out_rows = std::max(1, static_cast<int>(std::lround(rows * scale)));
    const Grid grid(gt[0], gt[3], gt[1] * cols / out_cols, -gt[5] * rows / out_rows, out_cols, out_rows);
    Raster<float> out(grid, kNoData);
    GDALRasterBandH band = GDALGetRasterBand(ds.get(), band_index);
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = nearest ? GRIORA_NearestNeighbour : GRIORA_Average;
    GdalErrorScope errors;
    if (GDALRasterIOEx(band, GF_Read, 0, 0, cols, rows, out.data(), out_cols, out_rows, GDT_Float32, 0, 0, &extra) !=
        CE_None)
        throw InputError(tif.string() + ": cannot read band " + std::to_string(band_index) + ": " + errors.take_error());
    int has_nodata = 0;
    const double nodata = GDALGetRasterNoDataValue(band, &has_nodata);
    if (has_nodata && !std::isnan(nodata))
        for (float& v : out.values())
            if (v == static_cast<float>(nodata)) v = kNoData;
    return out;
}

std::vector<std::uint8_t> encode_png(int width, int height, const std::vector<std::uint8_t>& rgb) {
    gdal_init();
    if (width <= 0 || height <= 0 || rgb.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3)
        throw OutputError("PNG: the image buffer does not match its size");
    GDALDriverH mem = GDALGetDriverByName("MEM");
    GDALDriverH png = GDALGetDriverByName("PNG");
    if (!mem || !png) throw OutputError("PNG: GDAL has no MEM or PNG driver");
    GdalErrorScope errors;
    DatasetPtr image(GDALCreate(mem, "", width, height, 3, GDT_Byte, nullptr));
    if (!image) throw OutputError("PNG: cannot create the image: " + errors.take_error());
    // Band-interleaved writes from our pixel-interleaved buffer: pixel spacing 3, line 3·width.
    const int bands[] = {1, 2, 3};
    if (GDALDatasetRasterIO(image.get(), GF_Write, 0, 0, width, height, const_cast<std::uint8_t*>(rgb.data()), width,
                            height, GDT_Byte, 3, const_cast<int*>(bands), 3, 3 * width, 1) != CE_None)
        throw OutputError("PNG: cannot fill the image: " + errors.take_error());
    // A unique in-memory name per call: two reports written at once must not share it.
    const std::string name = "/vsimem/burdenmap-quicklook-" + std::to_string(reinterpret_cast<std::uintptr_t>(image.get())) + ".png";
    const NoSidecars quiet;
    if (!DatasetPtr(GDALCreateCopy(png, name.c_str(), image.get(), FALSE, nullptr, nullptr, nullptr)))
        throw OutputError("PNG: cannot encode: " + errors.take_error());
    vsi_l_offset size = 0;
    // TRUE: we take the buffer, the file goes.
    const io_detail::GdalPtr<GByte*, VSIFree> bytes(VSIGetMemFileBuffer(name.c_str(), &size, TRUE));
    if (!bytes) throw OutputError("PNG: the encoded image is missing");
    return std::vector<std::uint8_t>(bytes.get(), bytes.get() + size);
}

}  // namespace burdenmap
