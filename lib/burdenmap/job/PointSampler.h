#pragma once
// The values of every band at point sites, picked out of the block pipeline's windows as they
// pass the sink. A point takes the cell it falls in (a point on a cell edge belongs to the cell
// east or south of it); a layer marked bilinear has its raw value interpolated between the four
// cell centres around the point instead. Each cell lies in exactly one window, so the result does
// not depend on the window order or the threads.
#include <cstddef>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

class PointSampler {
public:
    // `bilinear`: per layer, whether to interpolate it (bilinear_layers).
    PointSampler(const Grid& grid, std::vector<Point> points, std::vector<bool> bilinear, std::size_t cumulations);

    // Copies the cells the points need out of one window (call from the pipeline's sink).
    void take(const WindowResult& r);

    bool inside_grid(std::size_t point) const;
    // A layer's raw value: the cell's, or (a bilinear layer) interpolated between the cells with
    // data around the point (weights renormalised over them); NaN when the point's own cell has no data.
    double layer_value(std::size_t point, std::size_t layer) const;
    // A layer's raw value in the point's own cell, as Float32 (what the cumulations there read);
    // NaN outside the grid or without data.
    double cell_value(std::size_t point, std::size_t layer) const;
    // A cumulation's value in the point's cell (never interpolated: counts stay counts).
    double cumulation_value(std::size_t point, std::size_t cumulation) const;

private:
    struct Cell {
        int row = 0, col = 0;
        double weight = 0;          // bilinear weight (the own cell: 1 when not bilinear)
        std::vector<float> raw;     // per layer, NaN until taken
        std::vector<float> cum;     // per cumulation
    };
    struct Sample {
        bool inside = false;
        Cell own;
        std::vector<Cell> around;   // bilinear: the up to four cell centres around the point
    };
    void fill(Cell& cell, const WindowResult& r) const;

    Grid grid_;
    std::vector<bool> bilinear_;
    std::vector<Sample> samples_;
};

// Which layers `check-sites --bilinear` interpolates at points: all but the categorical ones, whose
// class codes must never be interpolated (a point between class 2 and 4 would read 3); those take
// the cell the point falls in, and a warning (bilinear-categorical) says so. Without `bilinear`
// none (check_sites passes false when there are no point sites, so nothing is warned).
std::vector<bool> bilinear_layers(const JobPlan& plan, bool bilinear, Diagnostics& diagnostics);

// The value of a Float32 cell as the decimal the raster holds: 72.4f becomes 72.4, not
// 72.40000152587891, so outputs read as the input map does. Comparisons are made at Float32
// precision anyway (sites::compare), so nothing is decided differently.
double cell_decimal(double float_value);

}  // namespace burdenmap
