#pragma once
// A zone's sufficient statistic for an exposure–response curve under a drawn relative risk or
// input error: a fine histogram of the layer's values over [lower, upper) in equal bins, and the
// weight and weighted sum of the values below and above (DESIGN.md §9). sum_of(g) approximates
// Σ weight·g(value) by the bins' midpoints (the values below/above at their weighted mean), which
// for the smooth curves of the method tables is within a bin's curvature of the exact sum. The
// draws use it as a difference (sum_of(g_draw) − sum_of(g_point)) added to the point statistic,
// so a draw that changes nothing gives the point value to the bit.
// Two channels (area, residents) and mergeable in window order, like StepHistogram.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <vector>

#include "burdenmap/uncertainty/StepHistogram.h"

namespace burdenmap::uncertainty {

struct ExposureLayout {
    double lower = 0, upper = 1;  // lower < upper
    int bins = 256;
};

class ExposureHistogram {
public:
    ExposureHistogram() = default;
    ExposureHistogram(std::shared_ptr<const ExposureLayout> layout, bool residents);

    void add(float value, double area, double residents);  // NaN: not counted
    void merge(const ExposureHistogram& other);
    bool has_residents() const { return channels_ == 2; }
    const ExposureLayout& layout() const { return *layout_; }
    double total(Channel c) const;

    // Σ weight · g(v) over the counted cells, v at bin midpoints (below/above: their weighted mean).
    template <class G>
    double sum_of(G g, Channel c) const {
        const std::size_t ch = static_cast<std::size_t>(c);
        if (ch >= channels_)
            throw std::invalid_argument("exposure histogram: no residents channel (the job has no residents per cell)");
        const ExposureLayout& l = *layout_;
        const double width = (l.upper - l.lower) / l.bins;
        double s = 0;
        for (int k = 0; k < l.bins; ++k) {
            const double w = bins_[static_cast<std::size_t>(k) * channels_ + ch];
            if (w > 0) s += w * g(l.lower + (k + 0.5) * width);
        }
        for (std::size_t side = 0; side < 2; ++side) {
            const double w = outside_weight_[side * channels_ + ch];
            if (w > 0) s += w * g(outside_sum_[side * channels_ + ch] / w);
        }
        return s;
    }

private:
    std::shared_ptr<const ExposureLayout> layout_;
    std::size_t channels_ = 1;
    std::vector<double> bins_;            // [k * channels + c]
    std::vector<double> outside_weight_;  // [side * channels + c], side 0 = below, 1 = at or above upper
    std::vector<double> outside_sum_;     // Σ weight·v there
};

}  // namespace burdenmap::uncertainty
