#pragma once
// A rectangular range of cells of a Grid: the unit of reading, computing and writing.
#include <cstddef>

namespace burdenmap {

struct Window {
    int col_off = 0;
    int row_off = 0;
    int cols = 0;
    int rows = 0;

    std::size_t size() const { return static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows); }
    bool empty() const { return cols <= 0 || rows <= 0; }
    bool operator==(const Window& o) const {
        return col_off == o.col_off && row_off == o.row_off && cols == o.cols && rows == o.rows;
    }
};

}  // namespace burdenmap
