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
#include "burdenmap/fair/ConcentrationIndex.h"
#include "burdenmap/fair/IncomeGroups.h"
#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"
#include "burdenmap/job/FairnessColumns.h"
#include "burdenmap/job/FairnessPresets.h"

namespace burdenmap {
namespace {

using fair::ZoneValues;

// How the income groups are formed, in the words every output uses: of equal residents, or of
// equal numbers of zones (income_groups = "zones", for jobs without a population).
struct Grouping {
    bool of_zones = false;
    std::string of() const { return of_zones ? "zones" : "residents"; }
    std::string label(const char* quantile) const { return of_zones ? std::string(quantile) + " of zones" : quantile; }
    std::string equal() const { return of_zones ? "groups of equal numbers of zones (income_groups = \"zones\")" : "groups of equal residents"; }
    std::string mean() const { return of_zones ? "mean over the zones (each zone counts once)" : "population-weighted mean"; }
};

// The [[fairness.indicator]]s ranked: their values (`values`, per indicator; by default read from
// the zones columns and the joined table) by each one's percentile rule, or by `rule` for every
// indicator that follows the preset's rule (no `percentile` of its own): an uncertainty draw's.
RankedIndicators rank_indicators(const JobPlan& plan, const ZoneColumns& zones, const ZoneValues& population,
                                 const std::vector<ZoneValues>* values = nullptr,
                                 std::optional<fair::PercentileRule> rule = std::nullopt) {
    const FairnessConfig& fc = plan.config.fairness;
    const FairnessPlan& fp = plan.fairness;
    std::vector<double> weights;
    if (fc.population_weights)
        for (const auto& p : population) weights.push_back(p.value_or(0.0));
    RankedIndicators out;
    for (std::size_t i = 0; i < fc.indicators.size(); ++i) {
        const FairnessIndicatorConfig& ic = fc.indicators[i];
        const FairnessIndicatorPlan& ip = fp.indicators[i];
        fair::Indicator ind;
        ind.name = ic.name;
        ind.label = ic.label;
        ind.group = ic.group;
        ind.direction = fair::direction_from_string(ic.direction);
        ind.values = values ? (*values)[i] : indicator_values(plan, zones, i);
        const fair::PercentileRule r = rule && ic.percentile.empty() ? *rule : ip.rule;
        try {
            out.ranked.push_back(fair::rank_indicator(std::move(ind), r,
                                                      fc.population_weights && fair::rule_supports_weights(r) ? &weights : nullptr));
        } catch (const std::invalid_argument& e) {
            // The values do not fit the rule (a "given" percentile of 150, zero total weight).
            throw InputError(ip.key + " (from '" + ic.from + "'): " + e.what());
        }
        out.configs.push_back(&ic);
    }
    return out;
}

// The chosen index preset (FairnessPresets.h): plan_fairness refused any preset without a function.
ZoneReasons apply_preset(const JobPlan& plan, const IndexParameters& preset, const RankedIndicators& ind,
                         const ZoneColumns& zones, FairnessResult& r) {
    const PresetFunction apply = preset_function(preset.id);
    if (!apply) throw std::logic_error("fairness: preset '" + preset.id + "' has no implementation (plan_fairness should have refused it)");
    return apply(PresetInputs{plan, preset, ind, zones}, r);
}

// index = "none": the headline burden's and the income's percentiles explain the zone.
ZoneReasons reasons_without_index(const std::string& headline_burden, const ZoneValues& headline, const ZoneValues& income,
                                  fair::IncomeOrder order) {
    const ZoneValues b_pct = fair::percentiles(headline, fair::PercentileRule::ces);
    const ZoneValues i_pct = fair::percentiles(income, fair::PercentileRule::ces,
                                               order == fair::IncomeOrder::higher_is_poorer ? fair::Direction::higher_is_worse
                                                                                            : fair::Direction::higher_is_better);
    ZoneReasons reasons(headline.size());
    for (std::size_t z = 0; z < headline.size(); ++z) {
        if (b_pct[z]) reasons[z].push_back(fair::ReasonPart::at_percentile(headline_burden, headline[z], *b_pct[z], fair::Comparison::higher));
        if (i_pct[z]) reasons[z].push_back(fair::ReasonPart::at_percentile("low income", income[z], *i_pct[z], fair::Comparison::poorer));
    }
    return reasons;
}

}  // namespace

ZoneValues indicator_values(const JobPlan& plan, const ZoneColumns& zones, std::size_t i) {
    const FairnessIndicatorPlan& ip = plan.fairness.indicators[i];
    if (!ip.table_column) return zones.values(ip.zones_column);
    const FairnessTable& table = *plan.fairness.table;
    ZoneValues out;
    for (const auto& row : table.row_of_zone) out.push_back(row ? table.table.rows[*row][*ip.table_column] : std::nullopt);
    return out;
}

ZoneValues fairness_index_draw(const JobPlan& plan, const ZoneColumns& zones, const std::vector<ZoneValues>& values,
                               std::optional<fair::PercentileRule> rule, const std::string& column) {
    const FairnessPlan& fp = plan.fairness;
    const ZoneValues population = fp.population_column.empty() ? ZoneValues(plan.zones.size()) : zones.values(fp.population_column);
    const RankedIndicators ind = rank_indicators(plan, zones, population, &values, rule);
    FairnessResult scratch;
    scratch.zone_values.resize(plan.zones.size());
    apply_preset(plan, *fp.preset, ind, zones, scratch);
    for (std::size_t f = 0; f < scratch.zone_fields.size(); ++f) {
        if (scratch.zone_fields[f].name != column) continue;
        ZoneValues out;
        for (const auto& row : scratch.zone_values) {
            const FieldValue& v = row[f];
            if (const double* d = std::get_if<double>(&v)) out.push_back(std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt);
            else if (const long long* n = std::get_if<long long>(&v)) out.push_back(static_cast<double>(*n));
            else out.push_back(std::nullopt);
        }
        return out;
    }
    throw std::logic_error("fairness_index_draw: the preset wrote no column '" + column + "'");
}

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
        add_zone_column(r, {std::string("income_") + label, FieldType::integer, std::string("income ") + label + " of the zone (1 = lowest income), " + grouping.equal(), "", "", ""}, zone_group);
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
    add_zone_column(r, {"bivariate_class", FieldType::integer, "3 x 3 class: (burden tertile - 1) x 3 + low-income tertile (tertile 1 = lowest); 9 = double burden", "1-9", "", ""}, bi_index);
    add_zone_column(r, {"bivariate_code", FieldType::text, "the same as a code: burden A-C, low income 1-3; C3 = double burden", "", "", ""}, bi_code);

