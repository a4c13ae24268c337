#pragma once
// What `compare` writes into its output folder: compare.gpkg (zones with the base's shapes,
// class_shift, transitions, by_income, codebook, saved QGIS styles, compare.json as metadata), the
// same tables as CSV beside it, compare.json, and the names of delta.tif and delta.qml (written by
// compare/CellComparison.h). All files go through temp files; the caller's CommitGroup renames them.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/job/RunFolder.h"

namespace burdenmap {

struct CompareOutputPaths {
    std::filesystem::path geopackage, manifest, delta_tif, delta_qml;
    std::vector<std::pair<std::string, std::filesystem::path>> csvs;  // table name, CSV path
    std::vector<std::filesystem::path> all() const;
};

CompareOutputPaths compare_output_paths(const std::filesystem::path& output_dir);

// The tables as written (CSV and GeoPackage alike). class_shift is wide: measure, kind, class,
// class_label, base, then per label L: L and L_difference (plan - base).
std::vector<FieldSpec> class_shift_fields(const CompareResult& result);
std::vector<std::vector<FieldValue>> class_shift_rows(const CompareResult& result);
std::vector<FieldSpec> transition_fields();
std::vector<std::vector<FieldValue>> transition_rows(const CompareResult& result);
std::vector<FieldSpec> by_income_fields();
std::vector<std::vector<FieldValue>> by_income_rows(const CompareResult& result);

// compare.json: tool, the runs (folder, study name, run.json and its sha256), labels, measures
// with their tolerances, summaries, delta bands, outputs, warnings.
std::string compare_manifest_json(const CompareResult& result, const RunFolder& base, const std::vector<RunFolder>& plans);

// Writes compare.gpkg, the CSVs and compare.json (paths from result). Throws OutputError naming
// the file.
void write_compare_outputs(const CompareResult& result, const RunFolder& base, const std::vector<RunFolder>& plans, bool overwrite);

}  // namespace burdenmap
