#pragma once
// Counter-based random numbers for the uncertainty draws. Each number is a pure function of
// (seed, draw, stream, index): no generator state is carried from one number to the next, so the
// draws can run on any thread in any order and a run gives the same bits for any thread count.
// No <random> distribution is used: their algorithms are not specified by the C++ standard, so
// std::normal_distribution may give other numbers with another standard library. The mixing is
// SplitMix64's finaliser applied to the four counters in turn; a normal number is the inverse of
// the normal CDF at a uniform number (Acklam's rational approximation, refined by one Halley
// step with std::erfc: accurate to about 1e-15).
#include <cstdint>

namespace burdenmap::uncertainty {

// 64 well-mixed bits of (seed, draw, stream, index).
std::uint64_t random_bits(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream, std::uint64_t index);

// Uniform in the open interval (0, 1): never exactly 0 or 1, so its normal quantile is finite.
double uniform_open(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream, std::uint64_t index);

// Standard normal: normal_quantile(uniform_open(...)).
double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream, std::uint64_t index);

// The quantile of the standard normal distribution at p in (0, 1); -inf at 0, +inf at 1, NaN outside.
double normal_quantile(double p);

// The standard normal CDF, for tests and for probabilities stated analytically.
double normal_cdf(double x);

}  // namespace burdenmap::uncertainty
