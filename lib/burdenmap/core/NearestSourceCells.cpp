#include "burdenmap/core/NearestSourceCells.h"

#include <algorithm>
#include <cmath>

namespace burdenmap {

namespace {

// GDAL's warp kernel adds this before truncating a source position to a cell.
constexpr double kKernelNudge = 1e-10;
// Interpolation errors are met with this factor of the error measured at a mesh cell's centre
// (bilinear interpolation errs most near the centre for the smooth maps of a projection) ...
constexpr double kSafety = 4.0;
// ... plus this much for the rounding of the interpolation itself (positions of up to ~1e5
// cells carry ~1e-11 of it).
constexpr double kRounding = 1e-7;
// A mesh cell that errs by more than this (near a pole, across a projection's edge, where a node
// failed) is transformed cell by cell.
constexpr double kMaxMeshError = 0.05;

// Node offsets along a window side of `n` cells: 0, step, 2 step, ..., and always n - 1.
std::vector<int> nodes(int n, int step) {
    std::vector<int> out;
    for (int i = 0; i < n - 1; i += step) out.push_back(i);
    out.push_back(n - 1);
    return out;
}

}  // namespace

bool nearest_source_cell(double x, double y, long long source_cols, long long source_rows, int& col, int& row) {
    if (!(x >= 0) || !(y >= 0)) return false;  // also NaN
    const double cx = x + kKernelNudge, cy = y + kKernelNudge;
    if (cx >= static_cast<double>(source_cols) || cy >= static_cast<double>(source_rows)) return false;
    col = static_cast<int>(cx);
    row = static_cast<int>(cy);
    return true;
}

void nearest_source_cells(const Window& w, long long source_cols, long long source_rows, const PixelTransform& transform,
                          SourceCells& out, int step) {
    const std::size_t cells = w.size();
    out.col.assign(cells, -1);
    out.row.assign(cells, -1);
    out.exact = 0;
    if (cells == 0) return;
    std::vector<std::size_t> pending;  // cells to transform one by one
    const auto exact_cells = [&]() {
        if (pending.empty()) return;
        std::vector<double> px(pending.size()), py(pending.size());
        for (std::size_t k = 0; k < pending.size(); ++k) {
            px[k] = w.col_off + static_cast<double>(pending[k] % static_cast<std::size_t>(w.cols)) + 0.5;
            py[k] = w.row_off + static_cast<double>(pending[k] / static_cast<std::size_t>(w.cols)) + 0.5;
        }
        transform(pending.size(), px.data(), py.data());
        for (std::size_t k = 0; k < pending.size(); ++k)
            if (!nearest_source_cell(px[k], py[k], source_cols, source_rows, out.col[pending[k]], out.row[pending[k]]))
                out.col[pending[k]] = out.row[pending[k]] = -1;
        out.exact += pending.size();
        pending.clear();
    };
    if (w.cols < 2 || w.rows < 2 || cells <= 4096) {
        for (std::size_t i = 0; i < cells; ++i) pending.push_back(i);
        exact_cells();
        return;
    }

    // The mesh: nodes, then the centre of each mesh cell, transformed exactly in one batch.
    const std::vector<int> nc = nodes(w.cols, std::max(2, step)), nr = nodes(w.rows, std::max(2, step));
    const std::size_t ncols = nc.size(), nrows = nr.size();
    const std::size_t node_count = ncols * nrows, mesh_cells = (ncols - 1) * (nrows - 1);
    // mx, my: target pixel positions, then (transformed in place) their exact source positions.
    std::vector<double> mx(node_count + mesh_cells), my(node_count + mesh_cells);
    for (std::size_t j = 0; j < nrows; ++j)
        for (std::size_t i = 0; i < ncols; ++i) {
            mx[j * ncols + i] = w.col_off + nc[i] + 0.5;
            my[j * ncols + i] = w.row_off + nr[j] + 0.5;
        }
    for (std::size_t j = 0; j + 1 < nrows; ++j)
        for (std::size_t i = 0; i + 1 < ncols; ++i) {
            const std::size_t k = node_count + j * (ncols - 1) + i;
            mx[k] = w.col_off + 0.5 * (nc[i] + nc[i + 1]) + 0.5;
            my[k] = w.row_off + 0.5 * (nr[j] + nr[j + 1]) + 0.5;
        }
    transform(mx.size(), mx.data(), my.data());
    std::vector<unsigned char> flags(static_cast<std::size_t>(w.cols));  // per column of a row: near an edge

    for (std::size_t j = 0; j + 1 < nrows; ++j)
        for (std::size_t i = 0; i + 1 < ncols; ++i) {
            const std::size_t n00 = j * ncols + i, n10 = n00 + 1, n01 = n00 + ncols, n11 = n01 + 1;
            const double x00 = mx[n00], x10 = mx[n10], x01 = mx[n01], x11 = mx[n11];
            const double y00 = my[n00], y10 = my[n10], y01 = my[n01], y11 = my[n11];
            const std::size_t centre = node_count + j * (ncols - 1) + i;
            const double err = std::max(std::fabs(0.25 * (x00 + x10 + x01 + x11) - mx[centre]),
                                        std::fabs(0.25 * (y00 + y10 + y01 + y11) - my[centre]));
            // Cells of this mesh cell: its first node row and column up to the next node's, the
            // window's last row and column included in the last mesh cells.
            const int c0 = nc[i], c1 = i + 2 == ncols ? nc[i + 1] + 1 : nc[i + 1];
            const int r0 = nr[j], r1 = j + 2 == nrows ? nr[j + 1] + 1 : nr[j + 1];
            const bool interpolate = std::isfinite(err) && err <= kMaxMeshError;
            const double margin = kSafety * err + kRounding;
            const double du = 1.0 / (nc[i + 1] - nc[i]), dv = 1.0 / (nr[j + 1] - nr[j]);
            for (int r = r0; r < r1; ++r) {
                const std::size_t row_start = static_cast<std::size_t>(r) * static_cast<std::size_t>(w.cols);
                if (!interpolate) {
                    for (int c = c0; c < c1; ++c) pending.push_back(row_start + static_cast<std::size_t>(c));
                    continue;
                }
                const double v = (r - nr[j]) * dv;
                const double lx = x00 + (x01 - x00) * v, rx = x10 + (x11 - x10) * v;
                const double ly = y00 + (y01 - y00) * v, ry = y10 + (y11 - y10) * v;
                // Branch-free along the row so the compiler vectorises it; the rare cells near a
                // source-cell edge are only flagged here and transformed after. Positions are
                // clamped into int range first (a wild transform must not overflow the cast).
                const double sx = (rx - lx) * du, sy = (ry - ly) * du;
                const double bx = lx + kKernelNudge, by = ly + kKernelNudge;
                const double cols_d = static_cast<double>(source_cols), rows_d = static_cast<double>(source_rows);
                int* col = out.col.data() + row_start;
                int* row = out.row.data() + row_start;
                for (int c = c0; c < c1; ++c) {
                    const double t = c - c0;
                    const double wx = std::min(std::max(bx + t * sx, -2.0), cols_d + 2.0);
                    const double wy = std::min(std::max(by + t * sy, -2.0), rows_d + 2.0);
                    // A cast truncates: the floor for positions >= 0; those within the margin of
                    // 0 get a negative fraction, so they count as near an edge.
                    const int kx = static_cast<int>(wx), ky = static_cast<int>(wy);
                    const double fx = wx - kx, fy = wy - ky;
                    const bool sure_outside =
                        (wx <= -margin) | (wy <= -margin) | (wx >= cols_d + margin) | (wy >= rows_d + margin);
                    const bool edge = (fx < margin) | (fx > 1 - margin) | (fy < margin) | (fy > 1 - margin);
                    const bool inside = !sure_outside & (kx < source_cols) & (ky < source_rows);
                    col[c] = inside ? kx : -1;
                    row[c] = inside ? ky : -1;
                    flags[static_cast<std::size_t>(c)] = static_cast<unsigned char>(edge & !sure_outside);
                }
                for (int c = c0; c < c1; ++c)
                    if (flags[static_cast<std::size_t>(c)]) pending.push_back(row_start + static_cast<std::size_t>(c));
            }
        }
    exact_cells();
}

}  // namespace burdenmap
