#include "burdenmap/job/CompareRuns.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "burdenmap/compare/ClassShift.h"
#include "burdenmap/compare/CompareLabels.h"
#include "burdenmap/compare/IncomeChange.h"
#include "burdenmap/compare/StatisticColumns.h"
#include "burdenmap/compare/Tolerance.h"
#include "burdenmap/compare/ZoneDelta.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/job/CompareOutputs.h"
#include "burdenmap/job/RunFolder.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

void report_progress(const CompareOptions& options, double fraction, const std::string& stage) {
    if (options.progress && !options.progress(fraction, stage)) throw Cancelled();
}

// True when `inner` is `outer` or lies inside it (however spelled; symlinks resolved).
bool inside(const fs::path& inner, const fs::path& outer) {
    if (same_file(inner, outer)) return true;
    std::error_code ec;
    const fs::path a = fs::weakly_canonical(fs::absolute(inner, ec), ec);
    const fs::path b = fs::weakly_canonical(fs::absolute(outer, ec), ec);
    auto ai = a.begin();
    for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
        if (bi->empty()) continue;  // a trailing separator
        if (ai == a.end() || *ai != *bi) return false;
    }
    return true;
}

void refuse_same_runs(const fs::path& base, const std::vector<fs::path>& plans) {
    for (std::size_t p = 0; p < plans.size(); ++p) {
        if (same_file(plans[p], base))
            throw InputError(plans[p].string() + ": the plan is the base run's folder itself (" + base.string() +
                             "): compare a plan's run folder with the base's");
        for (std::size_t q = 0; q < p; ++q)
            if (same_file(plans[p], plans[q]))
                throw InputError(plans[p].string() + ": the same run folder is given twice as a plan (also as " + plans[q].string() + ")");
    }
}

void refuse_output_in_runs(const fs::path& output_dir, const fs::path& base, const std::vector<fs::path>& plans) {
    std::vector<fs::path> runs{base};
    runs.insert(runs.end(), plans.begin(), plans.end());
    for (const fs::path& run : runs)
        if (inside(output_dir, run))
            throw OutputError("--output-dir " + output_dir.string() + " is inside the run folder " + run.string() +
                              ": compare never writes into a run's folder (its outputs would mix with the run's); choose another folder");
}

ZoneRows zone_rows(const TableData& t) { return ZoneRows{t.columns, t.rows}; }

TableData read_zones(const RunFolder& run, bool with_shapes, const std::string& crs_wkt = "") {
    auto table = read_table(run.geopackage, "zones", with_shapes, crs_wkt);
    if (!table) throw InputError(run.geopackage.string() + ": no zones layer (run folder " + run.dir.string() + ")");
    if (!table->column(zone_id_column))
        throw InputError(run.geopackage.string() + ": the zones layer has no " + zone_id_column + " column");
    return *table;
}

std::vector<std::string> zone_ids(const TableData& t) {
    const ZoneRows rows = zone_rows(t);
    std::vector<std::string> ids;
    for (std::size_t r = 0; r < rows.rows.size(); ++r) ids.push_back(rows.text(r, zone_id_column));
    return ids;
}

// The base's codebook rows of its zones layer, by column.
std::map<std::string, FieldSpec> zone_codebook(const RunFolder& run) {
    std::map<std::string, FieldSpec> out;
    const auto table = read_table(run.geopackage, "codebook");
    if (!table) return out;
    const ZoneRows rows = zone_rows(*table);
    for (std::size_t r = 0; r < rows.rows.size(); ++r) {
        if (rows.text(r, "layer") != "zones") continue;
        FieldSpec f;
        f.name = rows.text(r, "column_name");
        const std::string type = rows.text(r, "type");
        f.type = type == "text" ? FieldType::text : type == "integer" ? FieldType::integer : FieldType::real;
        f.meaning = rows.text(r, "meaning");
        f.unit = rows.text(r, "unit");
        f.method = rows.text(r, "method");
        f.source = rows.text(r, "source");
        out[f.name] = f;
    }
    return out;
}

