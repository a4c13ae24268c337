#pragma once
// A layer's input error (issue 17, README "Uncertainty"): what a draw does to the layer's values
// in one zone. Values v become factor·v + shift, with
//   shift  = sd_zone·z1 + sd_study·z2                      (in the layer's unit)
//   factor = exp(s_zone·z3 + s_study·z4),  s = sqrt(ln(1 + sd_rel²))
// z1, z3 drawn per zone and draw, z2, z4 once per draw for the whole map (all standard normal).
// The factor is log-normal with median 1 and a relative standard deviation of sd_rel, so a
// relative error never turns a value negative and the point value stays the median draw.
// Every z is clamped to ±kMaxSigma, so a window of values around a class boundary that covers
// every clamped draw (crossing_range) is enough to redo the class statistics of any draw.
#include <utility>

namespace burdenmap::uncertainty {

constexpr double kMaxSigma = 6.0;

struct LayerError {
    double sd_zone = 0, sd_study = 0;          // absolute, in the layer's unit
    double sd_rel_zone = 0, sd_rel_study = 0;  // relative (0.2 = 20 %)
    bool any() const { return sd_zone > 0 || sd_study > 0 || sd_rel_zone > 0 || sd_rel_study > 0; }
};

// The log-normal sigma of a relative standard deviation: sqrt(ln(1 + sd_rel²)).
double log_sigma(double sd_rel);

struct ErrorDraw {
    double shift = 0;
    double factor = 1;
    double apply(double v) const { return factor * v + shift; }
    // The value whose drawn value is `drawn`: (drawn − shift) / factor. A cell is at or above a
    // boundary b in the draw exactly when its value is at or above crossing(b).
    double crossing(double drawn) const { return (drawn - shift) / factor; }
};

// The draw of `error` from the four standard normals (clamped to ±kMaxSigma here).
ErrorDraw draw_error(const LayerError& error, double z_zone, double z_study, double z_rel_zone, double z_rel_study);

// [lowest, highest] of crossing(b) over every draw error can make: the window of values around
// b that a class statistic under this error can need. {b, b} without error.
std::pair<double, double> crossing_range(const LayerError& error, double b);

}  // namespace burdenmap::uncertainty
