#include "burdenmap/job/ZoneTable.h"

#include <cmath>
#include <locale>
#include <sstream>

namespace burdenmap {

std::string level_text(double v) {
    std::ostringstream s;
    s.imbue(std::locale::classic());  // a column name: "55_5" whatever the global locale
    s << v;
    std::string t = s.str();
    for (char& c : t)
        if (c == '.' || c == '-') c = '_';
    return t;
}

namespace {

// Where a [zones] field key's values come from, for the codebook: "field F", or "column C of
// census.csv (zones.table)".
std::string origin(const ZonesConfig& zc, const std::string& field) {
    if (const auto column = table_column(field); column && zc.table)
        return "column " + *column + " of " + zc.table->path.filename().string() + " (zones.table)";
    return "field " + field;
}

std::string income_unit(const ZonesConfig& zc, const std::string& key) {
    const auto unit = zc.income_units.find(key);
    return unit != zc.income_units.end() ? unit->second : "";
}

}  // namespace

std::vector<FieldSpec> zone_fields(const JobPlan& plan, const BandSet& bands) {
    const ZonesConfig& zc = plan.config.zones;
    std::vector<FieldSpec> f;
    f.push_back({"zone_id", FieldType::text, "zone id (from field " + zc.id_field + ")", "", "", ""});
    f.push_back({"zone_name", FieldType::text, "zone name" + (zc.name_field.empty() ? "" : " (from " + origin(zc, zc.name_field) + ")"), "", "", ""});
    f.push_back({"population", FieldType::real, "residents" + (zc.population_field.empty() ? "" : " (from " + origin(zc, zc.population_field) + ")"), "persons", "", ""});
    for (const auto& [key, field] : zc.income_fields)
        f.push_back({key, FieldType::real, "income indicator (from " + origin(zc, field) + "); sentinels are NULL", income_unit(zc, key), "", ""});
    f.push_back({"area_m2", FieldType::real, "area of the zone", "m2", "", ""});
    f.push_back({"covered_share", FieldType::real, "share of the zone's area inside the study grid", "0-1", "exact coverage", ""});
    const bool population = plan.population.kind != PopulationPlan::Kind::none;
    if (population)
        f.push_back({"residents", FieldType::real, "residents of the zone's part inside the grid (" + plan.population.describe() + ")", "persons", "", ""});
    for (const ZonalBand& b : bands.zonal) {
        if (b.kind == ZonalBand::Kind::completeness || b.absent) continue;  // completeness: a column of its cumulation (below)
        const std::string weighted = " (area-weighted with exact cell coverage)";
        f.push_back({b.prefix + "_mean", FieldType::real, "mean " + b.meaning + weighted, b.unit, b.method, b.source});
        f.push_back({b.prefix + "_min", FieldType::real, "minimum " + b.meaning + " over cells touching the zone", b.unit, b.method, b.source});
        f.push_back({b.prefix + "_max", FieldType::real, "maximum " + b.meaning + " over cells touching the zone", b.unit, b.method, b.source});
        f.push_back({b.prefix + "_std", FieldType::real, "standard deviation " + b.meaning + weighted, b.unit, b.method, b.source});
        for (double t : b.thresholds)
            f.push_back({b.prefix + "_share_ge" + level_text(t), FieldType::real,
                         "share of the zone's area with data where " + b.prefix + " >= " + level_text(t), "0-1", b.method, b.source});
        f.push_back({b.prefix + "_nodata_share", FieldType::real, "share of the zone's covered area without data for " + b.prefix, "0-1", b.method, b.source});
        if (b.completeness_band) {
            const ZonalBand& c = bands.zonal[*b.completeness_band];
            f.push_back({c.prefix + "_complete_share", FieldType::real, c.meaning, c.unit, c.method, c.source});
        }
        if (!population) continue;
        if (b.population_mean)
            f.push_back({b.prefix + "_pop_mean", FieldType::real, "population-weighted mean " + b.meaning, b.unit, b.method, b.source});
        if (b.kind == ZonalBand::Kind::score) {
            // A layer's score: residents per class (the GES "woningscore") and at or above its level.
            const std::string& layer = b.layer;
            for (int k = 0; k < b.population_classes; ++k)
                f.push_back({layer + "_pop_class_" + std::to_string(k), FieldType::real,
                             "residents where the score of " + layer + " is " + std::to_string(k), "persons", b.method, b.source});
            for (double t : b.thresholds)
                f.push_back({layer + "_pop_ge" + level_text(t), FieldType::real,
                             "residents where the score of " + layer + " >= " + level_text(t), "persons", b.method, b.source});
        } else if (b.population_classes > 0) {
            for (int k = 1; k < b.population_classes; ++k)
                f.push_back({b.prefix + "_pop_ge" + std::to_string(k), FieldType::real,
                             "residents where " + b.prefix + " >= " + std::to_string(k), "persons", b.method, b.source});
        }
    }
    return f;
}

std::vector<FieldValue> zone_row(const JobPlan& plan, const BandSet& bands, std::size_t zone, const ZoneStats& stats) {
    const std::vector<ZonalAccumulator>& accs = stats.area;
    const bool population = plan.population.kind != PopulationPlan::Kind::none;
    const bool have_pop = !stats.population.empty();
    auto pop_value = [&](double v) -> FieldValue { return have_pop ? FieldValue(v) : FieldValue(); };
    const Zone& z = plan.zones[zone];
    auto opt = [](const std::optional<double>& v) -> FieldValue { return v ? FieldValue(*v) : FieldValue(); };
    std::vector<FieldValue> row;
    row.emplace_back(z.id);
    row.emplace_back(z.name);
    row.push_back(opt(z.population));
    for (const auto& v : z.income) row.push_back(opt(v));
    row.emplace_back(z.area);
    const double covered = accs.empty() ? 0.0 : accs.front().total_weight() * plan.grid.cell_area();
    row.emplace_back(z.area > 0 ? std::min(1.0, covered / z.area) : 0.0);
    if (population)
        row.push_back(pop_value(have_pop ? stats.population.front().residents() + stats.population.front().residents_without_data() : 0.0));
    for (std::size_t b = 0; b < bands.zonal.size(); ++b) {
        const ZonalBand& band = bands.zonal[b];
        if (band.kind == ZonalBand::Kind::completeness || band.absent) continue;
        const ZonalAccumulator& a = accs[b];
        row.emplace_back(a.mean());
        row.emplace_back(a.min());
        row.emplace_back(a.max());
        row.emplace_back(a.stddev());
        for (std::size_t t = 0; t < a.thresholds().size(); ++t) row.emplace_back(a.share_at_least(t));
        row.emplace_back(a.total_weight() > 0 ? a.nodata_weight() / a.total_weight() : std::nan(""));
        // 0/1 per covered cell: the mean is the complete share of the covered area.
        if (band.completeness_band) row.emplace_back(accs[*band.completeness_band].mean());
        if (!population) continue;
        const PopulationAccumulator* p = have_pop ? &stats.population[b] : nullptr;
        if (band.population_mean) row.push_back(p ? FieldValue(p->mean()) : FieldValue());
        if (band.kind == ZonalBand::Kind::score) {
            for (int k = 0; k < band.population_classes; ++k) row.push_back(pop_value(p ? p->residents_in_class(k) : 0));
            for (double t : band.thresholds) row.push_back(pop_value(p ? p->residents_at_least(static_cast<std::size_t>(t)) : 0));
        } else if (band.population_classes > 0) {
            for (int k = 1; k < band.population_classes; ++k) row.push_back(pop_value(p ? p->residents_at_least(k) : 0));
        }
    }
    return row;
}

}  // namespace burdenmap