bool numeric_column(const TableData& t, std::size_t c, const std::map<std::string, FieldSpec>& codebook) {
    if (const auto it = codebook.find(t.columns[c]); it != codebook.end()) return it->second.type != FieldType::text;
    for (const auto& row : t.rows)
        if (std::holds_alternative<std::string>(row[c])) return false;
    return true;
}

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
    std::vector<std::string> out;
    for (const T& i : items) out.push_back(i.name);
    return out;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// The layers and cumulations every plan shares with the base (base order); warnings for the rest.
struct SharedMeasures {
    std::vector<RunLayer> layers;
    std::vector<RunCumulation> cumulations;
};

SharedMeasures shared_measures(const RunFolder& base, const std::vector<RunFolder>& plans, Diagnostics& warnings) {
    SharedMeasures shared;
    const std::vector<std::string> base_names = [&] {
        auto n = names_of(base.layers);
        for (const std::string& c : names_of(base.cumulations)) n.push_back(c);
        return n;
    }();
    std::set<std::string> everywhere(base_names.begin(), base_names.end());
    for (const RunFolder& plan : plans) {
        std::set<std::string> in_plan;
        for (const std::string& n : names_of(plan.layers)) in_plan.insert(n);
        for (const std::string& n : names_of(plan.cumulations)) in_plan.insert(n);
        std::vector<std::string> extra, missing;
        for (const std::string& n : in_plan)
            if (!std::count(base_names.begin(), base_names.end(), n)) extra.push_back(n);
        for (const std::string& n : base_names)
            if (!in_plan.count(n)) missing.push_back(n);
        if (!extra.empty())
            warnings.warn("compare-extra-measure", plan.dir.string() + ": layers or cumulations the base (" + base.dir.string() +
                                                       ") does not have are left out of the comparison: " + joined(extra));
        if (!missing.empty())
            warnings.warn("compare-missing-measure", plan.dir.string() + ": has no " + joined(missing) + " of the base (" +
                                                         base.dir.string() + "); only what both have is compared");
        for (const std::string& n : missing) everywhere.erase(n);
    }
    for (const RunLayer& l : base.layers)
        if (everywhere.count(l.name)) shared.layers.push_back(l);
    for (const RunCumulation& c : base.cumulations)
        if (everywhere.count(c.name)) shared.cumulations.push_back(c);
    return shared;
}

// A layer or cumulation of one plan must mean the same as the base's to be compared: its unit
// and, for a cumulation, its rule (a count against an energetic sum is no difference of anything).
void refuse_changed_meaning(const RunFolder& base, const RunFolder& plan, const SharedMeasures& shared) {
    for (const RunLayer& l : shared.layers)
        for (const RunLayer& p : plan.layers)
            if (p.name == l.name && p.unit != l.unit)
                throw InputError(plan.dir.string() + ": layer '" + l.name + "' is in " + p.unit + ", in the base (" + base.dir.string() +
                                 ") in " + l.unit + ": the runs cannot be compared");
    for (const RunCumulation& c : shared.cumulations)
        for (const RunCumulation& p : plan.cumulations)
            if (p.name == c.name && p.rule != c.rule)
                throw InputError(plan.dir.string() + ": cumulation '" + c.name + "' is " + p.rule + ", in the base (" + base.dir.string() +
                                 ") " + c.rule + ": the runs cannot be compared");
}

std::vector<ComparedMeasure> compared_measures(const SharedMeasures& shared, const ZoneRows& base_zones,
                                               const std::map<std::string, FieldSpec>& codebook,
                                               const std::map<std::string, double>& overrides) {
    std::vector<ComparedMeasure> out;
    for (const RunCumulation& c : shared.cumulations) {
        ComparedMeasure m;
        m.kind = ComparedMeasure::Kind::cumulation;
        m.name = m.layer = c.name;
        m.unit = c.unit;
        m.tolerance = tolerance_for(c.name, c.unit, c.rule, overrides);
        m.classes = static_cast<int>(numbered_columns(base_zones.columns, c.name + "_pop_ge").size());
        out.push_back(m);
    }
    for (const RunLayer& l : shared.layers) {
        ComparedMeasure raw;
        raw.kind = ComparedMeasure::Kind::layer;
        raw.name = raw.layer = l.name;
        raw.unit = l.unit;
        raw.tolerance = tolerance_for(l.name, l.unit, "", overrides);
        out.push_back(raw);
        if (l.method.empty() || !base_zones.column(l.name + "_score_mean")) continue;
        ComparedMeasure score;
        score.kind = ComparedMeasure::Kind::layer_score;
        score.name = l.name + "_score";
        score.layer = l.name;
        const auto spec = codebook.find(score.name + "_mean");
        score.unit = spec != codebook.end() ? spec->second.unit : "class";
        score.tolerance = tolerance_for(score.name, score.unit, "", overrides);
        const auto classes = numbered_columns(base_zones.columns, l.name + "_pop_class_");
        score.classes = classes.empty() ? 0 : classes.back() + 1;
        score.class_labels = l.class_labels;
        out.push_back(score);
    }
    return out;
}

