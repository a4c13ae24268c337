#include "burdenmap/score/CumulationRule.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace burdenmap {

const char* to_string(CumulationKind k) {
    switch (k) {
        case CumulationKind::count_at_least: return "count_at_least";
        case CumulationKind::energetic_sum: return "energetic_sum";
        case CumulationKind::weighted_sum: return "weighted_sum";
        case CumulationKind::max: return "max";
        case CumulationKind::health_burden: return "health_burden";
        case CumulationKind::health_cases: return "health_cases";
        case CumulationKind::health_daly: return "health_daly";
    }
    return "?";
}

CumulationKind cumulation_kind_from_string(const std::string& s) {
    if (s == "count_at_least") return CumulationKind::count_at_least;
    if (s == "energetic_sum") return CumulationKind::energetic_sum;
    if (s == "weighted_sum") return CumulationKind::weighted_sum;
    if (s == "max") return CumulationKind::max;
    if (s == "health_burden") return CumulationKind::health_burden;
    throw std::invalid_argument("unknown cumulation rule '" + s +
                                "' (known: count_at_least, energetic_sum, weighted_sum, max, health_burden)");
}

std::string CumulationRule::unit() const {
    switch (kind) {
        case CumulationKind::count_at_least: return "number of layers";
        case CumulationKind::energetic_sum: return "dB";
        case CumulationKind::weighted_sum: return "weighted score";
        case CumulationKind::max: return "score";
        case CumulationKind::health_burden:
        case CumulationKind::health_daly: return "DALY per 1000 residents per year";
        case CumulationKind::health_cases: return "attributable cases per 1000 residents";
    }
    return "";
}

void CumulationRule::apply(const std::vector<const float*>& raw, const std::vector<const float*>& scores, float* out,
                           std::size_t n) const {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    if (!outcomes.empty()) {
        apply_health(raw, out, n);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        bool any = false, all = true;
        double acc = 0.0;
        for (std::size_t k = 0; k < layers.size(); ++k) {
            const std::size_t l = layers[k];
            const float v = (kind == CumulationKind::energetic_sum ? raw[l] : scores[l])[i];
            if (std::isnan(v)) {
                all = false;
                continue;
            }
            switch (kind) {
                case CumulationKind::count_at_least: acc += (v >= at_least[k]) ? 1.0 : 0.0; break;
                case CumulationKind::energetic_sum: acc += std::pow(10.0, v / 10.0); break;
                case CumulationKind::weighted_sum: acc += weights[k] * v; break;
                case CumulationKind::max: acc = any ? std::max(acc, double(v)) : double(v); break;
                default: break;  // health rules: apply_health
            }
            any = true;
        }
        if (!any || (kind == CumulationKind::weighted_sum && !all)) {
            out[i] = nan;
        } else if (kind == CumulationKind::energetic_sum) {
            out[i] = static_cast<float>(10.0 * std::log10(acc));
        } else {
            out[i] = static_cast<float>(acc);
        }
    }
}

}  // namespace burdenmap

namespace burdenmap {

void CumulationRule::apply_health(const std::vector<const float*>& raw, float* out, std::size_t n) const {
    // Like count_at_least: the outcomes whose layer has data in the cell; NaN where none has.
    for (std::size_t i = 0; i < n; ++i) {
        double sum = 0;
        bool any = false;
        for (const HealthOutcome& o : outcomes) {
            const float level = raw[o.layer][i];
            if (std::isnan(level)) continue;
            sum += kind == CumulationKind::health_cases ? o.cases_per_1000(level) : o.daly_per_1000(level);
            any = true;
        }
        out[i] = any ? static_cast<float>(sum) : std::numeric_limits<float>::quiet_NaN();
    }
}

}  // namespace burdenmap
