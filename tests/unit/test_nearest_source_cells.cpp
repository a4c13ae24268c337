// core/NearestSourceCells: the mesh's picks equal a per-cell exact transform under GDAL's rule,
// on smooth maps, on cell centres that fall exactly on source-cell edges and where the transform
// fails; and only a small share of the cells is transformed one by one.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "burdenmap/core/NearestSourceCells.h"

using namespace burdenmap;

namespace {

// Per cell, what an exact transformer would pick: the reference.
void reference(const Window& w, long long cols, long long rows, const PixelTransform& t, SourceCells& out) {
    out.col.assign(w.size(), -1);
    out.row.assign(w.size(), -1);
    for (int r = 0; r < w.rows; ++r)
        for (int c = 0; c < w.cols; ++c) {
            double x = w.col_off + c + 0.5, y = w.row_off + r + 0.5;
            t(1, &x, &y);
            const std::size_t i = static_cast<std::size_t>(r) * w.cols + c;
            if (!nearest_source_cell(x, y, cols, rows, out.col[i], out.row[i])) out.col[i] = out.row[i] = -1;
        }
}

std::size_t mismatches(const SourceCells& a, const SourceCells& b) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.col.size(); ++i) n += (a.col[i] != b.col[i] || a.row[i] != b.row[i]) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("nearest source cells: GDAL's rule for a position", "[nearest]") {
    int c = -1, r = -1;
    CHECK(nearest_source_cell(0.0, 0.0, 10, 10, c, r));
    CHECK((c == 0 && r == 0));
    CHECK(nearest_source_cell(2.9999999999999, 4.5, 10, 10, c, r));  // within 1e-10 of 3: the kernel's nudge
    CHECK((c == 3 && r == 4));
    CHECK_FALSE(nearest_source_cell(-1e-12, 4.5, 10, 10, c, r));  // left of the source
    CHECK_FALSE(nearest_source_cell(4.5, 10.0, 10, 10, c, r));    // past the last row
    CHECK_FALSE(nearest_source_cell(std::nan(""), 1.0, 10, 10, c, r));
}

TEST_CASE("nearest source cells: a curved map, every cell as an exact transform picks it", "[nearest]") {
    // A 4 x coarser source under a map that bends (as a projection change does), the window off the
    // source's origin and past its right and bottom edges.
    const PixelTransform bend = [](std::size_t n, double* x, double* y) {
        for (std::size_t i = 0; i < n; ++i) {
            const double px = x[i], py = y[i];
            x[i] = 0.25 * px + 2e-6 * px * py - 1e-7 * py * py + 3.3;
            y[i] = 0.25 * py - 3e-6 * px * px + 1.7;
        }
    };
    const Window w{100, 37, 700, 500};
    SourceCells mesh, exact;
    nearest_source_cells(w, 180, 150, bend, mesh);
    reference(w, 180, 150, bend, exact);
    CHECK(mismatches(mesh, exact) == 0);
    CHECK(mesh.exact < w.size() / 20);  // the mesh did the work
    std::size_t outside = 0;
    for (int c : mesh.col) outside += c < 0 ? 1 : 0;
    CHECK(outside > 0);  // past the source's edge
    CHECK(outside < w.size());
}

TEST_CASE("nearest source cells: centres exactly on source-cell edges are decided as GDAL decides them", "[nearest]") {
    // Column c's centre lands on x = c / 4: every 4th column exactly on an edge between source cells.
    const PixelTransform quarter = [](std::size_t n, double* x, double* y) {
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = (x[i] - 0.5) / 4.0;
            y[i] = (y[i] - 0.5) / 4.0 + 0.125;
        }
    };
    const Window w{0, 0, 300, 200};
    SourceCells mesh, exact;
    nearest_source_cells(w, 100, 100, quarter, mesh);
    reference(w, 100, 100, quarter, exact);
    CHECK(mismatches(mesh, exact) == 0);
    CHECK(mesh.exact >= w.size() / 4);  // every edge cell went through the exact transform
    CHECK(mesh.col[4] == 1);            // x = 1 exactly: cell 1, not 0
}

TEST_CASE("nearest source cells: where the transform fails the cells are outside", "[nearest]") {
    // No answer right of target column 250 (a projection's domain ends there).
    const PixelTransform partial = [](std::size_t n, double* x, double* y) {
        for (std::size_t i = 0; i < n; ++i) {
            if (x[i] > 250.0) {
                x[i] = y[i] = std::numeric_limits<double>::quiet_NaN();
                continue;
            }
            x[i] = x[i] / 3.0;
            y[i] = y[i] / 3.0;
        }
    };
    const Window w{0, 0, 400, 100};
    SourceCells mesh, exact;
    nearest_source_cells(w, 200, 200, partial, mesh);
    reference(w, 200, 200, partial, exact);
    CHECK(mismatches(mesh, exact) == 0);
    CHECK(mesh.col[260] == -1);
    CHECK(mesh.col[10] == 3);
}
