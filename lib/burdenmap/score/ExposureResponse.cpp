#include "burdenmap/score/ExposureResponse.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace burdenmap {

ExposureResponse::ExposureResponse(MethodInfo info, CurveParameters parameters)
    : ScoringMethod(std::move(info)), p_(std::move(parameters)) {
    const std::string where = "method '" + this->info().id + "'";
    if (p_.valid_min && p_.valid_max && !(*p_.valid_min < *p_.valid_max))
        throw std::invalid_argument(where + ": valid_min must be below valid_max");
    if (p_.form == CurveParameters::Form::log_linear_rr) {
        if (!(p_.rr > 0)) throw std::invalid_argument(where + ": rr must be positive");
        if (!(p_.increment > 0)) throw std::invalid_argument(where + ": increment must be positive");
        if (p_.rr_low.has_value() != p_.rr_high.has_value())
            throw std::invalid_argument(where + ": rr_low and rr_high (the 95 % confidence interval of rr) go together: give both or neither");
        if (p_.rr_low && !(0 < *p_.rr_low && *p_.rr_low <= p_.rr && p_.rr <= *p_.rr_high && std::isfinite(*p_.rr_high)))
            throw std::invalid_argument(where + ": rr_low and rr_high must satisfy 0 < rr_low <= rr <= rr_high (the 95 % confidence "
                                        "interval of rr)");
    } else if (p_.rr_low || p_.rr_high) {
        throw std::invalid_argument(where + ": rr_low and rr_high apply to form = \"log_linear_rr\" only");
    }
}

ExposureResponse ExposureResponse::with_counterfactual(double x0) const {
    CurveParameters p = p_;
    p.counterfactual = x0;
    return ExposureResponse(info(), p);
}

double ExposureResponse::raw(double x) const {
    if (p_.form == CurveParameters::Form::quadratic) return std::max(0.0, p_.c0 + p_.c1 * x + p_.c2 * x * x);
    if (x <= p_.counterfactual) return 1.0;
    return std::pow(p_.rr, (x - p_.counterfactual) / p_.increment);
}

double ExposureResponse::evaluate(double x) const {
    if (std::isnan(x)) return x;
    if (p_.valid_min && x < *p_.valid_min) {
        if (p_.below == CurveParameters::Below::zero) return is_relative_risk() ? 1.0 : 0.0;
        return raw(*p_.valid_min);
    }
    if (p_.valid_max && x > *p_.valid_max && p_.above == CurveParameters::Above::clamp) return raw(*p_.valid_max);
    return raw(x);
}

std::vector<ScoreBin> ExposureResponse::bins() const {
    const Confidence c = info().provenance.confidence;
    // Outside the range the result rests on the range as well as the curve: the weaker of both.
    const Confidence outside = std::max(c, p_.range_confidence);
    return {{"below the validity range", outside}, {"inside the validity range", c}, {"above the validity range", outside}};
}

void ExposureResponse::score(const float* values, float* scores, std::size_t n, std::vector<std::uint64_t>& bin_hits) const {
    score_cells(values, scores, n, bin_hits, [this](float v) {
        const std::size_t bin = (p_.valid_min && v < *p_.valid_min) ? 0 : (p_.valid_max && v > *p_.valid_max) ? 2 : 1;
        return std::make_pair(bin, evaluate(v));
    });
}

std::string ExposureResponse::score_unit() const {
    return is_relative_risk() ? "relative risk (" + p_.outcome + ")" : "% " + p_.outcome;
}

}  // namespace burdenmap
