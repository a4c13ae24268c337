#include "burdenmap/compare/DeltaStyle.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"

namespace burdenmap {

report::ColorRamp delta_ramp() {
    using report::rgb_from_hex;
    return report::ColorRamp("RdBu (reversed)",
                             {rgb_from_hex("#053061"), rgb_from_hex("#2166ac"), rgb_from_hex("#4393c3"), rgb_from_hex("#92c5de"),
                              rgb_from_hex("#d1e5f0"), rgb_from_hex("#f7f7f7"), rgb_from_hex("#fddbc7"), rgb_from_hex("#f4a582"),
                              rgb_from_hex("#d6604d"), rgb_from_hex("#b2182b"), rgb_from_hex("#67001f")});
}

report::RasterStyle delta_raster_style(int band, double min, double max, const std::string& title) {
    double m = std::max(std::fabs(min), std::fabs(max));
    if (!(m > 0) || !std::isfinite(m)) m = 1;
    // An odd number of stops: the middle one is 0 itself, not a rounding of it.
    constexpr int steps = 11;
    const report::ColorRamp ramp = delta_ramp();
    report::RasterStyle s;
    s.band = band;
    s.title = title;
    for (int i = 0; i < steps; ++i) {
        const int k = i - steps / 2;  // -5 .. 5
        const double v = k == 0 ? 0.0 : m * k / (steps / 2);
        s.stops.push_back({v, ramp.at(static_cast<double>(i) / (steps - 1)), report::format_number(v)});
    }
    return s;
}

}  // namespace burdenmap
