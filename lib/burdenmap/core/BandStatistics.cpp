#include "burdenmap/core/BandStatistics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace burdenmap {

WindowMoments window_moments(const float* values, std::size_t n) {
    WindowMoments w;
    double wn = 0, sum = 0;
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        const float v = values[i];
        if (std::isnan(v)) continue;
        wn += 1;
        sum += v;
        lo = std::min(lo, static_cast<double>(v));
        hi = std::max(hi, static_cast<double>(v));
    }
    w.count = wn;
    w.min = lo;
    w.max = hi;
    if (wn == 0) return w;
    w.mean = sum / wn;
    // Second pass from the window's own mean: the window is in cache, and it is exact where
    // sum-of-squares formulas cancel.
    double wm2 = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(values[i])) wm2 += (values[i] - w.mean) * (values[i] - w.mean);
    w.m2 = wm2;
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
