#include "burdenmap/job/RunJob.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <variant>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/ZoneRanking.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/CsvWriter.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockPipeline.h"
#include "burdenmap/job/Fairness.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/report/OutputStyles.h"
#include "burdenmap/score/ClassTable.h"
#include "burdenmap/job/ZoneTable.h"
#include "burdenmap/job/ValueChecks.h"
#include "burdenmap/job/RunManifest.h"

namespace burdenmap {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A layer's aligned values as a band (the raw GeoTIFF; burden.tif for a layer without a method).
BandSpec raw_band(const LayerPlan& l) {
    BandSpec b;
    b.description = l.config.name;
    b.unit = l.config.unit;
    b.metadata = {{"layer", l.config.name}, {"input", l.config.path.string()}, {"resampling", l.resampling}};
    return b;
}

// burden.tif: per layer its score ("<layer>_score"), or for a layer without a method its raw
// values ("<layer>", as in the raw GeoTIFF), then the cumulations: every layer is on the map.
std::vector<BandSpec> tiff_bands(const JobPlan& plan) {
    std::vector<BandSpec> bands;
    for (const LayerPlan& l : plan.layers) {
        if (!l.scored()) {
            bands.push_back(raw_band(l));
            bands.back().metadata["values"] = "raw (no method)";
            continue;
        }
        const MethodInfo& m = l.method->info();
        BandSpec b;
        b.description = l.config.name + "_score";
        b.unit = l.method->score_unit();
        b.metadata = {{"layer", l.config.name},
                      {"method", m.id},
                      {"method_title", m.title},
                      {"source", m.provenance.source},
                      {"confidence", to_string(m.provenance.confidence)}};
        // The display name from the config, for legends (burden.qml, the report's map).
        if (!l.config.title.empty()) b.metadata["title"] = l.config.title + " score";
        bands.push_back(b);
    }
    for (const CumulationRule& c : plan.cumulations) {
        BandSpec b;
        b.description = c.name;
        b.unit = c.unit();
        b.metadata = {{"rule", to_string(c.kind)}};
        if (!c.title.empty()) b.metadata["title"] = c.title;
        bands.push_back(b);
    }
    return bands;
}

std::vector<BandSpec> raw_bands(const JobPlan& plan) {
    std::vector<BandSpec> bands;
    for (const LayerPlan& l : plan.layers) bands.push_back(raw_band(l));
    return bands;
}

// Legend labels of the GES classes 0..8 of every GES method in the job, from its table.
std::map<std::string, std::vector<std::string>> ges_class_labels(const JobPlan& plan) {
    std::map<std::string, std::vector<std::string>> out;
    for (const LayerPlan& l : plan.layers) {
        const auto* table = dynamic_cast<const ClassTable*>(l.method.get());
        if (!table || table->info().id.rfind("ges.", 0) != 0) continue;
        std::vector<std::string> labels(static_cast<std::size_t>(table->max_score() + 1));
        for (const ClassRow& r : table->rows())
            if (r.score >= 0) labels[static_cast<std::size_t>(r.score)] = r.label;
        out[l.method->info().id] = labels;
    }
    return out;
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
    const OutputConfig& oc = plan.config.output;
    const std::filesystem::path dir = options.output_dir.empty() ? oc.dir : options.output_dir;
    result.geotiff = dir / oc.geotiff;
    result.geopackage = dir / oc.geopackage;
    result.manifest = dir / oc.manifest;
    if (!oc.raw_geotiff.empty()) result.raw_geotiff = dir / oc.raw_geotiff;
    // Refuse up front, before minutes of work, when an output exists or cannot be written.
    const std::vector<std::filesystem::path> output_paths = run_output_paths(plan.config, dir);
    for (const auto& p : output_paths) AtomicOutput::check_writable(p, options.overwrite);
    const std::vector<Diagnostic> stale_removed = remove_stale_temporaries(output_paths);
    // Every output is renamed into place only once all are complete (commit_all below); on an
    // error or a cancel the group removes their temp files and earlier outputs stay untouched.
    CommitGroup outputs;

    auto report = [&](double fraction, const std::string& stage) {
        if (options.progress && !options.progress(fraction, stage)) throw Cancelled();
    };

    const BandSet bands = make_band_set(plan);
    std::map<std::string, std::string> dataset_md{{"burdenmap_version", burdenmap_version()}, {"study", plan.config.study.name}};
    GeoTiffWriter tiff(result.geotiff, options.overwrite, plan.grid, plan.crs_wkt, tiff_bands(plan), dataset_md, plan.block_size,
                       options.threads);
    std::unique_ptr<GeoTiffWriter> raw_tiff;
    if (!result.raw_geotiff.empty())
        raw_tiff = std::make_unique<GeoTiffWriter>(result.raw_geotiff, options.overwrite, plan.grid, plan.crs_wkt, raw_bands(plan),
                                                   dataset_md, plan.block_size, options.threads);

    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    report(0.0, "processing");
    const auto pipeline_start = Clock::now();
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
    const PipelineResult pipeline = run_block_pipeline(
        plan, bands, layout.windows(), options.threads,
        [&](const WindowResult& r) {
            WindowSummaries& s = summaries[r.index];
            const std::vector<const float*> values = bands_of(r);
            for (std::size_t b = 0; b < values.size(); ++b) tiff.write(r.window, b, values[b], s.tiff[b]);
            if (raw_tiff)
                for (std::size_t i = 0; i < r.raw.size(); ++i) raw_tiff->write(r.window, i, r.raw[i].data(), s.raw[i]);
            s = WindowSummaries{};
        },
        [&](double fraction) { return !options.progress || options.progress(0.9 * fraction, "processing"); },
        [&](const WindowResult& r) {
            WindowSummaries& s = summaries[r.index];
            for (const float* v : bands_of(r)) s.tiff.push_back(tiff.summarise(r.window, v));
            if (raw_tiff)
                for (const auto& raw : r.raw) s.raw.push_back(raw_tiff->summarise(r.window, raw.data()));
        });
    const double pipeline_seconds = seconds_since(pipeline_start);
    const auto& table = pipeline.zones;
    const int threads = pipeline.threads;

    report(0.9, "writing GeoTIFF");
    const auto cog_start = Clock::now();
    tiff.finish();
    write_raster_style(result.geotiff, options.overwrite);  // burden.qml: QGIS opens the raster styled
    if (raw_tiff) raw_tiff->finish();
    const double cog_seconds = seconds_since(cog_start);

    report(0.95, "writing GeoPackage");
    const auto gpkg_start = Clock::now();
    std::vector<FieldSpec> fields = zone_fields(plan, bands);
    std::vector<std::vector<FieldValue>> rows;
    rows.reserve(plan.zones.size());
    const ZoneStats empty = make_zone_stats(bands, false);
    for (std::size_t z = 0; z < plan.zones.size(); ++z) {
        if (table[z]) ++result.zones_with_data;
        rows.push_back(zone_row(plan, bands, z, table[z] ? *table[z] : empty));
    }
    result.zones = plan.zones.size();

    // Fairness: who carries the burden, by income (columns appended to the zones).
    Diagnostics fairness_warnings;
    const FairnessResult fairness = compute_fairness(plan, fields, rows, fairness_warnings);
    fields.insert(fields.end(), fairness.zone_fields.begin(), fairness.zone_fields.end());
    if (fairness.enabled)
        for (std::size_t z = 0; z < plan.zones.size(); ++z)
            rows[z].insert(rows[z].end(), fairness.zone_values[z].begin(), fairness.zone_values[z].end());
    // The GeoPackage's tables as CSV beside it: the same columns in the same order (zones without
    // geometry), committed with the other outputs.
    for (const std::string& t : csv_tables(plan.config)) {
        const std::filesystem::path path = dir / (t + ".csv");
        if (t == "zones") write_csv(path, fields, rows, options.overwrite);
        else if (t == "income_groups") write_csv(path, fairness.group_fields, fairness.group_rows, options.overwrite);
        else write_csv(path, fairness_summary_fields(), fairness_summary_rows(fairness), options.overwrite);
        result.csv.emplace_back(t, path);
    }
    std::vector<Feature> features;
    features.reserve(plan.zones.size());
    for (std::size_t z = 0; z < plan.zones.size(); ++z) features.push_back(Feature{plan.zones[z].wkb, std::move(rows[z])});
    result.fairness = fairness.summary;

    ManifestExtras extras;
    extras.outputs = {{"geotiff", result.geotiff},
                      {"geopackage", result.geopackage},
                      {"manifest", result.manifest},
                      {"raster_style", raster_style_path(result.geotiff)}};
    if (raw_tiff) extras.outputs.emplace_back("raw_geotiff", result.raw_geotiff);
    for (const auto& [csv_table, path] : result.csv) extras.outputs.emplace_back(csv_table + "_csv", path);
    extras.row_hits = pipeline.bin_hits;
    extras.threads = threads;
    extras.sha256 = input_checksums(plan);
    extras.warnings = plan.diagnostics.all();
    extras.warnings.insert(extras.warnings.end(), stale_removed.begin(), stale_removed.end());
    for (const Diagnostic& d : value_warnings(plan, bands, table)) extras.warnings.push_back(d);
    for (const Diagnostic& d : fairness_warnings.all()) extras.warnings.push_back(d);
    extras.fairness = &fairness;
    if (result.zones_with_data < result.zones)
        extras.warnings.push_back({"zones-without-data", std::to_string(result.zones - result.zones_with_data) +
                                                             " zone(s) do not overlap the study grid; their statistics are NULL"});
    // Wall seconds per stage, and the per-window work as CPU seconds summed over threads.
    extras.timings = {{"pipeline", pipeline_seconds},
                      {"pipeline_cpu_read", pipeline.cpu_seconds.read},
                      {"pipeline_cpu_score", pipeline.cpu_seconds.score},
                      {"pipeline_cpu_cumulate", pipeline.cpu_seconds.cumulate},
                      {"pipeline_cpu_zonal", pipeline.cpu_seconds.zonal},
                      {"pipeline_write_tiles", pipeline.sink_seconds},
                      {"cog", cog_seconds}};

    GpkgWriter gpkg(result.geopackage, options.overwrite);
    gpkg.write_layer("zones", "Zones with burden statistics per layer and cumulation (" + plan.config.study.name + ")",
                     plan.crs_wkt, GpkgWriter::GeometryKind::multipolygon, fields, features);
    if (fairness.enabled) {
        gpkg.write_table("income_groups", (fairness.groups_of_zones ? "Mean burden per income group (quintiles and deciles of zones, each zone counting once, by "
                                                                    : "Population-weighted burden per income group (quintiles and deciles of residents by ") +
                                              fairness.income_column + ")",
                         fairness.group_fields, fairness.group_rows);
        gpkg.write_table("fairness_summary", "Fairness measures: concentration index, lowest/highest income group ratios, "
                                             "low-income residents in the most burdened zones",
                         fairness_summary_fields(), fairness_summary_rows(fairness));
    }
    gpkg.write_codebook();
    gpkg.write_layer_styles(zone_layer_styles(fields, features, "zones", ges_class_labels(plan)));  // QGIS opens `zones` styled
    gpkg.write_metadata(manifest_json(plan, extras));
    gpkg.finish();
    extras.timings.emplace_back("geopackage", seconds_since(gpkg_start));
    extras.timings.emplace_back("total", seconds_since(start));
    AtomicOutput::write_text(result.manifest, manifest_json(plan, extras) + "\n", options.overwrite);
    report(1.0, "done");
    outputs.commit_all();

    // The terminal summary: the most burdened zones by the headline statistic (BandSet).
    const std::size_t hb = headline_band(plan, bands);
    result.headline = bands.zonal[hb].prefix + "_mean (" + bands.zonal[hb].unit + ")";
    if (!plan.config.zones.income_fields.empty()) {
        result.income_label = plan.config.zones.income_fields.front().first;
        const auto unit = plan.config.zones.income_units.find(result.income_label);
        if (unit != plan.config.zones.income_units.end()) result.income_unit = unit->second;
    }
    // A count that skips missing layers reads a gap as "not burdened": carry how complete each zone is.
    std::optional<std::size_t> complete_band;
    for (std::size_t c : bands.counts)
        if (bands.cumulation_band(c) == hb && !plan.cumulations[c].incomplete_is_nodata) complete_band = bands.zonal[hb].completeness_band;
    // Ranked as the report ranks them (core/ZoneRanking.h), the tie-break keys read from the zones' columns.
    std::vector<std::string> columns;
    for (const FieldSpec& f : fields) columns.push_back(f.name);
    const TieBreakColumns keys = tie_break_columns(columns, bands.zonal[hb].prefix + "_mean");
    const auto key = [&](std::size_t z, const std::string& column) -> std::optional<double> {
        const auto c = std::find(columns.begin(), columns.end(), column);
        if (c == columns.end()) return std::nullopt;
        const double* v = std::get_if<double>(&features[z].values[static_cast<std::size_t>(c - columns.begin())]);
        return v && std::isfinite(*v) ? std::optional<double>(*v) : std::nullopt;
    };
    std::vector<RankedZone> candidates;
    for (std::size_t z = 0; z < plan.zones.size(); ++z)
        if (table[z] && table[z]->area[hb].has_data())
            candidates.push_back({z, table[z]->area[hb].mean(), key(z, keys.share_at_top), key(z, keys.pop_mean), plan.zones[z].id});
    for (const std::size_t z : rank_zones(std::move(candidates), 5)) {
        ZoneSummary s{plan.zones[z].id, plan.zones[z].name, table[z]->area[hb].mean(), std::nullopt, std::nullopt};
        if (!plan.zones[z].income.empty()) s.income = plan.zones[z].income.front();
        if (complete_band && table[z]->area[*complete_band].has_data()) s.complete_share = table[z]->area[*complete_band].mean();
        result.most_burdened.push_back(s);
    }
    result.tie_break = tie_break_words(keys);
    result.warnings = extras.warnings;
    result.seconds = seconds_since(start);
    return result;
}

}  // namespace burdenmap
