#pragma once
// A north-up regular grid: origin at the top-left corner, square or rectangular cells, row 0 at
// the top. Pure arithmetic, no pixels (exactextract's Grid/Raster separation): a Grid says where
// cells are, a Raster holds their values.
#include <cstddef>
#include <string>

#include "burdenmap/core/Box.h"
#include "burdenmap/core/Window.h"

namespace burdenmap {

class Grid {
public:
    Grid() = default;
    // x0, y0: top-left corner; dx, dy: positive cell width and height.
    Grid(double x0, double y0, double dx, double dy, int cols, int rows);

    // The grid of cell size `res` covering `extent`, with its edges snapped outwards to
    // multiples of `res`, so grids of the same resolution share cell edges.
    static Grid snapped(const Box& extent, double res);

    double x0() const { return x0_; }
    double y0() const { return y0_; }
    double dx() const { return dx_; }
    double dy() const { return dy_; }
    int cols() const { return cols_; }
    int rows() const { return rows_; }
    std::size_t size() const { return static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_); }
    double cell_area() const { return dx_ * dy_; }

    double x_left(int col) const { return x0_ + col * dx_; }
    double y_top(int row) const { return y0_ - row * dy_; }
    double x_center(int col) const { return x0_ + (col + 0.5) * dx_; }
    double y_center(int row) const { return y0_ - (row + 0.5) * dy_; }

    Box extent() const { return Box{x0_, y0_ - rows_ * dy_, x0_ + cols_ * dx_, y0_}; }
    Box cell_box(int row, int col) const;

    // The cells a box touches, clipped to the grid; empty when the box misses the grid.
    Window window_for(const Box& box) const;
    // The grid of the cells of a window of this grid.
    Grid subgrid(const Window& w) const;
    // Intersection of two windows of this grid.
    static Window intersect(const Window& a, const Window& b);

    // GDAL-style geotransform, for the I/O layer.
    void geotransform(double gt[6]) const;

    bool operator==(const Grid& o) const;
    std::string describe() const;

private:
    double x0_ = 0, y0_ = 0, dx_ = 1, dy_ = 1;
    int cols_ = 0, rows_ = 0;
};

}  // namespace burdenmap
