#include "burdenmap/core/BandStatistics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace burdenmap {

WindowMoments window_moments(const float* values, std::size_t n) {
    // Four lanes (cells i, i + 1, i + 2, i + 3 of each group of four), joined in a fixed order at
    // the end: the additions no longer wait on one another (the loop was bound by the latency of
    // one running sum: 4 % of the national run's CPU), and a window is always summed the same way,
    // so the statistics are the same bits for any thread count.
    constexpr double inf = std::numeric_limits<double>::infinity();
    double count[4] = {0, 0, 0, 0}, sum[4] = {0, 0, 0, 0};
    double lo[4] = {inf, inf, inf, inf}, hi[4] = {-inf, -inf, -inf, -inf};
    const auto take = [&](int k, float f) {
        const bool ok = !std::isnan(f);
        const double v = ok ? static_cast<double>(f) : 0.0;
        count[k] += ok ? 1.0 : 0.0;
        sum[k] += v;
        lo[k] = ok && v < lo[k] ? v : lo[k];
        hi[k] = ok && v > hi[k] ? v : hi[k];
    };
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; ++k) take(k, values[i + static_cast<std::size_t>(k)]);
    for (int k = 0; i < n; ++i, ++k) take(k, values[i]);
    WindowMoments w;
    w.count = (count[0] + count[1]) + (count[2] + count[3]);
    w.min = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
    w.max = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
    if (w.count == 0) return w;
    w.mean = ((sum[0] + sum[1]) + (sum[2] + sum[3])) / w.count;
    // Second pass from the window's own mean: the window is in cache, and it is exact where
    // sum-of-squares formulas cancel.
    double m2[4] = {0, 0, 0, 0};
    const auto square = [&](int k, float f) {
        const double d = std::isnan(f) ? 0.0 : static_cast<double>(f) - w.mean;
        m2[k] += d * d;
    };
    i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; ++k) square(k, values[i + static_cast<std::size_t>(k)]);
    for (int k = 0; i < n; ++i, ++k) square(k, values[i]);
    w.m2 = (m2[0] + m2[1]) + (m2[2] + m2[3]);
    return w;
}

void BandStatistics::merge(const WindowMoments& w) {
    if (w.count == 0) return;
    min = std::min(min, w.min);
    max = std::max(max, w.max);
    const double total = count + w.count, delta = w.mean - mean;
    mean += delta * w.count / total;
    m2 += w.m2 + delta * delta * count * w.count / total;
    count = total;
}

double BandStatistics::stddev() const { return std::sqrt(m2 / count); }

double BandStatistics::valid_percent(double cells) const { return 100.0 * count / cells; }

std::vector<int> cog_overview_factors(long long cols, long long rows) {
    std::vector<int> factors;
    for (long long f = 2; cols > 512 || rows > 512; f *= 2) {
        factors.push_back(static_cast<int>(f));
        cols = (cols + 1) / 2;
        rows = (rows + 1) / 2;
    }
    return factors;
}

std::vector<std::vector<float>> overview_cells(const float* values, int cols, int rows, std::size_t levels) {
    std::vector<std::vector<float>> out;
    std::vector<double> sum, next_sum;
    std::vector<std::uint32_t> count, next_count;
    // `cols` and `rows` are those of the previous level.
    for (std::size_t k = 0; k < levels; ++k) {
        const int ocols = (cols + 1) / 2, orows = (rows + 1) / 2;
        next_sum.assign(static_cast<std::size_t>(ocols) * orows, 0.0);
        next_count.assign(next_sum.size(), 0);
        for (int r = 0; r < rows; ++r) {
            const std::size_t in_row = static_cast<std::size_t>(r) * cols, out_row = static_cast<std::size_t>(r / 2) * ocols;
            if (k == 0) {  // from the cells themselves: NaN is left out
                for (int c = 0; c < cols; ++c) {
                    const float v = values[in_row + c];
                    if (std::isnan(v)) continue;
                    next_sum[out_row + c / 2] += v;
                    next_count[out_row + c / 2] += 1;
                }
            } else {  // from the level below: its sums and counts
                for (int c = 0; c < cols; ++c) {
                    next_sum[out_row + c / 2] += sum[in_row + c];
                    next_count[out_row + c / 2] += count[in_row + c];
                }
            }
        }
        sum.swap(next_sum);
        count.swap(next_count);
        cols = ocols;
        rows = orows;
        std::vector<float> mean(sum.size());
        for (std::size_t i = 0; i < sum.size(); ++i)
            mean[i] = count[i] ? static_cast<float>(sum[i] / count[i]) : std::numeric_limits<float>::quiet_NaN();
        out.push_back(std::move(mean));
    }
    return out;
}

}  // namespace burdenmap
