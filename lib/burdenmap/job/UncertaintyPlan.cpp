#include "burdenmap/job/UncertaintyPlan.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "burdenmap/core/Errors.h"
#include "burdenmap/fair/Reasons.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/ZoneTable.h"
#include "burdenmap/score/ClassTable.h"
#include "burdenmap/score/ExposureResponse.h"

namespace burdenmap {
namespace {

using uncertainty::LayerError;

constexpr int kStepBins = 32;       // per class boundary: a bin is at most 12 / 32 of the error's sd
constexpr int kExposureBins = 512;  // over a curve's range

std::string layer_key(const JobPlan& plan, std::size_t l) { return "layer[" + plan.layers[l].config.name + "]"; }
std::string cumulation_key(const JobPlan& plan, std::size_t c) { return "cumulation[" + plan.cumulations[c].name + "]"; }

LayerError layer_error(const LayerConfig& l) {
    LayerError e;
    for (const LayerErrorConfig& part : l.error) {
        (part.scale == "study" ? e.sd_study : e.sd_zone) += part.sd;
        (part.scale == "study" ? e.sd_rel_study : e.sd_rel_zone) += part.sd_rel;
    }
    return e;
}

// A class table as boundaries (float, as cells are compared) and the score from each on.
struct Steps {
    std::vector<float> boundaries;
    ScoreSteps scores;
};
Steps class_steps(const ClassTable& table) {
    Steps s;
    const std::vector<ClassRow>& rows = table.rows();
    s.scores.first_score = rows.front().score;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const float b = static_cast<float>(rows[r].lower);
        if (!s.boundaries.empty() && b <= s.boundaries.back()) {  // equal at float precision: the earlier row holds no cell
            s.scores.scores.back() = rows[r].score;
            continue;
        }
        s.boundaries.push_back(b);
        s.scores.scores.push_back(rows[r].score);
    }
    return s;
}

class Planner {
public:
    Planner(const JobPlan& plan, UncertaintyPlan& out) : plan_(plan), out_(out), bands_(make_band_set(plan)) {}
    const BandSet& bands() const { return bands_; }

    // The StepSpec of a layer's class table over its own cells or a cumulation's (mask_band).
    std::size_t step_spec(std::size_t layer, std::optional<std::size_t> mask_band, const std::string& key) {
        for (std::size_t i = 0; i < out_.steps.size(); ++i)
            if (out_.steps[i].layer == layer && out_.steps[i].mask_band == mask_band) return i;
        const LayerPlan& l = plan_.layers[layer];
        const auto* table = dynamic_cast<const ClassTable*>(l.method.get());
        if (!table) throw std::logic_error("step_spec: layer without a class table");
        if (l.zone_table && out_.layer_errors[layer].any())
            throw ConfigError(layer_key(plan_, layer) + ".error",
                              "a zone-table layer's score cannot be drawn from its cells (cells near a zone's edge hold the "
                              "neighbours' values); " + key + " needs it. Remove the error, or rank by a column that uses its raw values");
        const Steps s = class_steps(*table);
        auto layout = std::make_shared<uncertainty::StepLayout>();
        layout->boundaries = s.boundaries;
        layout->bins = kStepBins;
        for (float b : s.boundaries) layout->windows.push_back(uncertainty::crossing_range(out_.layer_errors[layer], b));
        out_.steps.push_back({layer, mask_band, layout, s.scores});
        return out_.steps.size() - 1;
    }

    // The ExposureSpec of a layer for a curve: its validity range (from the counterfactual for a
    // relative risk), widened by the error's reach.
    std::size_t exposure_spec(std::size_t layer, const ExposureResponse& curve) {
        const CurveParameters& p = curve.parameters();
        double lower = p.valid_min.value_or(p.form == CurveParameters::Form::log_linear_rr ? p.counterfactual : 0.0);
        double upper = p.valid_max.value_or(lower + (p.form == CurveParameters::Form::log_linear_rr ? 10 * p.increment : 100.0));
        if (p.form == CurveParameters::Form::log_linear_rr) lower = std::min(lower, p.counterfactual);
        const auto lo = uncertainty::crossing_range(out_.layer_errors[layer], lower);
        const auto hi = uncertainty::crossing_range(out_.layer_errors[layer], upper);
        lower = lo.first;
        upper = std::max(hi.second, lower + 1e-9 * std::max(1.0, std::abs(lower)));
        for (std::size_t i = 0; i < out_.exposures.size(); ++i) {
            ExposureSpec& e = out_.exposures[i];
            if (e.layer != layer) continue;
            // One histogram per layer: widened to cover every curve that reads it.
            auto layout = std::make_shared<uncertainty::ExposureLayout>(*e.layout);
            layout->lower = std::min(layout->lower, lower);
            layout->upper = std::max(layout->upper, upper);
            e.layout = layout;
            return i;
        }
        auto layout = std::make_shared<uncertainty::ExposureLayout>();
        layout->lower = lower;
        layout->upper = upper;
        layout->bins = kExposureBins;
        out_.exposures.push_back({layer, layout});
        return out_.exposures.size() - 1;
    }

