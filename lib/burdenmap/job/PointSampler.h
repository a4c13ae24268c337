#pragma once
// The values of every band at point sites, picked out of the block pipeline's windows as they
// pass the sink. A point takes the cell it falls in (a point on a cell edge belongs to the cell
// east or south of it); with `bilinear`, a layer's raw value is interpolated between the four
// cell centres around the point instead. Each cell lies in exactly one window, so the result does
// not depend on the window order or the threads.
#include <cstddef>
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/job/BlockProcessor.h"

namespace burdenmap {

class PointSampler {
public:
    PointSampler(const Grid& grid, std::vector<Point> points, std::size_t layers, std::size_t cumulations, bool bilinear);

    // Copies the cells the points need out of one window (call from the pipeline's sink).
    void take(const WindowResult& r);

    bool inside_grid(std::size_t point) const;
    // A layer's raw value: the cell's, or bilinear between the cells with data around the point
    // (weights renormalised over them); NaN when the point's own cell has no data.
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
    std::vector<Sample> samples_;
};

// The value of a Float32 cell as the decimal the raster holds: 72.4f becomes 72.4, not
// 72.40000152587891, so outputs read as the input map does. Comparisons are made at Float32
// precision anyway (sites::compare), so nothing is decided differently.
double cell_decimal(double float_value);

}  // namespace burdenmap
