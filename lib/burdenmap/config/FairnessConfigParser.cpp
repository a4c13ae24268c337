// The [fairness] section of a config: which index preset, which income indicator, which zone
// indicators (with their group and direction). Values are checked against the presets and zone
// columns later, when the plan knows them (job/FairnessPlan.cpp).
#include "burdenmap/config/TomlReader.h"

namespace burdenmap::config_detail {
namespace {

const char* kDirections = "higher_is_worse or higher_is_better";

FairnessIndicatorConfig parse_indicator(TomlReader r) {
    FairnessIndicatorConfig i;
    i.name = r.required_string("name");
    bool ok = !i.name.empty() && i.name.size() <= 30 && i.name[0] >= 'a' && i.name[0] <= 'z';
    for (char ch : i.name) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
    if (!ok) r.fail("name", "'" + i.name + "' is not a valid name: 1-30 lowercase letters, digits, underscores");
    i.from = r.required_string("from");
    i.label = r.optional_string("label", i.name);
    i.group = r.optional_string("group");
    i.direction = r.optional_string("direction", i.direction);
    if (i.direction != "higher_is_worse" && i.direction != "higher_is_better")
        r.fail("direction", "must be " + std::string(kDirections));
    i.percentile = r.optional_string("percentile");
    i.high_at = r.optional_number("high_at");
    i.unit = r.optional_string("unit");
    r.reject_unknown({"name", "from", "label", "group", "direction", "percentile", "high_at", "unit"});
    return i;
}

}  // namespace

FairnessConfig parse_fairness(TomlReader r) {
    FairnessConfig f;
    f.enabled = true;
    f.index = r.optional_string("index", f.index);
    f.percentile = r.optional_string("percentile");
    f.income = r.required_string("income");
    f.income_order = r.optional_string("income_order", f.income_order);
    if (f.income_order != "higher_is_poorer" && f.income_order != "higher_is_richer")
        r.fail("income_order", "must be higher_is_poorer (e.g. % low income) or higher_is_richer (e.g. mean income)");
    f.low_income_share = r.optional_string("low_income_share");
    f.burden = r.optional_string("burden");
    f.income_groups = r.optional_string("income_groups", f.income_groups);
    if (f.income_groups != "residents" && f.income_groups != "zones")
        r.fail("income_groups", "must be residents (groups of equal numbers of residents) or zones (of equal numbers of zones)");
    f.population_weights = r.optional_bool("population_weights").value_or(false);
    f.donut_hole = r.optional_bool("donut_hole").value_or(false);
    f.low_income_indicator = r.optional_string("low_income_indicator");
    f.demographic_index = r.optional_string("demographic_index");
    f.supplemental_index = r.optional_string("supplemental_index");
    const auto indicators = r.table_array("indicator");
    for (std::size_t i = 0; i < indicators.size(); ++i)
        f.indicators.push_back(parse_indicator(r.sub(*indicators[i], "indicator[" + std::to_string(i) + "]")));
    if (const toml::table* t = r.optional_table("table")) f.table = parse_join_table(r.sub(*t, "table"));
    if (f.index != "none" && f.indicators.empty())
        r.fail("indicator", "index '" + f.index + "' needs [[fairness.indicator]] entries (name, from, group)");
    r.reject_unknown({"index", "percentile", "income", "income_order", "low_income_share", "burden", "income_groups", "population_weights",
                      "donut_hole", "low_income_indicator", "demographic_index", "supplemental_index", "indicator", "table"});
    return f;
}

}  // namespace burdenmap::config_detail
