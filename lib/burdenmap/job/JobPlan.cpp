#include "burdenmap/job/JobPlan.h"

#include <cmath>
#include <locale>
#include <sstream>

#include "burdenmap/config/MethodTableParser.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/AlignedSource.h"
#include "burdenmap/job/LayerChecks.h"
#include "burdenmap/job/LayerKind.h"
#include "burdenmap/score/ExposureResponse.h"
#include "burdenmap/score/UnitDimension.h"

namespace burdenmap {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::shared_ptr<const ScoringMethod> resolve_method(const MethodRegistry& methods, const LayerConfig& layer, std::size_t i) {
    if (layer.inline_method) return layer.inline_method;
    if (!layer.has_method()) return nullptr;  // raw statistics only
    auto method = methods.find(layer.method);
    if (!method) {
        const auto near = methods.suggestions(layer.method);
        throw ConfigError("layer[" + std::to_string(i) + "].method",
                          "unknown method '" + layer.method + "'" +
                              (near.empty() ? "" : "; did you mean: " + join(near)) + " (burdenmap methods lists them all)");
    }
    return method;
}

// Which values a rule combines: a count needs scores (burden levels); max and weighted_sum take the
// layers' scores, or their raw values when no layer of the rule has a method, never a mix (a score
// 6 and 40 µg/m³ have no common scale). Sets rule.raw_values; throws ConfigError at `key`.
void require_values_of_one_kind(CumulationRule& rule, const std::string& key, const std::vector<LayerPlan>& layers) {
    const LayerPlan* scored = nullptr;
    const LayerPlan* unscored = nullptr;
    for (std::size_t i : rule.layers) {
        const LayerPlan*& first = layers[i].scored() ? scored : unscored;
        if (!first) first = &layers[i];
    }
    if (!unscored) return;
    const std::string name = "'" + unscored->config.name + "'";
    const std::string where = "layer[" + std::to_string(unscored - layers.data()) + "].method";
    switch (rule.kind) {
        case CumulationKind::count_at_least:
            throw ConfigError(key, "layer " + name + " has no method, so it has no score to count at a burden level: give it a "
                                   "method (" + where + "), or leave it out of this count_at_least");
        case CumulationKind::max:
        case CumulationKind::weighted_sum:
            if (scored)
                throw ConfigError(key, std::string(to_string(rule.kind)) + " would mix the scores of layer '" + scored->config.name +
                                           "' (it has a method) with the raw values of layer " + name +
                                           " (it has none): give " + name + " a method (" + where +
                                           "), or combine layers without a method in a cumulation of their own");
            rule.raw_values = true;
            rule.raw_unit = layers[rule.layers.front()].config.unit;
            for (std::size_t i : rule.layers)
                if (layers[i].config.unit != rule.raw_unit) rule.raw_unit.clear();
            return;
        default: return;  // energetic_sum adds raw dB; health outcomes put raw values on their own curves
    }
}

}  // namespace

