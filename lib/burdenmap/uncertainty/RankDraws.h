#pragma once
// How sure a ranking is: zones ranked in every draw, then per zone the rank's median and 5th–95th
// percentile, and how often the zone was in the top tenth. Pure: no files, no threads of its own
// (set_draw may be called from several threads for different draws).
//
// Ranks: rank 1 = the highest value = the most burdened. Tied zones share the best rank of their
// tie (competition ranking: 1, 2, 2, 4), so a tie never depends on the row order, and a zone with
// no value in a draw (NULL) has no rank there. The top decile of a draw is the zones whose rank is
// at most ceil(n / 10), n = the zones with a value in that draw: with a tie at the cut-off every
// tied zone is in (as a percentile rule "at or above the 90th percentile" would put it).
// Percentiles of a zone's ranks over the draws are nearest-rank percentiles (the ceil(p·m)-th
// smallest of the m draws where the zone has a rank): always a rank that occurred.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace burdenmap::uncertainty {

// A value as the ranks compare it: rounded to 40 significant bits (about 12 decimal digits). A
// zone mean reached two ways (a run's running sum, or a draw's point value plus a difference of
// histogram sums) may differ in its last bits; ties that are ties in exact arithmetic (two zones
// with the same share of burdened cells) must stay ties, or the ranks would move without cause.
double rank_key(double v);

// Per zone: its competition rank among the zones with a value (1 = highest), 0 for a NaN value.
std::vector<std::uint32_t> competition_ranks(const std::vector<double>& values);

// The number of zones in a draw's top decile when `valued` zones have a value: ceil(valued / 10).
std::size_t top_decile_size(std::size_t valued);

enum class RankClass { surely_in, edge, surely_out };
// "surely in" (p_top_decile >= 0.9), "edge", "surely out" (<= 0.1).
const char* to_string(RankClass c);
RankClass rank_class(double p_top_decile);

struct ZoneRankSummary {
    std::optional<double> p05, p50, p95;  // nullopt: the zone never had a rank
    // The share of ALL draws where the zone was in that draw's top decile: a draw where the zone
    // had no value counts as a draw where it was not in (so a zone with a value in half the draws
    // is at most 0.5). nullopt: never ranked.
    std::optional<double> p_top_decile;
    std::optional<RankClass> rank_class;
};

// The ranks of `zones` zones over `draws` draws, kept as 32-bit ranks (zones x draws x 4 bytes).
class RankDraws {
public:
    RankDraws(std::size_t zones, std::size_t draws);
    // The values of draw `draw` (one per zone, NaN = no value). Safe to call concurrently for
    // different draws.
    void set_draw(std::size_t draw, const std::vector<double>& values);
    std::size_t zones() const { return zones_; }
    std::size_t draws() const { return draws_; }
    // Per zone, after every draw was set.
    std::vector<ZoneRankSummary> summarise() const;

private:
    std::size_t zones_, draws_;
    std::vector<std::uint32_t> ranks_;           // [draw * zones + zone], 0 = no rank
    std::vector<std::uint32_t> top_size_;        // per draw: ceil(valued / 10)
};

// Per zone the share of draws where it was flagged (a threshold index such as CEJST's
// "disadvantaged"): `flags` is [draw][zone] with 1 = flagged, 0 = not, -1 = no value. As for
// p_top_decile, the share is of ALL draws (a draw without a value is a draw without the flag);
// nullopt for a zone with no value in any draw. A draw never set counts as no value.
class FlagDraws {
public:
    FlagDraws(std::size_t zones, std::size_t draws);
    void set_draw(std::size_t draw, const std::vector<signed char>& flags);
    std::vector<std::optional<double>> p_flagged() const;

private:
    std::size_t zones_, draws_;
    std::vector<signed char> flags_;  // [draw * zones + zone]
};

// The 5th, 50th and 95th nearest-rank percentiles of a sample (NaN values left out); nullopt
// when no value is left.
struct Interval {
    double p05 = 0, p50 = 0, p95 = 0;
};
std::optional<Interval> interval_of(std::vector<double> sample);

// The nearest-rank percentile (0 < p <= 1) of sorted values: the ceil(p·m)-th smallest, p·m within
// 1e-9 of a whole number taken as that number (0.07 of 100 values is the 7th, although 0.07·100 is
// 7.000000000000001 in double). Throws std::invalid_argument for no values or p outside (0, 1].
double nearest_rank(const std::vector<double>& sorted, double p);

}  // namespace burdenmap::uncertainty
