#include "burdenmap/uncertainty/DrawRandom.h"

#include <cmath>
#include <limits>

namespace burdenmap::uncertainty {

namespace {

constexpr std::uint64_t kGamma = 0x9e3779b97f4a7c15ULL;  // SplitMix64's increment (2^64 / golden ratio)

// SplitMix64's finaliser: a bijection of 64 bits with full avalanche.
std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Acklam's rational approximation of the normal quantile (relative error below 1.15e-9).
constexpr double kA[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                         1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
constexpr double kB[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                         6.680131188771972e+01,  -1.328068155288572e+01};
constexpr double kC[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                         -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
constexpr double kD[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
constexpr double kLowRegion = 0.02425;
constexpr double kSqrt2Pi = 2.50662827463100050242;  // sqrt(2π)

// Acklam's approximation for p in (0, 0.5].
double acklam_lower_half(double p) {
    if (p < kLowRegion) {
        const double q = std::sqrt(-2 * std::log(p));
        return (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
               ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1);
    }
    const double q = p - 0.5;
    const double r = q * q;
    return (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
           (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1);
}

}  // namespace

std::uint64_t random_bits(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream, std::uint64_t index) {
    // Each step is a bijection of the next counter for a fixed prefix, so two inputs that differ
    // in one counter never give the same bits.
    std::uint64_t h = mix(seed + kGamma);
    h = mix((h ^ draw) + kGamma);
    h = mix((h ^ stream) + kGamma);
    return mix((h ^ index) + kGamma);
}

double uniform_open(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream, std::uint64_t index) {
    // The top 52 bits k give (k + 0.5) / 2^52: every term exact, so the result lies in
    // [2^-53, 1 - 2^-53] and is never 0 or 1.
    const std::uint64_t k = random_bits(seed, draw, stream, index) >> 12;
    return (static_cast<double>(k) + 0.5) * 0x1p-52;
}

double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream, std::uint64_t index) {
    return normal_quantile(uniform_open(seed, draw, stream, index));
}

double normal_quantile(double p) {
    if (std::isnan(p) || p < 0 || p > 1) return std::numeric_limits<double>::quiet_NaN();
    if (p == 0) return -std::numeric_limits<double>::infinity();
    if (p == 1) return std::numeric_limits<double>::infinity();
    // The upper half by symmetry: 1 − p is exact for p in [0.5, 1], and in the lower half the
    // refinement's Φ(x) − p keeps its relative precision (erfc of a positive argument).
    if (p > 0.5) return -normal_quantile(1 - p);
    double x = acklam_lower_half(p);
    // One Halley step on Φ(x) − p = 0.
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * kSqrt2Pi * std::exp(x * x / 2);
    x -= u / (1 + x * u / 2);
    return x;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace burdenmap::uncertainty
