#pragma once
// A table of zone attributes joined on the zone id: a CSV, an XLSX sheet or any OGR layer (e.g. a
// CBS Kerncijfers wijken-en-buurten table). Values are parsed the CBS way (io/NumberText:
// leading spaces, "." for missing, decimal commas) and sentinel values become NULL.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"

namespace burdenmap {

struct JoinedTable {
    std::string description;  // "file (layer L)"
    std::string id_field;     // the id field as found in the file (after aliases)
    std::vector<std::string> ids;                          // one per row, in file order
    std::vector<std::vector<std::optional<double>>> rows;  // per row: one value per requested column
    std::vector<std::vector<std::string>> texts;           // per row: one text per requested text column
    std::vector<Diagnostic> warnings;  // what GDAL warned about while reading ("gdal-warning"), for the plan
};

// Reads `columns` keyed by `id_field` (field names found through the CBS alias table, so
// "BU_CODE" finds "buurtcode"). Ids are trimmed. Throws InputError naming the file and field
// (listing the fields that exist) for a missing field, a non-numeric value, or a duplicate id.
// `sentinels` and `missing_tokens` (text such as "NA") become NULL. `config_key` is the table's
// key ("zones.table") that the fix for a non-numeric value names. `text_columns` are read as text
// (trimmed; e.g. zone names).
JoinedTable read_joined_table(const std::filesystem::path& path, const std::string& layer, const std::string& id_field,
                              const std::vector<std::string>& columns, const std::vector<double>& sentinels,
                              const std::vector<std::string>& missing_tokens = {}, const std::string& config_key = "fairness.table",
                              const std::vector<std::string>& text_columns = {});

}  // namespace burdenmap
