#include "burdenmap/job/RunJob.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/ZoneTable.h"
#include "burdenmap/report/RunManifest.h"

namespace burdenmap {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<BandSpec> tiff_bands(const JobPlan& plan) {
    std::vector<BandSpec> bands;
    for (const LayerPlan& l : plan.layers) {
        const MethodInfo& m = l.method->info();
        BandSpec b;
        b.description = l.config.name + "_score";
        b.unit = l.method->score_unit();
        b.metadata = {{"layer", l.config.name},
                      {"method", m.id},
                      {"method_title", m.title},
                      {"source", m.provenance.source},
                      {"confidence", to_string(m.provenance.confidence)}};
        bands.push_back(b);
    }
    for (const CumulationRule& c : plan.cumulations) {
        BandSpec b;
        b.description = c.name;
        b.unit = c.unit();
        b.metadata = {{"rule", to_string(c.kind)}};
        bands.push_back(b);
    }
    return bands;
}

std::vector<BandSpec> raw_bands(const JobPlan& plan) {
    std::vector<BandSpec> bands;
    for (const LayerPlan& l : plan.layers) {
        BandSpec b;
        b.description = l.config.name;
        b.unit = l.config.unit;
        b.metadata = {{"layer", l.config.name}, {"input", l.config.path.string()}, {"resampling", l.resampling}};
        bands.push_back(b);
    }
    return bands;
}

void write_text_file(const std::filesystem::path& path, bool overwrite, const std::string& text) {
    AtomicOutput out(path, overwrite);
    {
        std::ofstream f(out.temp_path(), std::ios::binary);
        f << text;
        f.flush();
        if (!f) throw OutputError(path.string() + ": write failed (disk full?)");
    }
    out.commit();
}

// The headline statistic for the terminal summary: the first count_at_least cumulation, else the
// first cumulation, else the first layer's score.
std::size_t headline_band(const JobPlan& plan, const BandSet& bands) {
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c)
        if (plan.cumulations[c].is_count()) return bands.cumulation_band(c);
    if (!plan.cumulations.empty()) return bands.cumulation_band(0);
    return bands.score_band(0);
}

}  // namespace

