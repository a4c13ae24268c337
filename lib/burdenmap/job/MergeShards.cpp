#include "burdenmap/job/MergeShards.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/MosaicVrt.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/job/RasterBands.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/job/RunOutputs.h"
#include "burdenmap/job/ShardPartials.h"
#include "burdenmap/job/ShardRun.h"
#include "burdenmap/report/OutputStyles.h"

namespace burdenmap {
namespace fs = std::filesystem;
namespace {

// Input checksums by file name: shards on other machines may see the inputs under other paths.
std::map<std::string, std::string> by_file_name(const std::map<std::string, std::string>& inputs) {
    std::map<std::string, std::string> out;
    for (const auto& [path, sha] : inputs) out[fs::path(path).filename().string()] += sha;
    return out;
}

// "<what> differs: shard-0-of-4 has A, shard-2-of-4 has B".
[[noreturn]] void differs(const ShardedRun& run, std::size_t i, const std::string& what, const std::string& a, const std::string& b) {
    throw InputError((run.parts_dir / run.parts[i].shard.name()).string() + ": comes from another " + what + " than " +
                     run.parts[0].shard.name() + " (" + b + " vs " + a + "); run every shard of one job again, or remove the stray part");
}

void compare_maps(const ShardedRun& run, std::size_t i, const std::string& what, const std::map<std::string, std::string>& a,
                  const std::map<std::string, std::string>& b) {
    for (const auto& [name, sha] : a) {
        const auto o = b.find(name);
        if (o == b.end()) differs(run, i, what, name, "no " + name);
        if (o->second != sha) differs(run, i, what, name + " " + sha.substr(0, 12), name + " " + o->second.substr(0, 12));
    }
    for (const auto& [name, sha] : b)
        if (!a.count(name)) differs(run, i, what, "no " + name, name);
}

void check_file(const fs::path& folder, const ShardFile& f) {
    if (f.name.empty()) return;
    const fs::path p = folder / f.name;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(p, ec);
    if (ec) throw InputError(p.string() + ": missing (" + ec.message() + "); run the shard again");
    if (size != f.bytes)
        throw InputError(p.string() + ": " + std::to_string(size) + " bytes, the shard wrote " + std::to_string(f.bytes) +
                         " (truncated or changed since): run the shard again");
}

std::string shards_json(const ShardedRun& run) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const ShardManifest& m : run.parts) {
        nlohmann::ordered_json t = nlohmann::ordered_json::object();
        for (const auto& [stage, s] : m.timings) t[stage] = s;
        a.push_back({{"index", m.shard.index},
                     {"first_window", m.range.first_window},
                     {"end_window", m.range.end_window},
                     {"cells", m.range.cells},
                     {"zone_cells", m.range.zone_cells},
                     {"zones", m.range.zones},
                     {"host", m.host},
                     {"threads", m.threads},
                     {"peak_rss_mib", m.peak_rss_mib},
                     {"timings_seconds", t}});
    }
    return a.dump();
}

fs::path with_extension(const fs::path& p, const char* ext) {
    fs::path out = p;
    return out.replace_extension(ext);
}

}  // namespace

