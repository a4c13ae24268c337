#include "burdenmap/job/CompareOutputs.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "burdenmap/compare/ZoneDelta.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/CsvWriter.h"
#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/job/RunManifest.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/SldStyle.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

using nlohmann::ordered_json;

ordered_json number_or_null(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }
ordered_json number_or_null(const std::optional<double>& v) { return v ? number_or_null(*v) : ordered_json(nullptr); }

const char* kind_name(ComparedMeasure::Kind k) {
    switch (k) {
        case ComparedMeasure::Kind::layer: return "layer";
        case ComparedMeasure::Kind::layer_score: return "layer score";
        case ComparedMeasure::Kind::cumulation: return "cumulation";
    }
    return "layer";
}

ordered_json run_entry(const RunFolder& run, const std::string& label) {
    return ordered_json{{"label", label},
                        {"dir", run.dir.string()},
                        {"study_name", run.study_name},
                        {"run_json", run.manifest.string()},
                        {"sha256", run.manifest_sha256},
                        {"tool", run.tool}};
}

// Colour-blind-safe (Okabe-Ito): better blue, same light grey, worse vermilion.
std::vector<report::Category> change_categories() {
    return {{"better", {0, 114, 178}, "better"}, {"same", {221, 221, 221}, "the same"}, {"worse", {213, 94, 0}, "worse"}};
}

// One categorised style per change column (cumulation x alternative); the headline's for the
// first alternative opens by default.
std::vector<LayerStyle> change_styles(const CompareResult& result) {
    std::vector<LayerStyle> out;
    for (const ComparedRun& plan : result.plans)
        for (const ComparedMeasure& m : result.measures) {
            if (m.kind != ComparedMeasure::Kind::cumulation) continue;
            LayerStyle s;
            s.table = "zones";
            s.name = change_column(m.name, plan.label);
            s.description = m.name + " in plan " + plan.label + " against the base: better / the same / worse";
            s.qml = report::categorized_qml(s.name, change_categories(), report::SymbolKind::fill);
            s.sld = report::categorized_sld("zones", s.name, change_categories(), report::SymbolKind::fill);
            out.push_back(s);
        }
    const std::string headline = result.summaries.empty() || result.plans.empty()
                                     ? ""
                                     : change_column(result.summaries.front().headline, result.plans.front().label);
    bool chosen = false;
    for (LayerStyle& s : out)
        if (s.name == headline) s.use_as_default = chosen = true;
    if (!chosen && !out.empty()) out.front().use_as_default = true;
    return out;
}

}  // namespace

std::vector<fs::path> CompareOutputPaths::all() const {
    std::vector<fs::path> out{geopackage, manifest, delta_tif, delta_qml};
    for (const auto& [table, path] : csvs) out.push_back(path);
    return out;
}

CompareOutputPaths compare_output_paths(const fs::path& dir) {
    CompareOutputPaths p;
    p.geopackage = dir / "compare.gpkg";
    p.manifest = dir / "compare.json";
    p.delta_tif = dir / "delta.tif";
    p.delta_qml = dir / "delta.qml";
    for (const char* table : {"zones", "class_shift", "transitions", "by_income"}) p.csvs.emplace_back(table, dir / (std::string(table) + ".csv"));
    return p;
}

std::vector<FieldSpec> class_shift_fields(const CompareResult& result) {
    std::vector<FieldSpec> f = {
        {"measure", FieldType::text, "the layer score (<layer>_score) or cumulation counted", "", "", ""},
        {"kind", FieldType::text, "class: residents in this score class; at_least: residents where the cumulation is at least `class`", "", "", ""},
        {"class", FieldType::integer, "the score class, or the count", "", "", ""},
        {"class_label", FieldType::text, "the class's name in the method table (may be empty)", "", "", ""},
        {"base", FieldType::real, "residents in the base run (the zones' residents per class, summed)", "persons", "", ""}};
    for (const ComparedRun& plan : result.plans) {
        f.push_back({plan.label, FieldType::real, "residents in plan " + plan.label + " (" + plan.study_name + ")", "persons", "", ""});
        f.push_back({plan.label + "_difference", FieldType::real, "plan " + plan.label + " - base", "persons", "", ""});
    }
    return f;
}

