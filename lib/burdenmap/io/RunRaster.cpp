#include "burdenmap/io/RunRaster.h"

#include <gdal.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalHandles.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/OutputReader.h"

namespace fs = std::filesystem;

namespace burdenmap {

struct RunRaster::Impl {
    fs::path path;
    // Declared before the dataset, so the dataset closes while sidecars are still off.
    NoSidecars quiet;
    io_detail::DatasetPtr dataset;
    std::vector<std::string> descriptions;       // per band
    std::vector<std::optional<double>> nodata;   // per band, when not NaN
};

namespace {

// Cell edges agree to a thousandth of a cell: the same lattice written by two runs.
bool same_lattice(const double gt[6], const Grid& grid) {
    double expected[6];
    grid.geotransform(expected);
    const double tolerance = 1e-3 * std::min(grid.dx(), grid.dy());
    for (int i = 0; i < 6; ++i)
        if (!(std::fabs(gt[i] - expected[i]) <= tolerance)) return false;
    return true;
}

}  // namespace

RunRaster::RunRaster(const fs::path& path, const Grid& grid) : impl_(std::make_unique<Impl>()) {
    gdal_init();
    Impl& m = *impl_;
    m.path = path;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path.string() + ": raster not found");
    GdalErrorScope errors;
    m.dataset.reset(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!m.dataset) throw InputError(errors.with_error(path.string() + ": cannot open as a raster"));
    GDALDatasetH ds = m.dataset.get();
    double gt[6] = {0, 1, 0, 0, 0, -1};
    GDALGetGeoTransform(ds, gt);
    if (GDALGetRasterXSize(ds) != grid.cols() || GDALGetRasterYSize(ds) != grid.rows() || !same_lattice(gt, grid))
        throw InputError(path.string() + ": is " + std::to_string(GDALGetRasterXSize(ds)) + " x " +
                         std::to_string(GDALGetRasterYSize(ds)) + " cells from (" + std::to_string(gt[0]) + ", " +
                         std::to_string(gt[3]) + "), not on the compared grid " + grid.describe());
    for (int b = 1; b <= GDALGetRasterCount(ds); ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        m.descriptions.emplace_back(GDALGetDescription(band));
        int has_nodata = 0;
        const double value = GDALGetRasterNoDataValue(band, &has_nodata);
        m.nodata.push_back(has_nodata && !std::isnan(value) ? std::optional<double>(value) : std::nullopt);
    }
}

RunRaster::~RunRaster() = default;

const fs::path& RunRaster::path() const { return impl_->path; }

int RunRaster::band(const std::string& description) const {
    const Impl& m = *impl_;
    std::string names;
    for (std::size_t i = 0; i < m.descriptions.size(); ++i) {
        if (m.descriptions[i] == description) return static_cast<int>(i) + 1;
        names += (names.empty() ? "" : ", ") + m.descriptions[i];
    }
    throw InputError(m.path.string() + ": has no band '" + description + "' (its bands: " + (names.empty() ? "none" : names) + ")");
}

void RunRaster::read(int band, const Window& window, float* out) const {
    const Impl& m = *impl_;
    GdalErrorScope errors;
    GDALRasterBandH b = GDALGetRasterBand(m.dataset.get(), band);
    if (!b || GDALRasterIO(b, GF_Read, window.col_off, window.row_off, window.cols, window.rows, out, window.cols, window.rows,
                           GDT_Float32, 0, 0) != CE_None)
        throw InputError(errors.with_error(m.path.string() + ": cannot read band " + std::to_string(band) + " ('" +
                                           (band >= 1 && static_cast<std::size_t>(band) <= m.descriptions.size()
                                                ? m.descriptions[static_cast<std::size_t>(band) - 1]
                                                : std::string()) +
                                           "') at column " + std::to_string(window.col_off) + ", row " +
                                           std::to_string(window.row_off)));
    if (const auto& nodata = m.nodata[static_cast<std::size_t>(band) - 1]) {
        const float value = static_cast<float>(*nodata);
        for (std::size_t i = 0; i < window.size(); ++i)
            if (out[i] == value) out[i] = std::nanf("");
    }
}

}  // namespace burdenmap
