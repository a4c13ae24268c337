#include "burdenmap/fair/Percentile.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "burdenmap/core/EnumNames.h"

namespace burdenmap::fair {

namespace {

// A zone taking part in a ranking: its direction-adjusted value, its weight, its position.
struct Entry {
    double y;
    double w;
    std::size_t zone;
};

void check_weights(const std::vector<double>& weights, std::size_t n) {
    require_zone_count(n, weights.size(), "percentile weights");
    for (double w : weights)
        if (!std::isfinite(w) || w < 0) throw std::invalid_argument("percentile weights must be finite and >= 0");
}

// Valid zones, y = x or −x, sorted by y ascending (stable: equal values keep zone order).
std::vector<Entry> sorted_entries(const ZoneValues& values, Direction direction,
                                  const std::vector<double>* weights) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto v = usable(values[i]);
        if (!v) continue;
        const double y = direction == Direction::higher_is_better ? -*v : *v;
        entries.push_back({y, weights ? (*weights)[i] : 1.0, i});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.y < b.y; });
    return entries;
}

// Calls f(begin, end) for each run of equal y in sorted entries.
template <class F>
void for_each_tie_block(const std::vector<Entry>& e, F f) {
    for (std::size_t b = 0; b < e.size();) {
        std::size_t end = b + 1;
        while (end < e.size() && e[end].y == e[b].y) ++end;
        f(b, end);
        b = end;
    }
}

// CES percentile rule: ties max; for higher_is_worse, values <= 0 get 0 and are left out of the ranking.
ZoneValues ces_percentiles(const ZoneValues& values, Direction direction, const std::vector<double>* weights) {
    ZoneValues out(values.size());
    auto entries = sorted_entries(values, direction, weights);
    if (direction == Direction::higher_is_worse) {
        for (const auto& e : entries)
            if (e.y <= 0) out[e.zone] = 0.0;
        entries.erase(std::remove_if(entries.begin(), entries.end(), [](const Entry& e) { return e.y <= 0; }),
                      entries.end());
    }
    if (entries.empty()) return out;
    double total = 0;
    for (const auto& e : entries) total += e.w;
    if (!(total > 0)) throw std::invalid_argument("percentile weights: the ranked zones have zero total weight");
    double at_or_below = 0;  // weight (or count) of zones with y_j <= the current block's y
    for_each_tie_block(entries, [&](std::size_t b, std::size_t end) {
        for (std::size_t k = b; k < end; ++k) at_or_below += entries[k].w;
        // Unweighted: 100 * count / n, the doc's arithmetic. Weighted: 100 * W_le / W.
        const double pct = weights ? 100.0 * at_or_below / total
                                   : 100.0 * static_cast<double>(end) / static_cast<double>(entries.size());
        for (std::size_t k = b; k < end; ++k) out[entries[k].zone] = pct;
    });
    return out;
}

// justice40-tool etl_score.py: pandas rank(method="average", pct=True): sum of 1-based ranks in the tie block / its
// size, divided by the number of valid values (as pandas' rank_1d does).
ZoneValues cejst_percentiles(const ZoneValues& values, Direction direction) {
    ZoneValues out(values.size());
    const auto entries = sorted_entries(values, direction, nullptr);
    const double n = static_cast<double>(entries.size());
    for_each_tie_block(entries, [&](std::size_t b, std::size_t end) {
        double sum_ranks = 0;
        for (std::size_t k = b; k < end; ++k) sum_ranks += static_cast<double>(k + 1);
        const double average_rank = sum_ranks / static_cast<double>(end - b);
        for (std::size_t k = b; k < end; ++k) out[entries[k].zone] = average_rank / n;
    });
    return out;
}