// The columns differenced: residents and population, then every statistic of the shared layers
// and cumulations (StatisticColumns.h), described by the base's codebook.
std::vector<FieldSpec> compared_columns(const TableData& base_zones, const RunFolder& base, const SharedMeasures& shared,
                                        const std::map<std::string, FieldSpec>& codebook) {
    std::vector<std::string> numeric;
    for (std::size_t c = 0; c < base_zones.columns.size(); ++c)
        if (numeric_column(base_zones, c, codebook)) numeric.push_back(base_zones.columns[c]);
    // Owners: every layer and cumulation of the base (so the longest name wins among all of them).
    std::vector<ColumnOwner> owners;
    for (const RunLayer& l : base.layers) {
        ColumnOwner o{l.name, {"input"}};
        if (!l.method.empty()) o.methods.insert(l.method);
        owners.push_back(o);
    }
    for (const RunCumulation& c : base.cumulations) owners.push_back({c.name, {c.rule}});
    std::map<std::string, std::string> methods;
    for (const auto& [name, spec] : codebook) methods[name] = spec.method;
    const auto per_owner = statistic_columns(numeric, owners, methods);
    std::set<std::string> shared_names;
    for (const RunLayer& l : shared.layers) shared_names.insert(l.name);
    for (const RunCumulation& c : shared.cumulations) shared_names.insert(c.name);

    std::vector<FieldSpec> out;
    auto add = [&](const std::string& column) {
        const auto it = codebook.find(column);
        FieldSpec f = it != codebook.end() ? it->second : FieldSpec{column, FieldType::real, column, "", "", ""};
        f.type = FieldType::real;
        out.push_back(f);
    };
    for (const char* column : {"residents", "population"})
        if (std::count(numeric.begin(), numeric.end(), column)) add(column);
    for (std::size_t o = 0; o < owners.size(); ++o)
        if (shared_names.count(owners[o].name))
            for (const std::string& column : per_owner[o]) add(column);
    return out;
}

// The measure the answer leads with: the base's fairness headline when it is a shared cumulation,
// else the first shared cumulation, else the first layer measure.
const ComparedMeasure* headline_measure(const std::vector<ComparedMeasure>& measures, const RunFolder& base) {
    for (const ComparedMeasure& m : measures)
        if (m.kind == ComparedMeasure::Kind::cumulation && (base.headline_burden == m.name + "_mean" || base.headline_burden == m.name + "_pop_mean"))
            return &m;
    for (const ComparedMeasure& m : measures)
        if (m.kind == ComparedMeasure::Kind::cumulation) return &m;
    return measures.empty() ? nullptr : &measures.front();
}


// "raster /data/pop.tif band 2 (EPSG:28992)": run.json keeps the population raster's band only in
// its population.source text (PopulationPlan::describe); band 1 when it says none.
int population_band(const std::string& source) {
    const auto at = source.find(" band ");
    if (at == std::string::npos) return 1;
    try {
        const int band = std::stoi(source.substr(at + 6));
        return band > 0 ? band : 1;
    } catch (const std::exception&) {
        return 1;
    }
}

