#include "burdenmap/job/BlockProcessor.h"

#include <algorithm>
#include <limits>

#include "burdenmap/core/CoverageFraction.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
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
    for (std::size_t i = 0; i < steps.size() && i < other.steps.size(); ++i) steps[i].merge(other.steps[i]);
    for (std::size_t i = 0; i < exposures.size() && i < other.exposures.size(); ++i) exposures[i].merge(other.exposures[i]);
}

void add_uncertainty_stats(const UncertaintyPlan& plan, bool residents, ZoneStats& stats) {
    for (const StepSpec& s : plan.steps) stats.steps.emplace_back(s.layout, residents);
    for (const ExposureSpec& e : plan.exposures) stats.exposures.emplace_back(e.layout, residents);
}

void fold_window_zones(std::vector<std::optional<ZoneStats>>& table, std::vector<std::pair<std::size_t, ZoneStats>>& window_zones) {
    for (auto& [zone, stats] : window_zones) {
        auto& target = table[zone];
        if (!target) target = std::move(stats);
        else target->merge(stats);
    }
}

ZoneStats make_zone_stats(const BandSet& bands, bool with_population, bool class_weights) {
    ZoneStats s;
    s.area.reserve(bands.zonal.size());
    for (const ZonalBand& b : bands.zonal) s.area.emplace_back(b.thresholds, class_weights ? b.population_classes : 0);
    if (with_population)
        for (std::size_t b = 0; b < bands.population_band_count(); ++b) s.population.emplace_back(bands.zonal[b].population_classes);
    return s;
}

BlockProcessor::BlockProcessor(const JobPlan& plan, const BandSet& bands, const std::vector<std::shared_ptr<SharedSourceTiles>>& shared_tiles)
    : plan_(plan), bands_(bands), readers_(std::make_unique<Readers>()) {
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        const LayerPlan& l = plan.layers[i];
        if (l.zone_table) {
            readers_->rasters.emplace_back();
            readers_->vectors.push_back(
                std::make_unique<VectorBurner>(l.zone_table->cells, plan.grid, plan.crs_wkt, std::numeric_limits<double>::quiet_NaN()));
        } else if (l.vector) {
            readers_->rasters.emplace_back();
            readers_->vectors.push_back(std::make_unique<VectorBurner>(l.vector, plan.grid, plan.crs_wkt, l.config.background));
        } else {
            readers_->rasters.push_back(
                std::make_unique<AlignedReader>(l.raster, plan.grid, plan.crs_wkt, l.resampling, plan.block_size,
                                                shared_tiles.at(i)));
            readers_->vectors.emplace_back();
        }
        row_hits_.emplace_back(l.scored() ? l.method->bins().size() : 0, 0);
    }
    if (plan.population.kind == PopulationPlan::Kind::raster)
        readers_->population = std::make_unique<PopulationReader>(plan.population.raster, plan.grid, plan.crs_wkt, plan.block_size);
}

BlockProcessor::~BlockProcessor() = default;

std::vector<std::vector<GdalErrorScope::Warning>> BlockProcessor::reader_warnings() const {
    std::vector<std::vector<GdalErrorScope::Warning>> out;
    for (std::size_t i = 0; i < plan_.layers.size(); ++i)
        out.push_back(readers_->vectors[i] ? readers_->vectors[i]->gdal_warnings() : readers_->rasters[i]->gdal_warnings());
    out.push_back(readers_->population ? readers_->population->gdal_warnings() : std::vector<GdalErrorScope::Warning>{});
    return out;
}

void BlockProcessor::read_layers(WindowResult& r) {
    const std::size_t n = r.window.size();
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        auto t = SteadyClock::now();
        std::vector<float>& raw = r.raw[i];
        raw.resize(n);
        if (readers_->vectors[i]) readers_->vectors[i]->read(r.window, raw.data());
        else readers_->rasters[i]->read(r.window, raw.data());
        // ±Inf is not a measurement: treat it as nodata like NaN.
        for (float& v : raw)
            if (std::isinf(v)) v = kNoData;
        seconds_.read += seconds_since(t);
        t = SteadyClock::now();
        // Without a method the score band stays nodata (BandSet: absent, never written).
        if (!plan_.layers[i].scored()) {
            r.scores[i].assign(n, kNoData);
            continue;
        }
        r.scores[i].resize(n);
        plan_.layers[i].method->score(raw.data(), r.scores[i].data(), n, row_hits_[i]);
        seconds_.score += seconds_since(t);
    }
}

