#include "burdenmap/io/GeoTiffWriter.h"

#include <gdal.h>
#include <unistd.h>

#include <cpl_string.h>

#include <cmath>
#include <limits>
#include <system_error>

#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/CogFile.h"
#include "burdenmap/io/CogTileWriter.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/TiffDirectory.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

// The streaming copy: tiled so windows land in few blocks, band-interleaved so writing one band
// never drags the other bands' blocks through the cache, ZSTD level 1 because it is read once.
// No GDAL compression threads here: the serial write stage compresses the (cheap, ZSTD level 1)
// blocks itself while the run's other threads go on computing windows; GDAL's own workers on top
// of the run's threads only oversubscribe the cores (half grid of the benchmark, 2 threads, five
// pairs of runs: 17.4 s with NUM_THREADS=2 here, 16.3 s without).
const char* const tiled_options[] = {
    "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "INTERLEAVE=BAND",
    "COMPRESS=ZSTD", "ZSTD_LEVEL=1", "NUM_THREADS=1", "BIGTIFF=IF_SAFER", nullptr,
};

// The template of the direct path (io/CogTileWriter): a 1 x 1 GeoTIFF that only carries the tags
// GDAL encodes (CRS, geotransform, nodata, descriptions, metadata, statistics), copied from it
// into the assembled COG. Band-interleaved and tiled like the COG, so its sample tags match.
const char* const template_options[] = {
    "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "INTERLEAVE=BAND", "COMPRESS=NONE", "SPARSE_OK=TRUE", nullptr,
};

// The tags an overview directory of GDAL's COGs carries besides the layout's: the sample layout
// and the nodata value (GDAL reads the georeferencing and metadata from the full resolution).
bool overview_tag(std::uint16_t tag) {
    return tag == 258 || tag == 262 || tag == 277 || tag == 338 || tag == 339 || tag == 42113;
}

// The product. DEFLATE rather than ZSTD: every GIS reader and web COG viewer decodes it. Level 1:
// on national rasters the COG copy is the costliest step after reading, and level 1 is ~20 %
// faster than the default 6 for ~2 % larger files (measured on a 4000 x 4000 noise crop of the
// benchmark). No predictor: most bands are class scores and counts (whole numbers in Float32),
// which the floating-point predictor makes *larger* (its byte planes break up the runs DEFLATE
// finds). Without it the demo GeoTIFF is 27 % smaller, the benchmark's half grid 7.5 % smaller
// and its COG step ~35 % faster; even continuous bands came out smaller (the demo's raw layers
// 13 %, its energetic noise sum 10 %). Measured 2026-11-28 on the demo and scripts/bench data.
// Overviews are averaged: they are for looking at the map zoomed out, where the mean burden of
// the cells under a pixel is a fairer picture than one sampled cell (NaN cells are left out of
// the mean); full-resolution values are untouched either way.
const char* const cog_options[] = {
    "COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=NO", "OVERVIEW_COMPRESS=DEFLATE", "OVERVIEW_PREDICTOR=NO",
    "BLOCKSIZE=512", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE", "BIGTIFF=IF_SAFER", nullptr,
};

// `options` plus NUM_THREADS: a run asked to use N threads keeps GDAL's compression to N too
// (0: all cores, as when --threads is not given).
CPLStringList with_threads(const char* const* options, int threads) {
    CPLStringList list(CSLDuplicate(const_cast<char**>(options)), TRUE);
    list.SetNameValue("NUM_THREADS", threads > 0 ? std::to_string(threads).c_str() : "ALL_CPUS");
    return list;
}

// Files GDAL may leave beside a file it was writing when it stops half-way: the PAM sidecar and
// the COG driver's temporary overview files.
void remove_with_companions(const fs::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", ".aux.xml", ".ovr.tmp", ".msk.ovr.tmp"}) fs::remove(file.string() + suffix, ec);
}

