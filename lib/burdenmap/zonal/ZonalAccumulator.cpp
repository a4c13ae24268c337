#include "burdenmap/zonal/ZonalAccumulator.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace burdenmap {

ZonalAccumulator::ZonalAccumulator(State s)
    : thresholds_(std::move(s.thresholds)),
      weight_at_least_(std::move(s.weight_at_least)),
      weight_in_class_(std::move(s.weight_in_class)),
      weight_(s.weight),
      nodata_weight_(s.nodata_weight),
      shift_(s.shift),
      sum_(s.sum),
      sum_squares_(s.sum_squares),
      min_(s.min),
      max_(s.max) {
    if (weight_at_least_.size() != thresholds_.size())
        throw std::invalid_argument("ZonalAccumulator: " + std::to_string(weight_at_least_.size()) + " threshold weights for " +
                                    std::to_string(thresholds_.size()) + " thresholds");
}

void ZonalAccumulator::merge(const ZonalAccumulator& other) {
    if (other.thresholds_ != thresholds_ || other.weight_in_class_.size() != weight_in_class_.size())
        throw std::logic_error("ZonalAccumulator::merge: different thresholds or classes");
    nodata_weight_ += other.nodata_weight_;
    if (other.weight_ == 0) return;
    if (weight_ == 0) {
        const double nodata = nodata_weight_;
        *this = other;
        nodata_weight_ = nodata;
        return;
    }
    // Re-base the other part's shifted sums on this part's shift (d = other − this):
    // Σ w (x − a) = Σ w (x − b) + W d,  Σ w (x − a)² = Σ w (x − b)² + 2 d Σ w (x − b) + W d².
    const double d = other.shift_ - shift_;
    sum_squares_ += other.sum_squares_ + 2.0 * d * other.sum_ + other.weight_ * d * d;
    sum_ += other.sum_ + other.weight_ * d;
    weight_ += other.weight_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    for (std::size_t i = 0; i < weight_at_least_.size(); ++i) weight_at_least_[i] += other.weight_at_least_[i];
    for (std::size_t i = 0; i < weight_in_class_.size(); ++i) weight_in_class_[i] += other.weight_in_class_[i];
}

}  // namespace burdenmap
