#pragma once
// Squares as WKT in RD New (EPSG:28992) for the vector-source tests: coordinates relative to a
// realistic origin, so the numbers in the tests stay small and the files look like real Dutch data.
#include <string>

namespace burdenmap::test {

inline constexpr double X0 = 150000.0, Y0 = 450000.0;

// "x y" of the point (X0 + x, Y0 + y).
inline std::string rd_point(double x, double y) { return std::to_string(X0 + x) + " " + std::to_string(Y0 + y); }

// The square xmin..xmax × ymin..ymax (relative to X0, Y0) as a closed WKT POLYGON.
inline std::string square(double xmin, double ymin, double xmax, double ymax) {
    return "POLYGON((" + rd_point(xmin, ymin) + "," + rd_point(xmax, ymin) + "," + rd_point(xmax, ymax) + "," +
           rd_point(xmin, ymax) + "," + rd_point(xmin, ymin) + "))";
}

}  // namespace burdenmap::test