ZoneValues ejscreen_percentiles(const ZoneValues& values, Direction direction, const std::vector<double>* weights) {
    ZoneValues out(values.size());
    const auto entries = sorted_entries(values, direction, weights);
    if (entries.empty()) return out;
    std::vector<double> ys, ws;
    for (const auto& e : entries) {
        ys.push_back(e.y);
        ws.push_back(e.w);
    }
    const auto lookup = ejscreen_lookup(ys, weights ? &ws : nullptr);
    for (const auto& e : entries) out[e.zone] = static_cast<double>(ejscreen_percentile(lookup, e.y));
    return out;
}

ZoneValues given_percentiles(const ZoneValues& values, Direction direction) {
    ZoneValues out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto v = usable(values[i]);
        if (!v) continue;
        if (*v < 0 || *v > 100)
            throw std::invalid_argument("rule 'given' needs percentiles in [0, 100], got " + std::to_string(*v));
        out[i] = direction == Direction::higher_is_better ? 100.0 - *v : *v;
    }
    return out;
}

// numpy's _lerp: a + (b−a)·t, computed from b when t >= 0.5 (numpy/lib/function_base.py).
double numpy_lerp(double a, double b, double t) {
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

// numpy.percentile(sorted, p, method="linear") for one p, with numpy's arithmetic:
// q = p/100, virtual index (n−1)·q, floor, fraction, _lerp; at or beyond the end → last value.
double numpy_linear_percentile(const std::vector<double>& sorted, int p) {
    const double q = static_cast<double>(p) / 100.0;
    const double n_minus_1 = static_cast<double>(sorted.size() - 1);
    const double virtual_index = n_minus_1 * q;
    if (virtual_index >= n_minus_1) return sorted.back();
    if (virtual_index < 0) return sorted.front();
    const double previous = std::floor(virtual_index);
    const auto i = static_cast<std::size_t>(previous);
    return numpy_lerp(sorted[i], sorted[i + 1], virtual_index - previous);
}

// The weighted 'linear' quantile of Percentile.h: positions u_k of the weight-block middles,
// rescaled so the first and last value sit at 0 and 1.
double weighted_linear_percentile(const std::vector<double>& sorted, const std::vector<double>& positions, int p) {
    const double q = static_cast<double>(p) / 100.0;
    // The last k with u_k <= q; the next position is then > q, so the division below is safe.
    const auto it = std::upper_bound(positions.begin(), positions.end(), q);
    if (it == positions.end()) return sorted.back();
    if (it == positions.begin()) return sorted.front();
    const auto k = static_cast<std::size_t>(it - positions.begin()) - 1;
    const double t = (q - positions[k]) / (positions[k + 1] - positions[k]);
    return numpy_lerp(sorted[k], sorted[k + 1], t);
}

constexpr EnumName<PercentileRule> kRuleNames[] = {
    {PercentileRule::ces, "ces"}, {PercentileRule::cejst, "cejst"}, {PercentileRule::ejscreen, "ejscreen"}, {PercentileRule::given, "given"}};
// One line each, for output metadata.
constexpr EnumName<PercentileRule> kRuleDescriptions[] = {
    {PercentileRule::ces, "CalEnviroScreen: 100 * share of non-zero values at or below (ties take the higher rank); "
                          "zero -> 0 and left out of the ranking"},
    {PercentileRule::cejst, "CEJST: pandas rank(pct=True), average rank of ties / number of valid values, 0-1"},
    {PercentileRule::ejscreen, "EJScreen 2.2: integer percentile from a 101-step numpy.nanpercentile lookup"},
    {PercentileRule::given, "given: the indicator is already a percentile 0-100"}};

}  // namespace

const char* to_string(PercentileRule r) { return enum_name(kRuleNames, r); }

PercentileRule percentile_rule_from_string(const std::string& s) { return enum_value_or_throw(kRuleNames, s, "percentile rule"); }

const char* describe(PercentileRule r) { return enum_name(kRuleDescriptions, r); }

double percentile_scale(PercentileRule r) { return r == PercentileRule::cejst ? 1.0 : 100.0; }

bool rule_supports_weights(PercentileRule r) { return r == PercentileRule::ces || r == PercentileRule::ejscreen; }

