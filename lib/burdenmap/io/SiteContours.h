#pragma once
// The exact test of a site against the polygons of a vector layer (e.g. plaatsgebonden-risico
// contours), on the geometries themselves with GEOS, not on the burned raster: which polygons the
// site reaches (inside or only touching the line) and how far the nearest one at or above a level
// is. Geometries are in the target CRS; distances are in its units (metres).
#include <memory>
#include <optional>
#include <vector>

#include "burdenmap/io/VectorLayerSource.h"

namespace burdenmap {

struct ContourContact {
    double value = 0;
    bool interior = false;  // the site reaches the polygon's inside (else it only touches the line)
};

class ContourTester {
public:
    explicit ContourTester(std::shared_ptr<const VectorLayerData> data);
    ~ContourTester();
    ContourTester(const ContourTester&) = delete;
    ContourTester& operator=(const ContourTester&) = delete;

    // Every polygon the site (ISO WKB) intersects, in the layer's order (ascending value).
    std::vector<ContourContact> contacts(const std::vector<unsigned char>& site_wkb) const;
    // Distance from the site to the nearest polygon with a value at or above `level` (0 when the
    // site reaches one); nullopt when no polygon has such a value.
    std::optional<double> distance(const std::vector<unsigned char>& site_wkb, double level) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
