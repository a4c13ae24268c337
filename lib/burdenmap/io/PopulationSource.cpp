#include "burdenmap/io/PopulationSource.h"

#include <algorithm>
#include <cmath>
#include <gdal.h>
#include <vector>

#include "burdenmap/core/CountRedistribution.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AlignedSource.h"
#include "burdenmap/io/GdalHandles.h"

namespace burdenmap {

struct PopulationReader::Impl {
    RasterInfo info;
    Grid target;
    io_detail::DatasetPtr dataset;
    Grid source_grid;                        // exact path: the source as a north-up Grid
    std::unique_ptr<AlignedReader> warped;   // other CRS: GDAL "sum" warp
    GdalWarningLog warnings;                 // exact path (the warped one keeps its own)
};

PopulationReader::PopulationReader(const RasterInfo& source, const Grid& target, const std::string& target_wkt,
                                   int block_size)
    : impl_(std::make_unique<Impl>()) {
    gdal_init();
    impl_->info = source;
    impl_->target = target;
    const double* gt = source.geotransform;
    const bool north_up = gt[2] == 0 && gt[4] == 0 && gt[1] > 0 && gt[5] < 0;
    if (north_up && crs_equivalent(source.crs_wkt, target_wkt)) {
        impl_->source_grid = Grid(gt[0], gt[3], gt[1], -gt[5], source.cols, source.rows);
        GdalErrorScope errors;
        impl_->dataset.reset(GDALOpenEx(source.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
        if (!impl_->dataset) throw InputError(source.path.string() + ": cannot open as a raster: " + errors.take_error());
        impl_->warnings.keep(errors);
    } else {
        impl_->warped = std::make_unique<AlignedReader>(source, target, target_wkt, "sum", block_size);
    }
}

PopulationReader::~PopulationReader() = default;

bool PopulationReader::exact() const { return !impl_->warped; }

const std::vector<GdalErrorScope::Warning>& PopulationReader::gdal_warnings() const {
    return impl_->warped ? impl_->warped->gdal_warnings() : impl_->warnings.warnings();
}

void PopulationReader::read(const Window& window, double* out) {
    const std::size_t n = window.size();
    if (impl_->warped) {
        std::vector<float> values(n);
        impl_->warped->read(window, values.data());
        for (std::size_t i = 0; i < n; ++i) out[i] = std::isnan(values[i]) ? 0.0 : values[i];
        return;
    }
    const Grid target = impl_->target.subgrid(window);
    const Window src = impl_->source_grid.window_for(target.extent());
    std::fill(out, out + n, 0.0);
    if (src.empty()) return;
    std::vector<float> values(src.size());
    GdalErrorScope errors;  // this worker thread's: pushed handlers are per thread
    GDALRasterBandH band = GDALGetRasterBand(impl_->dataset.get(), impl_->info.band);
    if (GDALRasterIO(band, GF_Read, src.col_off, src.row_off, src.cols, src.rows, values.data(), src.cols, src.rows,
                     GDT_Float32, 0, 0) != CE_None)
        throw InputError(impl_->info.path.string() + ": read failed: " + errors.take_error());
    impl_->warnings.keep(errors);
    if (impl_->info.nodata)
        for (float& v : values)
            if (v == static_cast<float>(*impl_->info.nodata)) v = kNoData;
    const Raster<double> counts = redistribute_counts(Raster<float>(impl_->source_grid.subgrid(src), std::move(values)), target);
    std::copy(counts.values().begin(), counts.values().end(), out);
}

}  // namespace burdenmap
