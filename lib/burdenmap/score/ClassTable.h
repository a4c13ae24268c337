#pragma once
// A step function from value to score, lower bounds inclusive: a value v gets the row with
// lower <= v < upper. Threshold methods are the two-row case (below the standard → 0, at or
// above → 1).
#include <limits>

#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

struct ClassRow {
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
    int score = 0;
    std::string label;
    std::string note;
    Provenance provenance;
};

class ClassTable : public ScoringMethod {
public:
    // Rows must be sorted, contiguous (each upper = next lower) and cover the whole real line;
    // throws std::invalid_argument naming the row otherwise.
    ClassTable(MethodInfo info, std::vector<ClassRow> rows);

    // A threshold: value >= standard scores 1, else 0.
    static ClassTable threshold(MethodInfo info, double standard, const Provenance& standard_source);

    const std::vector<ClassRow>& rows() const { return rows_; }
    // The standard of a threshold method (the lower bound of its upper row).
    double standard() const { return rows_.back().lower; }

    // Index of the row a value falls in (the value must not be NaN), compared in double.
    std::size_t row_for(double value) const;
    // The same for a cell value: boundaries are compared at float precision, the precision of
    // raster cells, so a cell holding float(1e-6) is "at 1e-6" although float(1e-6) < 1e-6 in
    // double. score() uses this.
    std::size_t row_for_cell(float value) const;

    std::vector<ScoreBin> bins() const override;
    void score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& bin_hits) const override;
    bool integer_scores() const override { return true; }
    int max_score() const override;
    std::string score_unit() const override;

private:
    std::vector<ClassRow> rows_;
    std::vector<double> uppers_;       // rows_[i].upper
    std::vector<float> cell_uppers_;   // the same rounded to float, for cell values
};

}  // namespace burdenmap
