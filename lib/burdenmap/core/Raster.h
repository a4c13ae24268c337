#pragma once
// Cell values on a Grid, row-major from the top-left cell. Nodata is NaN for floating types: the
// I/O layer turns each source's nodata value into NaN, so the maths never compares with sentinels.
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "burdenmap/core/Grid.h"

namespace burdenmap {

template <typename T>
class Raster {
public:
    Raster() = default;
    explicit Raster(const Grid& grid, T fill = T{}) : grid_(grid), values_(grid.size(), fill) {}
    Raster(const Grid& grid, std::vector<T> values) : grid_(grid), values_(std::move(values)) {}

    const Grid& grid() const { return grid_; }
    int rows() const { return grid_.rows(); }
    int cols() const { return grid_.cols(); }
    std::size_t size() const { return values_.size(); }

    T& operator()(int row, int col) { return values_[index(row, col)]; }
    const T& operator()(int row, int col) const { return values_[index(row, col)]; }
    T* data() { return values_.data(); }
    const T* data() const { return values_.data(); }
    std::vector<T>& values() { return values_; }
    const std::vector<T>& values() const { return values_; }

private:
    std::size_t index(int row, int col) const {
        return static_cast<std::size_t>(row) * static_cast<std::size_t>(grid_.cols()) + static_cast<std::size_t>(col);
    }
    Grid grid_;
    std::vector<T> values_;
};

inline constexpr float kNoData = std::numeric_limits<float>::quiet_NaN();
inline bool is_nodata(float v) { return std::isnan(v); }

}  // namespace burdenmap
