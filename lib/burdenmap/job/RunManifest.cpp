#include "burdenmap/job/RunManifest.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/RasterSource.h"
#include "burdenmap/job/Fairness.h"
#include "burdenmap/job/Uncertainty.h"
#include "burdenmap/score/ClassTable.h"

namespace burdenmap {
namespace {

using nlohmann::ordered_json;

ordered_json input_entry(const std::filesystem::path& path, const std::map<std::string, std::string>& sha256) {
    ordered_json j;
    j["path"] = path.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) j["bytes"] = size;
    auto it = sha256.find(path.string());
    if (it != sha256.end()) j["sha256"] = it->second;
    return j;
}

ordered_json provenance(const Provenance& p) {
    return ordered_json{{"source", p.source}, {"edition", p.edition}, {"url", p.url}, {"confidence", to_string(p.confidence)}};
}

ordered_json layer_entry(const LayerPlan& l, const std::vector<std::uint64_t>& hits, const std::map<std::string, std::string>& sha256) {
    ordered_json j;
    j["name"] = l.config.name;
    if (!l.config.title.empty()) j["title"] = l.config.title;
    j["input"] = input_entry(l.config.path, sha256);
    j["unit"] = l.config.unit;
    j["group"] = l.config.group;
    // Measurements or class codes (`kind` in the config; "kind" here is raster or vector).
    j["values"] = l.kind;
    if (!l.kind_source.empty()) j["values_source"] = l.kind_source;
    if (l.zone_table) {
        j["kind"] = "zone table";
        if (!l.config.table->layer.empty()) j["layer"] = l.config.table->layer;
        j["id_field"] = l.zone_table->join.table.id_field;
        j["value_field"] = l.config.value_field;
        j["join"] = l.zone_table->join.join.summary();
        j["rule"] = "zone statistics: the zone's table value; cells: the value of the zone covering the cell centre "
                    "(overlapping zones: the first by zone order; outside every zone: no data)";
    } else if (l.vector) {
        j["kind"] = "vector";
        j["layer"] = l.config.vector_layer;
        j["value_field"] = l.config.value_field;
        j["polygons"] = l.vector->shapes.size();
        j["rule"] = "highest value among polygons covering the cell centre; background elsewhere";
        j["background"] = l.config.background;
    } else {
        j["kind"] = "raster";
        j["band"] = l.raster.band;
        j["source_crs"] = l.raster.crs_name;
        j["source_size"] = {l.raster.cols, l.raster.rows};
        j["source_cell_size"] = {l.raster.geotransform[1], -l.raster.geotransform[5]};
        j["reprojected"] = l.reprojected;
        j["resampling"] = l.resampling;
    }
    if (!l.scored()) {  // no "method": the report and codebook show its raw statistics only
        j["statistics"] = "raw statistics only (no method)";
        return j;
    }
    const MethodInfo& m = l.method->info();
    ordered_json method{{"id", m.id}, {"family", m.family}, {"jurisdiction", m.jurisdiction}, {"title", m.title},
                        {"quantity", m.quantity}, {"defined_in", m.defined_in},
                        {"of_this_study", m.of_this_study}};
    if (m.applies_from) method["applies_from"] = *m.applies_from;
    method["provenance"] = provenance(m.provenance);
    // Which class rows (or curve ranges) were used, and whether any of them is a placeholder.
    ordered_json rows = ordered_json::array();
    std::uint64_t placeholder_cells = 0;
    const auto* table = dynamic_cast<const ClassTable*>(l.method.get());
    const std::vector<ScoreBin> bins = l.method->bins();
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const std::uint64_t n = i < hits.size() ? hits[i] : 0;
        if (bins[i].confidence == Confidence::placeholder) placeholder_cells += n;
        ordered_json row{{"label", bins[i].label}, {"confidence", to_string(bins[i].confidence)}, {"cells", n}};
        if (table) {
            const ClassRow& r = table->rows()[i];
            row["score"] = r.score;
            if (std::isfinite(r.lower)) row["lower"] = r.lower;
            if (std::isfinite(r.upper)) row["upper"] = r.upper;
        }
        rows.push_back(row);
    }
    method["bins"] = rows;
    method["cells_scored_by_placeholder_rows"] = placeholder_cells;
    j["method"] = method;
    return j;
}