ZoneValues percentiles(const ZoneValues& values, PercentileRule rule, Direction direction,
                       const std::vector<double>* weights) {
    if (weights) {
        if (!rule_supports_weights(rule))
            throw std::invalid_argument(std::string("percentile rule '") + to_string(rule) +
                                        "' has no weighted form; use it without weights");
        check_weights(*weights, values.size());
    }
    switch (rule) {
        case PercentileRule::ces: return ces_percentiles(values, direction, weights);
        case PercentileRule::cejst: return cejst_percentiles(values, direction);
        case PercentileRule::ejscreen: return ejscreen_percentiles(values, direction, weights);
        case PercentileRule::given: return given_percentiles(values, direction);
    }
    return ZoneValues(values.size());
}

std::array<double, 101> ejscreen_lookup(const std::vector<double>& values, const std::vector<double>* weights) {
    if (values.empty()) throw std::invalid_argument("ejscreen_lookup: no values");
    std::array<double, 101> lookup{};
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> sorted;
    for (auto i : order) sorted.push_back(values[i]);

    if (!weights || sorted.size() == 1) {
        for (int p = 0; p <= 100; ++p) lookup[static_cast<std::size_t>(p)] = numpy_linear_percentile(sorted, p);
        return lookup;
    }
    require_zone_count(values.size(), weights->size(), "ejscreen_lookup weights");
    std::vector<double> w;
    for (auto i : order) w.push_back((*weights)[i]);
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    const double span = total - w.front() / 2 - w.back() / 2;
    if (!(span > 0)) throw std::invalid_argument("ejscreen_lookup: weights leave no spread to interpolate over");
    std::vector<double> positions;
    double cumulative = 0;
    for (double wk : w) {
        cumulative += wk;
        positions.push_back((cumulative - wk / 2 - w.front() / 2) / span);
    }
    positions.back() = 1.0;  // exactly 1 whatever the rounding of the sums
    for (int p = 0; p <= 100; ++p)
        lookup[static_cast<std::size_t>(p)] = weighted_linear_percentile(sorted, positions, p);
    return lookup;
}

int ejscreen_percentile(const std::array<double, 101>& lookup, double value) {
    // getPctile: the first index whose lookup value is >= value (the last one if none is, which
    // cannot happen for a value from the same data since lookup[100] is the maximum) ...
    std::size_t idx = 0;
    while (idx < 100 && !(lookup[idx] >= value)) ++idx;
    // ... one step back unless it is an exact hit ...
    if (idx > 0 && lookup[idx] != value) --idx;
    // ... then list.index(): the lowest percentile holding that same lookup value.
    const auto first = std::find(lookup.begin(), lookup.end(), lookup[idx]);
    return static_cast<int>(first - lookup.begin());
}

ZoneValues percent_at_or_below(const ZoneValues& values) {
    ZoneValues out(values.size());
    const auto entries = sorted_entries(values, Direction::higher_is_worse, nullptr);
    for_each_tie_block(entries, [&](std::size_t b, std::size_t end) {
        const double pct = 100.0 * static_cast<double>(end) / static_cast<double>(entries.size());
        for (std::size_t k = b; k < end; ++k) out[entries[k].zone] = pct;
    });
    return out;
}

std::optional<double> RankedIndicator::percent(std::size_t zone) const {
    const auto& p = percentile.at(zone);
    return p ? std::optional<double>(to_percent(*p, rule)) : std::nullopt;
}

std::optional<double> RankedIndicator::fraction(std::size_t zone) const {
    const auto& p = percentile.at(zone);
    return p ? std::optional<double>(to_fraction(*p, rule)) : std::nullopt;
}

RankedIndicator rank_indicator(Indicator indicator, PercentileRule rule, const std::vector<double>* weights) {
    try {
        auto pct = percentiles(indicator.values, rule, indicator.direction, weights);
        return RankedIndicator{std::move(indicator), rule, std::move(pct)};
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("indicator '" + indicator.name + "': " + e.what());
    }
}

}  // namespace burdenmap::fair
