#include "burdenmap/compare/ZoneTables.h"

#include <cmath>
#include <map>

#include "burdenmap/compare/Comparison.h"

namespace burdenmap {

namespace {

// "2 zone id(s) of the base not in the plan: 'a', 'b'" (at most 3 named).
std::string named_ids(std::size_t count, const std::string& what, const std::vector<std::string>& ids) {
    std::string out = std::to_string(count) + " " + what + ": ";
    for (std::size_t i = 0; i < ids.size() && i < 3; ++i) out += (i ? ", '" : "'") + ids[i] + "'";
    if (count > 3) out += ", ...";
    return out;
}

std::map<std::string, std::size_t> id_counts(const std::vector<std::string>& ids) {
    std::map<std::string, std::size_t> counts;
    for (const std::string& id : ids) ++counts[id];
    return counts;
}

}  // namespace

std::optional<std::string> zone_id_difference(const std::vector<std::string>& base_ids, const std::vector<std::string>& plan_ids) {
    const auto base = id_counts(base_ids);
    const auto plan = id_counts(plan_ids);
    std::vector<std::string> only_base, only_plan, repeated;
    for (const auto& [id, n] : base) {
        if (!plan.count(id)) only_base.push_back(id);
        if (n > 1) repeated.push_back(id);
    }
    for (const auto& [id, n] : plan) {
        if (!base.count(id)) only_plan.push_back(id);
        if (n > 1 && base.count(id) && base.at(id) == 1) repeated.push_back(id);
    }
    if (only_base.empty() && only_plan.empty() && repeated.empty()) return std::nullopt;
    std::string out;
    auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    if (!only_base.empty()) add(named_ids(only_base.size(), "zone id(s) of the base not in the plan", only_base));
    if (!only_plan.empty()) add(named_ids(only_plan.size(), "zone id(s) of the plan not in the base", only_plan));
    if (!repeated.empty()) add(named_ids(repeated.size(), "zone id(s) repeated", repeated));
    return out;
}

std::vector<std::size_t> match_zones(const std::vector<std::string>& base_ids, const std::vector<std::string>& plan_ids) {
    std::map<std::string, std::size_t> row_of;
    for (std::size_t r = 0; r < plan_ids.size(); ++r) row_of.emplace(plan_ids[r], r);
    std::vector<std::size_t> out;
    out.reserve(base_ids.size());
    for (const std::string& id : base_ids) out.push_back(row_of.at(id));
    return out;
}

std::optional<double> judged_value(const ZoneRows& zones, std::size_t row, const std::string& stem) {
    if (auto v = zones.number(row, stem + "_pop_mean")) return v;
    return zones.number(row, stem + "_mean");
}

std::optional<ChangeClass> zone_change(const ZoneTables& tables, std::size_t plan, std::size_t base_row, const ComparedMeasure& measure) {
    const ZoneRows& after_zones = tables.plans[plan];
    const std::size_t after_row = tables.plan_row[plan][base_row];
    // Both runs' residents-weighted means, or both area means: never one against the other.
    auto before = tables.base.number(base_row, measure.name + "_pop_mean");
    auto after = after_zones.number(after_row, measure.name + "_pop_mean");
    if (!before || !after) {
        before = tables.base.number(base_row, measure.name + "_mean");
        after = after_zones.number(after_row, measure.name + "_mean");
    }
    if (!before || !after) return std::nullopt;
    // NaN (a value that is no number, or inf - inf) is no change to judge: classify_change would
    // call it "better".
    const double delta = *after - *before;
    if (std::isnan(delta)) return std::nullopt;
    return classify_change(delta, measure.tolerance);
}

double column_sum(const ZoneRows& zones, const std::string& column) {
    double sum = 0;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (const auto v = zones.number(r, column)) sum += *v;
    return sum;
}

double residents_of(const ZoneRows& zones, std::size_t row) { return zones.number(row, residents_column).value_or(0.0); }

}  // namespace burdenmap