std::vector<std::vector<FieldValue>> class_shift_rows(const CompareResult& result) {
    std::vector<std::vector<FieldValue>> rows;
    for (const ClassShiftRow& r : result.class_shift) {
        std::vector<FieldValue> row{r.measure, r.kind, static_cast<long long>(r.cls), r.class_label, real_or_null(r.base)};
        for (std::size_t p = 0; p < result.plans.size(); ++p) {
            const double v = p < r.plan.size() ? r.plan[p] : std::nan("");
            row.push_back(real_or_null(v));
            row.push_back(real_or_null(v - r.base));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<FieldSpec> transition_fields() {
    return {{"measure", FieldType::text, "the layer score whose classes are compared", "", "", ""},
            {"label", FieldType::text, "the alternative", "", "", ""},
            {"from_class", FieldType::integer, "score class of the cell in the base (-1: no data)", "", "", ""},
            {"to_class", FieldType::integer, "score class of the cell in the plan (-1: no data)", "", "", ""},
            {"residents", FieldType::real, "the plan's residents in cells moving from from_class to to_class", "persons", "", ""}};
}

std::vector<std::vector<FieldValue>> transition_rows(const CompareResult& result) {
    std::vector<std::vector<FieldValue>> rows;
    for (const TransitionRow& t : result.transitions)
        rows.push_back({t.measure, t.label, static_cast<long long>(t.from), static_cast<long long>(t.to), real_or_null(t.residents)});
    return rows;
}

std::vector<FieldSpec> by_income_fields() {
    return {{"quintile", FieldType::integer, "income quintile of the base run (1 = lowest income)", "", "", ""},
            {"label", FieldType::text, "the alternative", "", "", ""},
            {"measure", FieldType::text, "the layer or cumulation", "", "", ""},
            {"residents_base", FieldType::real, "the quintile's residents in the base", "persons", "", ""},
            {"residents_plan", FieldType::real, "the same zones' residents in the plan", "persons", "", ""},
            {"mean_base", FieldType::real, "residents-weighted mean in the base (zones' <measure>_pop_mean, else _mean)", "", "", ""},
            {"mean_plan", FieldType::real, "residents-weighted mean in the plan, weighted by the plan's residents", "", "", ""},
            {"mean_change", FieldType::real, "mean_plan - mean_base", "", "", ""},
            {"share_better", FieldType::real, "share of the quintile's plan residents (in zones with a value in both runs) in zones better off", "0-1", "", ""},
            {"share_same", FieldType::real, "share in zones the same (within the measure's tolerance)", "0-1", "", ""},
            {"share_worse", FieldType::real, "share in zones worse off", "0-1", "", ""}};
}

std::vector<std::vector<FieldValue>> by_income_rows(const CompareResult& result) {
    std::vector<std::vector<FieldValue>> rows;
    for (const IncomeChangeRow& r : result.by_income)
        rows.push_back({static_cast<long long>(r.quintile), r.label, r.measure, real_or_null(r.residents_base), real_or_null(r.residents_plan),
                        real_or_null(r.mean_base), real_or_null(r.mean_plan), real_or_null(r.mean_change), real_or_null(r.share_better), real_or_null(r.share_same),
                        real_or_null(r.share_worse)});
    return rows;
}

std::string compare_manifest_json(const CompareResult& result, const RunFolder& base, const std::vector<RunFolder>& plans) {
    ordered_json j;
    j["tool"] = burdenmap_version();
    j["base"] = run_entry(base, "base");
    ordered_json alternatives = ordered_json::array();
    for (std::size_t p = 0; p < plans.size(); ++p) alternatives.push_back(run_entry(plans[p], result.plans[p].label));
    j["alternatives"] = alternatives;
    ordered_json labels = ordered_json::array();
    for (const ComparedRun& plan : result.plans) labels.push_back(plan.label);
    j["labels"] = labels;
    ordered_json measures = ordered_json::array();
    for (const ComparedMeasure& m : result.measures) {
        ordered_json mj{{"name", m.name}, {"kind", kind_name(m.kind)}, {"layer", m.layer}, {"unit", m.unit}, {"tolerance", m.tolerance}};
        if (m.classes > 0) mj["classes"] = m.classes;
        measures.push_back(mj);
    }
    j["measures"] = measures;
    ordered_json summaries = ordered_json::array();
    for (const AlternativeSummary& s : result.summaries) {
        ordered_json levels = ordered_json::array();
        for (const BurdenLevelCount& c : s.at_burden_level)
            levels.push_back({{"layer", c.layer}, {"at_least", c.level}, {"residents_base", c.base}, {"residents_plan", c.plan}});
        summaries.push_back({{"label", s.label},
                             {"headline", s.headline},
                             {"residents_better", s.residents_better},
                             {"residents_same", s.residents_same},
                             {"residents_worse", s.residents_worse},
                             {"lowest_quintile_change", number_or_null(s.lowest_quintile_change)},
                             {"highest_quintile_change", number_or_null(s.highest_quintile_change)},
                             {"residents_base", s.residents_base_total},
                             {"residents_plan", s.residents_plan_total},
                             {"residents_at_burden_level", levels}});
    }
    j["summaries"] = summaries;
    ordered_json bands = ordered_json::array();
    for (const DeltaBand& b : result.delta_bands)
        bands.push_back({{"band", b.band}, {"measure", b.measure}, {"label", b.label}, {"description", b.description},
                         {"min", number_or_null(b.min)}, {"max", number_or_null(b.max)}});
    j["delta_bands"] = bands;
    ordered_json outputs;
    outputs["geopackage"] = result.geopackage.string();
    for (const fs::path& csv : result.csvs) outputs[csv.stem().string() + "_csv"] = csv.string();
    if (!result.delta_tif.empty()) outputs["delta_tif"] = result.delta_tif.string();
    if (!result.delta_qml.empty()) outputs["delta_qml"] = result.delta_qml.string();
    outputs["manifest"] = result.manifest.string();
    j["outputs"] = outputs;
    ordered_json warnings = ordered_json::array();
    for (const Diagnostic& d : result.warnings) warnings.push_back({{"code", d.code}, {"message", d.message}});
    j["warnings"] = warnings;
    return j.dump(2);
}

void write_compare_outputs(const CompareResult& result, const RunFolder& base, const std::vector<RunFolder>& plans, bool overwrite) {
    const std::string manifest = compare_manifest_json(result, base, plans);
    const auto cs_fields = class_shift_fields(result);
    const auto cs_rows = class_shift_rows(result);
    const auto tr_fields = transition_fields();
    const auto tr_rows = transition_rows(result);
    const auto bi_fields = by_income_fields();
    const auto bi_rows = by_income_rows(result);
    {
        GpkgWriter gpkg(result.geopackage, overwrite);
        gpkg.write_layer("zones", "per zone: each alternative's values, plan - base, and better / same / worse", result.zones.crs_wkt,
                         GeometryKind::multipolygon, result.zones.fields, result.zones.features);
        gpkg.write_table("class_shift", "residents per score class (and at or above each count) in the base and each alternative",
                         cs_fields, cs_rows);
        gpkg.write_table("transitions", "residents whose cell moves from one score class to another, per alternative", tr_fields, tr_rows);
        gpkg.write_table("by_income", "per income quintile: the residents-weighted mean change and the shares better / same / worse",
                         bi_fields, bi_rows);
        gpkg.write_codebook();
        gpkg.write_layer_styles(change_styles(result));
        gpkg.write_metadata(manifest);
        gpkg.finish();
    }
    std::vector<std::vector<FieldValue>> zone_rows;
    zone_rows.reserve(result.zones.features.size());
    for (const Feature& f : result.zones.features) zone_rows.push_back(f.values);
    for (const fs::path& csv : result.csvs) {
        const std::string table = csv.stem().string();
        if (table == "zones") write_csv(csv, result.zones.fields, zone_rows, overwrite);
        else if (table == "class_shift") write_csv(csv, cs_fields, cs_rows, overwrite);
        else if (table == "transitions") write_csv(csv, tr_fields, tr_rows, overwrite);
        else if (table == "by_income") write_csv(csv, bi_fields, bi_rows, overwrite);
    }
    AtomicOutput::write_text(result.manifest, manifest + "\n", overwrite);
}

}  // namespace burdenmap
