#include "burdenmap/core/Grid.h"

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>
#include <stdexcept>

namespace burdenmap {

Grid::Grid(double x0, double y0, double dx, double dy, int cols, int rows)
    : x0_(x0), y0_(y0), dx_(dx), dy_(dy), cols_(cols), rows_(rows) {
    if (!(dx > 0) || !(dy > 0)) throw std::invalid_argument("Grid: cell size must be positive");
    if (cols < 0 || rows < 0) throw std::invalid_argument("Grid: negative size");
}

Grid Grid::snapped(const Box& extent, double res) {
    if (!(res > 0)) throw std::invalid_argument("Grid::snapped: resolution must be positive");
    if (extent.empty()) throw std::invalid_argument("Grid::snapped: empty extent");
    // A tiny tolerance keeps an extent that already sits on the lattice from growing by a cell
    // through rounding noise (e.g. 155000.00000000003 / 10).
    const double eps = 1e-9;
    const double xmin = std::floor(extent.xmin / res + eps) * res;
    const double ymin = std::floor(extent.ymin / res + eps) * res;
    const double xmax = std::ceil(extent.xmax / res - eps) * res;
    const double ymax = std::ceil(extent.ymax / res - eps) * res;
    const double cols = std::round((xmax - xmin) / res);
    const double rows = std::round((ymax - ymin) / res);
    if (cols > 2e9 || rows > 2e9) throw std::invalid_argument("Grid::snapped: grid too large");
    return Grid(xmin, ymax, res, res, std::max(1, static_cast<int>(cols)), std::max(1, static_cast<int>(rows)));
}

Box Grid::cell_box(int row, int col) const {
    return Box{x_left(col), y_top(row + 1), x_left(col + 1), y_top(row)};
}

Window Grid::window_for(const Box& box) const {
    // A box with a NaN side touches no cell; the test below would let it through, since every
    // comparison with NaN is false.
    if (std::isnan(box.xmin) || std::isnan(box.ymin) || std::isnan(box.xmax) || std::isnan(box.ymax)) return Window{};
    if (box.xmax <= x0_ || box.xmin >= x0_ + cols_ * dx_ || box.ymin >= y0_ || box.ymax <= y0_ - rows_ * dy_)
        return Window{};
    // Clamped while still doubles: a box far off the grid (or an infinite one) gives cell numbers
    // beyond int, and converting those is undefined behaviour.
    const auto cell = [](double v, int hi) { return static_cast<int>(std::clamp(v, 0.0, double(hi))); };
    const int c0 = cell(std::floor((box.xmin - x0_) / dx_), cols_);
    const int c1 = cell(std::ceil((box.xmax - x0_) / dx_), cols_);
    const int r0 = cell(std::floor((y0_ - box.ymax) / dy_), rows_);
    const int r1 = cell(std::ceil((y0_ - box.ymin) / dy_), rows_);
    if (c1 <= c0 || r1 <= r0) return Window{};
    return Window{c0, r0, c1 - c0, r1 - r0};
}

Grid Grid::subgrid(const Window& w) const {
    return Grid(x_left(w.col_off), y_top(w.row_off), dx_, dy_, w.cols, w.rows);
}

Window Grid::intersect(const Window& a, const Window& b) {
    const int c0 = std::max(a.col_off, b.col_off);
    const int r0 = std::max(a.row_off, b.row_off);
    const int c1 = std::min(a.col_off + a.cols, b.col_off + b.cols);
    const int r1 = std::min(a.row_off + a.rows, b.row_off + b.rows);
    if (c1 <= c0 || r1 <= r0) return Window{};
    return Window{c0, r0, c1 - c0, r1 - r0};
}

void Grid::geotransform(double gt[6]) const {
    gt[0] = x0_;
    gt[1] = dx_;
    gt[2] = 0;
    gt[3] = y0_;
    gt[4] = 0;
    gt[5] = -dy_;
}

bool Grid::operator==(const Grid& o) const {
    return x0_ == o.x0_ && y0_ == o.y0_ && dx_ == o.dx_ && dy_ == o.dy_ && cols_ == o.cols_ && rows_ == o.rows_;
}

std::string Grid::describe() const {
    std::ostringstream s;
    s.imbue(std::locale::classic());  // "0.5" and "1234" whatever the global locale
    s.precision(12);
    const Box e = extent();
    s << cols_ << " x " << rows_ << " cells of " << dx_ << " x " << dy_ << ", extent [" << e.xmin << ", "
      << e.ymin << ", " << e.xmax << ", " << e.ymax << "]";
    return s.str();
}

}  // namespace burdenmap