CumulationRule plan_cumulation(const CumulationConfig& c, std::size_t ci, const std::vector<LayerPlan>& layers) {
    const std::string key = "cumulation[" + std::to_string(ci) + "]";
    CumulationRule rule;
    rule.name = c.name;
    rule.title = c.title;
    try {
        rule.kind = cumulation_kind_from_string(c.rule);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(key + ".rule", e.what());
    }
    rule.incomplete_is_nodata = c.missing == "nodata";
    auto layer_index = [&](const std::string& name, const std::string& where) {
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].config.name == name) return i;
        throw ConfigError(where, "no layer named '" + name + "'");
    };
    const bool count = rule.kind == CumulationKind::count_at_least;
    if (!c.layers.empty()) {
        for (const std::string& n : c.layers) rule.layers.push_back(layer_index(n, key + ".layers"));
    } else {
        // "Every layer" of a count means every layer with a score: one without a method has no
        // burden level to reach, and listing it by hand is refused below.
        const bool every_layer = c.group.empty();
        for (std::size_t i = 0; i < layers.size(); ++i)
            if ((c.group.empty() || layers[i].config.group == c.group) && !(every_layer && count && !layers[i].scored()))
                rule.layers.push_back(i);
        if (rule.layers.empty() && every_layer)
            throw ConfigError(key + ".layers", "count_at_least counts layers at their burden level, but no layer has a method "
                                               "(layers without one have raw statistics only): give the layers to count a method");
        if (rule.layers.empty()) throw ConfigError(key + ".group", "no layer has group '" + c.group + "'");
    }
    require_values_of_one_kind(rule, key + (c.group.empty() ? ".layers" : ".group"), layers);
    for (const auto& [name, v] : c.at_least_per_layer) layer_index(name, key + ".at_least." + name);
    for (const auto& [name, v] : c.weights) layer_index(name, key + ".weights." + name);
    for (std::size_t i : rule.layers) {
        const LayerPlan& l = layers[i];
        auto per = c.at_least_per_layer.find(l.config.name);
        // Default level: the method's own "burdened" level (GES 6, a threshold's 1). A layer without a
        // method is in no count (require_values_of_one_kind), so its level is never used.
        const double own_level = l.scored() ? l.method->info().flag_at : 0.0;
        rule.at_least.push_back(per != c.at_least_per_layer.end() ? per->second : c.at_least.value_or(own_level));
        auto w = c.weights.find(l.config.name);
        if (rule.kind == CumulationKind::weighted_sum && w == c.weights.end())
            throw ConfigError(key + ".weights", "weighted_sum needs a weight for layer '" + l.config.name + "'");
        rule.weights.push_back(w != c.weights.end() ? w->second : 1.0);
        // Read as everywhere else (UnitDimension): "dB Lden", "db", "DB(A)", "dBA" are sound levels.
        if (rule.kind == CumulationKind::energetic_sum && unit_dimension(l.config.unit) != UnitDimension::sound_level)
            throw ConfigError(key + ".layers", "energetic_sum adds sound levels in dB, but layer '" + l.config.name +
                                                   "' has unit '" + l.config.unit + "' (set unit = \"dB ...\" if it is a level)");
    }
    return rule;
}

namespace {

// A health_burden cumulation becomes its total (DALYs summed over outcomes) followed by each
// outcome's attributable cases and DALYs, the per-factor breakdown MGR keeps.
std::vector<CumulationRule> build_health_rules(const CumulationConfig& c, std::size_t ci, const std::vector<LayerPlan>& layers,
                                               const MethodRegistry& methods) {
    const std::string key = "cumulation[" + std::to_string(ci) + "]";
    CumulationRule total;
    total.name = c.name;
    total.title = c.title;
    total.kind = CumulationKind::health_burden;
    std::vector<CumulationRule> parts;
    for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
        const HealthOutcomeConfig& oc = c.outcomes[k];
        const std::string okey = key + ".outcome[" + std::to_string(k) + "]";
        HealthOutcome o;
        o.name = oc.name;
        o.layer = layers.size();
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].config.name == oc.layer) o.layer = i;
        if (o.layer == layers.size()) throw ConfigError(okey + ".layer", "no layer named '" + oc.layer + "'");
        auto curve = std::dynamic_pointer_cast<const ExposureResponse>(methods.find(oc.method));
        if (!curve)
            throw ConfigError(okey + ".method", "'" + oc.method + "' is not an exposure_response method" +
                                                    (methods.find(oc.method) ? "" : " (unknown; burdenmap methods lists them)"));
        if (oc.counterfactual) {
            if (!curve->is_relative_risk()) throw ConfigError(okey + ".counterfactual", "applies to relative-risk curves only");
            curve = std::make_shared<ExposureResponse>(curve->with_counterfactual(*oc.counterfactual));
        }
        o.curve = curve;
        o.source = oc.source;
        o.duration_years = oc.duration_years;
        o.disability_weight = oc.disability_weight.value_or(0);
        if (curve->is_relative_risk()) {
            if (!oc.baseline_per_1000)
                throw ConfigError(okey + ".baseline_per_1000", "a relative-risk outcome needs the baseline incidence per 1000 residents per year");
            if (!oc.years_lost_per_case && !oc.disability_weight)
                throw ConfigError(okey, "a relative-risk outcome needs years_lost_per_case and/or disability_weight (with duration_years) for DALYs");
            o.baseline_per_1000 = *oc.baseline_per_1000;
            o.years_lost_per_case = oc.years_lost_per_case.value_or(0);
        } else {
            if (!oc.disability_weight)
                throw ConfigError(okey + ".disability_weight", "an absolute-risk outcome (% affected) needs a disability weight for DALYs");
            if (oc.baseline_per_1000 || oc.years_lost_per_case)
                throw ConfigError(okey, "baseline_per_1000 and years_lost_per_case apply to relative-risk curves only");
        }
        total.outcomes.push_back(o);
        if (std::find(total.layers.begin(), total.layers.end(), o.layer) == total.layers.end()) total.layers.push_back(o.layer);
        for (CumulationKind kind : {CumulationKind::health_cases, CumulationKind::health_daly}) {
            CumulationRule part;
            part.kind = kind;
            part.name = c.name + "_" + o.name + (kind == CumulationKind::health_cases ? "_cases" : "_daly");
            part.layers = {o.layer};
            part.outcomes = {o};
            parts.push_back(part);
        }
    }
    std::vector<CumulationRule> rules{total};
    rules.insert(rules.end(), parts.begin(), parts.end());
    return rules;
}

}  // namespace

