#include "burdenmap/score/ScoringMethod.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace burdenmap {

const char* to_string(Confidence c) {
    switch (c) {
        case Confidence::verified: return "verified";
        case Confidence::secondary: return "secondary";
        case Confidence::placeholder: return "placeholder";
    }
    return "?";
}

Confidence confidence_from_string(const std::string& s) {
    if (s == "verified") return Confidence::verified;
    if (s == "secondary") return Confidence::secondary;
    if (s == "placeholder") return Confidence::placeholder;
    throw std::invalid_argument("confidence must be verified, secondary or placeholder, not '" + s + "'");
}

ScoringMethod::ScoringMethod(MethodInfo info, std::vector<ClassRow> rows) : info_(std::move(info)), rows_(std::move(rows)) {
    const std::string where = "method '" + info_.id + "'";
    if (rows_.empty()) throw std::invalid_argument(where + ": no classes");
    if (!std::isinf(rows_.front().lower) || rows_.front().lower > 0)
        throw std::invalid_argument(where + ": the first class must have no lower bound (it starts at -infinity)");
    if (!std::isinf(rows_.back().upper) || rows_.back().upper < 0)
        throw std::invalid_argument(where + ": the last class must have no upper bound (it ends at +infinity)");
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (!(rows_[i].lower < rows_[i].upper))
            throw std::invalid_argument(where + ": class " + std::to_string(i + 1) + " has lower >= upper");
        if (i + 1 < rows_.size() && rows_[i].upper != rows_[i + 1].lower)
            throw std::invalid_argument(where + ": class " + std::to_string(i + 1) + " ends at " +
                                        std::to_string(rows_[i].upper) + " but class " + std::to_string(i + 2) +
                                        " starts at " + std::to_string(rows_[i + 1].lower) +
                                        " (classes must be contiguous, [lower, upper))");
        uppers_.push_back(rows_[i].upper);
    }
}

ScoringMethod ScoringMethod::threshold(MethodInfo info, double standard, const Provenance& standard_source) {
    ClassRow below;
    below.upper = standard;
    below.score = 0;
    below.label = "below " + std::to_string(standard);
    below.provenance = standard_source;
    ClassRow above;
    above.lower = standard;
    above.score = 1;
    above.label = "at or above " + std::to_string(standard);
    above.provenance = standard_source;
    return ScoringMethod(std::move(info), {below, above});
}

int ScoringMethod::max_score() const {
    int m = rows_.front().score;
    for (const ClassRow& r : rows_) m = std::max(m, r.score);
    return m;
}

bool ScoringMethod::uses_placeholders() const {
    return std::any_of(rows_.begin(), rows_.end(),
                       [](const ClassRow& r) { return r.provenance.confidence == Confidence::placeholder; });
}

std::size_t ScoringMethod::row_for(double value) const {
    // The first row whose upper bound is above the value: [lower, upper) semantics.
    return static_cast<std::size_t>(std::upper_bound(uppers_.begin(), uppers_.end() - 1, value) - uppers_.begin());
}

void ScoringMethod::score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& row_hits) const {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = values[i];
        if (std::isnan(v)) {
            scores[i] = v;
            continue;
        }
        const std::size_t row = row_for(v);
        ++row_hits[row];
        scores[i] = static_cast<float>(rows_[row].score);
    }
}

}  // namespace burdenmap