GDALDriverH driver(const char* name, const fs::path& file) {
    GDALDriverH d = GDALGetDriverByName(name);
    if (!d) throw OutputError(file.string() + ": GDAL has no " + std::string(name) + " driver");
    return d;
}

// GDAL's progress callback for the COG copy: returning FALSE stops it when a stop was requested.
int CPL_STDCALL keep_going(double, const char*, void*) { return stop_requested() ? FALSE : TRUE; }

}  // namespace

struct GeoTiffWriter::Impl {
    AtomicOutput output;  // the COG's temp name and the final rename
    fs::path tiled_path;  // the streaming copy, removed once the COG exists
    Grid grid;
    std::size_t band_count = 0;
    int threads = 0;  // GDAL compression threads in the COG copy (0: all cores)
    GDALDatasetH tiled = nullptr;
    // Per band, of the values written, kept as they stream past (free: the window is in cache)
    // and stored as the band's STATISTICS_* metadata, which the COG copy keeps: GIS then show the
    // band's range and stretch it at once, without a first pass over the file. Merged in write order.
    std::vector<BandStatistics> statistics;
    // Overview factors computed here as windows pass (2, 4, ... as the COG driver would choose);
    // empty when the COG driver builds the overviews itself.
    std::vector<int> overview_factors;
    // The direct path, when the windows hold whole 512-cell tiles (the job's default block size and
    // its multiples): tiles compressed in the job's parallel stage and assembled into the COG without
    // decoding; `tiled` is then only the 1 x 1 template. Otherwise: a temporary tiled GeoTIFF that
    // GDAL's COG driver copies (decode and re-encode of every block).
    std::unique_ptr<CogTileWriter> direct;

    Impl(const fs::path& final_path, bool overwrite, const Grid& g, std::size_t bands)
        : output(final_path, overwrite),
          tiled_path(output.temp_path().parent_path() /
                     ("." + final_path.filename().string() + ".tiled-" + std::to_string(::getpid()))),
          grid(g),
          band_count(bands),
          statistics(bands) {}

    ~Impl() {
        direct.reset();  // removes the tile store
        if (tiled) GDALClose(tiled);
        remove_with_companions(tiled_path);
        if (!output.committed()) remove_with_companions(output.temp_path());
    }

