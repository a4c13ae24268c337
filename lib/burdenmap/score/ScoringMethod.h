#pragma once
// A scoring method turns a layer's values (dB, µg/m³, risk per year) into scores on the method's
// own scale. Every number it uses comes from a method table in data/methods/ with its source and
// confidence; nothing is hard-coded here (DESIGN.md §4).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace burdenmap {

enum class Confidence { verified, secondary, placeholder };
const char* to_string(Confidence c);
// Throws std::invalid_argument for anything but "verified", "secondary", "placeholder".
Confidence confidence_from_string(const std::string& s);

// Where a number comes from.
struct Provenance {
    std::string source;
    std::string edition;
    std::string url;
    Confidence confidence = Confidence::verified;
};

// One row of a class table: values in [lower, upper) score `score`.
struct ClassRow {
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
    int score = 0;
    std::string label;
    std::string note;
    Provenance provenance;
};

struct MethodInfo {
    std::string id;
    std::string family;  // "class_table", "threshold"
    std::string title;
    std::string quantity;
    std::string unit;
    std::string description;
    int flag_at = 1;  // score at or above which a cell counts as burdened (count_at_least)
    Provenance provenance;
    std::string defined_in;  // the file the method came from
};

// A step function from value to score, lower bounds inclusive: a value v gets the row with
// lower <= v < upper. Threshold methods are the two-row case (below the standard → 0, at or
// above → 1). Exposure–response curves will be a second kind of method beside this one.
class ScoringMethod {
public:
    // Rows must be sorted, contiguous (each upper = next lower) and cover the whole real line;
    // throws std::invalid_argument naming the row otherwise.
    ScoringMethod(MethodInfo info, std::vector<ClassRow> rows);

    // A threshold: value >= standard scores 1, else 0.
    static ScoringMethod threshold(MethodInfo info, double standard, const Provenance& standard_source);

    const MethodInfo& info() const { return info_; }
    const std::vector<ClassRow>& rows() const { return rows_; }
    int max_score() const;
    bool uses_placeholders() const;

    // Index of the row a value falls in (the value must not be NaN).
    std::size_t row_for(double value) const;

    // Scores n values; NaN (nodata) stays NaN. `row_hits[i]` is incremented for every value that
    // fell in row i, so a run can report which placeholder rows it used. `row_hits` must have
    // rows().size() entries.
    void score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& row_hits) const;

private:
    MethodInfo info_;
    std::vector<ClassRow> rows_;
    std::vector<double> uppers_;  // rows_[i].upper, for the lookup
};

}  // namespace burdenmap