    // What changes a band's statistics: "" when nothing declared does.
    std::string band_sources(std::size_t band) const {
        const ZonalBand& b = bands_.zonal[band];
        std::string s;
        auto add = [&](const std::string& what) { s += (s.empty() ? "" : ", ") + what; };
        if (b.kind == ZonalBand::Kind::raw || b.kind == ZonalBand::Kind::score) {
            const std::size_t l = band / 2;
            if (out_.layer_errors[l].any()) add(layer_key(plan_, l) + ".error");
            return s;
        }
        if (b.kind != ZonalBand::Kind::cumulation) return s;
        const std::size_t c = band - bands_.cumulation_band(0);
        const CumulationRule& rule = plan_.cumulations[c];
        std::vector<std::size_t> layers = rule.layers;
        for (const HealthOutcome& o : rule.outcomes) layers.push_back(o.layer);
        for (std::size_t l : layers)
            if (out_.layer_errors[l].any()) add(layer_key(plan_, l) + ".error");
        if (!out_.at_least_options[c].empty()) add(cumulation_key(plan_, c) + ".at_least_options");
        for (const auto& [lo, hi] : out_.weight_ranges[c])
            if (lo != hi) {
                add(cumulation_key(plan_, c) + ".weights_range");
                break;
            }
        for (const RelativeRiskDraw& r : out_.relative_risks)
            for (const auto& [cumulation, outcome] : r.outcomes)
                if (cumulation == c) add("the 95 % CI of " + r.method + " (uncertainty.exposure_response)");
        return s;
    }