ShardedRun read_sharded_run(const fs::path& parts_dir) {
    ShardedRun run;
    run.parts_dir = parts_dir;
    std::error_code ec;
    if (!fs::is_directory(parts_dir, ec))
        throw InputError(parts_dir.string() + ": no such folder (the parts folder that `run --shard I/N --output-dir` wrote)");
    // The parts present, by shard count.
    std::map<std::size_t, std::vector<std::size_t>> found;
    for (const auto& entry : fs::directory_iterator(parts_dir)) {
        const std::optional<ShardId> id = parse_shard_folder_name(entry.path().filename().string());
        if (entry.is_directory() && id) found[id->count].push_back(id->index);
    }
    if (found.empty())
        throw InputError(parts_dir.string() + ": no shard parts (folders shard-I-of-N); run `burdenmap run CONFIG --shard I/N --output-dir " +
                         parts_dir.string() + "` for I = 0 .. N-1 first");
    if (found.size() > 1) {
        std::string counts;
        for (const auto& [n, parts] : found) counts += (counts.empty() ? "" : ", ") + std::to_string(parts.size()) + " of " + std::to_string(n);
        throw InputError(parts_dir.string() + ": parts of runs with different shard counts (" + counts +
                         "); remove the parts of the other run, or merge each into its own parts folder");
    }
    const std::size_t count = found.begin()->first;
    std::vector<std::size_t> present = found.begin()->second;
    std::sort(present.begin(), present.end());
    for (std::size_t i = 0; i < count; ++i)
        if (!std::binary_search(present.begin(), present.end(), i)) {
            const ShardId id{i, count};
            throw InputError(shard_folder(parts_dir, id).string() + ": missing; run it: burdenmap run CONFIG --shard " + std::to_string(i) +
                             "/" + std::to_string(count) + " --output-dir " + parts_dir.string());
        }
    for (std::size_t i : present)
        if (i >= count) throw InputError(shard_folder(parts_dir, ShardId{i, count}).string() + ": shard " + std::to_string(i) +
                                         " of " + std::to_string(count) + " cannot exist (shards count from 0); remove it");

    for (std::size_t i = 0; i < count; ++i) {
        const ShardId id{i, count};
        const fs::path folder = shard_folder(parts_dir, id);
        ShardManifest m = read_shard_manifest(folder / "shard.json");
        if (!m.complete) throw InputError(folder.string() + ": incomplete (the shard did not finish); run it again");
        if (m.shard.index != i || m.shard.count != count)
            throw InputError((folder / "shard.json").string() + ": says shard " + std::to_string(m.shard.index) + " of " +
                             std::to_string(m.shard.count) + " (a folder renamed by hand?); run shard " + std::to_string(i) + " again");
        run.parts.push_back(std::move(m));
    }

    // Every part from the same job: version, config, inputs, method tables, grid.
    const ShardManifest& first = run.parts[0];
    const std::string version = burdenmap_version();
    for (std::size_t i = 0; i < count; ++i) {
        const ShardManifest& m = run.parts[i];
        if (m.tool != version)
            throw InputError((parts_dir / m.shard.name()).string() + ": written by " + m.tool + ", this is " + version +
                             "; run the shards and the merge with one burdenmap version");
        if (i == 0) continue;
        if (m.config_sha256 != first.config_sha256)
            differs(run, i, "config", "sha256 " + first.config_sha256.substr(0, 12), "sha256 " + m.config_sha256.substr(0, 12));
        compare_maps(run, i, "input", by_file_name(first.inputs), by_file_name(m.inputs));
        compare_maps(run, i, "method table", first.method_tables, m.method_tables);
        if (m.block_size != first.block_size)
            differs(run, i, "block size", std::to_string(first.block_size), std::to_string(m.block_size));
        if (!(m.grid() == first.grid())) differs(run, i, "grid", first.grid().describe(), m.grid().describe());
    }

    // The config as the shards read it: the merge plans from the same file, unchanged.
    const fs::path config_path = first.config_path;
    if (!fs::exists(config_path, ec))
        throw InputError(config_path.string() + ": the config the shards ran is not there (the merge reads it from the path in " +
                         (shard_folder(parts_dir, first.shard) / "shard.json").string() + ")");
    // Parsed first: a scenario's checksum covers the configs it extends (config_sha256).
    run.config = parse_config(config_path);
    const std::string now = config_sha256(run.config);
    if (now != first.config_sha256)
        throw InputError(config_path.string() + (run.config.extends.empty() ? "" : " (or a config it extends)") +
                         ": changed since the shards ran (sha256 " + now.substr(0, 12) + ", the shards read " +
                         first.config_sha256.substr(0, 12) + "); run the shards again");
    run.plan_options.block_size = first.block_size;
    for (const std::string& d : first.method_dirs) run.plan_options.method_dirs.emplace_back(d);
    run.plan_options.shards = count;
    return run;
}

std::vector<fs::path> merge_output_paths(const Config& config, const fs::path& output_dir, bool cog) {
    const fs::path dir = output_dir.empty() ? config.output.dir : output_dir;
    std::vector<fs::path> out;
    for (const OutputName& n : run_output_names(config)) {
        if (n.name == config.output.geotiff) {
            out.push_back(dir / with_extension(n.name, ".vrt"));
            if (cog) out.push_back(dir / n.name);
        } else if (!config.output.raw_geotiff.empty() && n.name == config.output.raw_geotiff) {
            out.push_back(dir / with_extension(n.name, ".vrt"));
        } else {
            out.push_back(dir / n.name);
        }
    }
    return out;
}