namespace {

// One zone's share of a window while the window is summarised.
struct ZoneInWindow {
    std::size_t zone = 0;
    Window sub;               // the zone's bounding box within the window
    Raster<double> coverage;  // over `sub`
    double density = 0;       // residents per unit of coverage (even spread), else 0
    bool zone_density = false;
    bool touched = false;
    ZoneStats stats;
};

// Rows of a window summarised together: the zonal bands of a strip (about 256 KiB) stay in the
// core's L2 cache while every zone crossing it takes its rows. Zone by zone over the whole window,
// each zone's rows came from memory again (12 MiB of bands per 512 x 512 window, and nested
// layers such as wijken and buurten read the same cells twice); perf showed the loop waiting on
// those loads. Each zone still receives its cells in row order, so the sums are the same bits.
int strip_rows(std::size_t bands, int cols) {
    const std::size_t bytes_per_row = std::max<std::size_t>(1, bands * static_cast<std::size_t>(cols) * sizeof(float));
    return static_cast<int>(std::max<std::size_t>(1, (256u << 10) / bytes_per_row));
}

}  // namespace

// A zone-table layer's statistics are its zone's value, not its cells' (ZoneTableLayer): the
// cells near the zone's edge hold the neighbours' values. The zone's coverage in this window all
// takes the value, so the mean is the value to the bit. Check-sites polygons come after the
// zones and have no value of their own: their cells decide.
void BlockProcessor::take_zone_table_values(std::size_t zone, ZoneStats& stats) const {
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        const ZoneTableLayer* table = plan_.layers[i].zone_table.get();
        if (!table || zone >= table->values.size()) continue;
        const std::size_t raw = bands_.raw_band(i), score = bands_.score_band(i);
        stats.area[raw].set_constant(table->values[zone]);
        if (!stats.population.empty()) stats.population[raw].set_constant(table->values[zone]);
        if (!plan_.layers[i].scored()) continue;
        stats.area[score].set_constant(table->scores[zone]);
        if (!stats.population.empty()) stats.population[score].set_constant(table->scores[zone]);
    }
}