    // The column `name` (read for `key`), added to out_.columns when a source changes it.
    void need(const std::string& name, const std::string& key) {
        if (out_.drawn(name)) return;
        for (std::size_t band = 0; band < bands_.zonal.size(); ++band) {
            const ZonalBand& b = bands_.zonal[band];
            if (b.kind == ZonalBand::Kind::completeness || b.absent) continue;
            std::optional<DrawnColumn::Stat> stat;
            double level = 0;
            if (name == b.prefix + "_mean") stat = DrawnColumn::Stat::mean;
            else if (name == b.prefix + "_pop_mean") stat = DrawnColumn::Stat::pop_mean;
            else if (name == b.prefix + "_min") stat = DrawnColumn::Stat::min;
            else if (name == b.prefix + "_max") stat = DrawnColumn::Stat::max;
            else if (name == b.prefix + "_std") stat = DrawnColumn::Stat::std;
            for (double t : b.thresholds)
                if (name == b.prefix + "_share_ge" + level_text(t)) stat = DrawnColumn::Stat::share_ge, level = t;
            if (!stat) continue;
            const std::string sources = band_sources(band);
            if (sources.empty()) return;  // nothing declared changes it: every draw has the point value
            DrawnColumn d;
            d.column = name;
            d.stat = *stat;
            d.level = level;
            d.band = band;
            if (!drawable(band, d, key)) {
                throw ConfigError(key, "the zones column '" + name + "' changes with " + sources + ", but the draws cannot redo it " +
                                           "at zone level: " + why_not_ + ". Rank by a column the draws can redo (a layer's _mean, "
                                           "_pop_mean, _min, _max, _std; a class score's _mean, _min, _max, _share_ge; a count's or "
                                           "weighted sum's or health burden's _mean), or remove the source");
            }
            out_.columns.push_back(d);
            return;
        }
        // Not a statistic (an income field, population, a table column): no source changes it.
    }

private:
    bool drawable(std::size_t band, DrawnColumn& d, const std::string& key) {
        using S = DrawnColumn::Stat;
        const ZonalBand& b = bands_.zonal[band];
        if (b.kind == ZonalBand::Kind::raw) {
            d.kind = DrawnColumn::Kind::raw;
            d.layer = band / 2;
            if (d.stat == S::share_ge) return why("a share of raw values above a level is not kept per zone");
            return true;
        }
        if (b.kind == ZonalBand::Kind::score) {
            d.layer = band / 2;
            const LayerPlan& l = plan_.layers[d.layer];
            if (dynamic_cast<const ClassTable*>(l.method.get())) {
                d.kind = DrawnColumn::Kind::score_steps;
                if (d.stat == S::pop_mean || d.stat == S::std) return why("class scores keep residents per class, not a mean or spread");
                d.parts = {step_spec(d.layer, std::nullopt, key)};
                return true;
            }
            const auto* curve = dynamic_cast<const ExposureResponse*>(l.method.get());
            if (!curve) return why("its method is neither a class table nor a curve");
            d.kind = DrawnColumn::Kind::score_curve;
            if (d.stat != S::mean && d.stat != S::pop_mean) return why("a curve score's extremes and spread are not kept per zone");
            d.parts = {exposure_spec(d.layer, *curve)};
            return true;
        }
        d.cumulation = band - bands_.cumulation_band(0);
        const CumulationRule& rule = plan_.cumulations[d.cumulation];
        if (d.stat != S::mean && !(d.stat == S::pop_mean && (rule.kind == CumulationKind::health_burden ||
                                                            rule.kind == CumulationKind::health_cases ||
                                                            rule.kind == CumulationKind::health_daly)))
            return why("of a cumulation only the zone mean (and a health burden's population-weighted mean) is redone; its " +
                       std::string(d.stat == S::share_ge ? "shares need the joint values of its layers per cell"
                                                         : "extremes and spread need the joint values of its layers per cell"));
        switch (rule.kind) {
            case CumulationKind::count_at_least:
                d.kind = DrawnColumn::Kind::count;
                for (std::size_t l : rule.layers) {
                    if (!dynamic_cast<const ClassTable*>(plan_.layers[l].method.get()))
                        return why("layer '" + plan_.layers[l].config.name + "' is counted by a curve, not a class table");
                    d.parts.push_back(step_spec(l, rule.incomplete_is_nodata ? std::optional<std::size_t>(band) : std::nullopt, key));
                }
                return true;
            case CumulationKind::weighted_sum:
                d.kind = DrawnColumn::Kind::weighted_sum;
                if (rule.raw_values) return why("a weighted sum of raw values is not kept per zone over its complete cells");
                for (std::size_t l : rule.layers) {
                    if (!dynamic_cast<const ClassTable*>(plan_.layers[l].method.get()))
                        return why("layer '" + plan_.layers[l].config.name + "' is scored by a curve, not a class table");
                    d.parts.push_back(step_spec(l, band, key));
                }
                return true;
            case CumulationKind::health_burden:
            case CumulationKind::health_cases:
            case CumulationKind::health_daly:
                d.kind = DrawnColumn::Kind::health;
                for (const HealthOutcome& o : rule.outcomes) d.parts.push_back(exposure_spec(o.layer, *o.curve));
                return true;
            case CumulationKind::energetic_sum:
                return why("an energetic sum is not linear in its layers: its zone mean under per-layer errors needs every cell's "
                           "values of all its layers together");
            case CumulationKind::max:
                return why("a maximum over layers needs every cell's values of all its layers together");
        }
        return why("unknown rule");
    }
    bool why(const std::string& reason) {
        why_not_ = reason;
        return false;
    }

    const JobPlan& plan_;
    UncertaintyPlan& out_;
    BandSet bands_;
    std::string why_not_;
};

}  // namespace

const DrawnColumn* UncertaintyPlan::drawn(const std::string& column) const {
    for (const DrawnColumn& d : columns)
        if (d.column == column) return &d;
    return nullptr;
}