// Where a plan's residents are, cell by cell, as its run placed them: its zones' population
// (the zones table's `population` column: the field or table column the run used, which a
// scenario may have pointed elsewhere) spread over `area_m2` (the area the run divided by), or
// its population raster.
ResidentsPerCell residents_per_cell(const RunFolder& plan, const TableData& zones) {
    ResidentsPerCell r;
    if (plan.population == RunFolder::Population::raster) {
        r.kind = ResidentsPerCell::Kind::raster;
        r.raster = plan.population_raster;
        r.band = population_band(plan.population_source);
    } else if (plan.population == RunFolder::Population::zones) {
        r.kind = ResidentsPerCell::Kind::zones;
        r.zone_shapes = zones.shapes;
        const ZoneRows rows = zone_rows(zones);
        for (std::size_t z = 0; z < rows.rows.size(); ++z) {
            r.zone_population.push_back(rows.number(z, "population").value_or(std::nan("")));
            r.zone_area.push_back(rows.number(z, "area_m2").value_or(std::nan("")));
        }
    }
    return r;
}

CellComparisonResult compare_plan_cells(const RunFolder& base, const std::vector<RunFolder>& plans, const std::vector<TableData>& plan_zones,
                                        const CompareResult& result, const CompareOutputPaths& paths, const CompareOptions& options) {
    CellComparisonInput in;
    in.grid = base.grid();
    in.crs_wkt = base.crs_wkt;
    in.block_size = base.block_size;
    in.base = {base.geotiff, "base"};
    for (std::size_t p = 0; p < plans.size(); ++p) {
        in.plans.push_back({plans[p].geotiff, result.plans[p].label});
        in.plan_residents.push_back(residents_per_cell(plans[p], plan_zones[p]));
    }
    // burden.tif holds the cumulations and the layer scores (raw layers only in the optional raw GeoTIFF).
    for (const ComparedMeasure& m : result.measures)
        if (m.kind == ComparedMeasure::Kind::cumulation) in.delta_measures.push_back(m);
    for (const ComparedMeasure& m : result.measures)
        if (m.kind == ComparedMeasure::Kind::layer_score) {
            in.delta_measures.push_back(m);
            if (m.classes > 0) in.transition_measures.push_back(m);
        }
    in.overwrite = options.overwrite;
    // The cells are most of the work: 0.15 .. 0.9 of the progress.
    const CompareProgressFn progress = [&options](double fraction, const std::string& stage) {
        return !options.progress || options.progress(0.15 + 0.75 * fraction, stage);
    };
    return compare_cells(in, paths.delta_tif, paths.delta_qml, progress);
}
}  // namespace

