#include "burdenmap/uncertainty/StepHistogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace burdenmap::uncertainty {

namespace {

bool has_bins(const std::pair<double, double>& w) { return w.first < w.second; }

// The layout's promises that add() relies on: boundaries ascending and distinct, windows finite,
// each with bins containing its boundary, and the windows' ends non-decreasing like the
// boundaries (so a value's windows are the ones next to its row).
void check_layout(const StepLayout& l) {
    const std::string where = "step histogram layout: ";
    if (l.bins < 1) throw std::invalid_argument(where + "bins must be >= 1");
    if (l.windows.size() != l.boundaries.size())
        throw std::invalid_argument(where + std::to_string(l.windows.size()) + " windows for " +
                                    std::to_string(l.boundaries.size()) + " boundaries");
    for (std::size_t j = 0; j < l.boundaries.size(); ++j) {
        const double b = l.boundaries[j];
        const auto& w = l.windows[j];
        const std::string at = where + "boundary " + std::to_string(j) + ": ";
        if (!std::isfinite(b)) throw std::invalid_argument(at + "not a finite value");
        if (j > 0 && !(l.boundaries[j - 1] < l.boundaries[j]))
            throw std::invalid_argument(at + "boundaries must be ascending and distinct");
        if (!std::isfinite(w.first) || !std::isfinite(w.second) || !std::isfinite(w.second - w.first) ||
            w.first > w.second)
            throw std::invalid_argument(at + "the window must be finite with lower <= upper");
        if (has_bins(w) && !(w.first <= b && b < w.second))
            throw std::invalid_argument(at + "the window [lower, upper) must contain the boundary");
        if (j > 0 && (w.first < l.windows[j - 1].first || w.second < l.windows[j - 1].second))
            throw std::invalid_argument(at + "the windows' lower and upper ends must not decrease");
    }
}

}  // namespace

StepHistogram::StepHistogram(std::shared_ptr<const StepLayout> layout, bool residents)
    : layout_(std::move(layout)), channels_(residents ? 2 : 1) {
    if (!layout_) throw std::invalid_argument("step histogram: no layout");
    check_layout(*layout_);
    const std::size_t ch = static_cast<std::size_t>(channels_);
    between_.assign((layout_->boundaries.size() + 1) * ch, 0.0);
    bins_.assign(layout_->boundaries.size() * static_cast<std::size_t>(layout_->bins) * ch, 0.0f);
}

void StepHistogram::add(float value, double area, double residents) {
    if (std::isnan(value)) return;
    const StepLayout& l = *layout_;
    const std::size_t ch = static_cast<std::size_t>(channels_);
    // Row r: b_{r-1} <= value < b_r, compared in float as ClassTable::row_for_cell compares. The
    // boundaries ascend, so the row is the number of boundaries at or below the value: counted
    // without branches (a class table has a handful), which measured 1.2 ns per cell against
    // 17.5 ns for std::upper_bound's mispredicted branches on noisy values.
    std::size_t row = 0;
    for (const float b : l.boundaries) row += value >= b ? 1 : 0;
    between_[row * ch] += area;
    totals_[0] += area;
    if (ch == 2) {
        between_[row * ch + 1] += residents;
        totals_[1] += residents;
    }

    // Only windows next to the row can hold the value: above the row every boundary is > value
    // and the lower ends do not decrease, below it every boundary is <= value and the upper ends
    // do not decrease going up.
    const double v = value;
    const auto bin_it = [&](std::size_t j) {
        const auto& w = l.windows[j];
        if (!(w.first <= v && v < w.second)) return;  // also: a window without bins
        const double position = (v - w.first) / (w.second - w.first) * l.bins;
        const std::size_t k = std::min(static_cast<std::size_t>(position), static_cast<std::size_t>(l.bins - 1));
        const std::size_t i = (j * static_cast<std::size_t>(l.bins) + k) * ch;
        bins_[i] = static_cast<float>(bins_[i] + area);
        if (ch == 2) bins_[i + 1] = static_cast<float>(bins_[i + 1] + residents);
    };
    for (std::size_t j = row; j < l.boundaries.size() && l.windows[j].first <= v; ++j) bin_it(j);
    for (std::size_t j = row; j-- > 0 && l.windows[j].second > v;) bin_it(j);
}

