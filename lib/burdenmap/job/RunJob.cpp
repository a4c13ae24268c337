#include "burdenmap/job/RunJob.h"

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockPipeline.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/job/RasterBands.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/job/RunOutputs.h"
#include "burdenmap/job/WindowRasterSink.h"
#include "burdenmap/report/OutputStyles.h"

namespace burdenmap {
namespace {

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
        : tiff(result.geotiff, options.overwrite, plan.grid, plan.crs_wkt, tiff_bands(plan), raster_metadata(plan), plan.block_size,
               options.threads) {
        if (!result.raw_geotiff.empty())
            raw = std::make_unique<GeoTiffWriter>(result.raw_geotiff, options.overwrite, plan.grid, plan.crs_wkt, raw_bands(plan),
                                                  raster_metadata(plan), plan.block_size, options.threads);
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
    const auto start = SteadyClock::now();
    WindowRasterSink cells(plan, rasters.tiff, rasters.raw.get(), layout.count());
    PipelineRun run;
    run.result = run_block_pipeline(
        plan, bands, layout.windows(), options.threads, [&](const WindowResult& r) { cells.prepare(r); },
        [&](const WindowResult& r) { cells.write(r); },
        [&](double fraction) { return !options.progress || options.progress(0.9 * fraction, "processing"); });
    run.seconds = seconds_since(start);
    return run;
}

// The GeoTIFFs made cloud-optimised, and burden.qml beside burden.tif (QGIS opens it styled).
// Returns the wall seconds.
double finish_rasters(RasterWriters& rasters, const RunResult& result, const RunOptions& options) {
    const auto start = SteadyClock::now();
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
    const auto start = SteadyClock::now();
    RunResult result;
    const std::filesystem::path dir = options.output_dir.empty() ? plan.config.output.dir : options.output_dir;
    const std::vector<Diagnostic> stale_removed = plan_outputs(plan, dir, options, result);
    // Every output is renamed into place only once all are complete (finish_run commits them); on
    // an error or a cancel the group removes their temp files and earlier outputs stay untouched.
    CommitGroup outputs;

    const BandSet bands = make_band_set(plan);
    RasterWriters rasters(plan, options, result);
    // The input checksums (a full read of every input) on their own thread while the pipeline runs.
    auto checksums = std::async(std::launch::async, [&plan] { return input_checksums(plan); });
    PipelineRun pipeline = run_pipeline(plan, bands, options, rasters);

    report_run_progress(options, 0.9, "writing GeoTIFF");
    const double cog_seconds = finish_rasters(rasters, result, options);

    PixelResult pixels;
    pixels.zones = std::move(pipeline.result.zones);
    pixels.bin_hits = std::move(pipeline.result.bin_hits);
    pixels.threads = pipeline.result.threads;
    pixels.warnings = std::move(pipeline.result.warnings);
    pixels.sha256 = checksums.get();
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
