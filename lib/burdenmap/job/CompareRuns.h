#pragma once
// `burdenmap compare BASE PLAN... --output-dir OUT`: reads finished run folders (run.json, the
// GeoPackage and GeoTIFF it names), never re-runs them, checks that they can be compared (same
// grid, same zone ids, same layers and cumulations; exit 1 naming the difference), and writes
// compare.gpkg (zones, class_shift, transitions, by_income, codebook; styled), the CSVs beside it,
// delta.tif + delta.qml and compare.json.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "burdenmap/compare/CellComparison.h"
#include "burdenmap/compare/Comparison.h"

namespace burdenmap {

struct CompareOptions {
    std::filesystem::path output_dir;
    bool overwrite = false;
    // Column suffixes for the alternatives; empty: the slug of each plan's [study] name when all
    // are distinct valid names of at most 24 characters, else a1, a2, ...
    std::vector<std::string> labels;
    // |delta| at or below which a zone is "same": by measure name or unit ("stapeling=0.1",
    // "dB=1"); the defaults are 0.5 for dB units, 0.5 for µg/m³, 0.01 for counts and classes.
    std::map<std::string, double> tolerances;
    CompareProgressFn progress;
};

// Throws InputError naming the folder, file and difference when the runs cannot be compared;
// OutputError when an output exists without `overwrite` or cannot be written.
CompareResult compare_runs(const std::filesystem::path& base, const std::vector<std::filesystem::path>& plans,
                           const CompareOptions& options);

}  // namespace burdenmap
