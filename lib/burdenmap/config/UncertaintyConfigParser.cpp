// The uncertainty keys of a config (issue 17): the [uncertainty] section, a layer's input `error`
// and a cumulation's method choices (at_least_options, weights_range). Values are checked here as
// far as the config alone allows; whether a cumulation's rule takes its choices and whether the
// named layers exist is checked by the job plan, which knows the layers and groups.
#include <cmath>
#include <set>

#include "burdenmap/config/TomlReader.h"

namespace burdenmap::config_detail {
namespace {

constexpr long long kMaxDraws = 100000;

// The percentile rules a draw may use instead of the preset's: fair/Percentile.h's rules that rank
// raw values. burdenmap_config does not link burdenmap_fair (it sits below it), so the names are
// listed here; keep them in step with percentile_rule_from_string.
const std::set<std::string> kDrawablePercentileRules{"ces", "cejst", "ejscreen"};

bool finite(double v) { return std::isfinite(v); }

LayerErrorConfig read_error_table(TomlReader r) {
    LayerErrorConfig e;
    if (const auto sd = r.optional_number("sd")) {
        if (!(*sd >= 0 && finite(*sd))) r.fail("sd", "must be zero or positive and finite (a standard deviation in the layer's unit)");
        e.sd = *sd;
    }
    if (const auto sd_rel = r.optional_number("sd_rel")) {
        if (!(*sd_rel >= 0 && *sd_rel < 10))
            r.fail("sd_rel", "must be zero or positive and below 10 (a relative standard deviation: 0.2 is 20 %)");
        e.sd_rel = *sd_rel;
    }
    e.scale = r.optional_string("scale", e.scale);
    if (e.scale != "zone" && e.scale != "study")
        r.fail("scale", "'" + e.scale + "' is not one of zone (an independent error per zone), study (one shift of the whole map per draw)");
    // A typo (sdd = 2) is named as one before the table is called empty.
    r.reject_unknown({"sd", "sd_rel", "scale"});
    if (!(e.sd > 0 || e.sd_rel > 0)) r.fail("", "declares no error: give sd (in the layer's unit) or sd_rel (0.2 = 20 %) above 0");
    return e;
}

}  // namespace

UncertaintyConfig parse_uncertainty(TomlReader r) {
    UncertaintyConfig u;
    u.enabled = true;
    if (const auto draws = r.optional_integer("draws")) {
        if (*draws < 1 || *draws > kMaxDraws) r.fail("draws", "must be between 1 and " + std::to_string(kMaxDraws));
        u.draws = static_cast<int>(*draws);
    }
    if (const auto seed = r.optional_integer("seed")) {
        if (*seed < 0) r.fail("seed", "must not be negative");
        u.seed = static_cast<std::uint64_t>(*seed);
    }
    u.percentile_options = r.string_array("percentile_options");
    for (std::size_t i = 0; i < u.percentile_options.size(); ++i) {
        const std::string& rule = u.percentile_options[i];
        const std::string key = "percentile_options[" + std::to_string(i) + "]";
        if (rule == "given")
            r.fail(key, "'given' passes published percentiles through; it is no rule to draw instead of the preset's "
                        "(use ces, cejst or ejscreen)");
        if (!kDrawablePercentileRules.count(rule)) r.fail(key, "'" + rule + "' is not one of ces, cejst, ejscreen");
    }
    u.exposure_response = r.optional_bool("exposure_response").value_or(u.exposure_response);
    r.reject_unknown({"draws", "seed", "percentile_options", "exposure_response"});
    return u;
}

std::vector<LayerErrorConfig> read_layer_error(TomlReader& r) {
    std::vector<LayerErrorConfig> out;
    const toml::node* n = r.node("error");
    if (!n) return out;
    if (n->is_table()) {
        out.push_back(read_error_table(r.sub(*n->as_table(), "error")));
    } else if (n->is_array()) {
        // `error = []` declares none: with `extends`, a scenario's way to drop a base layer's error.
        std::size_t i = 0;
        for (const toml::node& e : *n->as_array()) {
            const std::string key = "error[" + std::to_string(i++) + "]";
            if (!e.is_table()) r.fail(key, "must be a table such as { sd = 2.0, scale = \"zone\" }");
            out.push_back(read_error_table(r.sub(*e.as_table(), key)));
        }
    } else {
        r.fail("error", "must be a table such as { sd = 2.0 } or { sd_rel = 0.2, scale = \"study\" }, or an array of such tables");
    }
    // One error per scale: a draw adds the parts of different scales; two of one scale would be
    // read as one anyway, and a table with both sd and sd_rel says so plainly.
    std::set<std::string> scales;
    for (const LayerErrorConfig& e : out)
        if (!scales.insert(e.scale).second)
            r.fail("error", "gives two tables with scale = \"" + e.scale + "\": write one table with both sd and sd_rel instead");
    return out;
}

void read_cumulation_choices(TomlReader& r, CumulationConfig& c, bool other_known_rule) {
    if (r.has("at_least_options")) {
        if (other_known_rule && c.rule != "count_at_least")
            r.fail("at_least_options", "applies to rule = \"count_at_least\" only (this cumulation's rule is '" + c.rule + "'); remove it");
        c.at_least_options = r.number_array("at_least_options");
        if (c.at_least_options.empty())
            r.fail("at_least_options", "must not be empty: the count_at_least levels a draw chooses from, e.g. [5, 6, 7]");
        for (std::size_t i = 0; i < c.at_least_options.size(); ++i)
            if (!finite(c.at_least_options[i])) r.fail("at_least_options[" + std::to_string(i) + "]", "must be finite");
    }
    if (const toml::table* t = r.optional_table("weights_range")) {
        if (other_known_rule && c.rule != "weighted_sum")
            r.fail("weights_range", "applies to rule = \"weighted_sum\" only (this cumulation's rule is '" + c.rule + "'); remove it");
        TomlReader wr = r.sub(*t, "weights_range");
        for (const auto& [k, v] : *t) {
            const std::string layer(k.str());
            const std::vector<double> range = wr.number_array(layer);
            if (range.size() != 2) wr.fail(layer, "must be [low, high]: the range a draw takes the layer's weight from");
            if (!(range[0] > 0 && finite(range[1]) && range[0] <= range[1]))
                wr.fail(layer, "must be [low, high] with 0 < low <= high, both finite (weights are drawn log-uniformly between them)");
            c.weights_range[layer] = {range[0], range[1]};
        }
    }
}

}  // namespace burdenmap::config_detail