UncertaintyPlan plan_uncertainty(const JobPlan& plan) {
    const UncertaintyConfig& uc = plan.config.uncertainty;
    UncertaintyPlan out;
    // A source without [uncertainty] would be silently ignored: refuse it.
    if (!uc.enabled) {
        for (const LayerConfig& l : plan.config.layers)
            if (!l.error.empty())
                throw ConfigError("layer[" + l.name + "].error", "gives an input error, but the config has no [uncertainty] section: "
                                                                 "add [uncertainty] (draws, seed) to draw it, or remove the error");
        for (const CumulationConfig& c : plan.config.cumulations) {
            if (!c.at_least_options.empty())
                throw ConfigError("cumulation[" + c.name + "].at_least_options", "needs an [uncertainty] section to be drawn; add one or remove the key");
            if (!c.weights_range.empty())
                throw ConfigError("cumulation[" + c.name + "].weights_range", "needs an [uncertainty] section to be drawn; add one or remove the key");
        }
        return out;
    }
    out.enabled = true;
    out.draws = uc.draws;
    out.seed = uc.seed;
    for (const LayerPlan& l : plan.layers) out.layer_errors.push_back(layer_error(l.config));

    out.at_least_options.resize(plan.cumulations.size());
    out.weight_ranges.resize(plan.cumulations.size());
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c) {
        const CumulationRule& rule = plan.cumulations[c];
        // A health_burden adds a cumulation per outcome (its cases and DALYs) that no config
        // entry writes: those draw nothing of their own.
        static const CumulationConfig none;
        const auto entry = std::find_if(plan.config.cumulations.begin(), plan.config.cumulations.end(),
                                        [&](const CumulationConfig& cc) { return cc.name == rule.name; });
        const CumulationConfig& cc = entry != plan.config.cumulations.end() ? *entry : none;
        const std::string key = cumulation_key(plan, c);
        // The parser refused these keys on any other rule (UncertaintyConfigParser).
        out.at_least_options[c] = cc.at_least_options;
        for (std::size_t i = 0; i < rule.layers.size(); ++i) {
            const double w = i < rule.weights.size() ? rule.weights[i] : 1.0;
            out.weight_ranges[c].emplace_back(w, w);
        }
        for (const auto& [name, range] : cc.weights_range) {
            std::size_t i = 0;
            while (i < rule.layers.size() && plan.layers[rule.layers[i]].config.name != name) ++i;
            if (i == rule.layers.size())
                throw ConfigError(key + ".weights_range." + name, "'" + name + "' is not a layer of this weighted_sum");
            out.weight_ranges[c][i] = range;
        }
    }
    for (const std::string& r : uc.percentile_options) {
        try {
            out.percentile_options.push_back(fair::percentile_rule_from_string(r));
        } catch (const std::invalid_argument& e) {
            throw ConfigError("uncertainty.percentile_options", e.what());
        }
    }
    if (!out.percentile_options.empty() && (!plan.fairness.enabled || !plan.fairness.preset))
        throw ConfigError("uncertainty.percentile_options", "draws the percentile rule of a fairness index, but the job has none "
                                                            "([fairness] index); remove the key or choose an index");
    if (uc.exposure_response)
        for (std::size_t c = 0; c < plan.cumulations.size(); ++c)
            for (std::size_t o = 0; o < plan.cumulations[c].outcomes.size(); ++o) {
                const ExposureResponse& curve = *plan.cumulations[c].outcomes[o].curve;
                const CurveParameters& p = curve.parameters();
                if (!curve.is_relative_risk() || !p.rr_low || !p.rr_high) continue;
                const double sigma = (std::log(*p.rr_high) - std::log(*p.rr_low)) / (2 * 1.959963984540054);
                if (!(sigma > 0)) continue;
                auto same = std::find_if(out.relative_risks.begin(), out.relative_risks.end(), [&](const RelativeRiskDraw& r) {
                    return r.method == curve.info().id && r.rr == p.rr && r.sigma_log == sigma;
                });
                if (same == out.relative_risks.end())
                    same = out.relative_risks.insert(out.relative_risks.end(), RelativeRiskDraw{curve.info().id, p.rr, *p.rr_low, *p.rr_high, sigma, {}});
                same->outcomes.emplace_back(c, o);
            }

    // The headline burden and the fairness index's columns: what the draws recompute.
    Planner planner(plan, out);
    const BandSet& bands = planner.bands();
    out.headline = plan.fairness.enabled ? plan.fairness.headline_burden : bands.zonal[headline_band(plan, bands)].prefix + "_mean";
    planner.need(out.headline, plan.fairness.enabled && !plan.config.fairness.burden.empty() ? "fairness.burden" : "uncertainty (the headline burden " + out.headline + ")");
    if (plan.fairness.enabled) {
        for (std::size_t i = 0; i < plan.fairness.indicators.size(); ++i)
            if (!plan.fairness.indicators[i].zones_column.empty())
                planner.need(plan.fairness.indicators[i].zones_column, plan.fairness.indicators[i].key + ".from");
        if (plan.fairness.preset) {
            const std::string& p = plan.fairness.preset->id;
            if (p == "ces4" || p == "ces3draft" || p == "nl_default") out.index_column = p + "_score";
            else if (p == "cejst") out.index_column = "cejst_final", out.index_is_flag = true;
            else if (p == "count_high") out.index_column = "count_high";
            else if (p == "ejscreen") out.index_column = "ej_count_ge" + fair::format_number(plan.fairness.preset->at("exceed_at_least"));
        }
    }
    // The ranks of every zone in every draw are kept (4 bytes each, per ranked measure): refuse a
    // draw count whose ranks alone would not fit a machine's memory comfortably.
    const double rank_bytes = 4.0 * static_cast<double>(plan.zones.size()) * out.draws * (out.index_column.empty() ? 1 : 2);
    constexpr double kRankLimit = 2.0 * 1024 * 1024 * 1024;
    if (rank_bytes > kRankLimit)
        throw ConfigError("uncertainty.draws", std::to_string(out.draws) + " draws of " + std::to_string(plan.zones.size()) +
                                                   " zones keep " + std::to_string(static_cast<long long>(rank_bytes / (1024 * 1024))) +
                                                   " MiB of ranks (more than 2048 MiB); use fewer draws (the Monte Carlo standard "
                                                   "error of a p_top_decile is at most 0.5 / sqrt(draws): 0.016 with 1,000)");
    return out;
}