    // Indicators, their percentiles, the index, the reasons.
    ZoneReasons reasons(n);
    if (!fc.indicators.empty()) {
        const RankedIndicators ind = rank_indicators(plan, zones, population);
        for (const auto& ri : ind.ranked) {
            std::vector<FieldValue> value, pct;
            for (std::size_t z = 0; z < n; ++z) {
                value.push_back(opt(ri.indicator.values[z]));
                pct.push_back(opt(ri.percent(z)));
            }
            add_zone_column(r, {ri.indicator.name + "_value", FieldType::real, "indicator " + ri.indicator.display_label() + ": raw value", "", "indicator", ""}, value);
            add_zone_column(r, {ri.indicator.name + "_pct", FieldType::real, "indicator " + ri.indicator.display_label() + ": percentile (" + fair::describe(ri.rule) + ")", "0-100", fair::to_string(ri.rule), ""}, pct);
        }
        if (preset) reasons = apply_preset(plan, *preset, ind, zones, r);
    }
    if (!preset) reasons = reasons_without_index(r.headline_burden, headline, income, order);
    std::vector<FieldValue> text;
    for (const auto& parts : reasons) text.push_back(parts.empty() ? FieldValue() : FieldValue(fair::reasons_text(parts)));
    add_zone_column(r, {"reasons", FieldType::text, "plain-language reasons: which indicators, at which percentile or value", "", fc.index, ""}, text);

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

std::vector<FieldSpec> fairness_summary_fields(bool intervals) {
    std::vector<FieldSpec> f{{"measure", FieldType::text, "the fairness measure", "", "", ""},
                             {"burden", FieldType::text, "the burden column it is about", "", "", ""},
                             {"value", FieldType::real, "its value", "", "", ""},
                             {"standard_error", FieldType::real, "its standard error, where defined", "", "", ""},
                             {"meaning", FieldType::text, "what it means", "", "", ""}};
    if (intervals) {
        f.push_back({"p05", FieldType::real, "5th percentile over the uncertainty draws (NULL: not drawn)", "", "uncertainty", ""});
        f.push_back({"p95", FieldType::real, "95th percentile over the uncertainty draws (NULL: not drawn)", "", "uncertainty", ""});
    }
    return f;
}

std::vector<std::vector<FieldValue>> fairness_summary_rows(const FairnessResult& result) {
    std::vector<std::vector<FieldValue>> rows;
    for (std::size_t i = 0; i < result.measures.size(); ++i) {
        const FairnessMeasure& m = result.measures[i];
        rows.push_back({m.measure, m.burden, m.value, m.standard_error ? FieldValue(*m.standard_error) : FieldValue(), m.meaning});
        if (!result.intervals) continue;
        const auto interval = result.measure_intervals.find(i);
        rows.back().push_back(interval != result.measure_intervals.end() ? FieldValue(interval->second.first) : FieldValue());
        rows.back().push_back(interval != result.measure_intervals.end() ? FieldValue(interval->second.second) : FieldValue());
    }
    return rows;
}

}  // namespace burdenmap