FoldedPartials fold_shard_partials(const ShardedRun& run) {
    const auto start = SteadyClock::now();
    FoldedPartials out;
    std::size_t next_window = 0;
    bool first_window = true;
    for (const ShardManifest& m : run.parts) {
        const fs::path folder = shard_folder(run.parts_dir, m.shard);
        check_file(folder, m.partials);  // a cut file is named by its size before its checksum fails
        const fs::path file = folder / m.partials.name;
        const std::size_t windows = read_shard_partials(file, [&](WindowPartial&& w) {
            if (w.window != next_window)
                throw InputError(file.string() + ": holds window " + std::to_string(w.window) + " where window " + std::to_string(next_window) +
                                 " belongs; run the shard again");
            if (first_window) out.bands.resize(w.moments.size());
            first_window = false;
            if (w.moments.size() != out.bands.size())
                throw InputError(file.string() + ": " + std::to_string(w.moments.size()) + " bands in window " + std::to_string(w.window) +
                                 ", " + std::to_string(out.bands.size()) + " in window 0; run the shards again");
            for (std::size_t b = 0; b < out.bands.size(); ++b) out.bands[b].merge(w.moments[b]);
            for (const auto& [zone, stats] : w.zones) {
                if (out.zone_bands == 0) out.zone_bands = stats.area.size();
                if (stats.area.size() != out.zone_bands)
                    throw InputError(file.string() + ": zone statistics of different band counts; run the shards again");
                if (zone >= out.zones.size()) out.zones.resize(zone + 1);
            }
            fold_window_zones(out.zones, w.zones);  // as run_block_pipeline folds them
            ++next_window;
        });
        if (next_window != m.range.end_window || windows != m.partial_windows)
            throw InputError(file.string() + ": ends at window " + std::to_string(next_window) + ", the shard covers up to " +
                             std::to_string(m.range.end_window - 1) + "; run the shard again");
    }
    out.seconds = seconds_since(start);
    return out;
}

