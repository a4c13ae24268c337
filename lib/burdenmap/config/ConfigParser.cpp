#include "burdenmap/config/ConfigParser.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <stdexcept>

#include "burdenmap/config/TomlReader.h"
#include "burdenmap/score/CumulationRule.h"

namespace burdenmap {
namespace {

using config_detail::TomlReader;
namespace fs = std::filesystem;

// Output column names are built from layer and cumulation names, so keep them SQL- and
// shell-friendly: lowercase letters, digits and underscores, starting with a letter.
void check_name(TomlReader& r, const std::string& key, const std::string& name) {
    bool ok = !name.empty() && name.size() <= 40 && name[0] >= 'a' && name[0] <= 'z';
    for (char ch : name) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
    if (!ok)
        r.fail(key, "'" + name + "' is not a valid name: use 1-40 lowercase letters, digits and underscores, "
                    "starting with a letter (it becomes part of output column names)");
}

StudyConfig parse_study(TomlReader r) {
    StudyConfig s;
    s.name = r.optional_string("name", s.name);
    if (r.has("place")) s.place = r.required_string("place");
    s.jurisdiction = config_detail::read_jurisdiction(r, "jurisdiction", "");
    s.crs = r.optional_string("crs");
    s.resolution = r.optional_number("resolution");
    if (s.resolution && !(*s.resolution > 0 && *s.resolution < 1e300)) r.fail("resolution", "must be positive and finite");
    if (r.has("extent")) {
        const std::vector<double> e = r.number_array("extent");
        if (e.size() != 4 || !(e[0] < e[2]) || !(e[1] < e[3]))
            r.fail("extent", "must be [xmin, ymin, xmax, ymax] with xmin < xmax and ymin < ymax");
        s.extent = Box{e[0], e[1], e[2], e[3]};
    }
    r.reject_unknown({"name", "place", "jurisdiction", "crs", "resolution", "extent"});
    return s;
}

// A [zones] field key's value: a field of the zones layer, or "table:<column>" of [zones] table.
std::string zone_field(TomlReader& r, const std::string& key, const std::string& field, const ZonesConfig& z) {
    if (const auto column = table_column(field)) {
        if (!z.table)
            r.fail(key, "'" + field + "' reads a column of [zones] table, but no table is given; add table = { path = \"...\", "
                        "id = \"...\" } to [zones], or name a field of the zones layer");
        if (column->empty()) r.fail(key, "'" + field + "' names no column: write \"table:<column>\"");
    }
    return field;
}

// `files`: the config chain, the first base first (ExtendedToml::files), to keep income columns in
// the order they were written: a base's keys, then those a scenario added.
ZonesConfig parse_zones(TomlReader r, const std::vector<std::string>& files) {
    ZonesConfig z;
    z.path = r.required_path("path");
    z.layer = r.optional_string("layer");
    z.id_field = r.required_string("id");
    if (const toml::table* t = r.optional_table("table")) z.table = config_detail::parse_join_table(r.sub(*t, "table"));
    z.name_field = zone_field(r, "name", r.optional_string("name"), z);
    z.population_field = zone_field(r, "population", r.optional_string("population"), z);
    if (const toml::table* income = r.optional_table("income")) {
        TomlReader ir = r.sub(*income, "income");
        // toml++ iterates keys sorted; keep the order of the file (it becomes the column order), and
        // with `extends` a base's keys first (a key a scenario overrides keeps its base's place).
        using Place = std::tuple<std::size_t, toml::source_index, toml::source_index>;
        std::vector<std::pair<Place, std::string>> keys;
        for (const auto& [k, v] : *income) {
            const toml::source_region& at = k.source();
            const auto file = at.path ? std::find(files.begin(), files.end(), *at.path) : files.end();
            keys.emplace_back(Place{static_cast<std::size_t>(file - files.begin()), at.begin.line, at.begin.column}, std::string(k.str()));
        }
        std::sort(keys.begin(), keys.end());
        for (const auto& [place, key] : keys) {
            check_name(ir, key, key);
            // `hhi = "field"`, or `hhi = { field = "field", unit = "GBP per household" }`.
            if (const toml::node* n = ir.node(key); n && n->is_table()) {
                TomlReader er = ir.sub(*n->as_table(), key);
                z.income_fields.emplace_back(key, zone_field(er, "field", er.required_string("field"), z));
                const std::string unit = er.optional_string("unit");
                if (!unit.empty()) z.income_units[key] = unit;
                er.reject_unknown({"field", "unit"});
            } else {
                z.income_fields.emplace_back(key, zone_field(ir, key, ir.required_string(key), z));
            }
        }
    }
    r.missing_values("nodata_values", z.nodata_values, z.nodata_texts);
    r.reject_unknown({"path", "layer", "id", "name", "population", "income", "nodata_values", "table"});
    return z;
}

LayerConfig parse_layer(TomlReader r) {
    LayerConfig l;
    l.name = r.required_string("name");
    check_name(r, "name", l.name);
    if (r.has("title")) l.title = r.required_string("title");
    if (r.has("table")) {
        // A zone table: one value per zone (job/ZoneTableLayer), joined like [zones] table.
        if (r.has("path"))
            r.fail("table", "give either 'path' (a raster or vector file) or 'table' (a table of one value per zone), not both");
        l.table = config_detail::read_join_table_keys(r, "table");
        l.path = l.table->path;
        if (!r.has("value")) r.fail("value", "is required for a zone table: the column of the table that holds the layer's values");
        l.value_field = r.required_string("value");
        for (const char* key : {"background", "band", "resampling"})
            if (r.has(key))
                r.fail(key, "does not apply to a zone table (its cells take the value of the zone that covers their centre)");
    } else {
        for (const char* key : {"id", "id_match", "nodata_values"})
            if (r.has(key)) r.fail(key, "applies to zone tables only (set 'table', 'id' and 'value' instead of 'path')");
        l.path = r.required_path("path");
        l.vector_layer = r.optional_string("layer");
        l.value_field = r.optional_string("value");
    }
    if (!l.is_table() && !l.vector_layer.empty() && l.value_field.empty())
        r.fail("value", "is required for a vector layer (the numeric field to burn into cells)");
    if (auto bg = r.optional_number("background")) {
        if (!l.is_vector()) r.fail("background", "applies to vector layers only (set 'layer' and 'value')");
        l.background = *bg;
    }
    if (auto band = r.optional_integer("band")) {
        if (l.is_vector()) r.fail("band", "applies to raster layers only");
        if (*band < 1 || *band > 65535) r.fail("band", "must be between 1 and 65535");
        l.band = static_cast<int>(*band);
    }
    l.unit = r.optional_string("unit");
    l.group = r.optional_string("group");
    if (const toml::node* m = r.node("method"); m && m->is_table()) {
        // An inline method: the same keys as a [[method]] of a method table, with a source.
        l.inline_method = config_detail::parse_inline_method(*m->as_table(), r.key_path("method"), r.file(), "inline." + l.name);
        l.method = l.inline_method->info().id;
    } else if (r.has("method")) {
        l.method = r.required_string("method");
    }  // no method: raw statistics only (job/JobPlan)
    l.resampling = r.optional_string("resampling");
    static const std::set<std::string> resamplings{"", "near", "bilinear", "cubic", "average", "min", "max", "mode"};
    if (!resamplings.count(l.resampling))
        r.fail("resampling", "'" + l.resampling + "' is not one of near, bilinear, cubic, average, min, max, mode");
    if (l.is_vector() && !l.resampling.empty())
        r.fail("resampling", "applies to raster layers only (vector layers are burned at cell centres)");
    // Class codes (land cover) or measurements; empty: detected from the raster (plan_job).
    l.kind = r.optional_string("kind");
    if (!l.kind.empty() && l.kind != "continuous" && l.kind != "categorical")
        r.fail("kind", "'" + l.kind + "' is not one of continuous, categorical (class codes such as land cover)");
    // Values check-sites compares with (threshold method ids, resolved against the method tables
    // by resolve_site_standards, which names these keys when an id is unknown).
    l.standard = r.optional_string("standard");
    l.limit = r.optional_string("limit");
    l.future_limit = r.optional_string("future_limit");
    l.guidelines = r.string_array("guidelines");
    l.error = config_detail::read_layer_error(r);  // [uncertainty]: the layer's input error
    r.reject_unknown({"name", "title", "path", "layer", "value", "background", "band", "unit", "group", "method", "resampling",
                      "kind", "standard", "limit", "future_limit", "guidelines", "table", "id", "id_match", "nodata_values",
                      "error"});
    return l;
}

HealthOutcomeConfig parse_outcome(TomlReader r) {
    HealthOutcomeConfig o;
    o.name = r.required_string("name");
    check_name(r, "name", o.name);
    o.layer = r.required_string("layer");
    o.method = r.required_string("method");
    o.counterfactual = r.optional_number("counterfactual");
    o.disability_weight = r.optional_number("disability_weight");
    if (o.disability_weight && !(*o.disability_weight >= 0 && *o.disability_weight <= 1))
        r.fail("disability_weight", "must be between 0 and 1");
    if (auto d = r.optional_number("duration_years")) {
        if (!(*d > 0)) r.fail("duration_years", "must be positive");
        o.duration_years = *d;
    }
    o.baseline_per_1000 = r.optional_number("baseline_per_1000");
    if (o.baseline_per_1000 && !(*o.baseline_per_1000 >= 0)) r.fail("baseline_per_1000", "must not be negative");
    o.years_lost_per_case = r.optional_number("years_lost_per_case");
    if (o.years_lost_per_case && !(*o.years_lost_per_case >= 0)) r.fail("years_lost_per_case", "must not be negative");
    o.source = r.required_string("source");
    r.reject_unknown({"name", "layer", "method", "counterfactual", "disability_weight", "duration_years",
                      "baseline_per_1000", "years_lost_per_case", "source"});
    return o;
}

bool known_rule(const std::string& rule) {
    try {
        cumulation_kind_from_string(rule);
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

CumulationConfig parse_cumulation(TomlReader r) {
    CumulationConfig c;
    c.name = r.required_string("name");
    check_name(r, "name", c.name);
    if (r.has("title")) c.title = r.required_string("title");
    c.rule = r.required_string("rule");
    c.layers = r.string_array("layers");
    c.group = r.optional_string("group");
    if (!c.layers.empty() && !c.group.empty()) r.fail("group", "give either 'layers' or 'group', not both");
    if (const toml::node* n = r.node("at_least")) {
        if (n->is_table()) {
            TomlReader ar = r.sub(*n->as_table(), "at_least");
            for (const auto& [k, v] : *n->as_table()) c.at_least_per_layer[std::string(k.str())] = ar.required_number(std::string(k.str()));
        } else if (n->is_integer() || n->is_floating_point()) {
            c.at_least = r.optional_number("at_least");
        } else {
            r.fail("at_least", "must be a number or a table of layer = number");
        }
    }
    if (r.has("missing")) {
        c.missing = r.required_string("missing");
        // Only for a known other rule: a misspelt count_at_least is refused by plan_job
        // (cumulation[i].rule, listing the rules), and "remove missing" would be the wrong fix.
        if (c.rule != "count_at_least" && known_rule(c.rule))
            r.fail("missing", "applies to rule = \"count_at_least\" only (this cumulation's rule is '" + c.rule + "'); remove it");
        if (c.missing != "skip" && c.missing != "nodata")
            r.fail("missing", "'" + c.missing + "' is not one of skip (count the layers with data), nodata (no count where a "
                              "layer lacks data)");
    }
    if (const toml::table* w = r.optional_table("weights")) {
        TomlReader wr = r.sub(*w, "weights");
        for (const auto& [k, v] : *w) c.weights[std::string(k.str())] = wr.required_number(std::string(k.str()));
    }
    // [uncertainty] method choices; only for a known other rule refused here, as `missing` is.
    config_detail::read_cumulation_choices(r, c, known_rule(c.rule));
    const auto outcomes = r.table_array("outcome");
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        c.outcomes.push_back(parse_outcome(r.sub(*outcomes[i], "outcome[" + std::to_string(i) + "]")));
    if (c.rule == "health_burden" && c.outcomes.empty())
        r.fail("outcome", "health_burden needs at least one [[cumulation.outcome]] (layer, method, parameters, source)");
    if (c.rule != "health_burden" && !c.outcomes.empty()) r.fail("outcome", "outcomes belong to rule = \"health_burden\"");
    // check-sites: a number (a local policy level) or a threshold method id.
    if (const toml::node* n = r.node("advisory_at")) {
        if (n->is_string()) c.advisory_method = r.required_string("advisory_at");
        else if (n->is_integer() || n->is_floating_point()) c.advisory_at = r.optional_number("advisory_at");
        else r.fail("advisory_at", "must be a number or a threshold method id (e.g. \"ggd.noise_cumulative_lden\")");
    }
    r.reject_unknown({"name", "title", "rule", "layers", "group", "at_least", "missing", "weights", "at_least_options",
                      "weights_range", "outcome", "advisory_at"});
    return c;
}

OutputConfig parse_output(TomlReader r, const fs::path& base) {
    OutputConfig o;
    // Absent: "out" beside the config itself (`base`), never a base config's folder or `dir`.
    o.dir = r.optional_path("dir", base / "out");
    o.geotiff = r.optional_string("geotiff", o.geotiff);
    o.geopackage = r.optional_string("geopackage", o.geopackage);
    o.manifest = r.optional_string("manifest", o.manifest);
    o.raw_geotiff = r.optional_string("raw_geotiff");
    o.csv = r.optional_bool("csv").value_or(o.csv);
    const std::pair<const char*, const std::string*> names[] = {
        {"geotiff", &o.geotiff}, {"geopackage", &o.geopackage}, {"manifest", &o.manifest}, {"raw_geotiff", &o.raw_geotiff}};
    for (const auto& [key, name] : names) {
        const bool optional_empty = name == &o.raw_geotiff && name->empty();
        // A backslash too: it separates folders on Windows, where sub\burden.tif is burden.tif in sub.
        if (!optional_empty && (name->empty() || name->find_first_of("/\\") != std::string::npos || *name == "." || *name == ".."))
            r.fail(key, "'" + *name + "' must be a plain file name inside 'dir' (no folders)");
    }
    r.reject_unknown({"dir", "geotiff", "geopackage", "manifest", "raw_geotiff", "csv"});
    return o;
}

}  // namespace

Config parse_config(const fs::path& file) {
    Config cfg;
    cfg.file = fs::absolute(file).lexically_normal();
    const std::string where = file.string();
    // `extends`: the base configs merged in, each path relative to the file that wrote it.
    config_detail::ExtendedToml loaded = config_detail::load_extended_toml(where);
    cfg.text = std::move(loaded.text);
    cfg.extends = std::move(loaded.extends);
    cfg.changes = std::move(loaded.changes);
    const toml::table& root = loaded.root;
    const fs::path base = cfg.file.parent_path();
    TomlReader r(root, "", where);
    // A scenario's layers and cumulations merge by name, so its errors name them by name
    // ("layer[road_noise].pth"): an index into the merged list is no line of any one file.
    const bool by_name = !cfg.extends.empty();
    const auto entry = [by_name](const std::string& key, const toml::table& t, std::size_t i) {
        const toml::node* name = t.get("name");
        return key + "[" + (by_name && name && name->is_string() ? name->as_string()->get() : std::to_string(i)) + "]";
    };

    if (const toml::table* t = r.optional_table("study")) cfg.study = parse_study(r.sub(*t, "study"));
    const toml::table* zones = r.optional_table("zones");
    if (!zones) r.fail("zones", "section is required: the neighbourhood polygons ([zones] path, id, ...)");
    cfg.zones = parse_zones(r.sub(*zones, "zones"), loaded.files);

    const auto layers = r.table_array("layer");
    if (layers.empty()) r.fail("layer", "at least one [[layer]] is required");
    std::set<std::string> names;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        TomlReader lr = r.sub(*layers[i], entry("layer", *layers[i], i));
        cfg.layers.push_back(parse_layer(lr));
        if (!names.insert(cfg.layers.back().name).second)
            lr.fail("name", "layer name '" + cfg.layers.back().name + "' is used twice");
    }
    const auto cumulations = r.table_array("cumulation");
    for (std::size_t i = 0; i < cumulations.size(); ++i) {
        TomlReader cr = r.sub(*cumulations[i], entry("cumulation", *cumulations[i], i));
        cfg.cumulations.push_back(parse_cumulation(cr));
        if (!names.insert(cfg.cumulations.back().name).second)
            cr.fail("name", "name '" + cfg.cumulations.back().name + "' is already used by a layer or cumulation");
    }
    // `dir` is never inherited (ConfigExtends.cpp): without one, "out" beside this config.
    if (const toml::table* t = r.optional_table("output")) cfg.output = parse_output(r.sub(*t, "output"), base);
    else cfg.output.dir = base / "out";
    if (const toml::table* t = r.optional_table("fairness")) cfg.fairness = config_detail::parse_fairness(r.sub(*t, "fairness"));
    if (const toml::table* t = r.optional_table("uncertainty")) cfg.uncertainty = config_detail::parse_uncertainty(r.sub(*t, "uncertainty"));
    if (const toml::table* t = r.optional_table("population")) {
        TomlReader pr = r.sub(*t, "population");
        cfg.population.raster = pr.required_path("raster");
        if (auto band = pr.optional_integer("band")) {
            if (*band < 1 || *band > 65535) pr.fail("band", "must be between 1 and 65535");
            cfg.population.band = static_cast<int>(*band);
        }
        pr.reject_unknown({"raster", "band"});
    }
    if (const toml::table* t = r.optional_table("methods")) {
        TomlReader mr = r.sub(*t, "methods");
        cfg.method_dirs = mr.path_array("dirs");
        mr.reject_unknown({"dirs"});
    }
    r.reject_unknown({"study", "zones", "layer", "cumulation", "output", "population", "fairness", "uncertainty", "methods"});
    return cfg;
}

}  // namespace burdenmap
