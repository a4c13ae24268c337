#include "burdenmap/io/AlignedSource.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <gdal.h>
#include <gdal_utils.h>
#include <string>
#include <vector>

#include "burdenmap/core/NearestSourceCells.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalHandles.h"
#include "burdenmap/io/SharedSourceTiles.h"

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

const char* const kErrorThreshold = "0.125";

// Every digit of a double for gdalwarp's options (printf's %.17g, without the locale).
std::string num(double v) { return plain_number(v, 17); }

}  // namespace

std::string default_resampling(const RasterInfo& source, const Grid& target, bool categorical) {
    const double target_res = std::sqrt(target.dx() * target.dy());
    if (source.resolution_in_target >= target_res * 0.999) return "near";
    return categorical ? "mode" : "average";
}

bool resampling_blends(const std::string& resampling) {
    return resampling == "average" || resampling == "bilinear" || resampling == "cubic";
}

using io_detail::DatasetPtr;
using io_detail::SrsPtr;
using io_detail::TransformPtr;

struct AlignedReader::Impl {
    std::string path;
    DatasetPtr source;
    // Direct reads: the source's cells are the target's (factor 1) or blocks of factor x factor
    // target cells (a coarse model grid on the same lattice, read with "near"), same CRS and
    // edges, so a window is a plain read at an integer offset, without the warper.
    bool direct = false;
    int band = 1;
    // Target cell (r, c) lies in source cell (floor((r + row_shift) / factor_y),
    // floor((c + col_shift) / factor_x)).
    long long col_shift = 0, row_shift = 0;
    long long factor_x = 1, factor_y = 1;
    std::vector<float> coarse;  // the source's cells under the current window (coarse and mesh reads)
    std::shared_ptr<SharedSourceTiles> shared;  // the source's blocks, shared by the run's readers (may be null)
    std::vector<int> source_col;  // per window column: its column in `coarse`, or -1
    int source_cols = 0, source_rows = 0;
    std::optional<double> nodata;
    // Nearest-neighbour from a source in another CRS (or off the target lattice): source cells
    // picked as GDAL's warper picks them with an exact transformer (core/NearestSourceCells),
    // then read like a coarse source. `reverse` takes target coordinates to the source CRS.
    bool mesh = false;
    TransformPtr reverse;
    double target_gt[6] = {0, 1, 0, 0, 0, -1};
    double source_inverse_gt[6] = {0, 1, 0, 0, 0, 1};
    SourceCells cells;
    std::vector<int> transformed;  // OCTTransformEx's per-point success flags

    // The source's cells c0 .. c0 + cols, r0 .. r0 + rows into `coarse`, nodata as NaN.
    // Through the blocks the run's threads share, when the run gives them.
    void read_cells(int c0, int r0, int cols, int rows, GdalErrorScope& errors) {
        coarse.resize(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows));
        GDALRasterBandH source_band = GDALGetRasterBand(source.get(), band);
        if (shared) {
            shared->read(source_band, c0, r0, cols, rows, coarse.data(), errors);
        } else {
            const CPLErr err = GDALRasterIO(source_band, GF_Read, c0, r0, cols, rows, coarse.data(), cols, rows, GDT_Float32, 0, 0);
            if (err != CE_None) throw InputError(path + ": read failed: " + errors.take_error());
        }
        if (!nodata) return;
        const float value = static_cast<float>(*nodata);
        for (float& v : coarse)
            if (v == value) v = std::numeric_limits<float>::quiet_NaN();
    }
    // Closed in reverse order: the warped VRT reads through the band view, which reads the source.
    DatasetPtr band_view;  // a one-band VRT when the band is not the only one
    DatasetPtr warped;
    GdalWarningLog warnings;
};

