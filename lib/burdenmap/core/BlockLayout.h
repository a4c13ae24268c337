#pragma once
// Splits a grid into square-ish windows processed in a fixed (row-major) order. The order is part
// of the determinism contract: results are merged and written in this order whatever the threads.
#include <vector>

#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"

namespace burdenmap {

class BlockLayout {
public:
    BlockLayout(int cols, int rows, int block_size);

    int block_size() const { return block_; }
    std::size_t count() const { return windows_.size(); }
    const Window& operator[](std::size_t i) const { return windows_[i]; }
    const std::vector<Window>& windows() const { return windows_; }

private:
    int block_;
    std::vector<Window> windows_;
};

}  // namespace burdenmap
