#include "burdenmap/io/AlignedSource.h"

#include <cmath>
#include <gdal.h>
#include <gdal_utils.h>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"

namespace burdenmap {
namespace {

// GDAL's option parsers take argv-style arrays.
class ArgList {
public:
    ArgList& add(const std::string& s) {
        store_.push_back(s);
        return *this;
    }
    char** argv() {
        ptrs_.clear();
        for (std::string& s : store_) ptrs_.push_back(s.data());
        ptrs_.push_back(nullptr);
        return ptrs_.data();
    }

private:
    std::vector<std::string> store_;
    std::vector<char*> ptrs_;
};

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

}  // namespace

std::string default_resampling(const RasterInfo& source, const Grid& target) {
    const double target_res = std::sqrt(target.dx() * target.dy());
    return source.resolution_in_target < target_res * 0.999 ? "average" : "near";
}

struct AlignedReader::Impl {
    std::string path;
    GDALDatasetH source = nullptr;
    GDALDatasetH band_view = nullptr;  // a one-band VRT when the band is not the only one
    GDALDatasetH warped = nullptr;
    ~Impl() {
        if (warped) GDALClose(warped);
        if (band_view) GDALClose(band_view);
        if (source) GDALClose(source);
    }
};

AlignedReader::AlignedReader(const RasterInfo& source, const Grid& target, const std::string& target_wkt,
                             const std::string& resampling, int block_size)
    : impl_(std::make_unique<Impl>()) {
    gdal_init();
    impl_->path = source.path.string();
    impl_->source = GDALOpenEx(source.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!impl_->source) throw InputError(impl_->path + ": cannot open as a raster: " + gdal_last_error());
    GDALDatasetH input = impl_->source;

    if (source.band_count > 1) {
        // gdalwarp in GDAL 3.6 has no band selection: view the band as a one-band VRT first.
        ArgList t;
        t.add("-of").add("VRT").add("-b").add(std::to_string(source.band));
        GDALTranslateOptions* opts = GDALTranslateOptionsNew(t.argv(), nullptr);
        impl_->band_view = GDALTranslate("", input, opts, nullptr);
        GDALTranslateOptionsFree(opts);
        if (!impl_->band_view) throw InputError(impl_->path + ": cannot select band " + std::to_string(source.band) + ": " + gdal_last_error());
        input = impl_->band_view;
    }

    const Box e = target.extent();
    ArgList w;
    w.add("-of").add("VRT");
    w.add("-t_srs").add(target_wkt);
    w.add("-te").add(num(e.xmin)).add(num(e.ymin)).add(num(e.xmax)).add(num(e.ymax));
    w.add("-ts").add(std::to_string(target.cols())).add(std::to_string(target.rows()));
    w.add("-r").add(resampling);
    // Exact transformation: GDAL's default approximation (-et 0.125 px) is evaluated over spans
    // that depend on the chunking, so results would differ from gdalwarp and between block sizes.
    w.add("-et").add("0");
    // A float source without a declared nodata value marks gaps with NaN; declare it, or GDAL
    // 3.6's averaging treats NaN as a value and blanks the whole target cell. (A source that
    // declares another nodata value AND holds NaN cells keeps that GDAL behaviour: README.)
    if (!source.nodata && (source.data_type == "Float32" || source.data_type == "Float64"))
        w.add("-srcnodata").add("nan");
    w.add("-ot").add("Float32");
    w.add("-dstnodata").add("nan");
    w.add("-wo").add("INIT_DEST=NO_DATA");
    // The VRT's blocks match the job's windows, so each window is warped once.
    w.add("-co").add("BLOCKXSIZE=" + std::to_string(block_size));
    w.add("-co").add("BLOCKYSIZE=" + std::to_string(block_size));
    GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(w.argv(), nullptr);
    if (!opts) throw InputError(impl_->path + ": invalid warp options: " + gdal_last_error());
    int usage_error = 0;
    impl_->warped = GDALWarp("", nullptr, 1, &input, opts, &usage_error);
    GDALWarpAppOptionsFree(opts);
    if (!impl_->warped) throw InputError(impl_->path + ": cannot align onto the target grid: " + gdal_last_error());
}

AlignedReader::~AlignedReader() = default;

void AlignedReader::read(const Window& window, float* out) {
    GDALRasterBandH band = GDALGetRasterBand(impl_->warped, 1);
    const CPLErr err = GDALRasterIO(band, GF_Read, window.col_off, window.row_off, window.cols, window.rows, out,
                                    window.cols, window.rows, GDT_Float32, 0, 0);
    if (err != CE_None) throw InputError(impl_->path + ": read failed: " + gdal_last_error());
}

}  // namespace burdenmap
