#include "burdenmap/report/BivariateMap.h"

#include <cmath>
#include <limits>
#include <string>

#include "burdenmap/report/ColorRamp.h"

namespace burdenmap::report {

namespace {

// Even-odd rule over every ring: inside the outer ring and outside its holes.
bool inside(const Polygon& polygon, double x, double y) {
    bool in = false;
    const auto cross = [&](const Ring& ring) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const Point& a = ring[i];
            const Point& b = ring[j];
            if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) in = !in;
        }
    };
    if (polygon.outer.size() < 3) return false;
    cross(polygon.outer);
    for (const Ring& hole : polygon.holes)
        if (hole.size() >= 3) cross(hole);
    return in;
}

}  // namespace

RasterStyle bivariate_raster_style() {
    RasterStyle s;
    s.discrete = true;
    s.title = "burden x income: A-C burden tertile (C most burdened), 1-3 income tertile (3 poorest)";
    for (int i = 1; i <= 9; ++i)
        s.stops.push_back({static_cast<double>(i), bivariate_colour(i),
                           std::string(1, static_cast<char>('A' + (i - 1) / 3)) + std::to_string((i - 1) % 3 + 1)});
    return s;
}

Raster<float> zone_classes_on(const Grid& grid, const std::vector<MultiPolygon>& zones,
                              const std::vector<std::optional<double>>& classes) {
    Raster<float> out(grid, std::numeric_limits<float>::quiet_NaN());
    for (std::size_t z = 0; z < zones.size() && z < classes.size(); ++z) {
        if (!classes[z]) continue;
        const Window w = grid.window_for(bounds(zones[z]));
        for (int r = w.row_off; r < w.row_off + w.rows; ++r)
            for (int c = w.col_off; c < w.col_off + w.cols; ++c) {
                if (!std::isnan(out(r, c))) continue;  // an earlier zone has it
                for (const Polygon& p : zones[z])
                    if (inside(p, grid.x_center(c), grid.y_center(r))) {
                        out(r, c) = static_cast<float>(*classes[z]);
                        break;
                    }
            }
    }
    return out;
}

}  // namespace burdenmap::report
