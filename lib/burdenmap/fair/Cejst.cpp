#include "burdenmap/fair/Cejst.h"

#include <algorithm>
#include <stdexcept>

namespace burdenmap::fair {

namespace {

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// Category index of each indicator; the category list in order of first appearance.
std::vector<std::size_t> assign_categories(const std::vector<RankedIndicator>& burdens, std::size_t n,
                                           std::vector<std::string>& categories) {
    std::vector<std::size_t> category_of;
    for (const auto& ind : burdens) {
        const std::string what = "CEJST indicator '" + ind.indicator.name + "'";
        require_zone_count(n, ind.percentile.size(), what.c_str());
        require_zone_count(n, ind.indicator.values.size(), what.c_str());
        if (ind.indicator.group.empty()) throw std::invalid_argument(what + ": no category (group) set");
        auto c = index_of(categories, ind.indicator.group);
        if (c == categories.size()) categories.push_back(ind.indicator.group);
        category_of.push_back(c);
    }
    return category_of;
}

// The gate (if any) of each category.
std::vector<const CejstCategoryGate*> gates_by_category(const std::vector<CejstCategoryGate>& gates,
                                                        const std::vector<std::string>& categories, std::size_t n) {
    std::vector<const CejstCategoryGate*> by_category(categories.size(), nullptr);
    for (const auto& g : gates) {
        const auto c = index_of(categories, g.category);
        if (c == categories.size())
            throw std::invalid_argument("CEJST gate for unknown category '" + g.category + "'");
        const std::string what = "CEJST gate '" + g.category + "'";
        require_zone_count(n, g.passes.size(), what.c_str());
        by_category[c] = &g;
    }
    return by_category;
}

ReasonPart low_income_part(const RankedIndicator& low_income, std::size_t z, double threshold_fraction) {
    return ReasonPart::at_percentile(low_income.indicator.display_label(), usable(low_income.indicator.values[z]),
                                     *low_income.percent(z), Comparison::poorer, threshold_fraction * 100.0);
}

}  // namespace

CejstResult compute_cejst(const std::vector<RankedIndicator>& burdens, const RankedIndicator& low_income,
                          const CejstOptions& options, const std::vector<CejstCategoryGate>& gates,
                          const Neighbours* neighbours) {
    const std::size_t n = low_income.percentile.size();
    require_zone_count(n, low_income.indicator.values.size(), "CEJST low-income indicator");
    CejstResult result;
    const auto category_of = assign_categories(burdens, n, result.categories);
    const auto gate_of = gates_by_category(gates, result.categories, n);
    const std::size_t n_categories = result.categories.size();

    result.zones.resize(n);
    for (std::size_t z = 0; z < n; ++z) {
        CejstZone& zone = result.zones[z];
        zone.burden_exceeded.assign(n_categories, false);
        zone.category_flag.assign(n_categories, false);
        zone.low_income_percentile = low_income.fraction(z);
        zone.low_income = zone.low_income_percentile && *zone.low_income_percentile >= options.low_income_at_least;
        std::vector<ReasonPart> burden_parts;
        std::vector<bool> gate_used(n_categories, false);
        for (std::size_t i = 0; i < burdens.size(); ++i) {
            const auto pct = burdens[i].fraction(z);
            if (!pct || *pct < options.burden_at_least) continue;
            const std::size_t c = category_of[i];
            zone.burden_exceeded[c] = true;
            const bool socio_test = gate_of[c] ? static_cast<bool>(gate_of[c]->passes[z]) : zone.low_income;
            if (!socio_test) continue;
            zone.category_flag[c] = true;
            ++zone.threshold_count;
            gate_used[c] = gate_of[c] != nullptr;
            burden_parts.push_back(ReasonPart::at_percentile(burdens[i].indicator.display_label(),
                                                             usable(burdens[i].indicator.values[z]),
                                                             *burdens[i].percent(z),
                                                             comparison_for(burdens[i].indicator.direction),
                                                             options.burden_at_least * 100.0));
        }
        zone.category_count = static_cast<std::size_t>(std::count(zone.category_flag.begin(), zone.category_flag.end(), true));
        zone.disadvantaged = zone.category_count > 0;
        if (zone.disadvantaged) {
            zone.reasons = std::move(burden_parts);
            bool income_used = false;
            for (std::size_t c = 0; c < n_categories; ++c) {
                if (!zone.category_flag[c]) continue;
                if (gate_used[c]) zone.reasons.push_back(ReasonPart::note(gate_of[c]->label));
                else income_used = true;
            }
            if (income_used) zone.reasons.push_back(low_income_part(low_income, z, options.low_income_at_least));
        }
        zone.final_disadvantaged = zone.disadvantaged;
    }

    if (options.donut_hole) {
        if (!neighbours) throw std::invalid_argument("CEJST donut-hole rule needs the zone neighbour lists");
        std::vector<bool> flagged(n);
        ZoneValues income(n);
        for (std::size_t z = 0; z < n; ++z) {
            flagged[z] = result.zones[z].disadvantaged;
            income[z] = result.zones[z].low_income_percentile;
        }
        const auto donut = apply_donut_hole(flagged, *neighbours, income, options.donut);
        for (std::size_t z = 0; z < n; ++z) {
            CejstZone& zone = result.zones[z];
            zone.neighbour_share = donut.neighbour_share[z];
            zone.donut_hole = donut.donut_hole[z];
            zone.final_disadvantaged = donut.final_flag[z];
            if (zone.donut_hole && !zone.disadvantaged) {
                const std::size_t k = donut.neighbour_count[z];
                const std::size_t flagged_k = static_cast<std::size_t>(*zone.neighbour_share * static_cast<double>(k) + 0.5);
                zone.reasons.push_back(ReasonPart::note(
                    flagged_k == k ? "all " + std::to_string(k) + " neighbouring zones disadvantaged"
                                   : std::to_string(flagged_k) + " of " + std::to_string(k) +
                                         " neighbouring zones disadvantaged"));
                zone.reasons.push_back(low_income_part(low_income, z, options.donut.low_income_at_least));
            }
        }
    }
    return result;
}

}  // namespace burdenmap::fair
