#pragma once
// The zones tables of the runs compared, as compare reads them: columns and values only (the job
// reads them from each run's GeoPackage), the zones of every plan matched to the base's by id.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/compare/Tolerance.h"
#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/report/Table.h"

namespace burdenmap {

struct ComparedMeasure;

// One run's zones table: the report's reading of a GeoPackage table (columns, rows of
// FieldValue-like cells; number() and text() by column name) serves compare as well.
using ZoneRows = report::Table;

struct ZoneTables {
    ZoneRows base;
    std::vector<ZoneRows> plans;
    std::vector<std::string> labels;                // per plan
    std::vector<std::vector<std::size_t>> plan_row; // [plan][base row]: the plan's row of that zone
};

// The zones' column names compare relies on (job/ZoneTable.cpp writes them).
inline const std::string zone_id_column = "zone_id";
inline const std::string residents_column = "residents";
inline const std::string income_quintile_column = "income_quintile";

// Why two runs' zone ids are not one set ("3 zone id(s) of the base are not in the plan: 'B1',
// 'B2', 'B3'; 1 of the plan not in the base: 'X9'", at most 3 named per side; a repeated id is
// named too), or nullopt when they are the same set. Order does not matter.
std::optional<std::string> zone_id_difference(const std::vector<std::string>& base_ids, const std::vector<std::string>& plan_ids);

// [base row] → the row of the same id among `plan_ids`; call after zone_id_difference said nothing.
std::vector<std::size_t> match_zones(const std::vector<std::string>& base_ids, const std::vector<std::string>& plan_ids);

// The value a zone is judged on for a measure whose columns start with `stem`: `<stem>_pop_mean`
// (what the zone's residents live in) when the run has that column and it has a value there, else
// `<stem>_mean` (the zone's area mean: count cumulations and runs without population have no
// residents-weighted mean).
std::optional<double> judged_value(const ZoneRows& zones, std::size_t row, const std::string& stem);

// better / same / worse of one zone (base row) in plan `plan` by the measure's tolerance, judged
// as judged_value says but on the same column in both runs: `<stem>_pop_mean` when both have a
// value there, else `<stem>_mean`; nullopt when either run has no value there.
std::optional<ChangeClass> zone_change(const ZoneTables& tables, std::size_t plan, std::size_t base_row, const ComparedMeasure& measure);

// The sum of a column over the zones, empty cells (NULL) left out; 0 for no such column.
double column_sum(const ZoneRows& zones, const std::string& column);

// The zone's residents in a run (its `residents` column; 0 for NULL or no such column).
double residents_of(const ZoneRows& zones, std::size_t row);

}  // namespace burdenmap
