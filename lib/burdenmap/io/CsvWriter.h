#pragma once
// Tables as CSV (run's zones.csv and the fairness tables, check-sites' sites.csv), the format
// pandas and R users read first: UTF-8 without a byte-order mark, a
// header row of column names, one line per row ("\n"), numbers as the shortest text that reads
// back to the same double (std::to_chars), NULL (and NaN, which the GeoPackage stores as NULL) as
// an empty field, and RFC 4180 quoting (a field holding a comma, quote, CR or LF is quoted, quotes
// doubled).
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/FeatureTable.h"

namespace burdenmap {

// The CSV text of a table: `fields` give the header, each row holds one value per field.
std::string csv_text(const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows);

// Writes csv_text to `final_path` through a temp file (AtomicOutput::write_text: part of the
// run's CommitGroup). Throws OutputError naming the file.
void write_csv(const std::filesystem::path& final_path, const std::vector<FieldSpec>& fields,
               const std::vector<std::vector<FieldValue>>& rows, bool overwrite);

}  // namespace burdenmap