RunResult merge_shards(const JobPlan& plan, const ShardedRun& run, FoldedPartials folded, const MergeOptions& options) {
    const auto start = SteadyClock::now();
    const std::size_t count = run.parts.size();
    const ShardManifest& first = run.parts[0];

    // The plan must cut the grid where the shards did: otherwise an input (zones, a table) changed
    // since, and the parts would not fit together.
    if (!(plan.grid == first.grid()))
        throw InputError(run.config.file.string() + ": the grid is now " + plan.grid.describe() + ", the shards ran on " +
                         first.grid().describe() + "; run the shards again");
    const std::vector<ShardRange> ranges = plan_shards(plan, count);
    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    for (std::size_t i = 0; i < count; ++i) {
        const ShardManifest& m = run.parts[i];
        const fs::path folder = shard_folder(run.parts_dir, m.shard);
        if (ranges[i].first_window != m.range.first_window || ranges[i].end_window != m.range.end_window)
            throw InputError(folder.string() + ": covers windows " + std::to_string(m.range.first_window) + "-" +
                             std::to_string(m.range.end_window - 1) + ", but the inputs now split into " + std::to_string(ranges[i].first_window) +
                             "-" + std::to_string(ranges[i].end_window - 1) + " (the zones changed since?); run the shards again");
        if (!(m.raster_bounds == bounding_window(layout, m.range.first_window, m.range.end_window)))
            throw InputError(folder.string() + ": its raster does not cover its windows; run the shard again");
        check_file(folder, m.raster);
        check_file(folder, m.raw_raster);
        if (plan.config.output.raw_geotiff.empty() != m.raw_raster.name.empty())
            throw InputError(folder.string() + ": " + (m.raw_raster.name.empty() ? "has no raw raster, but the config asks for one"
                                                                                 : "has a raw raster the config does not ask for") +
                             "; run the shard again");
    }

    // Outputs: refused up front when they exist (without --overwrite) or cannot be written.
    const fs::path dir = options.output_dir.empty() ? plan.config.output.dir : options.output_dir;
    const std::vector<fs::path> outputs_planned = merge_output_paths(plan.config, dir, options.cog);
    for (const fs::path& p : outputs_planned) AtomicOutput::check_writable(p, options.overwrite);
    const std::vector<Diagnostic> stale_removed = remove_stale_temporaries(outputs_planned);
    CommitGroup outputs;
    RunOptions run_options{dir, options.threads, options.overwrite, options.progress};
    report_run_progress(run_options, 0.0, "merging");

    // The parts' windows, folded in window order (fold_shard_partials), checked against the plan.
    const BandSet bands = make_band_set(plan);
    const std::vector<BandSpec> tiff_specs = tiff_bands(plan);
    const std::vector<BandSpec> raw_specs = plan.config.output.raw_geotiff.empty() ? std::vector<BandSpec>{} : raw_bands(plan);
    const fs::path first_partials = shard_folder(run.parts_dir, first.shard) / first.partials.name;
    if (folded.bands.size() != tiff_specs.size() + raw_specs.size())
        throw InputError(first_partials.string() + ": " + std::to_string(folded.bands.size()) + " bands per window, the config makes " +
                         std::to_string(tiff_specs.size() + raw_specs.size()) + "; run the shards again");
    if (folded.zones.size() > plan.zones.size() || (folded.zone_bands != 0 && folded.zone_bands != bands.zonal.size()))
        throw InputError(first_partials.string() + ": statistics for a zone or band the config does not have; run the shards again");
    PixelResult pixels;
    pixels.zones = std::move(folded.zones);
    pixels.zones.resize(plan.zones.size());
    const std::vector<BandStatistics> tiff_stats(folded.bands.begin(), folded.bands.begin() + static_cast<std::ptrdiff_t>(tiff_specs.size()));
    const std::vector<BandStatistics> raw_stats(folded.bands.begin() + static_cast<std::ptrdiff_t>(tiff_specs.size()), folded.bands.end());
    report_run_progress(run_options, 0.6, "merging");

    // Sums over parts: bins used (integers) and GDAL's reader warnings (counts per message).
    for (const ShardManifest& m : run.parts) {
        if (pixels.bin_hits.empty()) pixels.bin_hits = m.bin_hits;
        else
            for (std::size_t l = 0; l < pixels.bin_hits.size() && l < m.bin_hits.size(); ++l)
                for (std::size_t b = 0; b < pixels.bin_hits[l].size() && b < m.bin_hits[l].size(); ++b) pixels.bin_hits[l][b] += m.bin_hits[l][b];
        pixels.threads = std::max(pixels.threads, m.threads);
    }
    ReaderWarningCounts reader(plan.layers.size() + 1);
    for (const ShardManifest& m : run.parts)
        for (std::size_t i = 0; i < reader.size() && i < m.reader_warnings.size(); ++i)
            for (const auto& [message, n] : m.reader_warnings[i]) reader[i][message] += n;
    pixels.warnings = reader_warning_diagnostics(plan, reader);

    // The raster: a VRT over the parts' rasters, each shard's windows as at most three rectangles.
    report_run_progress(run_options, 0.6, "writing the VRT");
    const auto vrt_start = SteadyClock::now();
    RunResult result;
    result.geotiff = dir / with_extension(plan.config.output.geotiff, ".vrt");
    result.geopackage = dir / plan.config.output.geopackage;
    result.manifest = dir / plan.config.output.manifest;
    if (!plan.config.output.raw_geotiff.empty()) result.raw_geotiff = dir / with_extension(plan.config.output.raw_geotiff, ".vrt");
    const auto sources = [&](bool raw_part) {
        std::vector<MosaicSource> out;
        for (const ShardManifest& m : run.parts) {
            const fs::path file = fs::absolute(shard_folder(run.parts_dir, m.shard) / (raw_part ? m.raw_raster.name : m.raster.name));
            for (const Window& r : window_rectangles(layout, m.range.first_window, m.range.end_window))
                out.push_back({file, Window{r.col_off - m.raster_bounds.col_off, r.row_off - m.raster_bounds.row_off, r.cols, r.rows}, r});
        }
        return out;
    };
    const std::map<std::string, std::string> metadata = raster_metadata(plan);
    const std::vector<int> overviews = cog_overview_factors(plan.grid.cols(), plan.grid.rows());
    write_mosaic_vrt(result.geotiff, options.overwrite, plan.grid, plan.crs_wkt, tiff_specs, metadata, sources(false), tiff_stats, overviews);
    if (!result.raw_geotiff.empty())
        write_mosaic_vrt(result.raw_geotiff, options.overwrite, plan.grid, plan.crs_wkt, raw_specs, metadata, sources(true), raw_stats,
                         overviews);
    write_raster_style(result.geotiff, options.overwrite);
    const double vrt_seconds = seconds_since(vrt_start);
    double cog_seconds = 0;
    if (options.cog) {
        report_run_progress(run_options, 0.7, "writing GeoTIFF");
        const auto cog_start = SteadyClock::now();
        result.cog_geotiff = dir / plan.config.output.geotiff;
        write_cog_copy(CommitGroup::readable(result.geotiff), result.cog_geotiff, options.overwrite, options.threads);
        cog_seconds = seconds_since(cog_start);
    }

    pixels.timings = {{"merge_fold", folded.seconds}, {"merge_vrt", vrt_seconds}};
    if (options.cog) pixels.timings.emplace_back("cog", cog_seconds);
    pixels.sha256 = first.inputs;
    pixels.shards_json = shards_json(run);
    finish_run(plan, bands, dir, run_options, pixels, stale_removed, start, outputs, result);
    return result;
}

}  // namespace burdenmap
