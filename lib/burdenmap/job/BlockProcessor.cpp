#include "burdenmap/job/BlockProcessor.h"

#include <chrono>

#include "burdenmap/core/CoverageFraction.h"
#include "burdenmap/io/AlignedSource.h"
#include "burdenmap/io/PopulationSource.h"
#include "burdenmap/io/VectorLayerSource.h"

namespace burdenmap {

struct BlockProcessor::Readers {
    std::vector<std::unique_ptr<AlignedReader>> rasters;  // per layer, null for vector layers
    std::vector<std::unique_ptr<VectorBurner>> vectors;   // per layer, null for raster layers
    std::unique_ptr<PopulationReader> population;        // raster population only
};

void ZoneStats::merge(const ZoneStats& other) {
    for (std::size_t b = 0; b < area.size(); ++b) area[b].merge(other.area[b]);
    for (std::size_t b = 0; b < population.size(); ++b) population[b].merge(other.population[b]);
}

ZoneStats make_zone_stats(const BandSet& bands, bool with_population) {
    ZoneStats s;
    s.area.reserve(bands.zonal.size());
    for (const ZonalBand& b : bands.zonal) s.area.emplace_back(b.thresholds);
    if (with_population)
        for (const ZonalBand& b : bands.zonal) s.population.emplace_back(b.population_classes);
    return s;
}

BlockProcessor::BlockProcessor(const JobPlan& plan, const BandSet& bands)
    : plan_(plan), bands_(bands), readers_(std::make_unique<Readers>()) {
    for (const LayerPlan& l : plan.layers) {
        if (l.vector) {
            readers_->rasters.emplace_back();
            readers_->vectors.push_back(std::make_unique<VectorBurner>(l.vector, plan.grid, plan.crs_wkt, l.config.background));
        } else {
            readers_->rasters.push_back(
                std::make_unique<AlignedReader>(l.raster, plan.grid, plan.crs_wkt, l.resampling, plan.block_size));
            readers_->vectors.emplace_back();
        }
        row_hits_.emplace_back(l.method->bins().size(), 0);
    }
    if (plan.population.kind == PopulationPlan::Kind::raster)
        readers_->population = std::make_unique<PopulationReader>(plan.population.raster, plan.grid, plan.crs_wkt, plan.block_size);
}

BlockProcessor::~BlockProcessor() = default;

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

void BlockProcessor::read_layers(WindowResult& r) {
    const std::size_t n = r.window.size();
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        auto t = Clock::now();
        std::vector<float>& raw = r.raw[i];
        raw.resize(n);
        if (readers_->vectors[i]) readers_->vectors[i]->read(r.window, raw.data());
        else readers_->rasters[i]->read(r.window, raw.data());
        // ±Inf is not a measurement: treat it as nodata like NaN.
        for (float& v : raw)
            if (std::isinf(v)) v = kNoData;
        seconds_.read += since(t);
        t = Clock::now();
        r.scores[i].resize(n);
        plan_.layers[i].method->score(raw.data(), r.scores[i].data(), n, row_hits_[i]);
        seconds_.score += since(t);
    }
}

void BlockProcessor::summarise_zones(WindowResult& r) const {
    const Grid& grid = plan_.grid;
    const Box box = grid.subgrid(r.window).extent();
    // Band pointers in BandSet order, so the inner loop is a plain index.
    std::vector<const float*> band_values;
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        band_values.push_back(r.raw[i].data());
        band_values.push_back(r.scores[i].data());
    }
    for (const auto& c : r.cumulations) band_values.push_back(c.data());

    const PopulationPlan::Kind population = plan_.population.kind;
    for (std::size_t z : plan_.zone_index->query(box)) {
        const Zone& zone = plan_.zones[z];
        const Window sub = Grid::intersect(grid.window_for(zone.bounds), r.window);
        if (sub.empty()) continue;
        // Residents per unit of coverage: from the raster per cell, or the zone's population
        // spread evenly over its area (a zone without a population gets no population statistics).
        const bool zone_density = population == PopulationPlan::Kind::zones && zone.population && zone.area > 0;
        const double density = zone_density ? *zone.population / zone.area * grid.cell_area() : 0.0;
        const bool with_population = population == PopulationPlan::Kind::raster || zone_density;
        // Coverage once per zone and window, reused for every band.
        const Raster<double> cov = coverage_fraction(zone.geometry, grid.subgrid(sub));
        ZoneStats stats = make_zone_stats(bands_, with_population);
        bool touched = false;
        for (int row = 0; row < sub.rows; ++row) {
            const std::size_t offset = static_cast<std::size_t>(sub.row_off - r.window.row_off + row) * r.window.cols +
                                       static_cast<std::size_t>(sub.col_off - r.window.col_off);
            for (int col = 0; col < sub.cols; ++col) {
                const double w = cov(row, col);
                if (w <= 0) continue;
                touched = true;
                const std::size_t cell = offset + col;
                for (std::size_t b = 0; b < band_values.size(); ++b) stats.area[b].add(band_values[b][cell], w);
                if (!with_population) continue;
                const double residents = w * (zone_density ? density : r.population[cell]);
                for (std::size_t b = 0; b < band_values.size(); ++b) stats.population[b].add(band_values[b][cell], residents);
            }
        }
        if (touched) r.zones.emplace_back(z, std::move(stats));
    }
}

WindowResult BlockProcessor::process(std::size_t index, const Window& window) {
    WindowResult r;
    r.index = index;
    r.window = window;
    r.raw.resize(plan_.layers.size());
    r.scores.resize(plan_.layers.size());
    read_layers(r);
    if (readers_->population) {
        const auto t = Clock::now();
        r.population.resize(window.size());
        readers_->population->read(window, r.population.data());
        seconds_.read += since(t);
    }
    auto t = Clock::now();

    std::vector<const float*> raw, scores;
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        raw.push_back(r.raw[i].data());
        scores.push_back(r.scores[i].data());
    }
    for (const CumulationRule& rule : plan_.cumulations) {
        r.cumulations.emplace_back(window.size());
        rule.apply(raw, scores, r.cumulations.back().data(), window.size());
    }
    seconds_.cumulate += since(t);
    t = Clock::now();
    summarise_zones(r);
    seconds_.zonal += since(t);
    return r;
}

}  // namespace burdenmap