// A table joined on the zone id: what matched, and the first ids that did not.
// [uncertainty]: the draws, every source as the draws used it, and per ranked measure how many
// zones are surely in, on the edge of, or surely out of the top tenth.
ordered_json uncertainty_json(const JobPlan& plan, const UncertaintyResult& r) {
    const UncertaintyPlan& u = plan.uncertainty;
    ordered_json sources = ordered_json::array();
    for (std::size_t l = 0; l < plan.layers.size(); ++l) {
        const uncertainty::LayerError& e = u.layer_errors[l];
        if (!e.any()) continue;
        sources.push_back({{"kind", "layer_error"}, {"layer", plan.layers[l].config.name}, {"sd_zone", e.sd_zone}, {"sd_study", e.sd_study},
                           {"sd_rel_zone", e.sd_rel_zone}, {"sd_rel_study", e.sd_rel_study}});
    }
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c) {
        if (!u.at_least_options[c].empty())
            sources.push_back({{"kind", "at_least_options"}, {"cumulation", plan.cumulations[c].name}, {"options", u.at_least_options[c]}});
        for (std::size_t i = 0; i < u.weight_ranges[c].size(); ++i) {
            const auto [lo, hi] = u.weight_ranges[c][i];
            if (lo == hi) continue;
            sources.push_back({{"kind", "weights_range"}, {"cumulation", plan.cumulations[c].name},
                               {"layer", plan.layers[plan.cumulations[c].layers[i]].config.name}, {"low", lo}, {"high", hi}});
        }
    }
    if (!u.percentile_options.empty()) {
        std::vector<std::string> rules;
        for (fair::PercentileRule p : u.percentile_options) rules.emplace_back(fair::to_string(p));
        sources.push_back({{"kind", "percentile_options"}, {"rules", rules}});
    }
    for (const RelativeRiskDraw& rr : u.relative_risks) {
        ordered_json used = ordered_json::array();
        for (const auto& [c, o] : rr.outcomes) used.push_back({{"cumulation", plan.cumulations[c].name}, {"outcome", plan.cumulations[c].outcomes[o].name}});
        sources.push_back({{"kind", "relative_risk"}, {"method", rr.method}, {"rr", rr.rr}, {"rr_low", rr.rr_low}, {"rr_high", rr.rr_high},
                           {"outcomes", used}});
    }
    ordered_json measures = ordered_json::array();
    for (const RankedMeasure& m : r.measures) {
        ordered_json mj{{"column", m.column}, {"role", m.role}};
        if (m.flag) {
            mj["p_flagged"] = true;
        } else {
            mj["top_decile_size"] = m.top_decile_size;
            mj["surely_in"] = m.surely_in;
            mj["edge"] = m.edge;
            mj["surely_out"] = m.surely_out;
        }
        measures.push_back(mj);
    }
    ordered_json columns = ordered_json::array();
    for (const DrawnColumn& c : u.columns) columns.push_back(c.column);
    return {{"draws", u.draws}, {"seed", u.seed}, {"sources", sources}, {"drawn_columns", columns},
            {"measures", measures}, {"summary", r.summary}, {"seconds", r.seconds}};
}

ordered_json join_entry(const std::string& key, const std::string& table, const std::string& id_field, const JoinReport& j) {
    auto first = [](const std::vector<std::string>& ids) {
        return std::vector<std::string>(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(ids.size(), 10)));
    };
    return ordered_json{{"key", key},
                        {"table", table},
                        {"id_field", id_field},
                        {"id_match", to_string(j.mode)},
                        {"zones", j.zones},
                        {"matched", j.matched},
                        {"unmatched_zones", j.unmatched_zone_ids.size()},
                        {"table_rows", j.table_rows},
                        {"unmatched_table_rows", j.unmatched_table_ids.size()},
                        {"first_unmatched_zone_ids", first(j.unmatched_zone_ids)},
                        {"first_unmatched_table_ids", first(j.unmatched_table_ids)}};
}

}  // namespace

std::string burdenmap_version() { return "burdenmap 0.1.0"; }

namespace {

// SHA-256 fed in chunks, as lowercase hex: of a file (file_sha256) or of a config chain's
// checksums (config_sha256).
class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
    ~Sha256() { EVP_MD_CTX_free(ctx_); }
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const char* data, std::size_t size) { EVP_DigestUpdate(ctx_, data, size); }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(ctx_, digest, &len);
        static const char* digits = "0123456789abcdef";
        std::string out;
        for (unsigned int i = 0; i < len; ++i) {
            out += digits[digest[i] >> 4];
            out += digits[digest[i] & 15];
        }
        return out;
    }

private:
    EVP_MD_CTX* ctx_;
};

}  // namespace

