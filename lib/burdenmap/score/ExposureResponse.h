#pragma once
// An exposure–response function: from a level (dB, µg/m³) to a health measure per cell.
//  - quadratic: the share of residents affected, in %: y = c0 + c1·x + c2·x² (WHO 2018 %HA, %HSD);
//  - log_linear_rr: a relative risk, RR = rr^((x − x0) / increment) above the counterfactual x0,
//    1 at or below it (WHO 2021 air-pollution mortality, noise and ischaemic heart disease).
// Outside the documented validity range the curve is not extrapolated by default: below the
// range no effect is attributed (0 %, RR 1), above it the value at the upper end is kept.
#include <optional>

#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

struct CurveParameters {
    enum class Form { quadratic, log_linear_rr } form = Form::quadratic;
    double c0 = 0, c1 = 0, c2 = 0;         // quadratic
    double rr = 1, increment = 10;         // log_linear_rr: RR per increment
    // log_linear_rr: the 95 % confidence interval of rr, where the method table gives one (both or
    // neither); the uncertainty draws ([uncertainty] exposure_response) draw rr from it.
    std::optional<double> rr_low, rr_high;
    double counterfactual = 0;             // log_linear_rr: x0, no excess risk at or below it
    std::optional<double> valid_min, valid_max;
    enum class Below { zero, clamp } below = Below::zero;
    enum class Above { clamp, extrapolate } above = Above::clamp;
    std::string outcome;                   // e.g. "highly annoyed", "natural-cause mortality"
    // How sure the validity range is (cells scored outside it carry this confidence).
    Confidence range_confidence = Confidence::verified;
};

class ExposureResponse : public ScoringMethod {
public:
    // Throws std::invalid_argument for inconsistent parameters (e.g. valid_min >= valid_max, rr <= 0,
    // rr outside [rr_low, rr_high]).
    ExposureResponse(MethodInfo info, CurveParameters parameters);

    const CurveParameters& parameters() const { return p_; }
    bool is_relative_risk() const { return p_.form == CurveParameters::Form::log_linear_rr; }
    // The same method with another counterfactual level (configurable per run, WHO 2021 §3.3).
    ExposureResponse with_counterfactual(double x0) const;

    // The curve at one value (NaN stays NaN).
    double evaluate(double x) const;

    std::vector<ScoreBin> bins() const override;  // below range, inside, above range
    void score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& bin_hits) const override;
    bool integer_scores() const override { return false; }
    int max_score() const override { return -1; }
    std::string score_unit() const override;

private:
    double raw(double x) const;
    CurveParameters p_;
};

}  // namespace burdenmap
