#pragma once
// A finished run's output folder as `compare` reads it: its run.json (what was run, on which grid,
// with which layers and cumulations) and where its GeoPackage and GeoTIFF are. Never re-runs
// anything and never writes into the folder.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/Grid.h"

namespace burdenmap {

struct RunLayer {
    std::string name;
    std::string unit;
    std::string method;                      // method id; empty for a layer without a method
    std::vector<std::string> class_labels;   // per score 0..: the method's bin labels ("" where none)
};

struct RunCumulation {
    std::string name;
    std::string rule;  // "count_at_least", "energetic_sum", ...
    std::string unit;
};

struct RunFolder {
    std::filesystem::path dir;
    std::filesystem::path manifest;  // <dir>/run.json
    std::string manifest_sha256;
    std::string tool;
    std::string study_name;
    // run.json "grid"
    int cols = 0, rows = 0, block_size = 512;
    double cell_size = 0;
    std::array<double, 4> extent{};  // xmin, ymin, xmax, ymax
    std::string crs_wkt;
    std::vector<RunLayer> layers;
    std::vector<RunCumulation> cumulations;
    std::string headline_burden;  // run.json fairness.headline_burden ("stapeling_mean"); may be empty
    enum class Population { none, zones, raster };
    Population population = Population::none;
    std::filesystem::path population_raster;  // Population::raster: the run's population input
    std::string population_source;            // run.json population.source, in words
    std::filesystem::path geopackage, geotiff;

    Grid grid() const;
};

// Throws InputError naming the folder when it is no run folder (no run.json) or run.json cannot
// be read (not JSON, a key missing).
RunFolder read_run_folder(const std::filesystem::path& dir);

// Why two runs' grids differ ("cols 800 vs 790; extent ..."), or "" when they are one grid: same
// columns, rows, cell size, extent (to a millionth of a cell) and CRS (the WKT as written).
std::string grid_difference(const RunFolder& base, const RunFolder& plan);

}  // namespace burdenmap
