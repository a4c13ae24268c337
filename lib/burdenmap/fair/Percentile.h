#pragma once
// Percentile engines (DESIGN.md §4; the rules of OEHHA CalEnviroScreen, EPA EJScreen 2.2 and CEJST,
// each cited below). Each published
// rule is implemented on its own, exactly as the source computes it, and is named in outputs.
//
// Scale: each rule keeps the scale of its source, so thresholds compare exactly as the source
// compares them (CEJST tests `pct >= 0.90` on pandas' own doubles):
//   ces       0–100 (real)       CalEnviroScreen
//   cejst     0–1   (real)       CEJST / pandas rank(pct=True)
//   ejscreen  0–100 (integers)   EJScreen 2.2 lookup
//   given     0–100 (real)       indicator already a percentile
// percentile_scale() says which; to_percent()/to_fraction() convert where a preset needs the
// other scale (the presets do this themselves, so any rule can feed any preset).
//
// The rules, on the values y after the direction transform (y = x, or y = −x for
// higher_is_better indicators), over zones with a value (NULL zones get NULL and are not counted):
//
// ces (CES percentile rule, [V-data] on CES 3.0 draft: 18 of 20 indicators exact; same rule fits the CES 4.0
//      overall percentile):
//      higher_is_worse:  x ≤ 0 → 0;  else 100·#{j : 0 < x_j ≤ x} / #{j : x_j > 0}
//      Ties take the highest rank (share at or below); zeros are left out of the ranking and get 0.
//      Negative raw values get 0 as well: that is the doc's formula taken literally (its numerator
//      counts only positive values), and it keeps the rule monotone. CES indicators have none.
//      higher_is_better: 100·#{j : y_j ≤ y} / #{valid}, all valid values ranked. The zero rule
//      means "no burden" and a raw 0 of a higher-is-better indicator (zero income) is the worst
//      case, not an absence; the doc's reversed CES indicator had no zeros, so this is our
//      reading ([R]-level choice, documented). The doc's "0 < x_j" cannot be applied after
//      negation: every negated value would be excluded.
//      Weighted (our extension; CES publishes no weighting): the counts become weight sums,
//      100·W{0 < x_j ≤ x} / W{x_j > 0} — "the share of the population in zones with a burden,
//      living in zones at or below this one". Equal weights give the unweighted rule exactly.
//
// cejst ([V-code] usds/justice40-tool etl_score.py): pandas `rank(pct=True)`:
//      average rank (1-based, ties share the mean of their ranks) / #{valid}, in (0, 1].
//      higher_is_better = pandas ascending=False. Zeros are ranked like any value.
//      Weighted: not defined by CEJST (its Narwhal score is unweighted; the population-weighted
//      cut-offs of early scores were not a percentile rule) → weights are
//      rejected with std::invalid_argument.
//
// ejscreen ([V-code] USEPA/ejscreen-dataset-creator-2.2 EJScreenTool.py percentileCal,
//      getPctile): build lookup[p] = numpy.nanpercentile(y, p), p = 0..100 (numpy's default
//      'linear' method, reproduced with numpy's own arithmetic: virtual index (n−1)·(p/100),
//      numpy's _lerp that computes from the upper end when the fraction is ≥ 0.5); then
//      idx = first p with lookup[p] ≥ y; if idx > 0 and lookup[idx] ≠ y: idx −= 1;
//      pct = the lowest p whose lookup value equals lookup[idx]. Integer result 0..100.
//      Weighted (our extension for `--percentile-weight=population`, [R]: older EJScreen text
//      may describe population-based percentiles): the lookup is a weighted 'linear' quantile.
//      Sorted values y_1..y_m with weights w_k, cumulative S_k = w_1+…+w_k, W = S_m. Each value
//      sits at the middle of its weight block, rescaled so the first and last sit at 0 and 1:
//          u_k = (S_k − w_k/2 − w_1/2) / (W − w_1/2 − w_m/2)
//      and lookup[p] interpolates linearly between (u_k, y_k) at p/100. With equal weights
//      u_k = (k−1)/(m−1), which is numpy's 'linear' positions, so equal weights reproduce the
//      unweighted lookup. The look-up step is unchanged.
//
// given: the values are already percentiles on 0–100 and pass through; higher_is_better gives
//      100 − x. Values outside [0, 100] are rejected. Weights are rejected (nothing to weight).
#include <array>
#include <string>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

enum class PercentileRule { ces, cejst, ejscreen, given };

const char* to_string(PercentileRule r);                        // "ces", "cejst", "ejscreen", "given"
PercentileRule percentile_rule_from_string(const std::string& s);  // throws std::invalid_argument
const char* describe(PercentileRule r);  // one line for output metadata and the codebook
double percentile_scale(PercentileRule r);  // 100 (ces, ejscreen, given) or 1 (cejst)
bool rule_supports_weights(PercentileRule r);  // ces and ejscreen
inline double to_percent(double p, PercentileRule r) { return r == PercentileRule::cejst ? p * 100.0 : p; }
inline double to_fraction(double p, PercentileRule r) { return r == PercentileRule::cejst ? p : p / 100.0; }

// Per-zone percentiles of one indicator by `rule` (see above). `weights` (nullptr = unweighted)
// holds one non-negative finite weight per zone, e.g. the population; zones with a NULL value are
// ignored. Throws std::invalid_argument for a size mismatch, a negative or non-finite weight,
// weights on a rule without a weighted form, zero total weight among the ranked zones, or a
// `given` value outside [0, 100].
ZoneValues percentiles(const ZoneValues& values, PercentileRule rule,
                       Direction direction = Direction::higher_is_worse,
                       const std::vector<double>* weights = nullptr);

// EJScreen's 101-step lookup from the values to rank (no NULLs; the direction already applied).
// `weights` (nullptr = unweighted) is parallel to `values`. Throws for an empty `values`.
std::array<double, 101> ejscreen_lookup(const std::vector<double>& values,
                                        const std::vector<double>* weights = nullptr);
// getPctile: the integer percentile 0..100 of `value` in `lookup`.
int ejscreen_percentile(const std::array<double, 101>& lookup, double value);

// 100·#{j : v_j ≤ v} / #{valid}: ties take the highest rank, every valid value counts (no zero
// rule). This is the CES overall-score percentile, `100·rank_max(score)/N` over the N scored
// tracts (CES percentile rule [V-data]: all 1,984 published "Top 25%" percentiles reproduced).
ZoneValues percent_at_or_below(const ZoneValues& values);

// An indicator with its percentiles, the input of every composite index.
struct RankedIndicator {
    Indicator indicator;
    PercentileRule rule = PercentileRule::ces;
    ZoneValues percentile;  // on percentile_scale(rule)

    // The zone's percentile on 0–100 / on 0–1 whatever the rule, nullopt where NULL.
    std::optional<double> percent(std::size_t zone) const;
    std::optional<double> fraction(std::size_t zone) const;
};

// percentiles() of the indicator's values; errors are prefixed with the indicator's name.
RankedIndicator rank_indicator(Indicator indicator, PercentileRule rule,
                               const std::vector<double>* weights = nullptr);

}  // namespace burdenmap::fair
