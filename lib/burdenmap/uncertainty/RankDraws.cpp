#include "burdenmap/uncertainty/RankDraws.h"

#include <cstring>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace burdenmap::uncertainty {

double rank_key(double v) {
    if (!std::isfinite(v) || v == 0) return v;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    bits += std::uint64_t{1} << 11;               // to nearest at the 40th significant bit (a carry may raise the exponent: still the nearest)
    bits &= ~((std::uint64_t{1} << 12) - 1);
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

namespace {

// The 0-based position of the nearest-rank percentile p among m sorted values: ceil(p·m) − 1.
// p·m within 1e-9 of a whole number counts as that number, so a decimal p such as 0.07 (stored
// as 0.07000000000000000666) gives the 7th of 100 values, not the 8th.
std::size_t nearest_rank_index(std::size_t m, double p) {
    if (m == 0) throw std::invalid_argument("nearest-rank percentile of no values");
    if (!(p > 0 && p <= 1)) throw std::invalid_argument("nearest-rank percentile: p must be in (0, 1]");
    const double k = std::ceil(p * static_cast<double>(m) - 1e-9);
    if (k < 1) return 0;
    return std::min(static_cast<std::size_t>(k), m) - 1;
}

void check_draw(std::size_t draw, std::size_t draws, const char* what) {
    if (draw >= draws)
        throw std::out_of_range(std::string(what) + ": draw " + std::to_string(draw) + " of " + std::to_string(draws));
}

void check_zones(std::size_t got, std::size_t zones, const char* what) {
    if (got != zones)
        throw std::invalid_argument(std::string(what) + ": " + std::to_string(got) + " values for " +
                                    std::to_string(zones) + " zones");
}

}  // namespace

std::vector<std::uint32_t> competition_ranks(const std::vector<double>& values) {
    std::vector<std::size_t> order;
    order.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isnan(values[i])) order.push_back(i);
    // Highest first; the order inside a tie does not matter, every tied zone gets the tie's first rank.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    std::vector<std::uint32_t> ranks(values.size(), 0);
    std::uint32_t rank = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (k == 0 || values[order[k]] != values[order[k - 1]]) rank = static_cast<std::uint32_t>(k + 1);
        ranks[order[k]] = rank;
    }
    return ranks;
}

std::size_t top_decile_size(std::size_t valued) { return (valued + 9) / 10; }

const char* to_string(RankClass c) {
    switch (c) {
        case RankClass::surely_in: return "surely in";
        case RankClass::edge: return "edge";
        case RankClass::surely_out: return "surely out";
    }
    return "edge";
}

RankClass rank_class(double p_top_decile) {
    if (p_top_decile >= 0.9) return RankClass::surely_in;
    if (p_top_decile <= 0.1) return RankClass::surely_out;
    return RankClass::edge;
}

RankDraws::RankDraws(std::size_t zones, std::size_t draws)
    : zones_(zones), draws_(draws), ranks_(zones * draws, 0), top_size_(draws, 0) {}

void RankDraws::set_draw(std::size_t draw, const std::vector<double>& values) {
    check_draw(draw, draws_, "rank draws");
    check_zones(values.size(), zones_, "rank draws");
    const std::vector<std::uint32_t> ranks = competition_ranks(values);
    std::size_t valued = 0;
    for (std::uint32_t r : ranks) valued += r > 0;
    std::copy(ranks.begin(), ranks.end(), ranks_.begin() + static_cast<std::ptrdiff_t>(draw * zones_));
    top_size_[draw] = static_cast<std::uint32_t>(top_decile_size(valued));
}

std::vector<ZoneRankSummary> RankDraws::summarise() const {
    std::vector<ZoneRankSummary> out(zones_);
    std::vector<std::uint32_t> ranked;
    ranked.reserve(draws_);
    for (std::size_t z = 0; z < zones_; ++z) {
        ranked.clear();
        std::size_t in_top = 0;
        for (std::size_t d = 0; d < draws_; ++d) {
            const std::uint32_t r = ranks_[d * zones_ + z];
            if (r == 0) continue;
            ranked.push_back(r);
            in_top += r <= top_size_[d];
        }
        if (ranked.empty()) continue;
        std::sort(ranked.begin(), ranked.end());
        ZoneRankSummary& s = out[z];
        s.p05 = ranked[nearest_rank_index(ranked.size(), 0.05)];
        s.p50 = ranked[nearest_rank_index(ranked.size(), 0.5)];
        s.p95 = ranked[nearest_rank_index(ranked.size(), 0.95)];
        s.p_top_decile = static_cast<double>(in_top) / static_cast<double>(draws_);
        s.rank_class = rank_class(*s.p_top_decile);
    }
    return out;
}

FlagDraws::FlagDraws(std::size_t zones, std::size_t draws) : zones_(zones), draws_(draws), flags_(zones * draws, -1) {}

void FlagDraws::set_draw(std::size_t draw, const std::vector<signed char>& flags) {
    check_draw(draw, draws_, "flag draws");
    check_zones(flags.size(), zones_, "flag draws");
    for (signed char f : flags)
        if (f < -1 || f > 1) throw std::invalid_argument("flag draws: a flag must be 1, 0 or -1 (no value)");
    std::copy(flags.begin(), flags.end(), flags_.begin() + static_cast<std::ptrdiff_t>(draw * zones_));
}

std::vector<std::optional<double>> FlagDraws::p_flagged() const {
    std::vector<std::optional<double>> out(zones_);
    for (std::size_t z = 0; z < zones_; ++z) {
        std::size_t valued = 0, flagged = 0;
        for (std::size_t d = 0; d < draws_; ++d) {
            const signed char f = flags_[d * zones_ + z];
            valued += f >= 0;
            flagged += f == 1;
        }
        if (valued > 0) out[z] = static_cast<double>(flagged) / static_cast<double>(draws_);
    }
    return out;
}

std::optional<Interval> interval_of(std::vector<double> sample) {
    sample.erase(std::remove_if(sample.begin(), sample.end(), [](double v) { return std::isnan(v); }), sample.end());
    if (sample.empty()) return std::nullopt;
    std::sort(sample.begin(), sample.end());
    return Interval{nearest_rank(sample, 0.05), nearest_rank(sample, 0.5), nearest_rank(sample, 0.95)};
}

double nearest_rank(const std::vector<double>& sorted, double p) { return sorted[nearest_rank_index(sorted.size(), p)]; }

}  // namespace burdenmap::uncertainty
