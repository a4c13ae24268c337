#pragma once
// The job, as the config file states it (DESIGN.md §3). Paths are already resolved against the
// folder of the file that wrote them: the config's own, or with `extends` a base config's. Only
// run-time concerns (threads, block size, overwrite, progress) come from the command line instead.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/Box.h"
#include "burdenmap/core/JoinReport.h"
#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

struct StudyConfig {
    std::string name = "burdenmap study";  // a title, not a place: the report says "in <place>"
    std::string place;                 // empty: the report names no place
    // Where the study is ("NL", "EU", "US-CA", …): a method whose jurisdiction this is (or the EU's,
    // for a member state) gives "legal limit values here"; others are "for reference". Empty: none.
    std::string jurisdiction;
    std::string crs;                   // empty: the zones' CRS
    std::optional<double> resolution;  // map units; default: the finest input raster
    std::optional<Box> extent;         // default: the zones' extent
};

// A table joined on the zone id ([zones] table, [fairness.table]): CSV, XLSX or any OGR layer.
struct JoinTableConfig {
    std::filesystem::path path;
    std::string layer;
    std::string id;
    IdMatch id_match = IdMatch::exact;  // "digits": FIPS/CBS codes with and without leading zeros
    std::vector<double> nodata_values;
    std::vector<std::string> nodata_texts;  // text tokens ("NA", "n/a") that become NULL
};