std::string file_sha256(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "";
    Sha256 sha;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        sha.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    return sha.hex();
}

std::string config_sha256(const Config& config) {
    if (config.extends.empty()) return file_sha256(config.file);
    std::string chain = file_sha256(config.file) + "\n";
    for (const ConfigBase& b : config.extends) chain += file_sha256(b.file) + "\n";
    Sha256 sha;
    sha.update(chain.data(), chain.size());
    return sha.hex();
}

std::map<std::string, std::string> input_checksums(const JobPlan& plan) {
    std::map<std::string, std::string> out;
    out[plan.config.file.string()] = file_sha256(plan.config.file);
    out[plan.config.zones.path.string()] = file_sha256(plan.config.zones.path);
    for (const LayerPlan& l : plan.layers) out[l.config.path.string()] = file_sha256(l.config.path);
    // Every file the numbers come from: joined tables and a population raster too.
    for (const TableJoin* t : plan.joins()) out[t->path.string()] = file_sha256(t->path);
    if (plan.population.kind == PopulationPlan::Kind::raster)
        out[plan.population.raster.path.string()] = file_sha256(plan.population.raster.path);
    return out;
}

std::string manifest_json(const JobPlan& plan, const ManifestExtras& extras) {
    ordered_json j;
    j["tool"] = burdenmap_version();
    j["versions"] = {{"gdal", gdal_version()}, {"proj", proj_version()}, {"geos", geos_version()}};
    j["config"] = {{"path", plan.config.file.string()}, {"sha256", extras.sha256.count(plan.config.file.string()) ? extras.sha256.at(plan.config.file.string()) : ""}, {"text", plan.config.text}};
    // A scenario: the configs it extends, nearest first, as their text and checksum now.
    if (!plan.config.extends.empty()) {
        j["config"]["extends"] = ordered_json::array();
        for (const ConfigBase& b : plan.config.extends)
            j["config"]["extends"].push_back({{"path", b.file.string()}, {"sha256", file_sha256(b.file)}, {"text", b.text}});
    }
    j["study"] = {{"name", plan.config.study.name}, {"crs", plan.crs_name}};
    // The report reads these back: "in <place>", and which legal values are "here".
    if (!plan.config.study.place.empty()) j["study"]["place"] = plan.config.study.place;
    if (!plan.config.study.jurisdiction.empty()) j["study"]["jurisdiction"] = plan.config.study.jurisdiction;
    const Box e = plan.grid.extent();
    j["grid"] = {{"cols", plan.grid.cols()},       {"rows", plan.grid.rows()},
                 {"cell_size", plan.grid.dx()},    {"cell_size_unit", crs_length_unit(plan.crs_wkt)},
                 {"extent", {e.xmin, e.ymin, e.xmax, e.ymax}},
                 {"block_size", plan.block_size},  {"crs_wkt", plan.crs_wkt}};
    j["zones"] = {{"input", input_entry(plan.config.zones.path, extras.sha256)},
                  {"layer", plan.config.zones.layer},
                  {"id_field", plan.config.zones.id_field},
                  {"count", plan.zones.size()},
                  {"nodata_values", plan.config.zones.nodata_values},
                  {"nodata_texts", plan.config.zones.nodata_texts}};
    // Each income column with the field (or "table:<column>") it comes from and its unit.
    ordered_json income = ordered_json::array();
    for (const auto& [key, field] : plan.config.zones.income_fields) {
        const auto unit = plan.config.zones.income_units.find(key);
        income.push_back({{"column", key}, {"field", field}, {"unit", unit != plan.config.zones.income_units.end() ? unit->second : ""}});
    }
    j["zones"]["income"] = income;
    ordered_json layers = ordered_json::array();
    for (std::size_t i = 0; i < plan.layers.size(); ++i)
        layers.push_back(layer_entry(plan.layers[i], i < extras.row_hits.size() ? extras.row_hits[i] : std::vector<std::uint64_t>{}, extras.sha256));
    j["layers"] = layers;
    ordered_json cums = ordered_json::array();
    for (const CumulationRule& c : plan.cumulations) {
        ordered_json names = ordered_json::array();
        for (std::size_t i : c.layers) names.push_back(plan.layers[i].config.name);
        ordered_json cj{{"name", c.name}, {"rule", to_string(c.kind)}, {"layers", names}, {"unit", c.unit()}};
        if (!c.title.empty()) cj["title"] = c.title;
        if (c.kind == CumulationKind::count_at_least) {
            cj["at_least"] = c.at_least;
            cj["missing"] = c.incomplete_is_nodata ? "nodata" : "skip";
        }
        if (c.kind == CumulationKind::weighted_sum) cj["weights"] = c.weights;
        if (c.raw_values) cj["values"] = "raw";  // max, weighted_sum of layers without a method
        if (!c.outcomes.empty()) {
            ordered_json outcomes = ordered_json::array();
            for (const HealthOutcome& o : c.outcomes) {
                ordered_json oj{{"name", o.name},
                                {"layer", plan.layers[o.layer].config.name},
                                {"curve", o.curve->info().id},
                                {"curve_confidence", to_string(o.curve->info().provenance.confidence)},
                                {"disability_weight", o.disability_weight},
                                {"duration_years", o.duration_years},
                                {"parameters_source", o.source}};
                if (o.curve->is_relative_risk()) {
                    oj["counterfactual"] = o.curve->parameters().counterfactual;
                    oj["baseline_per_1000"] = o.baseline_per_1000;
                    oj["years_lost_per_case"] = o.years_lost_per_case;
                }
                outcomes.push_back(oj);
            }
            cj["outcomes"] = outcomes;
        }
        cums.push_back(cj);
    }
    j["cumulations"] = cums;
    if (extras.fairness && extras.fairness->enabled) {
        const FairnessResult& f = *extras.fairness;
        ordered_json fj{{"index", f.index},
                        {"income", f.income_column},
                        {"groups_of_equal", f.groups_of_zones ? "zones" : "residents"},
                        {"headline_burden", f.headline_burden}};
        ordered_json measures = ordered_json::array();
        for (std::size_t k = 0; k < f.measures.size(); ++k) {
            const FairnessMeasure& m = f.measures[k];
            ordered_json mj{{"measure", m.measure}, {"burden", m.burden}, {"value", m.value}, {"meaning", m.meaning}};
            if (m.standard_error) mj["standard_error"] = *m.standard_error;
            if (const auto i = f.measure_intervals.find(k); i != f.measure_intervals.end()) {
                mj["p05"] = i->second.first;
                mj["p95"] = i->second.second;
            }
            measures.push_back(mj);
        }
        fj["measures"] = measures;
        // The income_groups table, as in the GeoPackage.
        ordered_json groups = ordered_json::array();
        for (const auto& row : f.group_rows) {
            ordered_json g;
            for (std::size_t c = 0; c < f.group_fields.size() && c < row.size(); ++c) {
                const FieldValue& v = row[c];
                if (const auto* d = std::get_if<double>(&v)) g[f.group_fields[c].name] = std::isnan(*d) ? ordered_json(nullptr) : ordered_json(*d);
                else if (const auto* i = std::get_if<long long>(&v)) g[f.group_fields[c].name] = *i;
                else if (const auto* s = std::get_if<std::string>(&v)) g[f.group_fields[c].name] = *s;
                else g[f.group_fields[c].name] = nullptr;
            }
            groups.push_back(g);
        }
        fj["income_groups"] = groups;
        fj["summary"] = f.summary;
        j["fairness"] = fj;
    }
    if (extras.uncertainty && extras.uncertainty->enabled) j["uncertainty"] = uncertainty_json(plan, *extras.uncertainty);
    ordered_json joins = ordered_json::array();
    for (const TableJoin* t : plan.joins()) {
        joins.push_back(join_entry(t->key, t->table.description, t->table.id_field, t->join));
        joins.back()["input"] = input_entry(t->path, extras.sha256);
    }
    j["joins"] = joins;
    if (plan.population.kind != PopulationPlan::Kind::none) {
        j["population"] = {{"source", plan.population.describe()}};
        if (plan.population.kind == PopulationPlan::Kind::raster)
            j["population"]["input"] = input_entry(plan.population.raster.path, extras.sha256);
    }
    ordered_json outputs;
    for (const auto& [kind, path] : extras.outputs) outputs[kind] = path.string();
    j["outputs"] = outputs;
    ordered_json warnings = ordered_json::array();
    for (const Diagnostic& d : extras.warnings) warnings.push_back({{"code", d.code}, {"message", d.message}});
    j["warnings"] = warnings;
    ordered_json timings;
    for (const auto& [stage, s] : extras.timings) timings[stage] = std::round(s * 1000) / 1000;
    j["timings_seconds"] = timings;
    if (!extras.shards_json.empty()) j["shards"] = ordered_json::parse(extras.shards_json);
    j["threads"] = extras.threads;
    return j.dump(2);
}

}  // namespace burdenmap
