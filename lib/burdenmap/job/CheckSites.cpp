#include "burdenmap/job/CheckSites.h"

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/CsvWriter.h"
#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/io/SiteSource.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/job/BlockPipeline.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/job/SiteEvaluation.h"
#include "burdenmap/report/OutputStyles.h"

namespace burdenmap {
namespace {

// The study plan with the polygon sites appended to its zones, so the pipeline summarises them
// exactly as it does zones. Returns the plan and, per site, its zone index (polygons only).
JobPlan with_site_zones(const JobPlan& plan, const SiteLayer& layer, std::vector<std::optional<std::size_t>>& zone_of) {
    JobPlan combined = plan;
    std::vector<Box> bounds;
    for (const Zone& z : combined.zones) bounds.push_back(z.bounds);
    for (const Site& s : layer.sites) {
        zone_of.emplace_back();
        if (s.kind != Site::Kind::polygon) continue;
        Zone z;
        z.id = s.id;
        z.geometry = s.polygons;
        z.bounds = s.bounds;
        z.area = s.area;
        zone_of.back() = combined.zones.size();
        combined.zones.push_back(std::move(z));
        bounds.push_back(s.bounds);
    }
    combined.zone_index = std::make_shared<ZoneIndex>(bounds);
    return combined;
}

// Warnings a municipal analyst must see: sites the rasters say nothing about.
void warn_about_coverage(const SiteOutcome& o, const JobPlan& plan, Diagnostics& diagnostics) {
    if (o.kind == "unusable") return;
    bool raster = false, any_data = false;
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        if (plan.layers[i].vector) continue;
        raster = true;
        any_data = any_data || !std::isnan(o.layers[i].value);
    }
    if (o.covered_share == 0)
        diagnostics.warn("site-outside-grid", "site '" + o.id + "' lies outside the study grid (the zones' extent or study.extent): "
                                              "no raster value is known there, so its verdict is unknown");
    else if (raster && !any_data)
        diagnostics.warn("site-no-data", "site '" + o.id + "' lies outside every raster layer (no data there): its verdict is unknown");
    else if (o.covered_share < 1 - 1e-9)
        diagnostics.warn("site-partly-outside-grid", "site '" + o.id + "' lies partly outside the study grid; the part outside counts as no data");
}

nlohmann::ordered_json check_record(const SiteCheckOptions& options, const SiteLayer& layer, const SiteStandards& standards,
                                    const JobPlan& plan, const std::vector<SiteOutcome>& outcomes, const std::string& sites_sha) {
    nlohmann::ordered_json j;
    j["sites"] = {{"path", options.sites.string()}, {"layer", layer.description}, {"id_field", options.id_field},
                  {"sha256", sites_sha}, {"crs", layer.crs_name}, {"reprojected", layer.reprojected},
                  {"count", layer.sites.size()}};
    j["points"] = options.bilinear ? "bilinear between the four cell centres around the point (categorical layers: the cell it falls in)"
                                   : "the value of the cell the point falls in";
    j["polygons"] = "maximum over the cells touching the site decides; mean weighted with exact cell coverage";
    j["contours"] = "exact test on the polygons (GEOS): inside a contour the value is above its level, on its line equal";
    j["legal_rule"] = "a legal value is exceeded only by a higher value (a value exactly at it meets it)";
    j["advisory_rule"] = "guideline values and advisory levels are reached at or above them; future limits when exceeded";
    j["percentile_rule"] = "percentage of the study zones whose mean is at or below the site's mean (point: value), same pass";
    auto layers = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        auto list = nlohmann::ordered_json::array();
        for (const auto& s : standards.layers[i])
            list.push_back({{"kind", sites::to_string(s.kind)}, {"method", s.method}, {"value", s.value},
                            {"confidence", to_string(s.confidence)}});
        layers.push_back({{"layer", plan.layers[i].config.name}, {"standards", list}});
    }
    j["standards"] = layers;
    std::map<std::string, int> counts;
    for (const SiteOutcome& o : outcomes) ++counts[sites::to_string(o.assessment.verdict)];
    j["verdicts"] = counts;
    return j;
}

void write_csv(AtomicOutput& out, const std::string& text) {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f << text;
    f.flush();
    if (!f) throw OutputError(out.final_path().string() + ": write failed (disk full?)");
}

}  // namespace

std::vector<std::filesystem::path> site_check_output_paths(const Config& config, const std::filesystem::path& output_dir) {
    const std::filesystem::path dir = output_dir.empty() ? config.output.dir : output_dir;
    return {dir / "sites.gpkg", dir / "sites.csv"};
}

