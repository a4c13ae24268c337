#include "burdenmap/job/RunOutputs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/core/ZoneRanking.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/CsvWriter.h"
#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/job/Fairness.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/job/Uncertainty.h"
#include "burdenmap/job/ValueChecks.h"
#include "burdenmap/job/ZoneTable.h"
#include "burdenmap/report/OutputStyles.h"
#include "burdenmap/score/ClassTable.h"

namespace burdenmap {
namespace {

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

// The zones layer's columns and one row per zone (NULL statistics for a zone without data).
struct ZoneLayer {
    std::vector<FieldSpec> fields;
    std::vector<std::vector<FieldValue>> rows;
};

ZoneLayer build_zone_table(const JobPlan& plan, const BandSet& bands, const std::vector<std::optional<ZoneStats>>& table,
                           RunResult& result) {
    ZoneLayer zones{zone_fields(plan, bands), {}};
    zones.rows.reserve(plan.zones.size());
    const ZoneStats empty = make_zone_stats(bands, false);
    for (std::size_t z = 0; z < plan.zones.size(); ++z) {
        if (table[z]) ++result.zones_with_data;
        zones.rows.push_back(zone_row(plan, bands, z, table[z] ? *table[z] : empty));
    }
    result.zones = plan.zones.size();
    return zones;
}

// Fairness: who carries the burden, by income; its columns appended to the zones.
FairnessResult add_fairness(const JobPlan& plan, ZoneLayer& zones, Diagnostics& warnings) {
    FairnessResult fairness = compute_fairness(plan, zones.fields, zones.rows, warnings);
    zones.fields.insert(zones.fields.end(), fairness.zone_fields.begin(), fairness.zone_fields.end());
    if (fairness.enabled)
        for (std::size_t z = 0; z < plan.zones.size(); ++z)
            zones.rows[z].insert(zones.rows[z].end(), fairness.zone_values[z].begin(), fairness.zone_values[z].end());
    return fairness;
}

// The GeoPackage's tables as CSV beside it: the same columns in the same order (zones without
// geometry), committed with the other outputs.
void write_csv_tables(const JobPlan& plan, const std::filesystem::path& dir, const ZoneLayer& zones, const FairnessResult& fairness,
                      const RunOptions& options, RunResult& result) {
    for (const std::string& t : csv_tables(plan.config)) {
        const std::filesystem::path path = dir / (t + ".csv");
        if (t == "zones") write_csv(path, zones.fields, zones.rows, options.overwrite);
        else if (t == "income_groups") write_csv(path, fairness.group_fields, fairness.group_rows, options.overwrite);
        else write_csv(path, fairness_summary_fields(fairness.intervals), fairness_summary_rows(fairness), options.overwrite);
        result.csv.emplace_back(t, path);
    }
}

// What run.json says beyond the plan: the outputs, the bins used, checksums, every warning in the
// order they arose, and the wall seconds per stage (the per-window work as CPU seconds summed over
// threads). The GeoPackage's and the total time are added once known.
ManifestExtras manifest_extras(const JobPlan& plan, const BandSet& bands, const RunResult& result, const PixelResult& pixels,
                               const std::vector<Diagnostic>& stale_removed, const FairnessResult& fairness,
                               const Diagnostics& fairness_warnings) {
    ManifestExtras extras;
    extras.outputs = {{"geotiff", result.geotiff},
                      {"geopackage", result.geopackage},
                      {"manifest", result.manifest},
                      {"raster_style", raster_style_path(result.geotiff)}};
    if (!result.raw_geotiff.empty()) extras.outputs.emplace_back("raw_geotiff", result.raw_geotiff);
    if (!result.cog_geotiff.empty()) extras.outputs.emplace_back("geotiff_cog", result.cog_geotiff);
    for (const auto& [csv_table, path] : result.csv) extras.outputs.emplace_back(csv_table + "_csv", path);
    extras.row_hits = pixels.bin_hits;
    extras.threads = pixels.threads;
    extras.sha256 = pixels.sha256.empty() ? input_checksums(plan) : pixels.sha256;
    extras.warnings = plan.diagnostics.all();
    extras.warnings.insert(extras.warnings.end(), stale_removed.begin(), stale_removed.end());
    extras.warnings.insert(extras.warnings.end(), pixels.warnings.begin(), pixels.warnings.end());
    for (const Diagnostic& d : value_warnings(plan, bands, pixels.zones)) extras.warnings.push_back(d);
    for (const Diagnostic& d : fairness_warnings.all()) extras.warnings.push_back(d);
    extras.fairness = &fairness;
    if (result.zones_with_data < result.zones)
        extras.warnings.push_back({"zones-without-data", std::to_string(result.zones - result.zones_with_data) +
                                                             " zone(s) do not overlap the study grid; their statistics are NULL"});
    extras.timings = pixels.timings;
    extras.shards_json = pixels.shards_json;
    return extras;
}

// burden.gpkg: the zones (styled for QGIS), the fairness tables, the codebook and the manifest.
void write_geopackage(const JobPlan& plan, const RunResult& result, const RunOptions& options, const std::vector<FieldSpec>& fields,
                      const std::vector<Feature>& features, const FairnessResult& fairness, const ManifestExtras& extras) {
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
                         fairness_summary_fields(fairness.intervals), fairness_summary_rows(fairness));
    }
    gpkg.write_codebook();
    gpkg.write_layer_styles(zone_layer_styles(fields, features, "zones", ges_class_labels(plan)));  // QGIS opens `zones` styled
    gpkg.write_metadata(manifest_json(plan, extras));
    gpkg.finish();
}

