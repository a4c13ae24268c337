#include "burdenmap/zonal/ZonalAccumulator.h"

#include <algorithm>
#include <stdexcept>

namespace burdenmap {

void ZonalAccumulator::merge(const ZonalAccumulator& other) {
    if (other.thresholds_ != thresholds_) throw std::logic_error("ZonalAccumulator::merge: different thresholds");
    nodata_weight_ += other.nodata_weight_;
    if (other.weight_ == 0) return;
    if (weight_ == 0) {
        const double nodata = nodata_weight_;
        *this = other;
        nodata_weight_ = nodata;
        return;
    }
    // Chan, Golub & LeVeque (1979) pairwise update, weighted form.
    const double w = weight_ + other.weight_;
    const double delta = other.mean_ - mean_;
    mean_ += delta * (other.weight_ / w);
    m2_ += other.m2_ + delta * delta * (weight_ * other.weight_ / w);
    weight_ = w;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    for (std::size_t i = 0; i < weight_at_least_.size(); ++i) weight_at_least_[i] += other.weight_at_least_[i];
}

}  // namespace burdenmap