AlignedReader::AlignedReader(const RasterInfo& source, const Grid& target, const std::string& target_wkt,
                             const std::string& resampling, int block_size, std::shared_ptr<SharedSourceTiles> shared_tiles)
    : impl_(std::make_unique<Impl>()) {
    impl_->shared = std::move(shared_tiles);
    gdal_init();
    GdalErrorScope errors;
    impl_->path = source.path.string();
    impl_->source.reset(GDALOpenEx(source.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!impl_->source) throw InputError(impl_->path + ": cannot open as a raster: " + errors.take_error());
    GDALDatasetH input = impl_->source.get();
    // Blocks are the source's own cells only in a GeoTIFF: a VRT whose sources are scaled picks
    // its cells from the rectangle asked for, so block by block could differ from one read.
    if (impl_->shared && !EQUAL(GDALGetDriverShortName(GDALGetDatasetDriver(input)), "GTiff")) impl_->shared.reset();

    const double* gt = source.geotransform;
    const double col_shift = (target.x0() - gt[0]) / target.dx(), row_shift = (gt[3] - target.y0()) / target.dy();
    const double fx = gt[1] / target.dx(), fy = -gt[5] / target.dy();
    const auto whole = [](double v) { return std::fabs(v - std::round(v)) < 1e-6; };
    // A coarser source is read directly only with "near": each target cell then takes the source
    // cell its centre falls in, exactly what the warper computes (centres never lie on source
    // edges), at a fraction of its cost (a national 100 m layer on a 25 m grid: ~13 s less CPU).
    const bool same_cells = std::fabs(fx - 1) <= 1e-9 && std::fabs(fy - 1) <= 1e-9;
    const bool coarse_lattice = resampling == "near" && fx > 1.5 && fy > 1.5 && std::fabs(fx - std::round(fx)) <= 1e-9 * fx &&
                                std::fabs(fy - std::round(fy)) <= 1e-9 * fy;
    if (gt[2] == 0 && gt[4] == 0 && (same_cells || coarse_lattice) && whole(col_shift) && whole(row_shift) &&
        crs_equivalent(source.crs_wkt, target_wkt)) {
        impl_->direct = true;
        impl_->band = source.band;
        impl_->col_shift = std::llround(col_shift);
        impl_->row_shift = std::llround(row_shift);
        impl_->factor_x = same_cells ? 1 : std::llround(fx);
        impl_->factor_y = same_cells ? 1 : std::llround(fy);
        impl_->source_cols = source.cols;
        impl_->source_rows = source.rows;
        impl_->nodata = source.nodata;
        impl_->warnings.keep(errors);
        return;
    }

    if (resampling == "near" && !source.rotated() && plan_mesh(source, target, target_wkt)) {
        impl_->warnings.keep(errors);
        return;
    }

    if (source.band_count > 1) {
        // gdalwarp in GDAL 3.6 has no band selection: view the band as a one-band VRT first.
        ArgList t;
        t.add("-of").add("VRT").add("-b").add(std::to_string(source.band));
        GDALTranslateOptions* opts = GDALTranslateOptionsNew(t.argv(), nullptr);
        impl_->band_view.reset(GDALTranslate("", input, opts, nullptr));
        GDALTranslateOptionsFree(opts);
        if (!impl_->band_view)
            throw InputError(impl_->path + ": cannot select band " + std::to_string(source.band) + ": " + errors.take_error());
        input = impl_->band_view.get();
    }

    const Box e = target.extent();
    ArgList w;
    w.add("-of").add("VRT");
    w.add("-t_srs").add(target_wkt);
    w.add("-te").add(num(e.xmin)).add(num(e.ymin)).add(num(e.xmax)).add(num(e.ymax));
    w.add("-ts").add(std::to_string(target.cols())).add(std::to_string(target.rows()));
    w.add("-r").add(resampling);
    // GDAL's approximate transformer (gdalwarp's default, 0.125 px): exact reprojection of every
    // cell through PROJ costs ~2 us a cell (25x the whole read floor on a national grid). The
    // approximation is evaluated per warp chunk, so results may differ from gdalwarp and between
    // block sizes by far less than a source cell (io tests bound it). Only the blending
    // resamplings (and "near" from a rotated source) come here: other "near" reads use the mesh.
    w.add("-et").add(kErrorThreshold);
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
    if (!opts) throw InputError(impl_->path + ": invalid warp options: " + errors.take_error());
    int usage_error = 0;
    impl_->warped.reset(GDALWarp("", nullptr, 1, &input, opts, &usage_error));
    GDALWarpAppOptionsFree(opts);
    if (!impl_->warped) throw InputError(impl_->path + ": cannot align onto the target grid: " + errors.take_error());
    impl_->warnings.keep(errors);
}

// The mesh path needs what GDAL's warper would use, and nothing it would use besides: the
// dataset's own CRS (as gdalwarp reads it), a band whose only mask is its nodata value (an alpha
// band or a per-dataset mask would mask cells the warper masks), an unrotated source.
bool AlignedReader::plan_mesh(const RasterInfo& source, const Grid& target, const std::string& target_wkt) {
    Impl& m = *impl_;
    GDALRasterBandH band = GDALGetRasterBand(m.source.get(), source.band);
    const OGRSpatialReferenceH dataset_srs = GDALGetSpatialRef(m.source.get());
    if (!band || !dataset_srs) return false;
    const int mask = GDALGetMaskFlags(band);
    if (mask != GMF_ALL_VALID && mask != GMF_NODATA) return false;
    SrsPtr src(OSRClone(dataset_srs)), dst(OSRNewSpatialReference(nullptr));
    if (OSRSetFromUserInput(dst.get(), target_wkt.c_str()) != OGRERR_NONE) return false;
    OSRSetAxisMappingStrategy(src.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(dst.get(), OAMS_TRADITIONAL_GIS_ORDER);
    // As GDAL's reprojection transformer: the source-to-target operation, used in reverse.
    const TransformPtr forward(OCTNewCoordinateTransformation(src.get(), dst.get()));
    if (!forward) return false;
    m.reverse.reset(OCTGetInverse(forward.get()));
    if (!m.reverse) return false;
    if (!GDALInvGeoTransform(const_cast<double*>(source.geotransform), m.source_inverse_gt)) return false;
    // The target's geotransform as gdalwarp derives it from -te and -ts.
    const Box e = target.extent();
    const double gt[6] = {e.xmin, (e.xmax - e.xmin) / target.cols(), 0, e.ymax, 0, -(e.ymax - e.ymin) / target.rows()};
    std::copy(gt, gt + 6, m.target_gt);
    m.mesh = true;
    m.band = source.band;
    m.source_cols = source.cols;
    m.source_rows = source.rows;
    m.nodata = source.nodata;
    return true;
}

AlignedReader::~AlignedReader() = default;

const std::vector<GdalErrorScope::Warning>& AlignedReader::gdal_warnings() const { return impl_->warnings.warnings(); }

namespace {

// Floor division for possibly negative lattice offsets.
long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

void AlignedReader::read_coarse(const Window& window, float* out, GdalErrorScope& errors) {
    Impl& m = *impl_;
    std::fill(out, out + window.size(), std::numeric_limits<float>::quiet_NaN());
    // The source cells under the window, clipped to the source.
    const long long first_col = floor_div(window.col_off + m.col_shift, m.factor_x);
    const long long first_row = floor_div(window.row_off + m.row_shift, m.factor_y);
    const long long c0 = std::max<long long>(0, first_col);
    const long long r0 = std::max<long long>(0, first_row);
    const long long c1 = std::min<long long>(m.source_cols, floor_div(window.col_off + window.cols - 1 + m.col_shift, m.factor_x) + 1);
    const long long r1 = std::min<long long>(m.source_rows, floor_div(window.row_off + window.rows - 1 + m.row_shift, m.factor_y) + 1);
    if (c1 <= c0 || r1 <= r0) return;
    const int cols = static_cast<int>(c1 - c0), rows = static_cast<int>(r1 - r0);
    m.read_cells(static_cast<int>(c0), static_cast<int>(r0), cols, rows, errors);
    // Each target cell takes the source cell it lies in: the column of each target column is
    // worked out once per window (a division per column, not per cell), -1 outside the source.
    m.source_col.resize(static_cast<std::size_t>(window.cols));
    for (int c = 0; c < window.cols; ++c) {
        const long long sc = floor_div(window.col_off + c + m.col_shift, m.factor_x);
        m.source_col[static_cast<std::size_t>(c)] = sc >= c0 && sc < c1 ? static_cast<int>(sc - c0) : -1;
    }
    for (int r = 0; r < window.rows; ++r) {
        const long long sr = floor_div(window.row_off + r + m.row_shift, m.factor_y);
        if (sr < r0 || sr >= r1) continue;
        const float* src = m.coarse.data() + (sr - r0) * cols;
        float* dst = out + static_cast<std::size_t>(r) * window.cols;
        for (int c = 0; c < window.cols; ++c)
            if (const int sc = m.source_col[static_cast<std::size_t>(c)]; sc >= 0) dst[c] = src[sc];
    }
}

void AlignedReader::read_mesh(const Window& window, float* out, GdalErrorScope& errors) {
    Impl& m = *impl_;
    const auto transform = [&m](std::size_t n, double* x, double* y) {
        const double* g = m.target_gt;
        for (std::size_t i = 0; i < n; ++i) {
            const double px = x[i], py = y[i];
            x[i] = g[0] + px * g[1] + py * g[2];
            y[i] = g[3] + px * g[4] + py * g[5];
        }
        m.transformed.assign(n, 0);
        OCTTransformEx(m.reverse.get(), static_cast<int>(n), x, y, nullptr, m.transformed.data());
        const double* v = m.source_inverse_gt;
        for (std::size_t i = 0; i < n; ++i) {
            const double gx = x[i], gy = y[i];
            if (!m.transformed[i] || !std::isfinite(gx) || !std::isfinite(gy)) {
                x[i] = y[i] = std::numeric_limits<double>::quiet_NaN();
                continue;
            }
            x[i] = v[0] + gx * v[1] + gy * v[2];
            y[i] = v[3] + gx * v[4] + gy * v[5];
        }
    };
    nearest_source_cells(window, m.source_cols, m.source_rows, transform, m.cells);
    std::fill(out, out + window.size(), std::numeric_limits<float>::quiet_NaN());
    // The source cells the window takes, read as one rectangle.
    int c0 = m.source_cols, r0 = m.source_rows, c1 = -1, r1 = -1;
    for (std::size_t i = 0; i < window.size(); ++i) {
        if (m.cells.col[i] < 0) continue;
        c0 = std::min(c0, m.cells.col[i]);
        c1 = std::max(c1, m.cells.col[i]);
        r0 = std::min(r0, m.cells.row[i]);
        r1 = std::max(r1, m.cells.row[i]);
    }
    if (c1 < 0) return;
    const int cols = c1 - c0 + 1, rows = r1 - r0 + 1;
    m.read_cells(c0, r0, cols, rows, errors);
    for (std::size_t i = 0; i < window.size(); ++i)
        if (m.cells.col[i] >= 0)
            out[i] = m.coarse[static_cast<std::size_t>(m.cells.row[i] - r0) * static_cast<std::size_t>(cols) +
                              static_cast<std::size_t>(m.cells.col[i] - c0)];
}

void AlignedReader::read_direct(const Window& window, float* out, GdalErrorScope& errors) {
    if (impl_->factor_x != 1 || impl_->factor_y != 1) {
        read_coarse(window, out, errors);
        return;
    }
    std::fill(out, out + window.size(), std::numeric_limits<float>::quiet_NaN());
    // The part of the window that the source covers, in source cells.
    const long long c0 = std::max<long long>(0, window.col_off + impl_->col_shift);
    const long long r0 = std::max<long long>(0, window.row_off + impl_->row_shift);
    const long long c1 = std::min<long long>(impl_->source_cols, window.col_off + window.cols + impl_->col_shift);
    const long long r1 = std::min<long long>(impl_->source_rows, window.row_off + window.rows + impl_->row_shift);
    if (c1 <= c0 || r1 <= r0) return;
    const int cols = static_cast<int>(c1 - c0), rows = static_cast<int>(r1 - r0);
    // Straight into the window's buffer, at the right offset and with the window's row stride.
    float* first = out + (r0 - impl_->row_shift - window.row_off) * window.cols + (c0 - impl_->col_shift - window.col_off);
    GDALRasterBandH band = GDALGetRasterBand(impl_->source.get(), impl_->band);
    const CPLErr err = GDALRasterIO(band, GF_Read, static_cast<int>(c0), static_cast<int>(r0), cols, rows, first, cols, rows,
                                    GDT_Float32, sizeof(float), static_cast<GSpacing>(sizeof(float)) * window.cols);
    if (err != CE_None) throw InputError(impl_->path + ": read failed: " + errors.take_error());
    if (!impl_->nodata) return;
    const float nodata = static_cast<float>(*impl_->nodata);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            float& v = first[static_cast<std::size_t>(r) * window.cols + c];
            if (v == nodata) v = std::numeric_limits<float>::quiet_NaN();
        }
}

void AlignedReader::read(const Window& window, float* out) {
    GdalErrorScope errors;  // this worker thread's: pushed handlers are per thread
    if (impl_->direct) {
        read_direct(window, out, errors);
    } else if (impl_->mesh) {
        read_mesh(window, out, errors);
    } else {
        GDALRasterBandH band = GDALGetRasterBand(impl_->warped.get(), 1);
        const CPLErr err = GDALRasterIO(band, GF_Read, window.col_off, window.row_off, window.cols, window.rows, out,
                                        window.cols, window.rows, GDT_Float32, 0, 0);
        if (err != CE_None) throw InputError(impl_->path + ": read failed: " + errors.take_error());
    }
    impl_->warnings.keep(errors);
}

}  // namespace burdenmap
