#include "burdenmap/job/ShardRun.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <future>
#include <memory>
#include <string>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockPipeline.h"
#include "burdenmap/job/RasterBands.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/job/ShardManifest.h"
#include "burdenmap/job/ShardPartials.h"
#include "burdenmap/job/WindowRasterSink.h"

namespace burdenmap {
namespace fs = std::filesystem;
namespace {

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "";
    return name;
}

// A hidden folder ".shard-I-of-N.tmp-PID" beside the final one, removed unless renamed into place.
class PartFolder {
public:
    PartFolder(const fs::path& parts_dir, const ShardId& shard)
        : final_(shard_folder(parts_dir, shard)),
          temp_(parts_dir / ("." + shard.name() + ".tmp-" + host_name() + "-" + std::to_string(::getpid()))) {
        std::error_code ec;
        fs::create_directories(parts_dir, ec);
        if (ec) throw OutputError(parts_dir.string() + ": cannot create the parts folder: " + ec.message());
        remove_stale(parts_dir, shard);
        fs::remove_all(temp_, ec);
        fs::create_directory(temp_, ec);
        if (ec) throw OutputError(temp_.string() + ": cannot create the shard's folder: " + ec.message());
    }
    ~PartFolder() {
        std::error_code ec;
        if (!committed_) fs::remove_all(temp_, ec);
    }
    PartFolder(const PartFolder&) = delete;
    PartFolder& operator=(const PartFolder&) = delete;

    const fs::path& temp() const { return temp_; }
    const fs::path& final_path() const { return final_; }

    // Replaces an earlier part of this shard: the old one is moved aside first, so the final
    // name never holds a mixture of two runs.
    void commit() {
        std::error_code ec;
        const fs::path old = final_.parent_path() / ("." + final_.filename().string() + ".old-" + host_name() + "-" + std::to_string(::getpid()));
        if (fs::exists(final_)) {
            fs::rename(final_, old, ec);
            if (ec) throw OutputError(final_.string() + ": cannot move the earlier part aside: " + ec.message());
        }
        fs::rename(temp_, final_, ec);
        if (ec) throw OutputError(final_.string() + ": cannot rename the part into place: " + ec.message());
        committed_ = true;
        fs::remove_all(old, ec);
    }

private:
    // Temporaries of this shard left by a process on this host that is gone (killed, out of
    // memory). The host is in the name: a parts folder shared by many nodes holds temporaries of
    // live shards elsewhere, whose PIDs mean nothing here; those are left alone.
    static void remove_stale(const fs::path& parts_dir, const ShardId& shard) {
        std::error_code ec;
        for (const char* kind : {".tmp-", ".old-"}) {
            const std::string prefix = "." + shard.name() + kind + host_name() + "-";
            for (fs::directory_iterator it(parts_dir, ec), end; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (name.rfind(prefix, 0) != 0) continue;
                const std::string pid = name.substr(prefix.size());
                if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
                if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == 0 || errno != ESRCH) continue;
                std::error_code rm;
                fs::remove_all(it->path(), rm);
            }
        }
    }

    fs::path final_, temp_;
    bool committed_ = false;
};

}  // namespace

fs::path shard_folder(const fs::path& parts_dir, const ShardId& shard) { return parts_dir / shard.name(); }

