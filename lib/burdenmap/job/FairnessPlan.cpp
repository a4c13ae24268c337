#include "burdenmap/job/FairnessPlan.h"

#include <algorithm>
#include <stdexcept>

#include "burdenmap/core/Errors.h"
#include "burdenmap/fair/Ces.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/ZoneTable.h"

namespace burdenmap {
namespace {

const char* kPresets = "ces4, ces3draft, nl_default, cejst, ejscreen, count_high";

// The zones layer's columns as run will write them (zone_fields), known from the plan alone.
class ZoneColumnNames {
public:
    explicit ZoneColumnNames(const JobPlan& plan) {
        for (const FieldSpec& f : zone_fields(plan, make_band_set(plan))) names_.push_back(f.name);
    }
    bool has(const std::string& name) const { return std::find(names_.begin(), names_.end(), name) != names_.end(); }
    void require(const std::string& name, const std::string& key) const {
        if (has(name)) return;
        std::string list;
        for (const std::string& n : names_) list += (list.empty() ? "" : ", ") + n;
        throw ConfigError(key, "no zones column '" + name + "'; the zones columns are: " + list);
    }

private:
    std::vector<std::string> names_;
};

// The indicator's own rule, else [fairness] percentile, else the preset's, else CES.
fair::PercentileRule rule_for(const FairnessIndicatorConfig& ic, const FairnessConfig& fc, const IndexParameters* preset,
                              const std::string& key) {
    std::string name = "ces", where = key + ".percentile";
    if (!ic.percentile.empty()) name = ic.percentile;
    else if (!fc.percentile.empty()) name = fc.percentile, where = "fairness.percentile";
    else if (preset && preset->percentile != "none") name = preset->percentile, where = "fairness.index";
    try {
        return fair::percentile_rule_from_string(name);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(where, e.what());
    }
}

// The keys each preset needs beyond the indicators, and the parameters it reads from its table.
void check_preset(const IndexParameters& preset, const FairnessConfig& fc, const ZoneColumnNames& zones) {
    const std::string& p = preset.id;
    std::vector<const char*> parameters;
    if (p == "ces4" || p == "ces3draft" || p == "nl_default") {
        parameters = {"effects_weight", "min_population_indicators", "score_scale"};
        for (std::size_t i = 0; i < fc.indicators.size(); ++i) {
            try {
                fair::ces_component_from_string(fc.indicators[i].group);
            } catch (const std::invalid_argument& e) {
                throw ConfigError("fairness.indicator[" + std::to_string(i) + "].group", std::string(e.what()) + " (index " + p + ")");
            }
        }
    } else if (p == "cejst") {
        parameters = {"burden_at_least", "low_income_at_least", "donut_low_income_at_least", "donut_neighbour_share"};
        bool found = false;
        for (std::size_t i = 0; i < fc.indicators.size(); ++i) {
            if (fc.indicators[i].name == fc.low_income_indicator) found = true;
            else if (fc.indicators[i].group.empty())
                throw ConfigError("fairness.indicator[" + std::to_string(i) + "].group", "cejst needs each burden indicator's category");
        }
        if (!found)
            throw ConfigError("fairness.low_income_indicator",
                              (fc.low_income_indicator.empty() ? std::string("is required") : "'" + fc.low_income_indicator + "' is not") +
                                  ": cejst needs the name of the low-income indicator among [[fairness.indicator]]");
    } else if (p == "ejscreen") {
        parameters = {"exceed_at_least"};
        if (fc.demographic_index.empty())
            throw ConfigError("fairness.demographic_index", "ejscreen needs a zones column with the demographic index");
        zones.require(fc.demographic_index, "fairness.demographic_index");
        if (!fc.supplemental_index.empty()) zones.require(fc.supplemental_index, "fairness.supplemental_index");
    } else if (p == "count_high") {
        for (std::size_t i = 0; i < fc.indicators.size(); ++i)
            if (!fc.indicators[i].high_at)
                throw ConfigError("fairness.indicator[" + std::to_string(i) + "].high_at", "count_high needs each indicator's 'high' class boundary");
    } else {
        throw ConfigError("fairness.index", "preset '" + p + "' has no implementation (known: " + kPresets + ")");
    }
    for (const char* name : parameters) {
        try {
            preset.at(name);
        } catch (const std::invalid_argument& e) {
            throw ConfigError("fairness.index", e.what());
        }
    }
}

}  // namespace

std::vector<std::string> FairnessPlan::describe() const {
    std::vector<std::string> lines;
    if (!enabled) return lines;
    lines.push_back("index " + (preset ? preset->id : std::string("none")) + "; income groups of equal " +
                    (groups_of_zones ? std::string("numbers of zones") : "residents (" + population_column + ")") + "; headline burden " +
                    headline_burden);
    for (const FairnessIndicatorPlan& i : indicators)
        lines.push_back(i.key + ": " + (i.table_column ? "table column" : "zones column " + i.zones_column) + ", percentile rule " +
                        fair::to_string(i.rule));
    if (table) lines.push_back(table->describe());
    return lines;
}

FairnessPlan plan_fairness(const JobPlan& plan, Diagnostics& diagnostics) {
    const FairnessConfig& fc = plan.config.fairness;
    FairnessPlan fp;
    if (!fc.enabled) return fp;
    fp.enabled = true;
    if (fc.index != "none") {
        const IndexParameters* preset = plan.methods.find_index(fc.index);
        if (!preset) throw ConfigError("fairness.index", "unknown index preset '" + fc.index + "' (burdenmap methods lists them)");
        fp.preset = *preset;
    }
    const ZoneColumnNames zones(plan);
    zones.require(fc.income, "fairness.income");
    // Groups of equal residents need residents: never empty groups and an exit 0 (issue 13).
    const bool has_population = plan.population.kind != PopulationPlan::Kind::none;
    fp.groups_of_zones = fc.income_groups == "zones";
    if (!has_population && !fp.groups_of_zones)
        throw ConfigError("zones.population", "[fairness] forms income groups of equal numbers of residents, but the job has no "
                                              "population: set zones.population to the zones' field of residents, give a [population] "
                                              "raster, or set income_groups = \"zones\" in [fairness] for groups of equal numbers of zones");
    if (!has_population && fc.population_weights)
        throw ConfigError("fairness.population_weights", "weights percentiles by residents, but the job has no population: set "
                                                         "zones.population or give a [population] raster");
    if (has_population) fp.population_column = zones.has("residents") ? "residents" : "population";
    fp.headline_burden = fc.burden;
    if (fp.headline_burden.empty()) {  // the band the terminal summary ranks by, as its zone mean
        const BandSet bands = make_band_set(plan);
        fp.headline_burden = bands.zonal[headline_band(plan, bands)].prefix + "_mean";
    }
    zones.require(fp.headline_burden, "fairness.burden");
    fp.low_income_share = fc.low_income_share;
    if (fp.low_income_share.empty() && fc.income_order == "higher_is_poorer") fp.low_income_share = fc.income;
    if (!fp.low_income_share.empty()) zones.require(fp.low_income_share, "fairness.low_income_share");

    std::vector<std::string> table_columns;
    for (std::size_t i = 0; i < fc.indicators.size(); ++i) {
        const FairnessIndicatorConfig& ic = fc.indicators[i];
        FairnessIndicatorPlan ip;
        ip.key = "fairness.indicator[" + std::to_string(i) + "]";
        if (const auto column = table_column(ic.from)) {
            if (!fc.table)
                throw ConfigError(ip.key + ".from", "'" + ic.from + "' reads a table column but no [fairness.table] is given");
            ip.table_column = table_columns.size();
            table_columns.push_back(*column);
        } else {
            zones.require(ic.from, ip.key + ".from");
            ip.zones_column = ic.from;
        }
        ip.rule = rule_for(ic, fc, fp.preset ? &*fp.preset : nullptr, ip.key);
        fp.indicators.push_back(ip);
    }
    if (fp.preset) check_preset(*fp.preset, fc, zones);
    // The table is read whenever it is given: an id column that is not there, or ids that match
    // no zone, are errors even before an indicator reads from it.
    if (fc.table)
        fp.table = join_table_to_zones(*fc.table, "fairness.table", plan.zones, plan.config.zones.id_field, table_columns, {},
                                       "their table indicators are NULL", diagnostics);
    return fp;
}

}  // namespace burdenmap
