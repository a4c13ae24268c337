#include "burdenmap/job/TableJoin.h"

#include <stdexcept>

#include "burdenmap/core/Errors.h"

namespace burdenmap {
namespace {

// Below this share of zones matched, a join is reported as a warning.
constexpr double kJoinWarnBelow = 0.95;

}  // namespace

std::string TableJoin::describe() const {
    return key + " " + table.description + " joined on field '" + table.id_field + "': " + join.summary();
}

TableJoin join_table_to_zones(const JoinTableConfig& tc, const std::string& key, const std::vector<Zone>& zones,
                              const std::string& zones_id_field, const std::vector<std::string>& columns,
                              const std::vector<std::string>& text_columns, const std::string& unmatched,
                              Diagnostics& diagnostics) {
    TableJoin t;
    t.key = key;
    t.path = tc.path;
    t.table = read_joined_table(tc.path, tc.layer, tc.id, columns, tc.nodata_values, tc.nodata_texts, key, text_columns);
    for (const Diagnostic& d : t.table.warnings) diagnostics.warn(d.code, d.message);
    std::vector<std::string> zone_ids;
    for (const Zone& z : zones) zone_ids.push_back(z.id);
    const std::string where = t.table.description + " (" + key + ")";
    try {
        IdJoin join = join_ids(zone_ids, t.table.ids, tc.id_match);
        t.row_of_zone = std::move(join.row_of_zone);
        t.join = std::move(join.report);
    } catch (const std::invalid_argument& e) {
        throw InputError(where + ": " + e.what());
    }
    const JoinReport& j = t.join;
    const std::string zones_field = "zones field '" + zones_id_field + "'";
    if (j.matched == 0) {
        const std::string hint = join_mismatch_hint(zone_ids, t.table.ids);
        throw InputError(where + ": no id in field '" + t.table.id_field + "' matches a zone id (" + zones_field + ", id_match = \"" +
                         to_string(tc.id_match) + "\"): table ids " + (t.table.ids.empty() ? "none" : quoted_ids(t.table.ids, 3)) +
                         "; zone ids " + quoted_ids(zone_ids, 3) + (hint.empty() ? "" : "; " + hint));
    }
    if (static_cast<double>(j.matched) < kJoinWarnBelow * static_cast<double>(j.zones))
        diagnostics.warn("join-partial", where + ": only " + std::to_string(j.matched) + " of " + std::to_string(j.zones) + " zones (" + zones_field +
                                             ") have a row; " + unmatched + ". Unmatched zone ids: " +
                                             quoted_ids(j.unmatched_zone_ids, 10));
    return t;
}

std::optional<TableJoin> join_zones_table(const ZonesConfig& config, std::vector<Zone>& zones, Diagnostics& diagnostics) {
    if (!config.table) return std::nullopt;
    // The numeric columns asked for (population, then income in config order), each once.
    std::vector<std::string> columns;
    auto column_index = [&](const std::string& field) -> std::optional<std::size_t> {
        const auto c = table_column(field);
        if (!c) return std::nullopt;
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == *c) return i;
        columns.push_back(*c);
        return columns.size() - 1;
    };
    const std::optional<std::size_t> population = column_index(config.population_field);
    std::vector<std::optional<std::size_t>> income;
    for (const auto& [key, field] : config.income_fields) income.push_back(column_index(field));
    const auto name = table_column(config.name_field);
    std::vector<std::string> text_columns;
    if (name) text_columns.push_back(*name);

    TableJoin t = join_table_to_zones(*config.table, "zones.table", zones, config.id_field, columns, text_columns,
                                      "their values from this table (population, income, name) are NULL", diagnostics);
    for (std::size_t z = 0; z < zones.size(); ++z) {
        const std::optional<std::size_t> row = t.row_of_zone[z];
        auto value = [&](const std::optional<std::size_t>& column) -> std::optional<double> {
            return row ? t.table.rows[*row][*column] : std::nullopt;
        };
        if (population) zones[z].population = value(population);
        for (std::size_t i = 0; i < income.size(); ++i)
            if (income[i]) zones[z].income[i] = value(income[i]);
        if (name) zones[z].name = row ? t.table.texts[*row].front() : "";
    }
    return t;
}

}  // namespace burdenmap
