#include "burdenmap/score/CumulationRule.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "burdenmap/core/EnumNames.h"
#include "burdenmap/core/Raster.h"

namespace burdenmap {

namespace {
// The rules a config may name.
constexpr EnumName<CumulationKind> kConfigRuleNames[] = {{CumulationKind::count_at_least, "count_at_least"},
                                                         {CumulationKind::energetic_sum, "energetic_sum"},
                                                         {CumulationKind::weighted_sum, "weighted_sum"},
                                                         {CumulationKind::max, "max"},
                                                         {CumulationKind::health_burden, "health_burden"}};
// The parts the plan derives from a health_burden rule (job/JobPlan); no config names them.
constexpr EnumName<CumulationKind> kDerivedRuleNames[] = {{CumulationKind::health_cases, "health_cases"},
                                                          {CumulationKind::health_daly, "health_daly"}};
}  // namespace

const char* to_string(CumulationKind k) {
    return enum_name(kConfigRuleNames, k, enum_name(kDerivedRuleNames, k));
}

CumulationKind cumulation_kind_from_string(const std::string& s) {
    return enum_value_or_throw(kConfigRuleNames, s, "cumulation rule");
}

std::string CumulationRule::unit() const {
    switch (kind) {
        case CumulationKind::count_at_least: return "number of layers";
        case CumulationKind::energetic_sum: return "dB";
        case CumulationKind::weighted_sum:
            return raw_values ? "weighted value" + (raw_unit.empty() ? "" : " (" + raw_unit + ")") : "weighted score";
        case CumulationKind::max: return raw_values ? (raw_unit.empty() ? "value" : raw_unit) : "score";
        case CumulationKind::health_burden:
        case CumulationKind::health_daly: return "DALY per 1000 residents per year";
        case CumulationKind::health_cases: return "attributable cases per 1000 residents";
    }
    return "";
}

namespace {

// One cell loop per rule, the rule's step inlined: the rule is chosen once per window, not once
// per cell and layer (on a national grid this loop runs 10^9 times). `step(acc, k, v)` folds layer
// k's value v into acc; `finish(acc)` makes the cell's value; a cell where no layer has data (or,
// when `need_all`, where one lacks data) is NaN. `complete`, if given, gets 1 where every layer
// has data, else 0: the fold knows it already, so no second pass over the cells is needed.
template <class Step, class Finish>
void fold_cells(const std::vector<std::size_t>& layers, const std::vector<const float*>& values, float* out, std::size_t n,
                bool need_all, Step step, Finish finish, float* complete = nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
        bool any = false, all = true;
        double acc = 0.0;
        for (std::size_t k = 0; k < layers.size(); ++k) {
            const float v = values[layers[k]][i];
            if (std::isnan(v)) {
                all = false;
                continue;
            }
            acc = step(acc, k, v, any);
            any = true;
        }
        out[i] = (!any || (need_all && !all)) ? kNoData : static_cast<float>(finish(acc));
        if (complete) complete[i] = all ? 1.0f : 0.0f;
    }
}

// 10^(L/10) as exp(L · ln10/10): the same number to a few units in the last place of a double,
// at a third of pow's cost.
constexpr double kLn10Over10 = 0.23025850929940456840;

// The sound energy 10^(L/10) of a level, remembered by the level's bits. Noise maps come in steps
// of 0.1 or 1 dB, so a window holds a few thousand distinct levels at most and nearly every cell
// finds its levels here instead of calling exp() once per layer: the energetic sum's cell loop in
// half the time (3 layers in 0.1 dB steps, the loop alone: 21.6 → 10.3 ns a cell; what remains is
// the log10 of the sum; the benchmark's half grid, cumulation stage: 1.9 / 1.7 → 1.6 / 1.3
// thread-s). A hit returns the very double exp() gave, so the results are the same bits. On
// continuous levels most lookups miss and cost a compare on top of the exp().
class SoundEnergyCache {
public:
    double energy(float level) {
        std::uint32_t bits;
        std::memcpy(&bits, &level, sizeof bits);
        const std::uint32_t slot = (bits * 2654435761u) >> (32 - kSlotBits);  // Knuth's multiplicative hash
        if (keys_[slot] != bits) {
            keys_[slot] = bits;
            energies_[slot] = std::exp(double(level) * kLn10Over10);
        }
        return energies_[slot];
    }

private:
    static constexpr int kSlotBits = 12;  // 4096 slots, 48 KB: stays in L1/L2 next to the window's rows
    // A NaN's bits: never looked up (NaN levels are skipped before), so an empty slot never matches.
    std::vector<std::uint32_t> keys_ = std::vector<std::uint32_t>(std::size_t{1} << kSlotBits, 0xFFFFFFFFu);
    std::vector<double> energies_ = std::vector<double>(std::size_t{1} << kSlotBits);
};

}  // namespace

void CumulationRule::apply(const std::vector<const float*>& raw, const std::vector<const float*>& scores, float* out,
                           std::size_t n, float* complete) const {
    if (!outcomes.empty()) {
        apply_health(raw, out, n);
        return;
    }
    const auto same = [](double acc) { return acc; };
    const std::vector<const float*>& combined = raw_values ? raw : scores;  // weighted_sum, max
    switch (kind) {
        case CumulationKind::count_at_least:
            fold_cells(layers, scores, out, n, incomplete_is_nodata,
                       [this](double acc, std::size_t k, float v, bool) { return acc + (v >= at_least[k] ? 1.0 : 0.0); }, same,
                       complete);
            break;
        case CumulationKind::energetic_sum: {
            SoundEnergyCache energy;
            fold_cells(layers, raw, out, n, false,
                       [&energy](double acc, std::size_t, float v, bool) { return acc + energy.energy(v); },
                       [](double acc) { return 10.0 * std::log10(acc); });
            break;
        }
        case CumulationKind::weighted_sum:
            fold_cells(layers, combined, out, n, true,
                       [this](double acc, std::size_t k, float v, bool) { return acc + weights[k] * v; }, same);
            break;
        case CumulationKind::max:
            fold_cells(layers, combined, out, n, false,
                       [](double acc, std::size_t, float v, bool any) { return any ? std::max(acc, double(v)) : double(v); },
                       same);
            break;
        default:  // health rules carry outcomes (apply_health); without any, no cell has a value
            std::fill(out, out + n, kNoData);
            break;
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
        out[i] = any ? static_cast<float>(sum) : kNoData;
    }
}

}  // namespace burdenmap
