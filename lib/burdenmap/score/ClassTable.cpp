#include "burdenmap/score/ClassTable.h"

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace burdenmap {
namespace {

std::string number(double v) {
    std::ostringstream s;
    s.imbue(std::locale::classic());  // "0.5" and "1234" whatever the global locale
    s << v;
    return s.str();
}

}  // namespace

ClassTable::ClassTable(MethodInfo info, std::vector<ClassRow> rows) : ScoringMethod(std::move(info)), rows_(std::move(rows)) {
    const std::string where = "method '" + this->info().id + "'";
    if (rows_.empty()) throw std::invalid_argument(where + ": no classes");
    if (!std::isinf(rows_.front().lower) || rows_.front().lower > 0)
        throw std::invalid_argument(where + ": the first class must have no lower bound (it starts at -infinity)");
    if (!std::isinf(rows_.back().upper) || rows_.back().upper < 0)
        throw std::invalid_argument(where + ": the last class must have no upper bound (it ends at +infinity)");
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (!(rows_[i].lower < rows_[i].upper))
            throw std::invalid_argument(where + ": class " + std::to_string(i + 1) + " has lower >= upper");
        if (i + 1 < rows_.size() && rows_[i].upper != rows_[i + 1].lower)
            throw std::invalid_argument(where + ": class " + std::to_string(i + 1) + " ends at " + number(rows_[i].upper) +
                                        " but class " + std::to_string(i + 2) + " starts at " + number(rows_[i + 1].lower) +
                                        " (classes must be contiguous, [lower, upper))");
        uppers_.push_back(rows_[i].upper);
        cell_uppers_.push_back(static_cast<float>(rows_[i].upper));
        if (i > 0 && !(cell_uppers_[i] > cell_uppers_[i - 1]))
            throw std::invalid_argument(where + ": classes " + std::to_string(i) + " and " + std::to_string(i + 1) +
                                        " are too narrow to tell apart at float precision");
    }
}

ClassTable ClassTable::threshold(MethodInfo info, double standard, const Provenance& standard_source) {
    ClassRow below;
    below.upper = standard;
    below.score = 0;
    below.label = "below " + number(standard);
    below.provenance = standard_source;
    ClassRow above;
    above.lower = standard;
    above.score = 1;
    above.label = "at or above " + number(standard);
    above.provenance = standard_source;
    return ClassTable(std::move(info), {below, above});
}

int ClassTable::max_score() const {
    int m = rows_.front().score;
    for (const ClassRow& r : rows_) m = std::max(m, r.score);
    return m;
}

std::string ClassTable::score_unit() const { return info().family == "threshold" ? "0/1" : "class"; }

std::vector<ScoreBin> ClassTable::bins() const {
    std::vector<ScoreBin> out;
    for (const ClassRow& r : rows_) out.push_back({r.label, r.provenance.confidence});
    return out;
}

std::size_t ClassTable::row_for(double value) const {
    // The first row whose upper bound is above the value: [lower, upper) semantics.
    return static_cast<std::size_t>(std::upper_bound(uppers_.begin(), uppers_.end() - 1, value) - uppers_.begin());
}

std::size_t ClassTable::row_for_cell(float value) const {
    return static_cast<std::size_t>(std::upper_bound(cell_uppers_.begin(), cell_uppers_.end() - 1, value) -
                                    cell_uppers_.begin());
}

void ClassTable::score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& bin_hits) const {
    score_cells(values, scores, n, bin_hits, [this](float v) {
        const std::size_t row = row_for_cell(v);
        return std::make_pair(row, rows_[row].score);
    });
}

}  // namespace burdenmap
