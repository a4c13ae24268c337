#include "burdenmap/compare/CellResidents.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/core/CoverageFraction.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/ZoneIndex.h"
#include "burdenmap/io/PopulationSource.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap {

struct CellResidents::Impl {
    ResidentsPerCell::Kind kind = ResidentsPerCell::Kind::none;
    Grid grid;
    // zones
    const std::vector<MultiPolygon>* shapes = nullptr;
    std::vector<Box> bounds;
    std::vector<double> density;  // residents per unit of coverage; 0: the zone has none
    std::unique_ptr<ZoneIndex> index;
    // raster
    std::unique_ptr<PopulationReader> population;
};

CellResidents::CellResidents(const ResidentsPerCell& residents, const Grid& grid, const std::string& crs_wkt, int block_size)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.kind = residents.kind;
    m.grid = grid;
    switch (residents.kind) {
        case ResidentsPerCell::Kind::none: break;
        case ResidentsPerCell::Kind::zones: {
            const std::size_t n = residents.zone_shapes.size();
            if (residents.zone_population.size() != n || residents.zone_area.size() != n)
                throw InputError("residents per cell: " + std::to_string(n) + " zone shapes but " +
                                 std::to_string(residents.zone_population.size()) + " populations and " +
                                 std::to_string(residents.zone_area.size()) + " areas");
            m.shapes = &residents.zone_shapes;
            for (std::size_t z = 0; z < n; ++z) {
                m.bounds.push_back(bounds(residents.zone_shapes[z]));
                const double population = residents.zone_population[z], area = residents.zone_area[z];
                // The run's expression, in its order (job/BlockProcessor::summarise_zones).
                const bool has = population > 0 && area > 0;  // false for NaN
                m.density.push_back(has ? population / area * grid.cell_area() : 0.0);
            }
            m.index = std::make_unique<ZoneIndex>(m.bounds);
            break;
        }
        case ResidentsPerCell::Kind::raster:
            m.population = std::make_unique<PopulationReader>(inspect_raster(residents.raster, residents.band, crs_wkt), grid,
                                                              crs_wkt, block_size);
            break;
    }
}

CellResidents::~CellResidents() = default;

bool CellResidents::placed() const { return impl_->kind != ResidentsPerCell::Kind::none; }

void CellResidents::read(const Window& window, double* out) {
    Impl& m = *impl_;
    std::fill(out, out + window.size(), 0.0);
    if (m.kind == ResidentsPerCell::Kind::raster) {
        m.population->read(window, out);
        return;
    }
    if (m.kind != ResidentsPerCell::Kind::zones) return;
    for (std::size_t z : m.index->query(m.grid.subgrid(window).extent())) {
        if (m.density[z] == 0) continue;
        const Window sub = Grid::intersect(m.grid.window_for(m.bounds[z]), window);
        if (sub.empty()) continue;
        Raster<double> coverage;
        try {
            coverage = coverage_fraction((*m.shapes)[z], m.grid.subgrid(sub));
        } catch (const InputError& e) {  // the core does not know which zone it was given
            throw InputError("zone " + std::to_string(z + 1) + ": " + e.what());
        }
        for (int row = 0; row < sub.rows; ++row) {
            double* cells = out + static_cast<std::size_t>(sub.row_off - window.row_off + row) * static_cast<std::size_t>(window.cols) +
                            static_cast<std::size_t>(sub.col_off - window.col_off);
            for (int col = 0; col < sub.cols; ++col) {
                const double w = coverage(row, col);
                if (w > 0) cells[col] += w * m.density[z];
            }
        }
    }
}

}  // namespace burdenmap
