#pragma once
// Coverage-weighted statistics of one band over one zone. Mergeable: accumulating two parts and
// merging gives the statistics of the whole (shifted sums re-based on merge: the same algebra as
// the Chan et al. parallel update), so a zone spanning many windows comes out as if computed at
// once; merged in window order, the result is the same bits for any thread count.
#include <cmath>
#include <limits>
#include <vector>

namespace burdenmap {

class ZonalAccumulator {
public:
    ZonalAccumulator() = default;
    // `thresholds`: values v for which the weight of cells with value >= v is kept (the
    // "share of area with score >= k" statistics).
    // `classes` > 0 (integer-valued bands): also the weight per class 0..classes-1 (a fractional
    // value goes to its floor, values outside are not counted). A job whose residents are spread
    // evenly over each zone turns these into residents per class (PopulationAccumulator::
    // uniform_density) instead of accumulating residents cell by cell.
    explicit ZonalAccumulator(std::vector<double> thresholds, int classes = 0)
        : thresholds_(std::move(thresholds)),
          weight_at_least_(thresholds_.size(), 0.0),
          weight_in_class_(static_cast<std::size_t>(classes), 0.0) {}

    // One cell: `weight` is its coverage fraction (0..1]; NaN `value` is nodata.
    // Sums of weights, and of weighted values and squares *shifted by the first value seen*: no
    // division per cell (this is the innermost loop of a run), and the shift keeps the variance
    // free of cancellation for values like 60 dB that vary by a few dB.
    void add(double value, double weight) {
        if (std::isnan(value)) {
            nodata_weight_ += weight;
            return;
        }
        if (weight_ == 0) shift_ = value;
        const double d = value - shift_;
        weight_ += weight;
        sum_ += weight * d;
        sum_squares_ += weight * d * d;
        if (value < min_) min_ = value;
        if (value > max_) max_ = value;
        for (std::size_t i = 0; i < thresholds_.size(); ++i)
            if (value >= thresholds_[i]) weight_at_least_[i] += weight;
        // floor(value) is a class in [0, n) exactly when 0 <= value < n, and there truncation
        // is the floor: a conversion instead of a floor() call in the innermost loop.
        if (value >= 0 && value < static_cast<double>(weight_in_class_.size()))
            weight_in_class_[static_cast<std::size_t>(value)] += weight;
    }

    void merge(const ZonalAccumulator& other);

    // Everything the accumulator holds, as plain numbers: a shard writes it to disk and the merge
    // reads it back (job/ShardPartials), and folding the restored parts in window order gives the
    // same bits as folding the originals.
    struct State {
        std::vector<double> thresholds, weight_at_least, weight_in_class;
        double weight = 0, nodata_weight = 0, shift = 0, sum = 0, sum_squares = 0, min = 0, max = 0;
    };
    State state() const {
        return {thresholds_, weight_at_least_, weight_in_class_, weight_, nodata_weight_, shift_, sum_, sum_squares_, min_, max_};
    }
    // Throws std::invalid_argument when the per-threshold weights do not match the thresholds.
    explicit ZonalAccumulator(State s);

    // As if every cell seen so far (valid or not) had held `value`: the statistics of a value given
    // per zone (a zone-table layer). The shift becomes the value, so the mean is the value to the
    // bit, here and after merging parts of the same value.
    void set_constant(double value) {
        const double weight = total_weight();
        *this = ZonalAccumulator(std::move(thresholds_), static_cast<int>(weight_in_class_.size()));
        if (weight > 0) add(value, weight);
    }

    double valid_weight() const { return weight_; }
    double nodata_weight() const { return nodata_weight_; }
    double total_weight() const { return weight_ + nodata_weight_; }
    bool has_data() const { return weight_ > 0; }
    double mean() const { return has_data() ? shift_ + sum_ / weight_ : nan(); }
    double min() const { return has_data() ? min_ : nan(); }
    double max() const { return has_data() ? max_ : nan(); }
    // Population (weighted) variance: Σ w (x − mean)² / Σ w.
    double variance() const {
        if (!has_data()) return nan();
        const double m = sum_ / weight_;
        return std::max(0.0, sum_squares_ / weight_ - m * m);
    }
    double stddev() const { return std::sqrt(variance()); }
    // Share of the valid area with value >= thresholds()[i].
    double share_at_least(std::size_t i) const { return has_data() ? weight_at_least_[i] / weight_ : nan(); }
    const std::vector<double>& thresholds() const { return thresholds_; }
    // Σ weight · value over the valid cells (0 without data).
    double weighted_sum() const { return has_data() ? sum_ + shift_ * weight_ : 0.0; }
    std::size_t classes() const { return weight_in_class_.size(); }
    double weight_in_class(std::size_t k) const { return weight_in_class_[k]; }

private:
    static double nan() { return std::numeric_limits<double>::quiet_NaN(); }
    std::vector<double> thresholds_;
    std::vector<double> weight_at_least_;
    std::vector<double> weight_in_class_;
    double weight_ = 0, nodata_weight_ = 0;
    double shift_ = 0, sum_ = 0, sum_squares_ = 0;  // Σ w·(x − shift), Σ w·(x − shift)²
    double min_ = std::numeric_limits<double>::infinity();
    double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace burdenmap
