#pragma once
// `burdenmap report OUTPUT_DIR` and `burdenmap run --report`: reads a finished output folder
// (run.json, and the GeoPackage and GeoTIFF it names under "outputs") and writes report.html,
// self-contained, and map.png, its map, beside them (each through a temp file and a rename).
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"

namespace burdenmap {

struct ReportOptions {
    bool overwrite = false;                 // replace an existing report.html / map.png
    std::string manifest = "run.json";      // the run manifest's name in the folder
    std::string report = "report.html";
    std::string map = "map.png";
    std::size_t numbered_zones = 10;        // the most burdened zones, numbered on the map and listed
    int map_pixels = 760;                   // the map's longer side
};

struct ReportPaths {
    std::filesystem::path report, map;  // map is empty when no map could be drawn (no GeoTIFF)
    std::vector<Diagnostic> warnings;   // write_report: stale temporary files it removed
};

// Throws InputError when run.json or the GeoPackage is missing or unreadable (a missing GeoTIFF
// only leaves the map out, and the report says why), OutputError when the report cannot be
// written or exists without `overwrite`.
ReportPaths write_report(const std::filesystem::path& output_dir, const ReportOptions& options = {});

// The paths write_report will write, to check up front that they may be written.
ReportPaths report_paths(const std::filesystem::path& output_dir, const ReportOptions& options = {});

}  // namespace burdenmap