RunResult run_job(const JobPlan& plan, const RunOptions& options) {
    const auto start = Clock::now();
    RunResult result;
    const OutputConfig& oc = plan.config.output;
    const std::filesystem::path dir = options.output_dir.empty() ? oc.dir : options.output_dir;
    result.geotiff = dir / oc.geotiff;
    result.geopackage = dir / oc.geopackage;
    result.manifest = dir / oc.manifest;
    if (!oc.raw_geotiff.empty()) result.raw_geotiff = dir / oc.raw_geotiff;
    // Refuse up front, before minutes of work, when an output exists or cannot be written.
    for (const auto& p : {result.geotiff, result.geopackage, result.manifest, result.raw_geotiff})
        if (!p.empty()) AtomicOutput::check_writable(p, options.overwrite);

    auto report = [&](double fraction, const std::string& stage) {
        if (options.progress && !options.progress(fraction, stage)) throw Cancelled();
    };

    const BandSet bands = make_band_set(plan);
    std::map<std::string, std::string> dataset_md{{"burdenmap_version", burdenmap_version()}, {"study", plan.config.study.name}};
    GeoTiffWriter tiff(result.geotiff, options.overwrite, plan.grid, plan.crs_wkt, tiff_bands(plan), dataset_md);
    std::unique_ptr<GeoTiffWriter> raw_tiff;
    if (!result.raw_geotiff.empty())
        raw_tiff = std::make_unique<GeoTiffWriter>(result.raw_geotiff, options.overwrite, plan.grid, plan.crs_wkt, raw_bands(plan), dataset_md);

    // The block pipeline: windows are issued in order, computed in parallel (each thread with its
    // own GDAL handles), then written and merged strictly in window order, so the output bits do
    // not depend on the number of threads.
    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
    std::vector<std::optional<ZoneStats>> table(plan.zones.size());  // empty: the zone touches no cell
    tbb::enumerable_thread_specific<std::unique_ptr<BlockProcessor>> processors;
    std::atomic<bool> cancelled{false};
    std::size_t next = 0, done = 0;
    report(0.0, "processing");
    const auto pipeline_start = Clock::now();
    tbb::task_arena arena(threads);
    arena.execute([&] {
        tbb::parallel_pipeline(
            static_cast<std::size_t>(2 * threads),
            tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                                [&](tbb::flow_control& fc) -> std::size_t {
                                                    if (next >= layout.count() || cancelled) {
                                                        fc.stop();
                                                        return 0;
                                                    }
                                                    return next++;
                                                }) &
                tbb::make_filter<std::size_t, std::shared_ptr<WindowResult>>(
                    tbb::filter_mode::parallel,
                    [&](std::size_t i) {
                        auto& processor = processors.local();
                        if (!processor) processor = std::make_unique<BlockProcessor>(plan, bands);
                        return std::make_shared<WindowResult>(processor->process(i, layout[i]));
                    }) &
                tbb::make_filter<std::shared_ptr<WindowResult>, void>(
                    tbb::filter_mode::serial_in_order, [&](const std::shared_ptr<WindowResult>& r) {
                        std::size_t band = 0;
                        for (const auto& s : r->scores) tiff.write(r->window, band++, s.data());
                        for (const auto& c : r->cumulations) tiff.write(r->window, band++, c.data());
                        if (raw_tiff)
                            for (std::size_t i = 0; i < r->raw.size(); ++i) raw_tiff->write(r->window, i, r->raw[i].data());
                        for (auto& [zone, stats] : r->zones) {
                            auto& target = table[zone];
                            if (!target) target = std::move(stats);
                            else target->merge(stats);
                        }
                        ++done;
                        if (options.progress && !options.progress(0.9 * double(done) / double(layout.count()), "processing"))
                            cancelled = true;
                    }));
    });
    if (cancelled) throw Cancelled();
    const double pipeline_seconds = seconds_since(pipeline_start);

    // Placeholder rows used, summed over threads (integer sums: order does not matter).
    std::vector<std::vector<std::uint64_t>> row_hits;
    for (const LayerPlan& l : plan.layers) row_hits.emplace_back(l.method->bins().size(), 0);
    for (const auto& p : processors)
        if (p)
            for (std::size_t l = 0; l < row_hits.size(); ++l)
                for (std::size_t r = 0; r < row_hits[l].size(); ++r) row_hits[l][r] += p->row_hits()[l][r];

    report(0.9, "writing GeoTIFF");
    const auto cog_start = Clock::now();
    tiff.finish();
    if (raw_tiff) raw_tiff->finish();
    const double cog_seconds = seconds_since(cog_start);

    report(0.95, "writing GeoPackage");
    const auto gpkg_start = Clock::now();
    const std::vector<FieldSpec> fields = zone_fields(plan, bands);
    std::vector<Feature> features;
    features.reserve(plan.zones.size());
    const ZoneStats empty = make_zone_stats(bands, false);
    for (std::size_t z = 0; z < plan.zones.size(); ++z) {
        if (table[z]) ++result.zones_with_data;
        features.push_back(Feature{plan.zones[z].wkb, zone_row(plan, bands, z, table[z] ? *table[z] : empty)});
    }
    result.zones = plan.zones.size();

    ManifestExtras extras;
    extras.outputs = {{"geotiff", result.geotiff}, {"geopackage", result.geopackage}, {"manifest", result.manifest}};
    if (raw_tiff) extras.outputs.emplace_back("raw_geotiff", result.raw_geotiff);
    extras.row_hits = row_hits;
    extras.threads = threads;
    extras.sha256 = input_checksums(plan);
    extras.warnings = plan.diagnostics.all();
    if (result.zones_with_data < result.zones)
        extras.warnings.push_back({"zones-without-data", std::to_string(result.zones - result.zones_with_data) +
                                                             " zone(s) do not overlap the study grid; their statistics are NULL"});
    extras.timings = {{"pipeline", pipeline_seconds}, {"cog", cog_seconds}};

    GpkgWriter gpkg(result.geopackage, options.overwrite);
    gpkg.write_layer("zones", "Zones with burden statistics per layer and cumulation (" + plan.config.study.name + ")",
                     plan.crs_wkt, GpkgWriter::GeometryKind::multipolygon, fields, features);
    gpkg.write_codebook();
    gpkg.write_metadata(manifest_json(plan, extras));
    gpkg.finish();
    extras.timings.emplace_back("geopackage", seconds_since(gpkg_start));
    extras.timings.emplace_back("total", seconds_since(start));
    write_text_file(result.manifest, options.overwrite, manifest_json(plan, extras) + "\n");
    report(1.0, "done");

    // The terminal summary: the most burdened zones by the headline statistic.
    const std::size_t hb = headline_band(plan, bands);
    result.headline = bands.zonal[hb].prefix + "_mean (" + bands.zonal[hb].unit + ")";
    if (!plan.config.zones.income_fields.empty()) result.income_label = plan.config.zones.income_fields.front().first;
    std::vector<ZoneSummary> ranked;
    for (std::size_t z = 0; z < plan.zones.size(); ++z) {
        if (!table[z] || !table[z]->area[hb].has_data()) continue;
        ZoneSummary s{plan.zones[z].id, plan.zones[z].name, table[z]->area[hb].mean(), std::nullopt};
        if (!plan.zones[z].income.empty()) s.income = plan.zones[z].income.front();
        ranked.push_back(s);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const ZoneSummary& a, const ZoneSummary& b) { return a.value > b.value; });
    if (ranked.size() > 5) ranked.resize(5);
    result.most_burdened = ranked;
    result.warnings = extras.warnings;
    result.seconds = seconds_since(start);
    return result;
}

}  // namespace burdenmap