void StepHistogram::merge(const StepHistogram& other) {
    const bool same_layout =
        layout_ == other.layout_ ||
        (layout_ && other.layout_ && layout_->boundaries == other.layout_->boundaries &&
         layout_->windows == other.layout_->windows && layout_->bins == other.layout_->bins);
    if (!same_layout || channels_ != other.channels_)
        throw std::invalid_argument("step histogram merge: the two histograms have different layouts or channels");
    for (std::size_t i = 0; i < between_.size(); ++i) between_[i] += other.between_[i];
    totals_[0] += other.totals_[0];
    totals_[1] += other.totals_[1];
    for (std::size_t i = 0; i < bins_.size(); ++i) bins_[i] = static_cast<float>(bins_[i] + static_cast<double>(other.bins_[i]));
}

std::size_t StepHistogram::channel(Channel c) const {
    const std::size_t ch = static_cast<std::size_t>(c);
    if (ch >= static_cast<std::size_t>(channels_))
        throw std::invalid_argument("step histogram: no residents channel (the job has no residents per cell)");
    return ch;
}

double StepHistogram::total(Channel c) const { return totals_[channel(c)]; }

double StepHistogram::at_least_boundary(std::size_t j, Channel c) const {
    const std::size_t ch = channel(c), n = static_cast<std::size_t>(channels_);
    if (j >= layout_->boundaries.size())
        throw std::out_of_range("step histogram: boundary " + std::to_string(j) + " of " +
                                std::to_string(layout_->boundaries.size()));
    // value >= b_j: rows j+1..J (row r holds b_{r-1} <= value < b_r).
    double s = 0;
    for (std::size_t row = j + 1; row < between_.size() / n; ++row) s += between_[row * n + ch];
    return s;
}

double StepHistogram::window_weight(std::size_t j, double from, double to, std::size_t ch) const {
    // The window's bins between `from` and `to` (lower <= from <= to <= upper), a bin cut by
    // either end counted in proportion (its values taken as spread evenly).
    const StepLayout& l = *layout_;
    const auto& w = l.windows[j];
    const std::size_t n = static_cast<std::size_t>(channels_), bins = static_cast<std::size_t>(l.bins);
    const auto position = [&](double y) { return (y - w.first) / (w.second - w.first) * l.bins; };
    const auto bin = [&](std::size_t k) { return static_cast<double>(bins_[(j * bins + k) * n + ch]); };
    const double p_from = position(from), p_to = position(to);
    const std::size_t k_from = std::min(static_cast<std::size_t>(p_from), bins);
    const std::size_t k_to = std::min(static_cast<std::size_t>(p_to), bins);
    if (k_from == k_to) return k_from < bins ? bin(k_from) * (p_to - p_from) : 0.0;
    double s = bin(k_from) * (static_cast<double>(k_from + 1) - p_from);
    for (std::size_t k = k_from + 1; k < k_to; ++k) s += bin(k);
    if (k_to < bins) s += bin(k_to) * (p_to - static_cast<double>(k_to));
    return s;
}

double StepHistogram::at_least(std::size_t j, double x, Channel c) const {
    if (std::isnan(x)) throw std::invalid_argument("step histogram: at_least of a NaN value");
    const double exact = at_least_boundary(j, c);
    const std::size_t ch = channel(c);
    const auto& w = layout_->windows[j];
    if (!(w.first < w.second)) return exact;  // no bins: the boundary's exact weight is all there is
    const float b = layout_->boundaries[j];
    const double xc = std::clamp(x, w.first, w.second);
    // At the boundary as the cells see it (x rounds to b_j in float, as a class table's bound
    // does): the exact weight, to the bit.
    if (xc == static_cast<double>(b) ||
        (std::abs(xc) <= std::numeric_limits<float>::max() && static_cast<float>(xc) == b))
        return exact;
    const double result = xc < b ? exact + window_weight(j, xc, b, ch) : exact - window_weight(j, b, xc, ch);
    // The proportional share of a bin cut by the boundary can over- or undershoot by a bin's weight.
    return std::clamp(result, 0.0, total(c));
}

}  // namespace burdenmap::uncertainty