    // Throws OutputError "<file>: <what>: <GDAL's error>", with a hint when the disk is full.
    [[noreturn]] void fail(GdalErrorScope& errors, const std::string& what) const {
        throw OutputError(errors.with_error(output.final_path().string() + ": " + what) +
                          AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
    }
    // For calls that return nothing (GDAL 3.6's GDALClose): a failure shows only as a report.
    void check_reported(GdalErrorScope& errors, const std::string& what) const {
        const std::string reason = errors.take_error();
        if (!reason.empty())
            throw OutputError(output.final_path().string() + ": " + what + ": " + reason +
                              AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
    }

    void create(const std::string& crs_wkt, int window_alignment);
    void plan_overviews(int window_alignment);
    void write_overviews(const Window& window, std::size_t band, const std::vector<std::vector<float>>& levels);
    void describe(const std::vector<BandSpec>& bands, const std::map<std::string, std::string>& metadata);
    void store_statistics();
    void close_tiled();
    void copy_to_cog();
    void assemble_cog();
};

void GeoTiffWriter::Impl::create(const std::string& crs_wkt, int window_alignment) {
    const std::vector<int> factors = cog_overview_factors(grid.cols(), grid.rows());
    if (CogTileWriter::fits(window_alignment, factors.empty() ? 0 : factors.back())) {
        direct = std::make_unique<CogTileWriter>(tiled_path.string() + ".tiles", grid.cols(), grid.rows(), band_count, factors);
        overview_factors = factors;
    }
    GdalErrorScope errors;  // only this call's errors belong in the message
    tiled = direct ? GDALCreate(driver("GTiff", output.final_path()), tiled_path.c_str(), 1, 1, static_cast<int>(band_count),
                                GDT_Float32, const_cast<char**>(template_options))
                   : GDALCreate(driver("GTiff", output.final_path()), tiled_path.c_str(), grid.cols(), grid.rows(),
                                static_cast<int>(band_count), GDT_Float32, const_cast<char**>(tiled_options));
    if (!tiled) fail(errors, "cannot create the temporary GeoTIFF " + tiled_path.string());
    double gt[6];
    grid.geotransform(gt);
    if (GDALSetGeoTransform(tiled, gt) != CE_None) fail(errors, "cannot set the geotransform");
    if (!crs_wkt.empty() && GDALSetProjection(tiled, crs_wkt.c_str()) != CE_None) fail(errors, "cannot set the CRS");
}

// The levels the COG driver would make (halving until the overview fits in one 512 block), if
// every window holds whole cells of the coarsest one; created empty in the temp file here.
void GeoTiffWriter::Impl::plan_overviews(int window_alignment) {
    if (direct) return;  // planned in create()
    std::vector<int> factors = cog_overview_factors(grid.cols(), grid.rows());
    if (factors.empty() || window_alignment <= 0 || window_alignment % factors.back() != 0) return;
    GdalErrorScope errors;
    if (GDALBuildOverviews(tiled, "NONE", static_cast<int>(factors.size()), factors.data(), 0, nullptr, nullptr, nullptr) != CE_None)
        fail(errors, "cannot create overviews in " + tiled_path.string());
    overview_factors = factors;
}

void GeoTiffWriter::Impl::write_overviews(const Window& window, std::size_t band, const std::vector<std::vector<float>>& levels) {
    GdalErrorScope errors;
    GDALRasterBandH full = GDALGetRasterBand(tiled, static_cast<int>(band) + 1);
    if (levels.size() != overview_factors.size()) fail(errors, "band " + std::to_string(band + 1) + ": overview cells missing");
    int cols = window.cols, rows = window.rows;
    for (std::size_t k = 0; k < overview_factors.size(); ++k) {
        const int f = overview_factors[k];
        cols = (cols + 1) / 2;
        rows = (rows + 1) / 2;
        GDALRasterBandH overview = GDALGetOverview(full, static_cast<int>(k));
        if (!overview) fail(errors, "band " + std::to_string(band + 1) + ": overview " + std::to_string(k + 1) + " is missing");
        if (GDALRasterIO(overview, GF_Write, window.col_off / f, window.row_off / f, cols, rows,
                         const_cast<float*>(levels[k].data()), cols, rows, GDT_Float32, 0, 0) != CE_None)
            fail(errors, "writing overview 1/" + std::to_string(f) + " of band " + std::to_string(band + 1));
    }
}

void GeoTiffWriter::Impl::describe(const std::vector<BandSpec>& bands,
                                   const std::map<std::string, std::string>& metadata) {
    GdalErrorScope errors;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        GDALRasterBandH band = GDALGetRasterBand(tiled, static_cast<int>(i) + 1);
        const std::string which = "band " + std::to_string(i + 1) + " (" + bands[i].description + ")";
        if (GDALSetRasterNoDataValue(band, std::numeric_limits<double>::quiet_NaN()) != CE_None)
            fail(errors, which + ": cannot set nodata");
        GDALSetDescription(band, bands[i].description.c_str());
        if (GDALSetRasterUnitType(band, bands[i].unit.c_str()) != CE_None) fail(errors, which + ": cannot set the unit");
        for (const auto& [key, value] : bands[i].metadata)
            if (GDALSetMetadataItem(band, key.c_str(), value.c_str(), nullptr) != CE_None)
                fail(errors, which + ": cannot set metadata " + key);
    }
    for (const auto& [key, value] : metadata)
        if (GDALSetMetadataItem(tiled, key.c_str(), value.c_str(), nullptr) != CE_None)
            fail(errors, "cannot set metadata " + key);
}

// GDAL's names and meanings (population standard deviation; VALID_PERCENT of all cells). A band
// without a single value gets none: GDAL then reports "no statistics" rather than made-up ones.
void GeoTiffWriter::Impl::store_statistics() {
    const double cells = static_cast<double>(grid.size());
    GdalErrorScope errors;
    for (std::size_t b = 0; b < band_count; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(tiled, static_cast<int>(b) + 1);
        for (const auto& [key, text] : statistics_metadata(statistics[b], cells))
            if (GDALSetMetadataItem(band, key.c_str(), text.c_str(), nullptr) != CE_None)
                fail(errors, "band " + std::to_string(b + 1) + ": cannot set " + key);
    }
}

// The last blocks reach the disk here, so this is where a full disk shows.
void GeoTiffWriter::Impl::close_tiled() {
    store_statistics();
    GdalErrorScope errors;
    GDALFlushCache(tiled);
    GDALClose(tiled);
    tiled = nullptr;
    check_reported(errors, "writing " + tiled_path.string());
}

void GeoTiffWriter::Impl::copy_to_cog() {
    GdalErrorScope errors;
    GDALDatasetH source = GDALOpen(tiled_path.c_str(), GA_ReadOnly);
    if (!source) fail(errors, "cannot reopen the temporary GeoTIFF " + tiled_path.string());
    GDALDatasetH cog = GDALCreateCopy(driver("COG", output.final_path()), output.temp_path().c_str(), source, FALSE,
                                      with_threads(cog_options, threads).List(), keep_going, nullptr);
    GDALClose(source);
    if (!cog) {
        throw_if_stop_requested();
        fail(errors, "cannot write the cloud-optimised GeoTIFF");
    }
    GDALClose(cog);
    check_reported(errors, "writing the cloud-optimised GeoTIFF");
}

// Copies the template's tags into the COG the tile writer lays out.
void GeoTiffWriter::Impl::assemble_cog() {
    std::vector<TiffEntry> main_tags, overview_tags;
    for (TiffEntry& e : read_first_tiff_directory(tiled_path)) {
        if (cog_layout_tag(e.tag)) continue;
        if (overview_tag(e.tag)) overview_tags.push_back(e);
        main_tags.push_back(std::move(e));
    }
    direct->finish(output.temp_path(), main_tags, overview_tags);
    direct.reset();
}

GeoTiffWriter::GeoTiffWriter(const fs::path& final_path, bool overwrite, const Grid& grid, const std::string& crs_wkt,
                             std::vector<BandSpec> bands, const std::map<std::string, std::string>& dataset_metadata,
                             int window_alignment, int threads) {
    gdal_init();
    if (bands.empty()) throw OutputError(final_path.string() + ": no bands to write");
    if (grid.cols() <= 0 || grid.rows() <= 0) throw OutputError(final_path.string() + ": the grid is empty");
    impl_ = std::make_unique<Impl>(final_path, overwrite, grid, bands.size());
    impl_->threads = threads;
    impl_->create(crs_wkt, window_alignment);
    impl_->describe(bands, dataset_metadata);
    impl_->plan_overviews(window_alignment);
}

GeoTiffWriter::~GeoTiffWriter() = default;

GeoTiffWriter::WindowSummary GeoTiffWriter::summarise(const Window& window, const float* values) const {
    WindowSummary summary;
    summary.moments = window_moments(values, window.size());
    if (!impl_->overview_factors.empty())
        summary.overviews = overview_cells(values, window.cols, window.rows, impl_->overview_factors.size());
    if (impl_->direct) summary.tiles = impl_->direct->compress_window(window, values);
    return summary;
}

void GeoTiffWriter::write(const Window& window, std::size_t band, const float* values) {
    write(window, band, values, summarise(window, values));
}

void GeoTiffWriter::write(const Window& window, std::size_t band, const float* values, const WindowSummary& summary) {
    Impl& m = *impl_;
    if (!m.tiled) throw OutputError(m.output.final_path().string() + ": write after finish()");
    if (band >= m.band_count)
        throw OutputError(m.output.final_path().string() + ": band " + std::to_string(band) + " out of range (" +
                          std::to_string(m.band_count) + " bands)");
    if (window.empty() || window.col_off < 0 || window.row_off < 0 || window.col_off + window.cols > m.grid.cols() ||
        window.row_off + window.rows > m.grid.rows())
        throw OutputError(m.output.final_path().string() + ": window outside the grid");
    if (!m.overview_factors.empty()) {
        const int f = m.overview_factors.back();
        if (window.col_off % f != 0 || window.row_off % f != 0)
            throw OutputError(m.output.final_path().string() + ": window at column " + std::to_string(window.col_off) + ", row " +
                              std::to_string(window.row_off) + " is not aligned to the overviews (a multiple of " +
                              std::to_string(f) + ")");
    }
    if (m.direct) {
        m.direct->add(window, band, summary.tiles, summary.overviews);
        m.statistics[band].merge(summary.moments);
        return;
    }
    GdalErrorScope errors;  // the job's serial write stage may run on any of its threads
    GDALRasterBandH b = GDALGetRasterBand(m.tiled, static_cast<int>(band) + 1);
    // GDAL's RasterIO takes a non-const buffer for reads and writes alike; it does not modify it here.
    const CPLErr err = GDALRasterIO(b, GF_Write, window.col_off, window.row_off, window.cols, window.rows,
                                    const_cast<float*>(values), window.cols, window.rows, GDT_Float32, 0, 0);
    if (err != CE_None)
        m.fail(errors, "writing band " + std::to_string(band + 1) + " at column " + std::to_string(window.col_off) + ", row " +
               std::to_string(window.row_off));
    m.statistics[band].merge(summary.moments);
    if (!m.overview_factors.empty()) m.write_overviews(window, band, summary.overviews);
}

void GeoTiffWriter::finish() {
    Impl& m = *impl_;
    if (!m.tiled) throw OutputError(m.output.final_path().string() + ": finish() called twice");
    m.close_tiled();
    if (m.direct)
        m.assemble_cog();
    else
        m.copy_to_cog();
    m.output.commit();
    remove_with_companions(m.tiled_path);
}

std::map<std::string, std::string> statistics_metadata(const BandStatistics& s, double cells) {
    if (s.count == 0) return {};
    const auto text = [](double v) { return std::string(CPLSPrintf("%.17g", v)); };
    return {{"STATISTICS_MINIMUM", text(s.min)},
            {"STATISTICS_MAXIMUM", text(s.max)},
            {"STATISTICS_MEAN", text(s.mean)},
            {"STATISTICS_STDDEV", text(s.stddev())},
            {"STATISTICS_VALID_PERCENT", text(s.valid_percent(cells))}};
}

void write_cog_copy(const fs::path& source_path, const fs::path& final_path, bool overwrite, int threads) {
    gdal_init();
    AtomicOutput output(final_path, overwrite);
    GdalErrorScope errors;
    GDALDatasetH source = GDALOpen(source_path.c_str(), GA_ReadOnly);
    if (!source) throw OutputError(errors.with_error(final_path.string() + ": cannot open " + source_path.string()));
    GDALDatasetH cog = GDALCreateCopy(driver("COG", final_path), output.temp_path().c_str(), source, FALSE,
                                      with_threads(cog_options, threads).List(), keep_going, nullptr);
    GDALClose(source);
    if (!cog) {
        remove_with_companions(output.temp_path());
        throw_if_stop_requested();
        throw OutputError(errors.with_error(final_path.string() + ": cannot write the cloud-optimised GeoTIFF") +
                          AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
    }
    GDALClose(cog);
    const std::string reason = errors.take_error();
    if (!reason.empty()) {
        remove_with_companions(output.temp_path());
        throw OutputError(final_path.string() + ": writing the cloud-optimised GeoTIFF: " + reason);
    }
    output.commit();
}

}  // namespace burdenmap
