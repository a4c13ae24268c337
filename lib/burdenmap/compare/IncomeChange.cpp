#include "burdenmap/compare/IncomeChange.h"

#include <cmath>
#include <optional>
#include <string>
#include <set>

#include "burdenmap/core/NaN.h"

namespace burdenmap {

namespace {

double ratio(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

// Σ residents·value / Σ residents over `rows` of `zones` with a value.
double weighted_mean(const ZoneRows& zones, const std::vector<std::size_t>& rows, const std::string& stem) {
    double sum = 0, weight = 0;
    for (std::size_t r : rows) {
        const auto v = judged_value(zones, r, stem);
        const double w = residents_of(zones, r);
        if (!v || !(w > 0)) continue;
        sum += w * *v;
        weight += w;
    }
    return ratio(sum, weight);
}

IncomeChangeRow income_row(const ZoneTables& t, std::size_t plan, int quintile, const std::vector<std::size_t>& base_rows,
                           const ComparedMeasure& m) {
    IncomeChangeRow row;
    row.quintile = quintile;
    row.label = t.labels[plan];
    row.measure = m.name;
    std::vector<std::size_t> plan_rows;
    double counts[3] = {0, 0, 0};  // better, same, worse
    for (std::size_t r : base_rows) {
        const std::size_t pr = t.plan_row[plan][r];
        plan_rows.push_back(pr);
        row.residents_base += residents_of(t.base, r);
        row.residents_plan += residents_of(t.plans[plan], pr);
        if (const auto change = zone_change(t, plan, r, m)) counts[static_cast<int>(*change)] += residents_of(t.plans[plan], pr);
    }
    row.mean_base = weighted_mean(t.base, base_rows, m.name);
    row.mean_plan = weighted_mean(t.plans[plan], plan_rows, m.name);
    row.mean_change = row.mean_plan - row.mean_base;
    const double judged = counts[0] + counts[1] + counts[2];
    row.share_better = ratio(counts[static_cast<int>(ChangeClass::better)], judged);
    row.share_same = ratio(counts[static_cast<int>(ChangeClass::same)], judged);
    row.share_worse = ratio(counts[static_cast<int>(ChangeClass::worse)], judged);
    return row;
}

std::optional<double> quintile_change(const std::vector<IncomeChangeRow>& rows, const std::string& label,
                                      const std::string& measure, int quintile) {
    for (const IncomeChangeRow& r : rows)
        if (r.label == label && r.measure == measure && r.quintile == quintile && std::isfinite(r.mean_change)) return r.mean_change;
    return std::nullopt;
}

}  // namespace

std::vector<IncomeChangeRow> income_change(const ZoneTables& tables, const std::vector<ComparedMeasure>& measures) {
    std::vector<IncomeChangeRow> out;
    if (!tables.base.column(income_quintile_column)) return out;
    std::set<int> quintiles;
    for (std::size_t r = 0; r < tables.base.rows.size(); ++r)
        if (const auto q = tables.base.number(r, income_quintile_column)) quintiles.insert(static_cast<int>(*q));
    for (int q : quintiles) {
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < tables.base.rows.size(); ++r)
            if (tables.base.number(r, income_quintile_column) == std::optional<double>(q)) rows.push_back(r);
        for (std::size_t p = 0; p < tables.plans.size(); ++p)
            for (const ComparedMeasure& m : measures) out.push_back(income_row(tables, p, q, rows, m));
    }
    return out;
}

namespace {

// The level of the <layer>_pop_ge<K> column of `zones`, if it has one (K: digits only, so layer
// "road" never takes "road_noise_pop_ge6").
std::optional<int> burden_level_column(const ZoneRows& zones, const std::string& layer) {
    const std::string stem = layer + "_pop_ge";
    for (const std::string& c : zones.columns)
        if (c.size() > stem.size() && c.compare(0, stem.size(), stem) == 0 &&
            c.find_first_not_of("0123456789", stem.size()) == std::string::npos)
            return std::stoi(c.substr(stem.size()));
    return std::nullopt;
}

}  // namespace

std::vector<AlternativeSummary> summarise(const ZoneTables& tables, const ComparedMeasure& headline,
                                          const std::vector<IncomeChangeRow>& by_income,
                                          const std::vector<ComparedMeasure>& measures) {
    std::vector<AlternativeSummary> out;
    for (std::size_t p = 0; p < tables.plans.size(); ++p) {
        AlternativeSummary s;
        s.label = tables.labels[p];
        s.headline = headline.name;
        for (std::size_t r = 0; r < tables.base.rows.size(); ++r) {
            const auto change = zone_change(tables, p, r, headline);
            if (!change) continue;
            const double residents = residents_of(tables.plans[p], tables.plan_row[p][r]);
            (*change == ChangeClass::better ? s.residents_better : *change == ChangeClass::same ? s.residents_same : s.residents_worse) += residents;
        }
        s.lowest_quintile_change = quintile_change(by_income, s.label, headline.name, 1);
        s.highest_quintile_change = quintile_change(by_income, s.label, headline.name, 5);
        // Every zone of the plan is a zone of the base (zone_id_difference): whole-table sums.
        s.residents_base_total = column_sum(tables.base, residents_column);
        s.residents_plan_total = column_sum(tables.plans[p], residents_column);
        for (const ComparedMeasure& m : measures) {
            if (m.kind != ComparedMeasure::Kind::layer) continue;
            const auto level = burden_level_column(tables.base, m.layer);
            if (!level || burden_level_column(tables.plans[p], m.layer) != level) continue;
            const std::string column = m.layer + "_pop_ge" + std::to_string(*level);
            s.at_burden_level.push_back({m.layer, *level, column_sum(tables.base, column), column_sum(tables.plans[p], column)});
        }
        out.push_back(s);
    }
    return out;
}

}  // namespace burdenmap
