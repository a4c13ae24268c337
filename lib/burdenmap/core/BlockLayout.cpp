#include "burdenmap/core/BlockLayout.h"

#include <algorithm>
#include <stdexcept>

namespace burdenmap {

BlockLayout::BlockLayout(int cols, int rows, int block_size) : block_(block_size) {
    if (block_size < 1) throw std::invalid_argument("BlockLayout: block size must be at least 1");
    for (int r = 0; r < rows; r += block_size)
        for (int c = 0; c < cols; c += block_size)
            windows_.push_back(Window{c, r, std::min(block_size, cols - c), std::min(block_size, rows - r)});
}

}  // namespace burdenmap