std::vector<std::string> UncertaintyPlan::describe(const JobPlan& plan) const {
    std::vector<std::string> lines;
    if (!enabled) return lines;
    const auto num = [](double v) { return fair::format_number(v); };
    lines.push_back(std::to_string(draws) + " draws, seed " + std::to_string(seed) + "; ranked: " + headline +
                    (index_column.empty() ? "" : ", " + index_column + (index_is_flag ? " (share of draws flagged)" : "")));
    for (std::size_t l = 0; l < plan.layers.size(); ++l) {
        const LayerError& e = layer_errors[l];
        if (!e.any()) continue;
        std::string parts;
        const auto part = [&](double v, const std::string& what) {
            if (v > 0) parts += (parts.empty() ? "" : ", ") + what + " " + num(v);
        };
        part(e.sd_zone, "sd per zone");
        part(e.sd_study, "sd for the whole map");
        part(e.sd_rel_zone, "relative sd per zone");
        part(e.sd_rel_study, "relative sd for the whole map");
        lines.push_back("error of " + plan.layers[l].config.name + ": " + parts + " (" + plan.layers[l].unit() + ")");
    }
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c) {
        std::string options;
        for (double v : at_least_options[c]) options += (options.empty() ? "" : ", ") + num(v);
        if (!options.empty()) lines.push_back("levels of " + plan.cumulations[c].name + ": one of " + options + " per draw");
        for (std::size_t i = 0; i < weight_ranges[c].size(); ++i)
            if (weight_ranges[c][i].first != weight_ranges[c][i].second)
                lines.push_back("weight of " + plan.layers[plan.cumulations[c].layers[i]].config.name + " in " + plan.cumulations[c].name +
                                ": log-uniform in [" + num(weight_ranges[c][i].first) + ", " + num(weight_ranges[c][i].second) + "]");
    }
    if (!percentile_options.empty()) {
        std::string rules;
        for (fair::PercentileRule r : percentile_options) rules += (rules.empty() ? "" : ", ") + std::string(fair::to_string(r));
        lines.push_back("percentile rule of the fairness index: one of " + rules + " per draw");
    }
    for (const RelativeRiskDraw& r : relative_risks)
        lines.push_back("relative risk of " + r.method + ": " + num(r.rr) + " (95 % CI " + num(r.rr_low) + "-" + num(r.rr_high) + "), log-normal");
    std::string redrawn;
    for (const DrawnColumn& c : columns) redrawn += (redrawn.empty() ? "" : ", ") + c.column;
    lines.push_back("columns redrawn per zone: " + (redrawn.empty() ? std::string("none (no declared source changes the ranked columns)") : redrawn));
    return lines;
}

}  // namespace burdenmap
