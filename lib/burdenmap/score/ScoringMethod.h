#pragma once
// A scoring method turns a layer's values (dB, µg/m³, risk per year) into scores on the method's
// own scale: classes (ClassTable, thresholds) or an exposure–response curve (ExposureResponse).
// Every number it uses comes from a method table in data/methods/ with its source and confidence;
// nothing is hard-coded here (DESIGN.md §4).
#include <cmath>
#include <cstdint>
#include <optional>
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

struct MethodInfo {
    std::string id;
    std::string family;  // "class_table", "threshold", "exposure_response"
    // Where the method's values apply: "NL", "EU", "WHO", "US-CA", …; "study" for a method
    // written inline in a config. The report calls a legal value "here" only where this is the
    // study's own jurisdiction ([study] jurisdiction).
    std::string jurisdiction;
    std::string title;
    std::string quantity;
    std::string unit;        // of the input value
    std::string description;
    int flag_at = 1;  // score at or above which a cell counts as burdened (count_at_least)
    // A legal value adopted but not yet in force (EU 2024/2881: "to be met by 2030"): the year it
    // applies from, so the report never shows it as the limit in force today.
    std::optional<int> applies_from;
    Provenance provenance;
    std::string defined_in;  // the file the method came from
    bool of_this_study = false;  // written inline in a config ([layer.method]), not a method table
};

// How every report of placeholder values names a method: its id, and for an inline method
// "inline.x [a method of this study (not published)]", so nobody takes it for a published table.
std::string labelled_id(const std::string& id, bool of_this_study);
inline std::string labelled_id(const MethodInfo& info) { return labelled_id(info.id, info.of_this_study); }

// What a method did with the cells it scored, for the run manifest: a class table's rows, or a
// curve's "below / inside / above its validity range".
struct ScoreBin {
    std::string label;
    Confidence confidence = Confidence::verified;
};

class ScoringMethod {
public:
    explicit ScoringMethod(MethodInfo info) : info_(std::move(info)) {}
    virtual ~ScoringMethod() = default;

    const MethodInfo& info() const { return info_; }
    virtual std::vector<ScoreBin> bins() const = 0;
    // Scores n values; NaN (nodata) stays NaN and counts in no bin. `bin_hits` has bins().size()
    // entries; each scored value increments the bin it fell in.
    virtual void score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& bin_hits) const = 0;
    // Classes and thresholds give integer scores 0..max_score(); curves give continuous values.
    virtual bool integer_scores() const = 0;
    virtual int max_score() const = 0;  // -1 for continuous methods
    // The unit of the scores, e.g. "class", "0/1", "% highly annoyed", "relative risk".
    virtual std::string score_unit() const = 0;
    bool uses_placeholders() const;

protected:
    // The cell loop of every score(): NaN stays NaN and counts in no bin; else `bin_and_score(v)`
    // gives the bin v falls in and its score (a pair). A template, so each method's step is
    // inlined: on a national grid this loop runs once per cell and layer.
    template <class BinAndScore>
    static void score_cells(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& bin_hits,
                            BinAndScore bin_and_score) {
        for (std::size_t i = 0; i < n; ++i) {
            const float v = values[i];
            if (std::isnan(v)) {
                scores[i] = v;
                continue;
            }
            const auto [bin, cell_score] = bin_and_score(v);
            ++bin_hits[bin];
            scores[i] = static_cast<float>(cell_score);
        }
    }

private:
    MethodInfo info_;
};

}  // namespace burdenmap
