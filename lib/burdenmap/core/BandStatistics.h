#pragma once
// The numbers a GeoTIFF writer derives from the cells it streams, without GDAL: each band's
// statistics (count, mean, population standard deviation, min, max, share of valid cells) and the
// averaged overview cells of a window. NaN cells are nodata and left out of both.
#include <cstddef>
#include <limits>
#include <vector>

namespace burdenmap {

// One window's valid cells: count, mean, sum of squared deviations from the mean (m2), min and
// max. Without a valid cell: count 0, mean 0, m2 0, min +inf, max -inf.
struct WindowMoments {
    double count = 0, mean = 0, m2 = 0, min = 0, max = 0;
};
WindowMoments window_moments(const float* values, std::size_t n);

// A band's statistics, merged window by window (Chan et al.'s update). Merged in the same order,
// the windows give the same bits for any thread count that computed them.
struct BandStatistics {
    double count = 0, mean = 0, m2 = 0;
    double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();

    void merge(const WindowMoments& w);  // a window without valid cells changes nothing
    double stddev() const;                // population standard deviation (GDAL's STATISTICS_STDDEV)
    double valid_percent(double cells) const;  // of all `cells` of the band (GDAL's VALID_PERCENT)
};

// The overview factors GDAL's COG driver chooses for a raster of cols x rows (OVERVIEWS=AUTO,
// 512-cell blocks): 2, 4, 8, ... halving (rounding up) until the overview fits in one block;
// none for a raster that already does.
std::vector<int> cog_overview_factors(long long cols, long long rows);

// The overview cells of a window of cols x rows cells (row-major) at factors 2, 4, ... 2^levels:
// per level, ceil(cols / f) x ceil(rows / f) cells, each the mean of the valid cells under it (NaN
// where none is). Computed from sums and counts carried level to level, so exact at every level,
// unlike a mean of means. A window must start on a multiple of the coarsest factor for its cells
// to be whole overview cells.
std::vector<std::vector<float>> overview_cells(const float* values, int cols, int rows, std::size_t levels);

}  // namespace burdenmap
