#pragma once
// An axis-aligned rectangle in map coordinates.
#include <algorithm>
#include <limits>

namespace burdenmap {

struct Box {
    double xmin = std::numeric_limits<double>::infinity();
    double ymin = std::numeric_limits<double>::infinity();
    double xmax = -std::numeric_limits<double>::infinity();
    double ymax = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(xmin < xmax && ymin < ymax); }
    double width() const { return xmax - xmin; }
    double height() const { return ymax - ymin; }
    double area() const { return empty() ? 0.0 : width() * height(); }

    void expand(double x, double y) {
        xmin = std::min(xmin, x);
        ymin = std::min(ymin, y);
        xmax = std::max(xmax, x);
        ymax = std::max(ymax, y);
    }
    void expand(const Box& o) {
        xmin = std::min(xmin, o.xmin);
        ymin = std::min(ymin, o.ymin);
        xmax = std::max(xmax, o.xmax);
        ymax = std::max(ymax, o.ymax);
    }
    bool intersects(const Box& o) const {
        return xmin < o.xmax && o.xmin < xmax && ymin < o.ymax && o.ymin < ymax;
    }
    Box intersection(const Box& o) const {
        return Box{std::max(xmin, o.xmin), std::max(ymin, o.ymin), std::min(xmax, o.xmax),
                   std::min(ymax, o.ymax)};
    }
    bool contains(double x, double y) const {
        return x >= xmin && x <= xmax && y >= ymin && y <= ymax;
    }
};

}  // namespace burdenmap
