#include "burdenmap/uncertainty/LayerError.h"

#include <algorithm>
#include <cmath>

namespace burdenmap::uncertainty {

namespace {

double clamp_sigma(double z) { return std::clamp(z, -kMaxSigma, kMaxSigma); }

}  // namespace

double log_sigma(double sd_rel) { return std::sqrt(std::log1p(sd_rel * sd_rel)); }

ErrorDraw draw_error(const LayerError& error, double z_zone, double z_study, double z_rel_zone, double z_rel_study) {
    ErrorDraw d;
    d.shift = error.sd_zone * clamp_sigma(z_zone) + error.sd_study * clamp_sigma(z_study);
    d.factor = std::exp(log_sigma(error.sd_rel_zone) * clamp_sigma(z_rel_zone) +
                        log_sigma(error.sd_rel_study) * clamp_sigma(z_rel_study));
    return d;
}

std::pair<double, double> crossing_range(const LayerError& error, double b) {
    // crossing(b) = (b − shift) / factor is linear in the shift and monotone in the factor (> 0),
    // so its extremes over the clamped draws are at the corners. The corners are computed by
    // draw_error itself, with the same roundings as any draw: every rounded operation on the way
    // is monotone, so no draw's crossing falls outside by a last bit.
    double lowest = b, highest = b;
    for (double z_shift : {-kMaxSigma, kMaxSigma})
        for (double z_factor : {-kMaxSigma, kMaxSigma}) {
            const double c = draw_error(error, z_shift, z_shift, z_factor, z_factor).crossing(b);
            lowest = std::min(lowest, c);
            highest = std::max(highest, c);
        }
    return {lowest, highest};
}

}  // namespace burdenmap::uncertainty
