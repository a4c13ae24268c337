#include "burdenmap/job/RunJob.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockPipeline.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/job/RasterBands.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/job/RunOutputs.h"
#include "burdenmap/report/OutputStyles.h"

namespace burdenmap {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }


// Where every output goes (into `result`), refused up front, before minutes of work, when one
// exists or cannot be written. Returns the temporaries of an earlier, killed run it removed.
std::vector<Diagnostic> plan_outputs(const JobPlan& plan, const std::filesystem::path& dir, const RunOptions& options,
                                     RunResult& result) {
    const OutputConfig& oc = plan.config.output;
    result.geotiff = dir / oc.geotiff;
    result.geopackage = dir / oc.geopackage;
    result.manifest = dir / oc.manifest;
    if (!oc.raw_geotiff.empty()) result.raw_geotiff = dir / oc.raw_geotiff;
    const std::vector<std::filesystem::path> output_paths = run_output_paths(plan.config, dir);
    for (const auto& p : output_paths) AtomicOutput::check_writable(p, options.overwrite);
    return remove_stale_temporaries(output_paths);
}

// burden.tif and, when configured, the raw GeoTIFF: opened before the pipeline, which writes
// them window by window.
struct RasterWriters {
    GeoTiffWriter tiff;
    std::unique_ptr<GeoTiffWriter> raw;

    RasterWriters(const JobPlan& plan, const RunOptions& options, const RunResult& result)
        : tiff(result.geotiff, options.overwrite, plan.grid, plan.crs_wkt, tiff_bands(plan), dataset_metadata(plan), plan.block_size,
               options.threads) {
        if (!result.raw_geotiff.empty())
            raw = std::make_unique<GeoTiffWriter>(result.raw_geotiff, options.overwrite, plan.grid, plan.crs_wkt, raw_bands(plan),
                                                  dataset_metadata(plan), plan.block_size, options.threads);
    }
    static std::map<std::string, std::string> dataset_metadata(const JobPlan& plan) {
        return {{"burdenmap_version", burdenmap_version()}, {"study", plan.config.study.name}};
    }
};

struct PipelineRun {
    PipelineResult result;
    double seconds = 0;  // wall time
};

// The block pipeline over the whole grid: per window its values into the GeoTIFFs (in window
// order) and its zone statistics into the zone table. Progress runs 0 → 0.9 in "processing".
PipelineRun run_pipeline(const JobPlan& plan, const BandSet& bands, const RunOptions& options, RasterWriters& rasters) {
    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    report_run_progress(options, 0.0, "processing");
    const auto start = Clock::now();
    // Band statistics and overview cells are computed in the parallel stage (prepare), each into
    // its window's slot; the serial stage writes cells in window order and frees the slot.
    struct WindowSummaries {
        std::vector<GeoTiffWriter::WindowSummary> tiff, raw;
    };
    std::vector<WindowSummaries> summaries(layout.count());
    const auto bands_of = [&plan](const WindowResult& r) {  // in tiff_bands order
        std::vector<const float*> out;
        for (std::size_t i = 0; i < r.scores.size(); ++i) out.push_back((plan.layers[i].scored() ? r.scores[i] : r.raw[i]).data());
        for (const auto& c : r.cumulations) out.push_back(c.data());
        return out;
    };
    PipelineRun run;
    run.result = run_block_pipeline(
        plan, bands, layout.windows(), options.threads,
        [&](const WindowResult& r) {  // prepare
            WindowSummaries& s = summaries[r.index];
            for (const float* v : bands_of(r)) s.tiff.push_back(rasters.tiff.summarise(r.window, v));
            if (rasters.raw)
                for (const auto& raw : r.raw) s.raw.push_back(rasters.raw->summarise(r.window, raw.data()));
        },
        [&](const WindowResult& r) {  // sink
            WindowSummaries& s = summaries[r.index];
            const std::vector<const float*> values = bands_of(r);
            for (std::size_t b = 0; b < values.size(); ++b) rasters.tiff.write(r.window, b, values[b], s.tiff[b]);
            if (rasters.raw)
                for (std::size_t i = 0; i < r.raw.size(); ++i) rasters.raw->write(r.window, i, r.raw[i].data(), s.raw[i]);
            s = WindowSummaries{};
        },
        [&](double fraction) { return !options.progress || options.progress(0.9 * fraction, "processing"); });
    run.seconds = seconds_since(start);
    return run;
}

// The GeoTIFFs made cloud-optimised, and burden.qml beside burden.tif (QGIS opens it styled).
// Returns the wall seconds.
double finish_rasters(RasterWriters& rasters, const RunResult& result, const RunOptions& options) {
    const auto start = Clock::now();
    rasters.tiff.finish();
    write_raster_style(result.geotiff, options.overwrite);
    if (rasters.raw) rasters.raw->finish();
    return seconds_since(start);
}

}  // namespace

std::vector<std::filesystem::path> run_output_paths(const Config& config, const std::filesystem::path& output_dir) {
    const OutputConfig& oc = config.output;
    const std::filesystem::path dir = output_dir.empty() ? oc.dir : output_dir;
    std::vector<std::filesystem::path> out;
    for (const OutputName& n : run_output_names(config)) out.push_back(dir / n.name);
    return out;
}

RunResult run_job(const JobPlan& plan, const RunOptions& options) {
    const auto start = Clock::now();
    RunResult result;
    const std::filesystem::path dir = options.output_dir.empty() ? plan.config.output.dir : options.output_dir;
    const std::vector<Diagnostic> stale_removed = plan_outputs(plan, dir, options, result);
    // Every output is renamed into place only once all are complete (finish_run commits them); on
    // an error or a cancel the group removes their temp files and earlier outputs stay untouched.
    CommitGroup outputs;

    const BandSet bands = make_band_set(plan);
    RasterWriters rasters(plan, options, result);
    PipelineRun pipeline = run_pipeline(plan, bands, options, rasters);

    report_run_progress(options, 0.9, "writing GeoTIFF");
    const double cog_seconds = finish_rasters(rasters, result, options);

    PixelResult pixels;
    pixels.zones = std::move(pipeline.result.zones);
    pixels.bin_hits = std::move(pipeline.result.bin_hits);
    pixels.threads = pipeline.result.threads;
    pixels.warnings = std::move(pipeline.result.warnings);
    const BlockProcessor::StageSeconds& cpu = pipeline.result.cpu_seconds;
    pixels.timings = {{"pipeline", pipeline.seconds},
                      {"pipeline_cpu_read", cpu.read},
                      {"pipeline_cpu_score", cpu.score},
                      {"pipeline_cpu_cumulate", cpu.cumulate},
                      {"pipeline_cpu_zonal", cpu.zonal},
                      {"pipeline_write_tiles", pipeline.result.sink_seconds},
                      {"cog", cog_seconds}};
    finish_run(plan, bands, dir, options, pixels, stale_removed, start, outputs, result);
    return result;
}

}  // namespace burdenmap
