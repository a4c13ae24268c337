#pragma once
// `burdenmap compare ... --report`: compare-report.html beside compare.gpkg, self-contained. It
// asks "what does <plan> change?", answers in two sentences (residents better / worse off, and
// whether the lowest incomes gain more or less than the highest), and shows a delta map per
// alternative, the class-shift chart (residents per class, base beside plan), the by-income chart
// and the zones that change most; several alternatives side by side.
#include <filesystem>

#include "burdenmap/compare/Comparison.h"

namespace burdenmap {

struct CompareReportOptions {
    bool overwrite = false;
    std::string report = "compare-report.html";
    int map_pixels = 560;  // each delta map's longer side
    std::size_t changed_zones = 10;  // rows of the "zones that change most" table
};

// Writes the report (through a temp file and a rename) and returns its path. Reads delta.tif for
// the maps. Throws OutputError when it exists without `overwrite` or cannot be written.
std::filesystem::path write_compare_report(const CompareResult& result, const CompareReportOptions& options = {});

}  // namespace burdenmap