double peak_rss_mib() {
    struct rusage usage {};
    if (::getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

ShardRunResult run_shard(const JobPlan& plan, const ShardRunOptions& options) {
    const auto start = SteadyClock::now();
    const std::vector<ShardRange> ranges = plan_shards(plan, options.shard.count);
    const ShardRange& range = ranges[options.shard.index];
    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    const std::vector<Window> windows(layout.windows().begin() + static_cast<std::ptrdiff_t>(range.first_window),
                                      layout.windows().begin() + static_cast<std::ptrdiff_t>(range.end_window));
    const Window bounds = bounding_window(layout, range.first_window, range.end_window);
    const Grid part_grid = plan.grid.subgrid(bounds);

    PartFolder folder(options.parts_dir, options.shard);
    const BandSet bands = make_band_set(plan);
    std::map<std::string, std::string> metadata = raster_metadata(plan);
    metadata["burdenmap_shard"] = options.shard.name();
    GeoTiffWriter tiff(folder.temp() / "burden-part.tif", false, part_grid, plan.crs_wkt, tiff_bands(plan), metadata, plan.block_size,
                       options.threads);
    std::unique_ptr<GeoTiffWriter> raw;
    if (!plan.config.output.raw_geotiff.empty())
        raw = std::make_unique<GeoTiffWriter>(folder.temp() / "raw-part.tif", false, part_grid, plan.crs_wkt, raw_bands(plan), metadata,
                                              plan.block_size, options.threads);
    ShardPartialsWriter partials(folder.temp() / "zones.partials");

    // As run_job's pipeline writes cells, and instead of folding each window's zone statistics, it
    // saves them (moved out: nothing is left to fold) with the band moments, in window order.
    WindowRasterSink cells(plan, tiff, raw.get(), windows.size(), bounds);
    // The input checksums (a full read of every input) on their own thread while the pipeline
    // runs: each shard of a job array hashes every input, so this is paid once per shard.
    auto checksums = std::async(std::launch::async, [&plan] { return input_checksums(plan); });
    if (options.progress && !options.progress(0.0, "processing")) throw Cancelled();
    const auto pipeline_start = SteadyClock::now();
    PipelineResult pipeline = run_block_pipeline(
        plan, bands, windows, options.threads,
        [&](const WindowResult& r) { cells.prepare(r); },
        [&](WindowResult& r) {
            WindowPartial partial;
            partial.window = range.first_window + r.index;
            partial.moments = cells.write(r);
            partial.zones = std::move(r.zones);
            partials.write(partial);
        },
        [&](double fraction) { return !options.progress || options.progress(0.9 * fraction, "processing"); });
    const double pipeline_seconds = seconds_since(pipeline_start);

    if (options.progress && !options.progress(0.9, "writing the shard's GeoTIFF")) throw Cancelled();
    const auto cog_start = SteadyClock::now();
    partials.finish();
    tiff.finish();
    if (raw) raw->finish();
    const double cog_seconds = seconds_since(cog_start);

    ShardManifest m;
    m.tool = burdenmap_version();
    m.shard = options.shard;
    m.range = range;
    m.config_path = fs::absolute(plan.config.file).lexically_normal().string();
    const std::map<std::string, std::string> inputs = checksums.get();
    m.inputs = inputs;
    // A scenario's (`extends`) covers the configs it extends too: the merge refuses a changed base.
    m.config_sha256 = plan.config.extends.empty() && inputs.count(plan.config.file.string()) ? inputs.at(plan.config.file.string())
                                                                                            : config_sha256(plan.config);
    for (const fs::path& d : options.method_dir_overrides) m.method_dirs.push_back(fs::absolute(d).lexically_normal().string());
    m.method_tables = method_table_checksums(method_dirs_for(plan.config, options.method_dir_overrides));
    m.grid_cols = plan.grid.cols();
    m.grid_rows = plan.grid.rows();
    m.grid_x0 = plan.grid.x0();
    m.grid_y0 = plan.grid.y0();
    m.grid_dx = plan.grid.dx();
    m.grid_dy = plan.grid.dy();
    m.block_size = plan.block_size;
    m.raster_bounds = bounds;
    const auto file = [&](const char* name) { return ShardFile{name, fs::file_size(folder.temp() / name)}; };
    m.raster = file("burden-part.tif");
    if (raw) m.raw_raster = file("raw-part.tif");
    m.partials = file("zones.partials");
    m.partial_windows = partials.windows();
    m.bin_hits = pipeline.bin_hits;
    m.reader_warnings = pipeline.reader_warning_counts;
    m.threads = pipeline.threads;
    m.host = host_name();
    const BlockProcessor::StageSeconds& cpu = pipeline.cpu_seconds;
    m.timings = {{"pipeline", pipeline_seconds},
                 {"pipeline_cpu_read", cpu.read},
                 {"pipeline_cpu_score", cpu.score},
                 {"pipeline_cpu_cumulate", cpu.cumulate},
                 {"pipeline_cpu_zonal", cpu.zonal},
                 {"pipeline_write_tiles", pipeline.sink_seconds},
                 {"cog", cog_seconds},
                 {"total", seconds_since(start)}};
    m.peak_rss_mib = peak_rss_mib();
    m.complete = true;
    AtomicOutput::write_text(folder.temp() / "shard.json", shard_manifest_json(m), false);
    folder.commit();
    if (options.progress && !options.progress(1.0, "done")) throw Cancelled();

    ShardRunResult result;
    result.folder = folder.final_path();
    result.range = range;
    result.warnings = plan.diagnostics.all();
    result.warnings.insert(result.warnings.end(), pipeline.warnings.begin(), pipeline.warnings.end());
    result.seconds = seconds_since(start);
    return result;
}

}  // namespace burdenmap