void BlockProcessor::summarise_zones(WindowResult& r) const {
    const Grid& grid = plan_.grid;
    const Window& window = r.window;
    const Box box = grid.subgrid(window).extent();
    // Band pointers in BandSet order, so the inner loop is a plain index.
    std::vector<const float*> band_values;
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        band_values.push_back(r.raw[i].data());
        band_values.push_back(r.scores[i].data());
    }
    for (const auto& c : r.cumulations) band_values.push_back(c.data());
    for (const auto& c : r.completeness) band_values.push_back(c.data());
    const std::size_t band_count = band_values.size();
    const std::size_t population_bands = bands_.population_band_count();

    // Residents per cell from a raster are accumulated cell by cell; a zone's population spread
    // evenly over its area is applied to its area statistics afterwards (Σ(ρw)·v = ρ·Σw·v: the
    // same sums for half the work per cell). A zone without a population gets no population
    // statistics.
    const PopulationPlan::Kind population = plan_.population.kind;
    const bool per_cell_population = population == PopulationPlan::Kind::raster;
    const UncertaintyPlan& draws = plan_.uncertainty;
    const bool draw_statistics = !draws.steps.empty() || !draws.exposures.empty();
    // [uncertainty]: each cell's raw values into the zone's histograms (UncertaintyPlan), over the
    // layer's cells with a value and, for a StepSpec with a mask band, that band's.
    const auto add_draw_statistics = [&draws](const std::vector<const float*>& values, std::size_t cell, double w, double residents,
                                              ZoneStats& stats) {
        for (std::size_t i = 0; i < draws.steps.size(); ++i) {
            const StepSpec& s = draws.steps[i];
            if (s.mask_band && std::isnan(values[*s.mask_band][cell])) continue;
            stats.steps[i].add(values[2 * s.layer][cell], w, residents);
        }
        for (std::size_t i = 0; i < draws.exposures.size(); ++i) {
            stats.exposures[i].add(values[2 * draws.exposures[i].layer][cell], w, residents);
        }
    };

    // Coverage once per zone and window, reused for every band. Zones go in batches whose
    // coverage rasters together hold at most four windows of cells, so many large overlapping
    // zones (districts over provinces over the country) cannot multiply the memory of a window.
    // Each zone is in one batch and gets its cells in row order there: batches change no bits.
    const std::size_t batch_cells = 4 * window.size();
    const int strip = strip_rows(band_count, window.cols);
    std::vector<ZoneInWindow> zones;
    std::size_t zone_cells = 0;
    auto summarise_batch = [&] {
        for (int strip_begin = window.row_off; strip_begin < window.row_off + window.rows; strip_begin += strip) {
            const int strip_end = std::min(strip_begin + strip, window.row_off + window.rows);
            for (ZoneInWindow& in : zones) {
                const int row_begin = std::max(strip_begin, in.sub.row_off);
                const int row_end = std::min(strip_end, in.sub.row_off + in.sub.rows);
                for (int grid_row = row_begin; grid_row < row_end; ++grid_row) {
                    const int row = grid_row - in.sub.row_off;
                    const std::size_t offset = static_cast<std::size_t>(grid_row - window.row_off) * window.cols +
                                               static_cast<std::size_t>(in.sub.col_off - window.col_off);
                    for (int col = 0; col < in.sub.cols; ++col) {
                        const double w = in.coverage(row, col);
                        if (w <= 0) continue;
                        in.touched = true;
                        const std::size_t cell = offset + col;
                        for (std::size_t b = 0; b < band_count; ++b) in.stats.area[b].add(band_values[b][cell], w);
                        const double residents = per_cell_population ? w * r.population[cell] : 0.0;
                        if (draw_statistics) add_draw_statistics(band_values, cell, w, residents, in.stats);
                        if (!per_cell_population) continue;
                        for (std::size_t b = 0; b < population_bands; ++b) in.stats.population[b].add(band_values[b][cell], residents);
                    }
                }
            }
        }
        for (ZoneInWindow& in : zones) {
            if (!in.touched) continue;
            if (in.zone_density)
                for (std::size_t b = 0; b < population_bands; ++b)
                    in.stats.population.push_back(
                        PopulationAccumulator::uniform_density(in.stats.area[b], in.density, bands_.zonal[b].population_classes));
            // After the population statistics exist, so one call sets both.
            take_zone_table_values(in.zone, in.stats);
            r.zones.emplace_back(in.zone, std::move(in.stats));
        }
        zones.clear();
        zone_cells = 0;
    };

    for (std::size_t z : plan_.zone_index->query(box)) {
        const Zone& zone = plan_.zones[z];
        const Window sub = Grid::intersect(grid.window_for(zone.bounds), window);
        if (sub.empty()) continue;
        if (!zones.empty() && zone_cells + sub.size() > batch_cells) summarise_batch();
        ZoneInWindow& in = zones.emplace_back();
        in.zone = z;
        in.sub = sub;
        in.zone_density = population == PopulationPlan::Kind::zones && zone.population && zone.area > 0;
        in.density = in.zone_density ? *zone.population / zone.area * grid.cell_area() : 0.0;
        try {
            in.coverage = coverage_fraction(zone.geometry, grid.subgrid(sub));
        } catch (const InputError& e) {  // the core does not know which zone it was given
            throw InputError("zone '" + zone.id + "': " + e.what());
        }
        in.stats = make_zone_stats(bands_, per_cell_population, in.zone_density);
        add_uncertainty_stats(draws, per_cell_population, in.stats);
        zone_cells += sub.size();
    }
    summarise_batch();
}

WindowResult BlockProcessor::process(std::size_t index, const Window& window) {
    WindowResult r;
    r.index = index;
    r.window = window;
    r.raw.resize(plan_.layers.size());
    r.scores.resize(plan_.layers.size());
    read_layers(r);
    if (readers_->population) {
        const auto t = SteadyClock::now();
        r.population.resize(window.size());
        readers_->population->read(window, r.population.data());
        seconds_.read += seconds_since(t);
    }
    auto t = SteadyClock::now();

    std::vector<const float*> raw, scores;
    for (std::size_t i = 0; i < plan_.layers.size(); ++i) {
        raw.push_back(r.raw[i].data());
        scores.push_back(r.scores[i].data());
    }
    // A count's completeness (BandSet::counts, in cumulation order) comes from its own fold.
    r.completeness.assign(bands_.counts.size(), std::vector<float>(window.size()));
    std::size_t count = 0;
    for (const CumulationRule& rule : plan_.cumulations) {
        r.cumulations.emplace_back(window.size());
        float* complete = rule.is_count() ? r.completeness[count++].data() : nullptr;
        rule.apply(raw, scores, r.cumulations.back().data(), window.size(), complete);
    }
    seconds_.cumulate += seconds_since(t);
    t = SteadyClock::now();
    summarise_zones(r);
    seconds_.zonal += seconds_since(t);
    return r;
}

}  // namespace burdenmap
