#include "burdenmap/compare/TransitionCounts.h"

#include <cmath>
#include <stdexcept>

namespace burdenmap {

int transition_class(float value, int classes) {
    // NaN fails both comparisons; for 0 <= value < classes truncation is the floor.
    if (!(value >= 0.0f) || !(static_cast<double>(value) < static_cast<double>(classes))) return -1;
    return static_cast<int>(value);
}

TransitionCounts::TransitionCounts(int classes) : classes_(classes) {
    if (classes < 1) throw std::invalid_argument("TransitionCounts: a score needs at least one class");
    const std::size_t side = static_cast<std::size_t>(classes) + 1;
    counts_.assign(side * side, 0.0);
}

std::size_t TransitionCounts::index(int from, int to) const {
    if (from < -1 || from >= classes_ || to < -1 || to >= classes_)
        throw std::out_of_range("TransitionCounts: class out of range");
    const std::size_t side = static_cast<std::size_t>(classes_) + 1;
    return static_cast<std::size_t>(from + 1) * side + static_cast<std::size_t>(to + 1);
}

void TransitionCounts::add(const float* base, const float* plan, const double* residents, std::size_t cells) {
    for (std::size_t i = 0; i < cells; ++i) {
        if (!(residents[i] > 0)) continue;
        counts_[index(transition_class(base[i], classes_), transition_class(plan[i], classes_))] += residents[i];
    }
}

void TransitionCounts::merge(const TransitionCounts& other) {
    if (other.classes_ != classes_) throw std::invalid_argument("TransitionCounts: merging counts of different classes");
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

double TransitionCounts::residents(int from, int to) const { return counts_[index(from, to)]; }

std::vector<TransitionRow> TransitionCounts::rows(const std::string& measure, const std::string& label) const {
    std::vector<TransitionRow> out;
    for (int from = -1; from < classes_; ++from)
        for (int to = -1; to < classes_; ++to) {
            const double r = residents(from, to);
            if (r > 0) out.push_back({measure, label, from, to, r});
        }
    return out;
}

}  // namespace burdenmap
