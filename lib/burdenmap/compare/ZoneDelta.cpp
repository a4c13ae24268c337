#include "burdenmap/compare/ZoneDelta.h"

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap {

namespace {

void push_number(std::vector<FieldValue>& values, const std::optional<double>& v) {
    if (v) values.emplace_back(*v);
    else values.emplace_back();
}

std::string same_rule(const ComparedMeasure& m) {
    if (m.tolerance > 0) return "a difference of at most " + plain_number(m.tolerance) + (m.unit.empty() ? "" : " " + m.unit) + " is the same";
    return "any difference counts (no tolerance is known for " + (m.unit.empty() ? std::string("a measure without unit") : m.unit) +
           "; set one with --tolerance " + m.name + "=VALUE)";
}

}  // namespace

std::string change_column(const std::string& measure, const std::string& label) { return "change_" + measure + "_" + label; }

ZoneComparison zone_comparison(const ZoneDeltaInput& input) {
    const ZoneTables& t = *input.tables;
    ZoneComparison out;
    out.crs_wkt = input.crs_wkt;
    const bool have_names = t.base.column("zone_name").has_value();
    const bool have_residents = t.base.column(residents_column).has_value();
    out.fields.push_back({zone_id_column, FieldType::text, "zone id (the same in every run compared)", "", "", ""});
    if (have_names) out.fields.push_back({"zone_name", FieldType::text, "zone name (of the base run)", "", "", ""});
    if (have_residents)
        out.fields.push_back({residents_column, FieldType::real, "residents of the zone's part inside the grid in the base run", "persons", "", ""});
    for (const std::string& label : t.labels) {
        for (const ComparedMeasure& m : input.judged)
            out.fields.push_back({change_column(m.name, label), FieldType::text,
                                  "better / same / worse in plan " + label + " than in the base by the zone's " + m.name +
                                      "_pop_mean (else " + m.name + "_mean); " + same_rule(m) + "; higher is worse",
                                  "", "tolerance " + plain_number(m.tolerance), ""});
        for (const FieldSpec& c : input.columns) {
            out.fields.push_back({c.name + "_" + label, FieldType::real, c.meaning + " (plan " + label + ")", c.unit, c.method, c.source});
            out.fields.push_back({c.name + "_delta_" + label, FieldType::real,
                                  "plan " + label + " - base of " + c.name + " (" + c.meaning + ")", c.unit, c.method, c.source});
        }
    }
    for (std::size_t r = 0; r < t.base.rows.size(); ++r) {
        Feature f;
        if (r < input.wkb.size()) f.wkb = input.wkb[r];
        f.values.emplace_back(t.base.text(r, zone_id_column));
        if (have_names) f.values.emplace_back(t.base.text(r, "zone_name"));
        if (have_residents) push_number(f.values, t.base.number(r, residents_column));
        for (std::size_t p = 0; p < t.plans.size(); ++p) {
            const std::size_t pr = t.plan_row[p][r];
            for (const ComparedMeasure& m : input.judged) {
                if (const auto change = zone_change(t, p, r, m)) f.values.emplace_back(to_string(*change));
                else f.values.emplace_back();
            }
            for (const FieldSpec& c : input.columns) {
                const auto before = t.base.number(r, c.name);
                const auto after = t.plans[p].number(pr, c.name);
                push_number(f.values, after);
                push_number(f.values, before && after ? std::optional<double>(*after - *before) : std::nullopt);
            }
        }
        out.features.push_back(std::move(f));
    }
    return out;
}

}  // namespace burdenmap