CompareResult compare_runs(const fs::path& base_arg, const std::vector<fs::path>& plan_args, const CompareOptions& options) {
    // Absolute from here on: compare.json and the messages name folders the way run.json does.
    const fs::path base_dir = fs::absolute(base_arg);
    std::vector<fs::path> plan_dirs;
    for (const fs::path& p : plan_args) plan_dirs.push_back(fs::absolute(p));
    const fs::path output_dir = fs::absolute(options.output_dir);
    if (plan_dirs.empty()) throw InputError("compare needs the base run's folder and at least one plan's run folder");
    refuse_same_runs(base_dir, plan_dirs);
    report_progress(options, 0.0, "reading runs");
    const RunFolder base = read_run_folder(base_dir);
    std::vector<RunFolder> plans;
    for (const fs::path& p : plan_dirs) plans.push_back(read_run_folder(p));
    refuse_output_in_runs(output_dir, base_dir, plan_dirs);
    for (const RunFolder& plan : plans)
        if (const std::string diff = grid_difference(base, plan); !diff.empty())
            throw InputError(plan.dir.string() + ": not on the base run's grid (" + base.dir.string() + "): " + diff +
                             "; compare needs runs on one grid (the same [study] crs, resolution and extent)");

    CompareResult result;
    std::vector<std::string> study_names;
    for (const RunFolder& plan : plans) study_names.push_back(plan.study_name);
    std::vector<std::string> labels;
    try {
        labels = choose_labels(study_names, options.labels);
    } catch (const std::invalid_argument& e) {
        throw ConfigError("--labels", e.what());
    }
    result.base = {base.dir, base.study_name, "base"};
    for (std::size_t p = 0; p < plans.size(); ++p) result.plans.push_back({plans[p].dir, plans[p].study_name, labels[p]});

    // Every output refused up front when it exists without --overwrite, before any reading.
    const CompareOutputPaths paths = compare_output_paths(output_dir);
    for (const fs::path& out : paths.all()) AtomicOutput::check_writable(out, options.overwrite);

    Diagnostics warnings;
    // Temporary files of an earlier compare that was killed (io/StaleTemporaries.h).
    for (const Diagnostic& d : remove_stale_temporaries(paths.all())) warnings.warn(d.code, d.message);
    const SharedMeasures shared = shared_measures(base, plans, warnings);
    for (const RunFolder& plan : plans) refuse_changed_meaning(base, plan, shared);

    report_progress(options, 0.05, "reading zones");
    const TableData base_table = read_zones(base, true);
    ZoneTables tables;
    tables.base = zone_rows(base_table);
    tables.labels = labels;
    const std::vector<std::string> base_ids = zone_ids(base_table);
    std::vector<TableData> plan_tables;
    for (const RunFolder& plan : plans) {
        // Shapes (in the grid's CRS) where the run spread its zones' population over them.
        plan_tables.push_back(read_zones(plan, plan.population == RunFolder::Population::zones, base.crs_wkt));
        const TableData& t = plan_tables.back();
        const std::vector<std::string> ids = zone_ids(t);
        if (const auto diff = zone_id_difference(base_ids, ids))
            throw InputError(plan.dir.string() + ": its zones are not the base run's (" + base.dir.string() + "): " + *diff +
                             "; compare needs runs of one set of zones");
        tables.plans.push_back(zone_rows(t));
        tables.plan_row.push_back(match_zones(base_ids, ids));
    }
    const auto codebook = zone_codebook(base);
    result.measures = compared_measures(shared, tables.base, codebook, options.tolerances);
    for (const auto& entry : options.tolerances) {
        bool used = false;
        for (const ComparedMeasure& m : result.measures) used = used || tolerance_key_matches(entry.first, m.name, m.unit);
        if (!used) warnings.warn("compare-unused-tolerance", "--tolerance " + entry.first + ": no compared measure has that name or unit");
    }
    std::vector<ComparedMeasure> cumulations, by_income_measures;
    for (const ComparedMeasure& m : result.measures)
        if (m.kind == ComparedMeasure::Kind::cumulation) cumulations.push_back(m);
    by_income_measures = cumulations;
    for (const ComparedMeasure& m : result.measures)
        if (m.kind == ComparedMeasure::Kind::layer) by_income_measures.push_back(m);

    report_progress(options, 0.1, "comparing zones");
    ZoneDeltaInput delta;
    delta.tables = &tables;
    delta.columns = compared_columns(base_table, base, shared, codebook);
    delta.judged = cumulations;
    delta.wkb = base_table.wkb;
    delta.crs_wkt = base.crs_wkt;
    result.zones = zone_comparison(delta);
    result.class_shift = class_shift(tables, result.measures);
    if (!tables.base.column(income_quintile_column))
        warnings.warn("compare-no-income", base.dir.string() + ": the base run's zones have no income_quintile (no [fairness] income): "
                                                               "by_income is empty");
    else
        result.by_income = income_change(tables, by_income_measures);
    if (!tables.base.column(residents_column))
        warnings.warn("compare-no-residents", base.dir.string() + ": the base run has no residents (no [zones] population or "
                                                                  "population raster): residents better / worse are 0");
    if (const ComparedMeasure* headline = headline_measure(result.measures, base))
        result.summaries = summarise(tables, *headline, result.by_income, result.measures);

    result.geopackage = paths.geopackage;
    result.manifest = paths.manifest;
    result.delta_tif = paths.delta_tif;
    result.delta_qml = paths.delta_qml;
    for (const auto& [table, csv] : paths.csvs) result.csvs.push_back(csv);

    // Every output is renamed into place together at the end, or none (an error, a cancel).
    CommitGroup outputs;
    report_progress(options, 0.15, "comparing cells");
    CellComparisonResult cells = compare_plan_cells(base, plans, plan_tables, result, paths, options);
    result.delta_bands = std::move(cells.delta_bands);
    result.transitions = std::move(cells.transitions);
    report_progress(options, 0.9, "writing compare.gpkg");
    result.warnings = warnings.all();
    write_compare_outputs(result, base, plans, options.overwrite);
    outputs.commit_all();
    report_progress(options, 1.0, "done");
    return result;
}

}  // namespace burdenmap
