#include "burdenmap/job/Fairness.h"

#include <algorithm>
#include <cmath>
#include <locale>
#include <map>
#include <sstream>
#include <stdexcept>

#include "burdenmap/core/Errors.h"
#include "burdenmap/fair/Bivariate.h"
#include "burdenmap/fair/BurdenedShare.h"
#include "burdenmap/fair/Cejst.h"
#include "burdenmap/fair/Ces.h"
#include "burdenmap/fair/ConcentrationIndex.h"
#include "burdenmap/fair/CountHigh.h"
#include "burdenmap/fair/EjScreen.h"
#include "burdenmap/fair/IncomeGroups.h"
#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"
#include "burdenmap/io/ZoneNeighbours.h"

namespace burdenmap {
namespace {

using fair::ZoneValues;

// The zones layer by column name, as numbers (NULL, text and NaN → nullopt).
class ZoneColumns {
public:
    ZoneColumns(const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows)
        : fields_(fields), rows_(rows) {}
    bool has(const std::string& name) const { return index(name) >= 0; }
    // plan_fairness checked every column the config names against the same zone_fields.
    ZoneValues values(const std::string& name) const {
        const int i = index(name);
        if (i < 0) throw std::logic_error("fairness: no zones column '" + name + "' (plan_fairness should have refused it)");
        ZoneValues out;
        for (const auto& row : rows_) {
            const FieldValue& v = row[static_cast<std::size_t>(i)];
            if (const double* d = std::get_if<double>(&v)) out.push_back(std::isnan(*d) ? std::nullopt : std::optional<double>(*d));
            else if (const long long* n = std::get_if<long long>(&v)) out.push_back(static_cast<double>(*n));
            else out.push_back(std::nullopt);
        }
        return out;
    }
    const FieldSpec* spec(const std::string& name) const {
        const int i = index(name);
        return i < 0 ? nullptr : &fields_[static_cast<std::size_t>(i)];
    }

private:
    int index(const std::string& name) const {
        for (std::size_t i = 0; i < fields_.size(); ++i)
            if (fields_[i].name == name) return static_cast<int>(i);
        return -1;
    }
    const std::vector<FieldSpec>& fields_;
    const std::vector<std::vector<FieldValue>>& rows_;
};

// How the income groups are formed, in the words every output uses: of equal residents, or of
// equal numbers of zones (income_groups = "zones", for jobs without a population).
struct Grouping {
    bool of_zones = false;
    std::string of() const { return of_zones ? "zones" : "residents"; }
    std::string label(const char* quantile) const { return of_zones ? std::string(quantile) + " of zones" : quantile; }
    std::string equal() const { return of_zones ? "groups of equal numbers of zones (income_groups = \"zones\")" : "groups of equal residents"; }
    std::string mean() const { return of_zones ? "mean over the zones (each zone counts once)" : "population-weighted mean"; }
};

FieldValue opt(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue(); }
FieldValue opt_int(const std::optional<int>& v) { return v ? FieldValue(static_cast<long long>(*v)) : FieldValue(); }

struct Indicators {
    std::vector<fair::RankedIndicator> ranked;
    std::vector<const FairnessIndicatorConfig*> configs;
};

Indicators rank_indicators(const JobPlan& plan, const ZoneColumns& zones, const ZoneValues& population) {
    const FairnessConfig& fc = plan.config.fairness;
    const FairnessPlan& fp = plan.fairness;
    std::vector<double> weights;
    if (fc.population_weights)
        for (const auto& p : population) weights.push_back(p.value_or(0.0));
    Indicators out;
    for (std::size_t i = 0; i < fc.indicators.size(); ++i) {
        const FairnessIndicatorConfig& ic = fc.indicators[i];
        const FairnessIndicatorPlan& ip = fp.indicators[i];
        fair::Indicator ind;
        ind.name = ic.name;
        ind.label = ic.label;
        ind.group = ic.group;
        ind.direction = fair::direction_from_string(ic.direction);
        if (ip.table_column) {
            for (const auto& row : fp.table->row_of_zone)
                ind.values.push_back(row ? fp.table->table.rows[*row][*ip.table_column] : std::nullopt);
        } else {
            ind.values = zones.values(ip.zones_column);
        }
        try {
            out.ranked.push_back(fair::rank_indicator(std::move(ind), ip.rule,
                                                      fc.population_weights && fair::rule_supports_weights(ip.rule) ? &weights : nullptr));
        } catch (const std::invalid_argument& e) {
            // The values do not fit the rule (a "given" percentile of 150, zero total weight).
            throw InputError(ip.key + " (from '" + ic.from + "'): " + e.what());
        }
        out.configs.push_back(&ic);
    }
    return out;
}

void add(FairnessResult& r, FieldSpec spec, const std::vector<FieldValue>& values) {
    r.zone_fields.push_back(std::move(spec));
    for (std::size_t z = 0; z < values.size(); ++z) r.zone_values[z].push_back(values[z]);
}

std::vector<std::vector<fair::ReasonPart>> apply_preset(const JobPlan& plan, const IndexParameters& preset, const Indicators& ind,
                                                        const ZoneColumns& zones, FairnessResult& r) {
    const std::size_t n = plan.zones.size();
    const FairnessConfig& fc = plan.config.fairness;
    std::vector<std::vector<fair::ReasonPart>> reasons(n);
    const std::string p = preset.id;
    const std::string src = preset.provenance.source;
    if (p == "ces4" || p == "ces3draft" || p == "nl_default") {
        fair::CesOptions o = p == "ces3draft" ? fair::ces3draft_options() : fair::ces4_options();
        o.effects_weight = preset.at("effects_weight");
        o.min_population_indicators = static_cast<std::size_t>(preset.at("min_population_indicators"));
        o.score_scale = preset.at("score_scale");
        const fair::CesResult res = fair::compute_ces(ind.ranked, o);  // groups checked by plan_fairness
        std::vector<FieldValue> pb, pc, pbs, pcs, score, pct, scored;
        for (const fair::CesZone& z : res.zones) {
            pb.push_back(opt(z.pollution_burden));
            pc.push_back(opt(z.population_characteristics));
            pbs.push_back(opt(z.pollution_burden_score));
            pcs.push_back(opt(z.population_characteristics_score));
            score.push_back(opt(z.score));
            pct.push_back(opt(z.score_percentile));
            scored.push_back(static_cast<long long>(z.scored));
        }
        for (std::size_t z = 0; z < n; ++z) reasons[z] = res.zones[z].reasons;
        add(r, {p + "_pb", FieldType::real, "pollution burden (0-100): mean percentiles of exposures and effects (effects weighted " + fair::format_number(o.effects_weight) + ")", "percentile", p, src}, pb);
        add(r, {p + "_pc", FieldType::real, "population characteristics (0-100)", "percentile", p, src}, pc);
        add(r, {p + "_pb_score", FieldType::real, "pollution burden scaled by " + fair::format_number(o.score_scale) + " / maximum over scored zones; also for unscored zones, as OEHHA publishes it (above " + fair::format_number(o.score_scale) + " where an unscored zone's pollution burden exceeds every scored zone's)", "score", p, src}, pbs);
        add(r, {p + "_pc_score", FieldType::real, "population characteristics scaled by the maximum", "0-10", p, src}, pcs);
        add(r, {p + "_score", FieldType::real, preset.title + " score = pollution burden score x population characteristics score", "0-100", p, src}, score);
        add(r, {p + "_pct", FieldType::real, "percentile of the score among scored zones (CES rule)", "percentile", p, src}, pct);
        add(r, {p + "_scored", FieldType::integer, "1 when the zone has enough population-characteristics indicators to be scored", "0/1", p, src}, scored);
        for (std::size_t c = 0; c < fair::kCesComponentCount; ++c) {
            std::vector<FieldValue> missing;
            for (const fair::CesZone& z : res.zones) missing.push_back(static_cast<long long>(z.n_missing[c]));
            const std::string comp = fair::to_string(static_cast<fair::CesComponent>(c));
            add(r, {p + "_missing_" + comp, FieldType::integer, "indicators of " + comp + " without a value", "count", p, src}, missing);
        }
    } else if (p == "cejst") {
        const fair::RankedIndicator* low = nullptr;
        std::vector<fair::RankedIndicator> burdens;
        for (std::size_t i = 0; i < ind.ranked.size(); ++i) {
            if (ind.ranked[i].indicator.name == fc.low_income_indicator) low = &ind.ranked[i];
            else burdens.push_back(ind.ranked[i]);
        }
        fair::CejstOptions o;
        o.burden_at_least = preset.at("burden_at_least");
        o.low_income_at_least = preset.at("low_income_at_least");
        o.donut_hole = fc.donut_hole;
        o.donut.low_income_at_least = preset.at("donut_low_income_at_least");
        o.donut.neighbour_share_at_least = preset.at("donut_neighbour_share");
        std::vector<std::vector<std::size_t>> neighbours;
        if (fc.donut_hole) neighbours = zone_neighbours(plan.zones, *plan.zone_index);
        const fair::CejstResult res = fair::compute_cejst(burdens, *low, o, {}, fc.donut_hole ? &neighbours : nullptr);
        for (std::size_t c = 0; c < res.categories.size(); ++c) {
            std::vector<FieldValue> flag;
            for (const auto& z : res.zones) flag.push_back(static_cast<long long>(z.category_flag[c]));
            add(r, {"cejst_" + res.categories[c], FieldType::integer, "category " + res.categories[c] + ": an indicator at or above the " + fair::format_number(o.burden_at_least) + " percentile AND low income", "0/1", p, src}, flag);
        }
        std::vector<FieldValue> thresholds, categories, low_pct, low_flag, dac, donut, final_dac;
        for (const auto& z : res.zones) {
            thresholds.push_back(static_cast<long long>(z.threshold_count));
            categories.push_back(static_cast<long long>(z.category_count));
            low_pct.push_back(opt(z.low_income_percentile));
            low_flag.push_back(static_cast<long long>(z.low_income));
            dac.push_back(static_cast<long long>(z.disadvantaged));
            donut.push_back(static_cast<long long>(z.donut_hole));
            final_dac.push_back(static_cast<long long>(z.final_disadvantaged));
        }
        for (std::size_t z = 0; z < n; ++z) reasons[z] = res.zones[z].reasons;
        add(r, {"cejst_thresholds", FieldType::integer, "number of burden thresholds exceeded together with low income", "count", p, src}, thresholds);
        add(r, {"cejst_categories", FieldType::integer, "number of categories flagged", "count", p, src}, categories);
        add(r, {"cejst_low_income_pct", FieldType::real, "percentile of the low-income indicator (CEJST rule, 0-1)", "0-1", p, src}, low_pct);
        add(r, {"cejst_low_income", FieldType::integer, "low-income percentile at or above " + fair::format_number(o.low_income_at_least), "0/1", p, src}, low_flag);
        add(r, {"cejst_disadvantaged", FieldType::integer, "disadvantaged before the adjacency rule", "0/1", p, src}, dac);
        add(r, {"cejst_donut", FieldType::integer, "added by the adjacency (donut hole) rule", "0/1", p, src}, donut);
        add(r, {"cejst_final", FieldType::integer, "disadvantaged, including the adjacency rule", "0/1", p, src}, final_dac);
    } else if (p == "ejscreen") {
        const ZoneValues demog = zones.values(fc.demographic_index);
        ZoneValues supp;
        if (!fc.supplemental_index.empty()) supp = zones.values(fc.supplemental_index);
        fair::EjScreenOptions o;
        o.exceed_at_least = preset.at("exceed_at_least");
        const fair::EjScreenResult res = fair::compute_ejscreen(ind.ranked, demog, supp.empty() ? nullptr : &supp, o);
        for (const auto& e : res.indexes) {
            std::vector<FieldValue> idx, pct;
            for (std::size_t z = 0; z < n; ++z) {
                idx.push_back(opt(e.ej_index[z]));
                pct.push_back(opt(e.ej_index_percentile[z]));
            }
            add(r, {"ej_" + e.indicator, FieldType::real, "EJ index: percentile of " + e.indicator + " x demographic index", "", p, src}, idx);
            add(r, {"ej_" + e.indicator + "_pct", FieldType::real, "percentile of the EJ index (EJScreen lookup)", "percentile", p, src}, pct);
        }
        std::vector<FieldValue> count;
        for (const auto& z : res.zones) count.push_back(static_cast<long long>(z.exceed_count));
        for (std::size_t z = 0; z < n; ++z) reasons[z] = res.zones[z].reasons;
        add(r, {"ej_count_ge" + fair::format_number(o.exceed_at_least), FieldType::integer, "number of EJ indexes at or above the threshold percentile", "count", p, src}, count);
    } else if (p == "count_high") {
        std::vector<fair::Indicator> raw;
        std::vector<fair::HighClass> classes;
        for (std::size_t i = 0; i < ind.ranked.size(); ++i) {
            raw.push_back(ind.ranked[i].indicator);
            classes.push_back({*ind.configs[i]->high_at, ind.configs[i]->unit});
        }
        const auto res = fair::count_high(raw, classes);
        std::vector<FieldValue> count, present;
        for (const auto& z : res) {
            count.push_back(static_cast<long long>(z.count_high));
            present.push_back(static_cast<long long>(z.n_present));
        }
        for (std::size_t z = 0; z < n; ++z) reasons[z] = res[z].reasons;
        add(r, {"count_high", FieldType::integer, "number of indicators in their high class", "count", p, src}, count);
        add(r, {"count_high_present", FieldType::integer, "number of indicators with a value", "count", p, src}, present);
    } else {
        throw std::logic_error("fairness: preset '" + p + "' has no implementation (plan_fairness should have refused it)");
    }
    return reasons;
}

}  // namespace

FairnessResult compute_fairness(const JobPlan& plan, const std::vector<FieldSpec>& fields,
                                const std::vector<std::vector<FieldValue>>& rows, Diagnostics& diagnostics) {
    FairnessResult r;
    const FairnessConfig& fc = plan.config.fairness;
    if (!fc.enabled) return r;
    r.enabled = true;
    const std::size_t n = plan.zones.size();
    r.zone_values.resize(n);
    const ZoneColumns zones(fields, rows);

    const FairnessPlan& fp = plan.fairness;
    const IndexParameters* preset = fp.preset ? &*fp.preset : nullptr;
    r.index = fc.index;

    // Income, population, and the headline burden.
    r.income_column = fc.income;
    const ZoneValues income = zones.values(fc.income);
    const fair::IncomeOrder order = fair::income_order_from_string(fc.income_order);
    const ZoneValues population = fp.population_column.empty() ? ZoneValues(n) : zones.values(fp.population_column);
    const Grouping grouping{fp.groups_of_zones};
    r.groups_of_zones = grouping.of_zones;
    const ZoneValues group_weights = grouping.of_zones ? fair::equal_zone_weights(n) : population;
    r.headline_burden = fp.headline_burden;
    const ZoneValues headline = zones.values(r.headline_burden);

    // Income groups of the headline burden, each cumulation and each layer's raw mean.
    std::vector<fair::NamedBurden> burdens{{r.headline_burden, headline}};
    auto add_burden = [&](const std::string& column) {
        if (!zones.has(column)) return;
        for (const auto& b : burdens)
            if (b.name == column) return;
        burdens.push_back({column, zones.values(column)});
    };
    for (const CumulationRule& c : plan.cumulations) add_burden(c.name + "_mean");
    for (const LayerPlan& l : plan.layers) add_burden(l.config.name + "_mean");

    const FieldSpec* income_spec = zones.spec(fc.income);
    const std::string income_unit = income_spec ? income_spec->unit : "";  // [zones] income unit, e.g. "GBP per household"
    r.group_fields = {{"grouping", FieldType::text, "quintile or decile of zones by income: " + grouping.equal(), "", "", ""},
                      {"income_indicator", FieldType::text, "the zones column used as income", "", "", ""},
                      {"group_no", FieldType::integer, "income group, 1 = lowest income", "", "", ""},
                      {"zones", FieldType::integer, "zones in the group", "count", "", ""},
                      {"residents", FieldType::real, std::string("residents in the group") + (grouping.of_zones ? " (NULL: groups of zones)" : ""), "persons", "", ""},
                      {"income_min", FieldType::real, "lowest income value in the group", income_unit, "", ""},
                      {"income_max", FieldType::real, "highest income value in the group", income_unit, "", ""}};
    for (const auto& b : burdens) {
        const FieldSpec* s = zones.spec(b.name);
        r.group_fields.push_back({b.name, FieldType::real, grouping.mean() + " of " + b.name + (s ? ": " + s->meaning : ""),
                                  s ? s->unit : "", s ? s->method : "", s ? s->source : ""});
    }
    for (const auto& [label, groups] : {std::pair<const char*, int>{"quintile", 5}, {"decile", 10}}) {
        const fair::IncomeGroupTable t = fair::income_group_table(income, order, group_weights, groups, burdens);
        for (const fair::IncomeGroupRow& row : t.rows) {
            std::vector<FieldValue> v{grouping.label(label), fc.income, static_cast<long long>(row.group), static_cast<long long>(row.n_zones),
                                      grouping.of_zones ? FieldValue() : FieldValue(row.population), opt(row.income_min), opt(row.income_max)};
            for (const auto& m : row.burden_mean) v.push_back(opt(m));
            r.group_rows.push_back(v);
        }
        std::vector<FieldValue> zone_group;
        for (const auto& g : t.zone_group) zone_group.push_back(opt_int(g));
        add(r, {std::string("income_") + label, FieldType::integer, std::string("income ") + label + " of the zone (1 = lowest income), " + grouping.equal(), "", "", ""}, zone_group);
        for (std::size_t b = 0; b < burdens.size(); ++b)
            if (t.lowest_to_highest_ratio[b])
                r.measures.push_back({std::string("lowest_to_highest_") + label + "_ratio", burdens[b].name, *t.lowest_to_highest_ratio[b], std::nullopt,
                                      grouping.mean() + " in the lowest-income " + label + " / in the highest"});
    }
    for (const auto& b : burdens)
        if (auto ci = fair::concentration_index(b.values, income, order, group_weights))
            r.measures.push_back({"concentration_index", b.name, ci->index, ci->standard_error,
                                  "concentration index of the burden by income rank of the " + grouping.of() +
                                      " (negative: concentrated among the poor); SE Kakwani, Wagstaff & van Doorslaer 1997"});

    // Low-income residents in the most burdened decile of zones (a count of residents: not without them).
    if (!fp.low_income_share.empty() && !fp.population_column.empty()) {
        ZoneValues fraction = zones.values(fp.low_income_share);
        for (auto& v : fraction)
            if (v) *v /= 100.0;  // CBS shares are percentages
        if (auto s = fair::most_burdened_share(headline, fraction, population, 10)) {
            r.measures.push_back({"low_income_share_in_top_decile", r.headline_burden, s->low_income_share_in_top, std::nullopt,
                                  "share of all low-income residents living in the most burdened tenth of zones"});
            r.measures.push_back({"residents_share_in_top_decile", r.headline_burden, s->residents_share_in_top, std::nullopt,
                                  "share of all residents living in the most burdened tenth of zones"});
        }
    }

    // Bivariate burden x low-income class.
    std::vector<FieldValue> bi_index, bi_code;
    for (const auto& c : fair::bivariate_classes(headline, income, order)) {
        bi_index.push_back(c ? FieldValue(static_cast<long long>(c->index)) : FieldValue());
        bi_code.push_back(c ? FieldValue(c->code) : FieldValue());
    }
    add(r, {"bivariate_class", FieldType::integer, "3 x 3 class: (burden tertile - 1) x 3 + low-income tertile (tertile 1 = lowest); 9 = double burden", "1-9", "", ""}, bi_index);
    add(r, {"bivariate_code", FieldType::text, "the same as a code: burden A-C, low income 1-3; C3 = double burden", "", "", ""}, bi_code);

    // Indicators, their percentiles, the index, the reasons.
    std::vector<std::vector<fair::ReasonPart>> reasons(n);
    if (!fc.indicators.empty()) {
        const Indicators ind = rank_indicators(plan, zones, population);
        for (const auto& ri : ind.ranked) {
            std::vector<FieldValue> value, pct;
            for (std::size_t z = 0; z < n; ++z) {
                value.push_back(opt(ri.indicator.values[z]));
                pct.push_back(opt(ri.percent(z)));
            }
            add(r, {ri.indicator.name + "_value", FieldType::real, "indicator " + ri.indicator.display_label() + ": raw value", "", "indicator", ""}, value);
            add(r, {ri.indicator.name + "_pct", FieldType::real, "indicator " + ri.indicator.display_label() + ": percentile (" + fair::describe(ri.rule) + ")", "0-100", fair::to_string(ri.rule), ""}, pct);
        }
        if (preset) reasons = apply_preset(plan, *preset, ind, zones, r);
    }
    if (!preset) {
        // Without an index: the headline burden's and the income's percentiles explain the zone.
        const ZoneValues b_pct = fair::percentiles(headline, fair::PercentileRule::ces);
        const ZoneValues i_pct = fair::percentiles(income, fair::PercentileRule::ces,
                                                   order == fair::IncomeOrder::higher_is_poorer ? fair::Direction::higher_is_worse
                                                                                                : fair::Direction::higher_is_better);
        for (std::size_t z = 0; z < n; ++z) {
            if (b_pct[z]) reasons[z].push_back(fair::ReasonPart::at_percentile(r.headline_burden, headline[z], *b_pct[z], fair::Comparison::higher));
            if (i_pct[z]) reasons[z].push_back(fair::ReasonPart::at_percentile("low income", income[z], *i_pct[z], fair::Comparison::poorer));
        }
    }
    std::vector<FieldValue> text;
    for (const auto& parts : reasons) text.push_back(parts.empty() ? FieldValue() : FieldValue(fair::reasons_text(parts)));
    add(r, {"reasons", FieldType::text, "plain-language reasons: which indicators, at which percentile or value", "", fc.index, ""}, text);

    // Plain-language summary for the terminal and the report.
    for (const FairnessMeasure& m : r.measures) {
        if (m.burden != r.headline_burden) continue;
        std::ostringstream s;
        s.imbue(std::locale::classic());  // "1.25x" whatever the global locale
        s.precision(3);
        if (m.measure == "lowest_to_highest_quintile_ratio")
            s << "lowest-income fifth of " << grouping.of() << " carries " << m.value << "x the " << m.burden << " of the highest-income fifth";
        else if (m.measure == "concentration_index")
            s << "concentration index of " << m.burden << " by income: " << m.value << " (SE " << m.standard_error.value_or(0)
              << "; negative = concentrated among lower incomes)";
        else if (m.measure == "low_income_share_in_top_decile")
            s << "share of low-income residents in the most burdened tenth of zones: " << 100 * m.value << " %";
        else if (m.measure == "residents_share_in_top_decile")
            s << "share of all residents there: " << 100 * m.value << " %";
        else
            continue;
        r.summary.push_back(s.str());
    }
    if (r.summary.empty())
        diagnostics.warn("fairness-empty", "fairness: no income group could be formed (income or population missing for every zone)");
    return r;
}

std::vector<FieldSpec> fairness_summary_fields() {
    return {{"measure", FieldType::text, "the fairness measure", "", "", ""},
            {"burden", FieldType::text, "the burden column it is about", "", "", ""},
            {"value", FieldType::real, "its value", "", "", ""},
            {"standard_error", FieldType::real, "its standard error, where defined", "", "", ""},
            {"meaning", FieldType::text, "what it means", "", "", ""}};
}

std::vector<std::vector<FieldValue>> fairness_summary_rows(const FairnessResult& result) {
    std::vector<std::vector<FieldValue>> rows;
    for (const FairnessMeasure& m : result.measures)
        rows.push_back({m.measure, m.burden, m.value, m.standard_error ? FieldValue(*m.standard_error) : FieldValue(), m.meaning});
    return rows;
}

}  // namespace burdenmap