SiteCheckResult check_sites(const JobPlan& plan, const SiteCheckOptions& options) {
    const auto start = SteadyClock::now();
    SiteCheckResult result;
    const std::vector<std::filesystem::path> output_paths = site_check_output_paths(plan.config, options.output_dir);
    result.geopackage = output_paths[0];
    result.csv = output_paths[1];
    // Refuse up front, before reading pixels, when an output exists or cannot be written.
    AtomicOutput::check_writable(result.geopackage, options.overwrite);
    AtomicOutput::check_writable(result.csv, options.overwrite);
    const std::vector<Diagnostic> stale_removed = remove_stale_temporaries(output_paths);
    auto report = [&](double fraction, const std::string& stage) {
        if (options.progress && !options.progress(fraction, stage)) throw Cancelled();
    };

    const SiteStandards standards = resolve_site_standards(plan);
    if (!standards.any_legal())
        throw ConfigError("layer", "no layer has a standard or limit value, so no site can be checked: add e.g. "
                                   "standard = \"bkl.rail_lden_standaardwaarde\" or limit = \"eu2008.no2_annual\" to a [[layer]]");
    Diagnostics diagnostics;
    for (const Diagnostic& d : stale_removed) diagnostics.warn(d.code, d.message);
    for (const Diagnostic& d : standards.warnings) diagnostics.warn(d.code, d.message);
    const SiteLayer layer = read_sites(options.sites, options.sites_layer, options.id_field, plan.crs_wkt, diagnostics);
    result.sites_description = layer.description;

    std::vector<std::optional<std::size_t>> zone_of, point_of;
    const JobPlan combined = with_site_zones(plan, layer, zone_of);
    std::vector<Point> points;
    for (const Site& s : layer.sites) {
        point_of.emplace_back();
        if (s.kind == Site::Kind::point) {
            point_of.back() = points.size();
            points.push_back(s.point);
        }
    }
    const BandSet bands = make_band_set(combined);
    PointSampler sampler(plan.grid, points, bilinear_layers(plan, options.bilinear && !points.empty(), diagnostics),
                         plan.cumulations.size());
    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    report(0.0, "processing");
    const PipelineResult pipeline = run_block_pipeline(
        combined, bands, layout.windows(), options.threads, /*prepare=*/nullptr, [&](const WindowResult& r) { sampler.take(r); },
        [&](double fraction) { return !options.progress || options.progress(0.9 * fraction, "processing"); });

    for (const Diagnostic& d : pipeline.warnings) diagnostics.warn(d.code, d.message);
    report(0.9, "checking sites");
    SiteEvidence evidence{plan, bands, standards, pipeline.zones, sampler, {}, cumulation_zone_means(plan, bands, pipeline.zones)};
    for (const LayerPlan& l : plan.layers)
        evidence.contours.push_back(l.vector ? std::make_unique<ContourTester>(l.vector) : nullptr);
    for (std::size_t z = 0; z < plan.zones.size(); ++z) result.zones_compared += pipeline.zones[z].has_value();
    bool points_only = true, polygons_only = true;
    for (std::size_t k = 0; k < layer.sites.size(); ++k) {
        const Site& s = layer.sites[k];
        result.sites.push_back(evaluate_site(s, zone_of[k], point_of[k], evidence));
        warn_about_coverage(result.sites.back(), plan, diagnostics);
        points_only = points_only && s.kind != Site::Kind::polygon;
        polygons_only = polygons_only && s.kind != Site::Kind::point;
    }

    report(0.95, "writing");
    result.fields = site_fields(plan, standards);
    std::vector<Feature> features;
    for (std::size_t k = 0; k < result.sites.size(); ++k) {
        result.rows.push_back(site_row(result.sites[k], standards));
        features.push_back(Feature{layer.sites[k].wkb, result.rows.back()});
    }
    result.warnings = diagnostics.all();

    ManifestExtras extras;
    extras.outputs = {{"sites_geopackage", result.geopackage}, {"sites_csv", result.csv}};
    extras.row_hits = pipeline.bin_hits;
    extras.threads = pipeline.threads;
    extras.sha256 = input_checksums(plan);
    extras.warnings = plan.diagnostics.all();
    extras.warnings.insert(extras.warnings.end(), result.warnings.begin(), result.warnings.end());
    nlohmann::ordered_json manifest = nlohmann::ordered_json::parse(manifest_json(plan, extras));
    manifest["check_sites"] = check_record(options, layer, standards, plan, result.sites, file_sha256(options.sites));

    AtomicOutput csv(result.csv, options.overwrite);
    write_csv(csv, csv_text(result.fields, result.rows));
    GpkgWriter gpkg(result.geopackage, options.overwrite);
    const auto kind = points_only ? GpkgWriter::GeometryKind::point
                      : polygons_only ? GpkgWriter::GeometryKind::multipolygon
                                      : GpkgWriter::GeometryKind::unknown;
    gpkg.write_layer("sites", "Candidate sites checked against the standards (" + plan.config.study.name + ")", plan.crs_wkt,
                     kind, result.fields, features);
    gpkg.write_layer_styles(site_layer_styles(result.fields, kind));  // QGIS opens it coloured by verdict
    gpkg.write_codebook();
    gpkg.write_metadata(manifest.dump(2));
    gpkg.finish();
    csv.commit();
    report(1.0, "done");
    result.seconds = seconds_since(start);
    return result;
}

}  // namespace burdenmap
