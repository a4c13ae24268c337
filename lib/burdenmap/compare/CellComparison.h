#pragma once
// The cell side of `compare`: per alternative, the cell difference plan - base of each compared
// band (delta.tif, a COG with delta.qml beside it), and the class transitions of each layer score
// weighted by the alternative's residents per cell. Reads the runs' rasters window by window
// (never a whole band in memory), so a national grid compares in the memory of a block.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Grid.h"

namespace burdenmap {

// Where an alternative's residents are, cell by cell, as its run placed them.
struct ResidentsPerCell {
    enum class Kind { none, zones, raster };
    Kind kind = Kind::none;
    // zones: each zone's population spread evenly over its area, as the run did
    // (job/BlockProcessor: residents in a cell part = coverage fraction x population / area x cell area).
    std::vector<MultiPolygon> zone_shapes;  // in the grid's CRS
    std::vector<double> zone_population;    // per zone; NaN or <= 0: no residents
    std::vector<double> zone_area;          // per zone, the area the run divided by (its area_m2 column)
    // raster: the run's population raster (run.json population input), redistributed onto the grid
    // as the run did (io/PopulationSource.h).
    std::filesystem::path raster;
    int band = 1;  // its [population] band
};

struct CellRunInput {
    std::filesystem::path raster;  // the run's burden.tif (or burden.vrt of a merged sharded run)
    std::string label;             // "base", or the alternative's label
};

struct CellComparisonInput {
    Grid grid;                     // the runs' common grid (already checked equal)
    std::string crs_wkt;
    int block_size = 512;
    CellRunInput base;
    std::vector<CellRunInput> plans;
    std::vector<ResidentsPerCell> plan_residents;  // per plan: the transitions' weights
    // Bands to difference, by band description in both rasters: cumulations, then layer scores.
    std::vector<ComparedMeasure> delta_measures;
    // Layer scores whose class transitions are counted (measures with classes > 0).
    std::vector<ComparedMeasure> transition_measures;
    bool overwrite = false;  // replace an existing delta.tif / delta.qml (CompareOptions::overwrite)
};

struct CellComparisonResult {
    std::vector<DeltaBand> delta_bands;      // band order of delta.tif: per plan, per delta measure
    std::vector<TransitionRow> transitions;  // per plan, per measure, every (from, to) with residents > 0
};

using CompareProgressFn = std::function<bool(double fraction, const std::string& stage)>;  // false: cancel

// Writes delta.tif (COG, Float32, NaN nodata, band descriptions DeltaBand::description, with
// statistics) at `delta_tif` through a temporary file and a rename, and delta.qml (a diverging
// ramp symmetric about 0) at `delta_qml`. Throws InputError naming the raster and band when a
// band is missing or a raster cannot be read; Cancelled when `progress` returns false.
//  - delta.tif band p * D + d + 1 (D delta measures) = plan p's cell minus the base's for delta
//    measure d, "<measure>_delta_<label>"; NaN where either run has no data. With no plan or no
//    delta measure, neither file is written (delta_bands is empty).
//  - delta.qml styles band 1 from -m to +m, m = its largest |delta| (compare/DeltaStyle.h).
//  - transitions: per plan, per transition measure, (from, to) by from then to; a cell's class is
//    floor(value) for 0 <= value < classes, else -1 (no data); weights from the plan's residents
//    (compare/CellResidents.h); summed per window, windows folded in order (the same bits for a
//    given block size; other block sizes cut the zones' coverage elsewhere: equal to ~1e-12).
//  - progress(w / windows, "comparing cells") before each window, then (1, ...); a stop requested
//    (core/Cancellation) also cancels. Nothing is written beside the runs' rasters (no .aux.xml).
//  - An existing delta.tif or delta.qml is an OutputError unless input.overwrite.
CellComparisonResult compare_cells(const CellComparisonInput& input, const std::filesystem::path& delta_tif,
                                   const std::filesystem::path& delta_qml, const CompareProgressFn& progress);

}  // namespace burdenmap