std::string LayerPlan::describe() const {
    std::ostringstream s;
    s.imbue(std::locale::classic());  // "0.5" and "1234" whatever the global locale
    s.precision(10);
    if (zone_table) {
        s << zone_table->describe();
    } else if (vector) {
        s << "vector " << vector->description << ", " << vector->shapes.size()
          << " polygons burned at cell centres (highest value wins), background " << config.background;
        if (!vector->not_polygons.empty()) s << " (left out, not polygons: " << vector->not_polygons_text() << ")";
    } else {
        s << "raster " << raster.path.string() << " band " << raster.band << ": " << raster.cols << " x " << raster.rows
          << " cells of " << std::fabs(raster.geotransform[1]) << " x " << std::fabs(raster.geotransform[5]) << " in "
          << raster.crs_name << (reprojected ? " (reprojected)" : "") << ", resampling " << resampling;
    }
    s << "; " << kind << (kind_source.empty() ? "" : " (" + kind_source + ")");
    if (method) s << "; method " << method->info().id;
    else s << "; no method: raw statistics only";
    return s.str();
}

std::vector<const TableJoin*> JobPlan::joins() const {
    std::vector<const TableJoin*> out;
    if (zones_table) out.push_back(&*zones_table);
    for (const LayerPlan& l : layers)
        if (l.zone_table) out.push_back(&l.zone_table->join);
    if (fairness.table) out.push_back(&*fairness.table);
    return out;
}

std::string LayerPlan::source() const {
    if (zone_table) return zone_table->join.table.description;
    if (vector) return vector->description;
    return config.path.filename().string();
}

std::string LayerPlan::unit() const {
    return config.unit.empty() && method ? method->info().unit : config.unit;
}

std::string PopulationPlan::describe() const {
    switch (kind) {
        case Kind::none: return "none (no population field or raster given)";
        case Kind::zones: return "the zones' population field, spread evenly over each zone's area";
        case Kind::raster:
            return "raster " + raster.path.string() + " band " + std::to_string(raster.band) + " (" + raster.crs_name + ")";
    }
    return "";
}

std::vector<std::filesystem::path> method_dirs_for(const Config& config, const std::vector<std::filesystem::path>& override_dirs) {
    std::vector<std::filesystem::path> dirs = override_dirs;
    if (dirs.empty()) dirs.push_back(default_methods_dir());
    dirs.insert(dirs.end(), config.method_dirs.begin(), config.method_dirs.end());
    return dirs;
}

MethodRegistry load_methods_for(const Config& config, const std::vector<std::filesystem::path>& override_dirs) {
    return load_method_tables(method_dirs_for(config, override_dirs));
}

