#include "burdenmap/core/CountRedistribution.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace burdenmap {
namespace {

struct Share {
    int source;       // source column (or row)
    int target;       // target column (or row)
    double fraction;  // of the source cell's width (or height)
};

// For one axis: which source intervals overlap which target intervals, and by what fraction of
// the source interval. Intervals are [s0 + i·ds, s0 + (i+1)·ds) on an increasing axis.
std::vector<Share> axis_shares(double s0, double ds, int ns, double t0, double dt, int nt) {
    std::vector<Share> shares;
    for (int i = 0; i < ns; ++i) {
        const double a = s0 + i * ds, b = a + ds;
        const int first = std::max(0, static_cast<int>(std::floor((a - t0) / dt)));
        const int last = std::min(nt - 1, static_cast<int>(std::ceil((b - t0) / dt)) - 1);
        for (int j = first; j <= last; ++j) {
            const double lo = std::max(a, t0 + j * dt), hi = std::min(b, t0 + (j + 1) * dt);
            if (hi > lo) shares.push_back({i, j, (hi - lo) / ds});
        }
    }
    return shares;
}

}  // namespace

Raster<double> redistribute_counts(const Raster<float>& source, const Grid& target) {
    const Grid& s = source.grid();
    Raster<double> out(target, 0.0);
    // x grows with the column; for rows use the distance below the top edge, which grows with
    // the row in both grids.
    const auto cols = axis_shares(s.x0(), s.dx(), s.cols(), target.x0(), target.dx(), target.cols());
    const auto rows = axis_shares(target.y0() - s.y0(), s.dy(), s.rows(), 0.0, target.dy(), target.rows());
    for (const Share& r : rows)
        for (const Share& c : cols) {
            const float v = source(r.source, c.source);
            if (std::isnan(v) || v == 0.0f) continue;
            out(r.target, c.target) += static_cast<double>(v) * r.fraction * c.fraction;
        }
    return out;
}

}  // namespace burdenmap