// "table:<column>" in a [zones] field key: a column of [zones] table rather than a field of the
// zones layer. The column name, or nullopt for a plain field name.
inline std::optional<std::string> table_column(const std::string& field) {
    static const std::string prefix = "table:";
    if (field.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    return field.substr(prefix.size());
}

struct ZonesConfig {
    std::filesystem::path path;
    std::string layer;            // empty: the only / first layer
    std::string id_field;
    std::string name_field;       // optional
    std::string population_field; // optional
    // Output name → input field, e.g. {"low_income_share", "percentage_huishoudens_met_laag_inkomen"}.
    // Each field may be "table:<column>" (see table_column), as may name_field and population_field.
    std::vector<std::pair<std::string, std::string>> income_fields;
    std::map<std::string, std::string> income_units;  // income key → its unit ("GBP per household"), if given
    std::vector<double> nodata_values;  // CBS sentinels such as -99999999 become NULL
    std::vector<std::string> nodata_texts;  // text tokens in text fields ("NA", "n/a") that become NULL
    std::optional<JoinTableConfig> table;   // [zones] table: joined on the zone id
};

// One part of a layer's input error for the uncertainty draws ([[layer]] error = { sd = 2.0 }, or
// an array of such tables for errors at both scales). uncertainty/LayerError.h says what a draw
// does with it.
struct LayerErrorConfig {
    double sd = 0;               // standard deviation in the layer's unit
    double sd_rel = 0;           // relative standard deviation (0.2 = 20 %): a log-normal factor of median 1
    std::string scale = "zone";  // "zone": independent per zone and draw; "study": one for the whole map per draw
};

struct LayerConfig {
    std::string name;
    std::string title;          // display name (report, codebook, styles); empty: from the name
    std::filesystem::path path; // the raster or vector file; for a zone table, the table's path
    std::string vector_layer;   // set for vector layers (OGR layer name); empty for rasters
    std::string value_field;    // vector layers: the numeric field burned into cells; zone tables: the value column
    // A zone table (`table = "no2.csv"`, `id`, `value`): one value per zone, joined on the zone id
    // like [zones] table (job/ZoneTableLayer). Its `layer` is the table's sheet or OGR layer.
    std::optional<JoinTableConfig> table;
    double background = 0.0;    // vector layers: value of cells outside every polygon
    int band = 1;               // raster layers
    std::string unit;
    std::string group;
    // A method id from the method tables, or "inline:<layer>"; empty: no method, the layer gets
    // its raw statistics only (no score) and enters cumulations of raw values only.
    std::string method;
    std::shared_ptr<const ScoringMethod> inline_method;  // `method = { ... }` in the config
    std::string resampling;     // empty: chosen from the resolutions and the kind (see AlignedSource)
    // "continuous" (measurements: averaged when finer than the grid) or "categorical" (class codes:
    // never averaged, scored by class tables only); empty: detected from the raster (job/LayerKind).
    std::string kind;
    // What `check-sites` compares this layer with: threshold method ids (empty: none). Legal
    // values (standard: e.g. a Bkl standaardwaarde; limit: a Bkl grenswaarde or EU limit in force)
    // decide the verdict; a future limit (e.g. EU 2030) and guidelines (WHO) raise a health advisory.
    std::string standard;
    std::string limit;
    std::string future_limit;
    std::vector<std::string> guidelines;
    std::vector<LayerErrorConfig> error;  // [uncertainty]: the layer's input error; empty: none
    bool is_table() const { return table.has_value(); }
    bool is_vector() const { return !is_table() && (!value_field.empty() || !vector_layer.empty()); }
    bool has_method() const { return !method.empty(); }
};

// One outcome of a health_burden cumulation ([[cumulation.outcome]]).
struct HealthOutcomeConfig {
    std::string name;
    std::string layer;
    std::string method;                         // an exposure_response method id
    std::optional<double> counterfactual;       // relative-risk curves: override the method's
    std::optional<double> disability_weight;
    double duration_years = 1;
    std::optional<double> baseline_per_1000;
    std::optional<double> years_lost_per_case;
    std::string source;
};

struct CumulationConfig {
    std::string name;
    std::string title;                      // display name; empty: from the name
    std::string rule;
    std::vector<std::string> layers;        // empty with no group: every layer
    std::string group;                      // alternative to layers: every layer of this group
    std::optional<double> at_least;         // count_at_least: one level for every layer
    std::map<std::string, double> at_least_per_layer;
    // count_at_least: a cell where a counted layer has no data — "skip": count the layers with
    // data (the cell may count too low), "nodata": the cell has no count.
    std::string missing = "skip";
    std::map<std::string, double> weights;  // weighted_sum
    // [uncertainty] method choices: count_at_least levels drawn instead of at_least (one level
    // for every layer per draw), and weighted_sum weights drawn log-uniformly in [low, high].
    std::vector<double> at_least_options;
    std::map<std::string, std::pair<double, double>> weights_range;
    std::vector<HealthOutcomeConfig> outcomes;  // health_burden
    // check-sites: a health advisory where the site's value is at or above this level: a number
    // (a local policy choice, e.g. 3 burdened layers) or a threshold method id (advisory_method).
    std::optional<double> advisory_at;
    std::string advisory_method;
};

// Where residents are: a raster of counts per cell (any grid), else the zones' population field
// spread evenly over each zone's area.
struct PopulationConfig {
    std::filesystem::path raster;  // empty: use zones.population (if set)
    int band = 1;
};

// One indicator of the fairness analysis ([[fairness.indicator]]).
struct FairnessIndicatorConfig {
    std::string name;       // short, part of column names
    std::string from;       // a zones column (statistic, income or population key) or "table:<column>"
    std::string label;      // plain-language name for reasons; default: name
    std::string group;      // the preset's group (CES component, CEJST category, "environmental", ...)
    std::string direction = "higher_is_worse";
    std::string percentile; // override of the preset's rule (e.g. "given" for published percentiles)
    std::optional<double> high_at;  // count_high: the "high" class boundary
    std::string unit;
};


// Who carries the burden, by income ([fairness]).
struct FairnessConfig {
    bool enabled = false;
    std::string index = "none";   // a preset id from the method tables' [[index]], or "none"
    std::string percentile;       // override of the preset's percentile rule
    std::string income;           // key of [zones] income: the income indicator for groups
    std::string income_order = "higher_is_poorer";
    std::string low_income_share; // key of [zones] income holding a % of low-income residents
    std::string burden;           // the headline burden column; default: first cumulation's mean
    // Income groups of equal "residents" (needs a population), or of equal numbers of "zones".
    std::string income_groups = "residents";
    bool population_weights = false;
    bool donut_hole = false;      // cejst
    std::string low_income_indicator;  // cejst: the indicator name used as low income
    std::string demographic_index;     // ejscreen: a zones column with the demographic index (0-1)
    std::string supplemental_index;    // ejscreen: optional supplemental demographic index
    std::vector<FairnessIndicatorConfig> indicators;
    std::optional<JoinTableConfig> table;
};

// How sure each ranking is ([uncertainty]): Monte Carlo draws at zone level (job/Uncertainty). The
// sources are per layer (LayerConfig::error), per cumulation (at_least_options, weights_range),
// the fairness preset's percentile rule (percentile_options) and the exposure–response curves'
// 95 % confidence intervals (a method table's rr_low, rr_high).
struct UncertaintyConfig {
    bool enabled = false;          // the config has an [uncertainty] section
    int draws = 500;
    std::uint64_t seed = 1;
    std::vector<std::string> percentile_options;  // fairness percentile rules, one drawn per draw; empty: the preset's
    bool exposure_response = true;  // draw each curve's relative risk from its CI where its table has one
};

struct OutputConfig {
    std::filesystem::path dir;
    std::string geotiff = "burden.tif";
    std::string geopackage = "burden.gpkg";
    std::string manifest = "run.json";
    std::string raw_geotiff;  // optional second GeoTIFF with the aligned raw layers
    // zones.csv, income_groups.csv, fairness_summary.csv beside the GeoPackage (job/OutputNames csv_tables).
    bool csv = true;
};

// A config file that a scenario config extends (`extends = "base.toml"`), for the run manifest.
struct ConfigBase {
    std::filesystem::path file;  // absolute
    std::string text;
};

// What a scenario config set over the config it extends, for `validate`: a key it gave
// ("zones.population", "layer[road_noise].path") or a whole entry it added ("layer[screen]",
// added = true). `file` is the config that set it (in a chain, the last one that did).
struct ConfigChange {
    std::string key;
    std::filesystem::path file;
    bool added = false;
};

struct Config {
    std::filesystem::path file;      // the config file itself
    std::string text;                // its contents, for the run manifest
    // `extends`: the configs this one builds on, nearest first (plan.toml's base, then its base).
    // Empty for a config that extends none. Their keys are merged into the fields below.
    std::vector<ConfigBase> extends;
    std::vector<ConfigChange> changes;  // empty unless `extends`
    StudyConfig study;
    ZonesConfig zones;
    std::vector<LayerConfig> layers;
    std::vector<CumulationConfig> cumulations;
    OutputConfig output;
    PopulationConfig population;
    FairnessConfig fairness;
    UncertaintyConfig uncertainty;
    std::vector<std::filesystem::path> method_dirs;  // extra method-table folders

    // The changes to one entry or section ("layer[road_noise]", "zones"): those whose key is
    // `entry` or lies under it.
    std::vector<ConfigChange> changes_to(const std::string& entry) const {
        std::vector<ConfigChange> out;
        for (const ConfigChange& c : changes)
            if (c.key == entry || c.key.compare(0, entry.size() + 1, entry + ".") == 0) out.push_back(c);
        return out;
    }
};

}  // namespace burdenmap