// The terminal summary: the most burdened zones by the headline statistic (BandSet), ranked as
// the report ranks them (core/ZoneRanking.h), the tie-break keys read from the zones' columns.
void summarise_most_burdened(const JobPlan& plan, const BandSet& bands, const std::vector<std::optional<ZoneStats>>& table,
                             const std::vector<FieldSpec>& fields, const std::vector<Feature>& features, RunResult& result) {
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
}

}  // namespace

void report_run_progress(const RunOptions& options, double fraction, const std::string& stage) {
    if (options.progress && !options.progress(fraction, stage)) throw Cancelled();
}

void finish_run(const JobPlan& plan, const BandSet& bands, const std::filesystem::path& dir, const RunOptions& options,
                const PixelResult& pixels, const std::vector<Diagnostic>& stale_removed, SteadyClock::time_point start,
                CommitGroup& outputs, RunResult& result) {
    report_run_progress(options, 0.95, "writing GeoPackage");
    const auto gpkg_start = SteadyClock::now();
    ZoneLayer zones = build_zone_table(plan, bands, pixels.zones, result);
    Diagnostics fairness_warnings;
    FairnessResult fairness = add_fairness(plan, zones, fairness_warnings);
    // [uncertainty]: the draws read the finished columns and append their own.
    if (plan.uncertainty.enabled) report_run_progress(options, 0.96, "uncertainty draws");
    const UncertaintyResult uncertainty = compute_uncertainty(plan, pixels.zones, zones.fields, zones.rows, fairness, pixels.threads);
    if (uncertainty.enabled) {
        zones.fields.insert(zones.fields.end(), uncertainty.zone_fields.begin(), uncertainty.zone_fields.end());
        for (std::size_t z = 0; z < plan.zones.size(); ++z)
            zones.rows[z].insert(zones.rows[z].end(), uncertainty.zone_values[z].begin(), uncertainty.zone_values[z].end());
        result.uncertainty = uncertainty.summary;
    }
    write_csv_tables(plan, dir, zones, fairness, options, result);
    std::vector<Feature> features;
    features.reserve(plan.zones.size());
    for (std::size_t z = 0; z < plan.zones.size(); ++z) features.push_back(Feature{plan.zones[z].wkb, std::move(zones.rows[z])});
    result.fairness = fairness.summary;

    ManifestExtras extras = manifest_extras(plan, bands, result, pixels, stale_removed, fairness, fairness_warnings);
    extras.uncertainty = &uncertainty;
    if (uncertainty.enabled) extras.timings.emplace_back("uncertainty", uncertainty.seconds);
    write_geopackage(plan, result, options, zones.fields, features, fairness, extras);
    extras.timings.emplace_back("geopackage", seconds_since(gpkg_start) - uncertainty.seconds);  // the draws are timed apart
    extras.timings.emplace_back("total", seconds_since(start));
    AtomicOutput::write_text(result.manifest, manifest_json(plan, extras) + "\n", options.overwrite);
    report_run_progress(options, 1.0, "done");
    outputs.commit_all();

    summarise_most_burdened(plan, bands, pixels.zones, zones.fields, features, result);
    result.warnings = extras.warnings;
    result.seconds = seconds_since(start);
}

}  // namespace burdenmap
