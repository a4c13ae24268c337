#pragma once
// A spatial index of zone bounding boxes: which zones may touch a window. Boost.Geometry's
// R-tree is kept inside ZoneIndex.cpp so its heavy headers compile once.
#include <memory>
#include <vector>

#include "burdenmap/core/Box.h"

namespace burdenmap {

class ZoneIndex {
public:
    explicit ZoneIndex(const std::vector<Box>& zone_bounds);
    ~ZoneIndex();
    ZoneIndex(ZoneIndex&&) noexcept;
    ZoneIndex& operator=(ZoneIndex&&) noexcept;

    // Indices of the zones whose bounds intersect `box`, in increasing order (deterministic).
    std::vector<std::size_t> query(const Box& box) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