JobPlan plan_job(const Config& config, const PlanOptions& options) {
    JobPlan plan;
    plan.config = config;
    plan.block_size = options.block_size;
    if (options.block_size < 1) throw ConfigError("--block-size", "must be at least 1");
    plan.methods = load_methods_for(config, options.method_dirs);

    // Target CRS: the config's, else the zones'.
    const ZoneLayerInfo zone_info = inspect_zones(config.zones);
    if (!config.study.crs.empty()) {
        plan.crs_wkt = crs_to_wkt(config.study.crs, "study.crs");
    } else {
        if (zone_info.crs_wkt.empty())
            throw InputError(config.zones.path.string() + ": the zones have no CRS; set study.crs or assign one to the file");
        plan.crs_wkt = zone_info.crs_wkt;
    }
    plan.crs_name = crs_short_name(plan.crs_wkt);
    if (crs_is_geographic(plan.crs_wkt))
        throw ConfigError("study.crs", "the target CRS " + plan.crs_name +
                                           " is geographic (degrees): cell areas would vary; choose a projected CRS, e.g. EPSG:28992");

    plan.zones = read_zones(config.zones, plan.crs_wkt, plan.diagnostics);
    plan.zones_table = join_zones_table(config.zones, plan.zones, plan.diagnostics);

    // Layers: methods, sources, and the finest resolution among the rasters.
    double finest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < config.layers.size(); ++i) {
        LayerPlan lp;
        lp.config = config.layers[i];
        lp.method = resolve_method(plan.methods, lp.config, i);
        if (lp.config.is_table()) {
            lp.zone_table = std::make_shared<const ZoneTableLayer>(read_zone_table_layer(
                lp.config, "layer[" + std::to_string(i) + "]", plan.zones, config.zones.id_field, lp.method.get(), plan.diagnostics));
        } else if (lp.config.is_vector()) {
            lp.vector = std::make_shared<VectorLayerData>(read_vector_layer(lp.config, plan.crs_wkt, plan.diagnostics));
            require_polygons(lp, i);
            warn_without_features(lp, plan.diagnostics);
        } else {
            lp.raster = inspect_raster(lp.config.path, lp.config.band, plan.crs_wkt);
            for (const Diagnostic& d : lp.raster.warnings) plan.diagnostics.warn(d.code, d.message);
            lp.reprojected = !crs_equivalent(lp.raster.crs_wkt, plan.crs_wkt);
            if (lp.raster.rotated())
                plan.diagnostics.warn("raster-rotated", lp.raster.path.string() + ": rotated geotransform; warped onto the north-up target grid");
            finest = std::min(finest, lp.raster.resolution_in_target);
        }
        settle_layer_kind(lp, i);
        if (lp.scored()) warn_unit_mismatch(lp.config, lp.method->info(), "its method", plan.diagnostics);
        if (lp.scored() && lp.method->uses_placeholders())
            plan.diagnostics.warn("method-placeholder", "layer '" + lp.config.name + "': method " + labelled_id(lp.method->info()) +
                                                            " has placeholder rows; results in those classes are not verified");
        plan.layers.push_back(std::move(lp));
    }

    // The grid: resolution from the config or the finest raster; extent from the config or the
    // zones, snapped outward to the resolution.
    double res = config.study.resolution.value_or(finest);
    if (!std::isfinite(res))
        throw ConfigError("study.resolution", "is required when no layer is a raster (vector and zone-table layers have no cell size)");
    Box extent;
    if (config.study.extent) {
        extent = *config.study.extent;
    } else {
        for (const Zone& z : plan.zones) extent.expand(z.bounds);
    }
    // A resolution derived from a reprojected raster is rarely round: round it to 3 significant
    // digits so the grid lines stay readable (e.g. 99.87 m → 99.9 m).
    if (!config.study.resolution) {
        const double mag = std::pow(10.0, std::floor(std::log10(res)) - 2);
        res = std::round(res / mag) * mag;
    }
    const double cells = std::ceil(extent.width() / res) * std::ceil(extent.height() / res);
    const double max_cells = 4e9 * static_cast<double>(std::max<std::size_t>(1, options.shards));
    if (!(cells <= max_cells) || extent.width() / res > 2e9 || extent.height() / res > 2e9) {
        // Text, not a cast: the count may exceed any integer type.
        const std::string size = fixed_number(cells, 0) + " cells (" + fixed_number(std::ceil(extent.width() / res), 0) + " x " +
                                 fixed_number(std::ceil(extent.height() / res), 0) + "; " + plain_number(cells * 4 / 1e9, 3) +
                                 " GB per Float32 band)";
        throw ConfigError("study.resolution", std::string("the grid would have ") + size +
                                                  "; the limit is 4e9 cells per run (or per shard, with --shards) and 2e9 per side: "
                                                  "choose a coarser resolution, a smaller extent or more shards");
    }
    plan.grid = Grid::snapped(extent, res);
    for (const LayerPlan& lp : plan.layers)
        if (lp.is_raster()) require_overlap(lp.raster, plan.grid.extent(), plan.crs_name);

    for (LayerPlan& lp : plan.layers) {
        if (!lp.is_raster()) continue;
        lp.resampling = lp.config.resampling.empty() ? default_resampling(lp.raster, plan.grid, lp.categorical()) : lp.config.resampling;
        warn_off_lattice(lp, plan.grid, plan.diagnostics);
        warn_detected_categorical(lp, plan.diagnostics);
    }

    if (!config.population.raster.empty()) {
        plan.population.kind = PopulationPlan::Kind::raster;
        plan.population.raster = inspect_raster(config.population.raster, config.population.band, plan.crs_wkt);
        const double* gt = plan.population.raster.geotransform;
        if (!crs_equivalent(plan.population.raster.crs_wkt, plan.crs_wkt) || gt[2] != 0 || gt[4] != 0)
            plan.diagnostics.warn("population-warped", plan.population.raster.path.string() +
                                                           ": population raster is in another CRS or rotated; counts are moved with GDAL's "
                                                           "'sum' warp, which conserves the total only approximately");
    } else if (!config.zones.population_field.empty()) {
        plan.population.kind = PopulationPlan::Kind::zones;
    }

    for (std::size_t i = 0; i < config.cumulations.size(); ++i) {
        if (config.cumulations[i].rule == "health_burden") {
            for (CumulationRule& r : build_health_rules(config.cumulations[i], i, plan.layers, plan.methods)) {
                for (const HealthOutcome& o : r.outcomes)
                    if (r.kind == CumulationKind::health_burden && o.curve->uses_placeholders())
                        plan.diagnostics.warn("method-placeholder", "cumulation '" + r.name + "': curve " + o.curve->info().id +
                                                                        " has placeholder values; its health burden is not verified");
                plan.cumulations.push_back(std::move(r));
            }
        } else {
            plan.cumulations.push_back(plan_cumulation(config.cumulations[i], i, plan.layers));
        }
    }
    // Names of cumulation bands (including generated health breakdowns) must not collide.
    for (std::size_t a = 0; a < plan.cumulations.size(); ++a) {
        for (const LayerPlan& l : plan.layers)
            if (l.config.name == plan.cumulations[a].name)
                throw ConfigError("cumulation", "the name '" + l.config.name + "' is used by a layer and a cumulation band");
        for (std::size_t b = a + 1; b < plan.cumulations.size(); ++b)
            if (plan.cumulations[a].name == plan.cumulations[b].name)
                throw ConfigError("cumulation", "two cumulation bands are named '" + plan.cumulations[a].name + "'");
    }

    refuse_curves_on_categorical(config.cumulations, plan.layers);
    for (const CumulationRule& r : plan.cumulations)
        if (r.kind == CumulationKind::health_burden)
            for (const HealthOutcome& o : r.outcomes)
                warn_unit_mismatch(plan.layers[o.layer].config, o.curve->info(),
                                   "the curve of outcome '" + o.name + "' (cumulation '" + r.name + "')", plan.diagnostics);

    std::vector<Box> bounds;
    std::size_t outside = 0, partly = 0;
    const Box grid_box = plan.grid.extent();
    for (const Zone& z : plan.zones) {
        bounds.push_back(z.bounds);
        if (!z.bounds.intersects(grid_box)) ++outside;
        else if (z.bounds.intersection(grid_box).area() < z.bounds.area()) ++partly;
    }
    if (outside)
        plan.diagnostics.warn("zones-outside-grid", std::to_string(outside) + " zone(s) lie entirely outside the study extent; their statistics are empty");
    if (partly)
        plan.diagnostics.warn("zones-partly-outside-grid", std::to_string(partly) + " zone(s) lie partly outside the study extent; "
                                                               "their statistics cover the part inside (column covered_share)");
    plan.zone_index = std::make_shared<ZoneIndex>(bounds);
    plan.fairness = plan_fairness(plan, plan.diagnostics);
    plan.uncertainty = plan_uncertainty(plan);
    return plan;
}

}  // namespace burdenmap
