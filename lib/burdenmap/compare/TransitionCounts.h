#pragma once
// Residents moving between the classes of one layer score, from the base run's cell value to the
// plan's: the GES comparison's "who moves from class i to class j". Pure sums over cells, so a 4x4
// raster made by hand checks it, and the cell comparison folds one window's counts into the
// total in window order (the same bits for any thread count).
#include <cstddef>
#include <string>
#include <vector>

#include "burdenmap/compare/Comparison.h"

namespace burdenmap {

// The class of a score cell: floor(value) for 0 <= value < classes (as the zone statistics count
// residents per class, zonal/PopulationAccumulator), else -1: no data (NaN), or a value no class
// holds, which a class table never gives.
int transition_class(float value, int classes);

class TransitionCounts {
public:
    explicit TransitionCounts(int classes);

    int classes() const { return classes_; }
    // Adds each cell's residents to (class of base[i], class of plan[i]). Cells without residents
    // (0, negative or NaN) add nothing.
    void add(const float* base, const float* plan, const double* residents, std::size_t cells);
    // Adds another part's counts (a later window): folded in window order for the same bits.
    void merge(const TransitionCounts& other);
    // Residents from class `from` to class `to`, each -1 (no data) .. classes-1.
    double residents(int from, int to) const;
    // Every (from, to) with residents > 0, by `from` then `to` (-1 first).
    std::vector<TransitionRow> rows(const std::string& measure, const std::string& label) const;

private:
    std::size_t index(int from, int to) const;
    int classes_;
    std::vector<double> counts_;  // (classes + 1)^2, row = from + 1, column = to + 1
};

}  // namespace burdenmap
