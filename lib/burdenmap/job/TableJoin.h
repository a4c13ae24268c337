#pragma once
// A table joined to the zones on their ids ([zones] table, [fairness.table]): read, matched and
// reported the same way for both. No match at all is an InputError (always a wrong id field or id
// format); fewer than 95 % of the zones matched is a `join-partial` warning naming the first
// unmatched zones. Every join's counts go to run.json ("joins"), `validate` and `run`'s stderr.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/JoinReport.h"
#include "burdenmap/io/TableSource.h"
#include "burdenmap/io/ZoneSource.h"

namespace burdenmap {

struct TableJoin {
    std::string key;  // the config key of the table: "zones.table", "fairness.table", "layer[2].table"
    std::filesystem::path path;  // the table's file (run.json hashes it like every input)
    JoinedTable table;
    std::vector<std::optional<std::size_t>> row_of_zone;  // per zone: its table row, if any
    JoinReport join;
    std::string describe() const;  // "zones.table F (layer L) joined on field 'id': 84 of 86 zones matched ..."
};

// Reads `columns` (numbers) and `text_columns` of the table and joins it to `zones` by id.
// `unmatched` says what a zone without a row lacks, for the warning ("their table indicators are
// NULL"). Throws InputError naming the file (and `key`) for a missing file, column or id column,
// or no matching id.
TableJoin join_table_to_zones(const JoinTableConfig& table, const std::string& key, const std::vector<Zone>& zones,
                              const std::string& zones_id_field, const std::vector<std::string>& columns,
                              const std::vector<std::string>& text_columns, const std::string& unmatched,
                              Diagnostics& diagnostics);

// [zones] table: joins it and fills every [zones] field key that names "table:<column>" (name,
// population, income.*) from it; a zone without a row gets NULL (and no name). Nothing when the
// config has no [zones] table.
std::optional<TableJoin> join_zones_table(const ZonesConfig& config, std::vector<Zone>& zones, Diagnostics& diagnostics);

}  // namespace burdenmap
