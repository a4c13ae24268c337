#include "burdenmap/uncertainty/ExposureHistogram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace burdenmap::uncertainty {

ExposureHistogram::ExposureHistogram(std::shared_ptr<const ExposureLayout> layout, bool residents)
    : layout_(std::move(layout)), channels_(residents ? 2 : 1) {
    if (!layout_) throw std::invalid_argument("exposure histogram: no layout");
    const ExposureLayout& l = *layout_;
    if (!(std::isfinite(l.lower) && std::isfinite(l.upper) && l.lower < l.upper))
        throw std::invalid_argument("exposure histogram layout: lower and upper must be finite with lower < upper");
    if (l.bins < 1) throw std::invalid_argument("exposure histogram layout: bins must be >= 1");
    bins_.assign(static_cast<std::size_t>(l.bins) * channels_, 0.0);
    outside_weight_.assign(2 * channels_, 0.0);
    outside_sum_.assign(2 * channels_, 0.0);
}

void ExposureHistogram::add(float value, double area, double residents) {
    if (std::isnan(value)) return;
    const ExposureLayout& l = *layout_;
    const double v = value;
    const double weight[2] = {area, residents};
    if (v < l.lower || v >= l.upper) {
        const std::size_t side = v < l.lower ? 0 : 1;
        for (std::size_t c = 0; c < channels_; ++c) {
            outside_weight_[side * channels_ + c] += weight[c];
            outside_sum_[side * channels_ + c] += weight[c] * v;
        }
        return;
    }
    // The same bin edges as sum_of's midpoints: lower + k·width.
    const double position = (v - l.lower) / (l.upper - l.lower) * l.bins;
    const std::size_t k = std::min(static_cast<std::size_t>(position), static_cast<std::size_t>(l.bins - 1));
    for (std::size_t c = 0; c < channels_; ++c) bins_[k * channels_ + c] += weight[c];
}

void ExposureHistogram::merge(const ExposureHistogram& other) {
    const bool same_layout = layout_ == other.layout_ ||
                             (layout_ && other.layout_ && layout_->lower == other.layout_->lower &&
                              layout_->upper == other.layout_->upper && layout_->bins == other.layout_->bins);
    if (!same_layout || channels_ != other.channels_)
        throw std::invalid_argument("exposure histogram merge: the two histograms have different layouts or channels");
    for (std::size_t i = 0; i < bins_.size(); ++i) bins_[i] += other.bins_[i];
    for (std::size_t i = 0; i < outside_weight_.size(); ++i) {
        outside_weight_[i] += other.outside_weight_[i];
        outside_sum_[i] += other.outside_sum_[i];
    }
}

double ExposureHistogram::total(Channel c) const {
    const std::size_t ch = static_cast<std::size_t>(c);
    if (ch >= channels_)
        throw std::invalid_argument("exposure histogram: no residents channel (the job has no residents per cell)");
    double s = 0;
    for (std::size_t k = 0; k < bins_.size() / channels_; ++k) s += bins_[k * channels_ + ch];
    return s + outside_weight_[ch] + outside_weight_[channels_ + ch];
}

}  // namespace burdenmap::uncertainty
