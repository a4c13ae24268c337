#pragma once
// The per-window work of a run: read every layer onto the window, score, cumulate, and summarise
// the window per zone with exact coverage fractions. One BlockProcessor per thread (it owns that
// thread's GDAL handles); the results are merged and written in window order elsewhere.
#include <cstdint>
#include <memory>
#include <utility>
#include <optional>
#include <vector>

#include "burdenmap/core/Window.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/zonal/PopulationAccumulator.h"
#include "burdenmap/zonal/ZonalAccumulator.h"

namespace burdenmap {

class SharedSourceTiles;

// One zone's statistics over one window (or, merged, over the whole grid).
struct ZoneStats {
    std::vector<ZonalAccumulator> area;             // per zonal band, weighted by covered area
    std::vector<PopulationAccumulator> population;  // per zonal band but the completeness bands, weighted by residents (if any)
    // [uncertainty]: the sufficient statistics of the draws, per UncertaintyPlan::steps / ::exposures.
    std::vector<uncertainty::StepHistogram> steps;
    std::vector<uncertainty::ExposureHistogram> exposures;
    void merge(const ZoneStats& other);
};

struct WindowResult {
    std::size_t index = 0;
    Window window;
    std::vector<std::vector<float>> raw;     // per layer
    std::vector<std::vector<float>> scores;  // per layer
    std::vector<std::vector<float>> cumulations;
    std::vector<std::vector<float>> completeness;  // per count cumulation (BandSet::counts): 1/0 per cell
    std::vector<double> population;          // residents per cell (raster population only)
    // Per zone touching the window: its statistics for every zonal band.
    std::vector<std::pair<std::size_t, ZoneStats>> zones;
};

class BlockProcessor {
public:
    // `shared_tiles`: one per layer, the source blocks the run's processors share (null: the
    // layer's reader keeps its own; see io/SharedSourceTiles).
    BlockProcessor(const JobPlan& plan, const BandSet& bands, const std::vector<std::shared_ptr<SharedSourceTiles>>& shared_tiles);
    ~BlockProcessor();
    BlockProcessor(const BlockProcessor&) = delete;
    BlockProcessor& operator=(const BlockProcessor&) = delete;

    WindowResult process(std::size_t index, const Window& window);
    // How many cells fell in each class row, per layer (for placeholder reporting).
    const std::vector<std::vector<std::uint64_t>>& row_hits() const { return row_hits_; }

    // Seconds this thread spent per stage (for run.json and the benchmark).
    struct StageSeconds {
        double read = 0, score = 0, cumulate = 0, zonal = 0;
    };
    const StageSeconds& stage_seconds() const { return seconds_; }

    // GDAL's warnings while this thread read: per layer, then the population raster (last; empty
    // without one). Each distinct message once, with how often.
    std::vector<std::vector<GdalErrorScope::Warning>> reader_warnings() const;

private:
    void read_layers(WindowResult& r);
    void summarise_zones(WindowResult& r) const;
    void take_zone_table_values(std::size_t zone, ZoneStats& stats) const;

    const JobPlan& plan_;
    const BandSet& bands_;
    struct Readers;
    std::unique_ptr<Readers> readers_;
    std::vector<std::vector<std::uint64_t>> row_hits_;
    StageSeconds seconds_;
};

// Fresh statistics for every zonal band; `class_weights`: the area statistics keep weights per
// class for the bands that count residents per class (see PopulationAccumulator::uniform_density).
ZoneStats make_zone_stats(const BandSet& bands, bool with_population, bool class_weights = false);

// The empty draw statistics of [uncertainty] (none without it); `residents`: with a residents
// channel (a population raster: residents per cell).
void add_uncertainty_stats(const UncertaintyPlan& plan, bool residents, ZoneStats& stats);

// Folds one window's zone statistics into `table` (indexed by zone): a zone's first part is moved
// in, later ones merged. The pipeline folds windows in window order with it and a sharded run's
// merge folds the shards' saved windows with it, in the same order: the same bits by construction.
void fold_window_zones(std::vector<std::optional<ZoneStats>>& table, std::vector<std::pair<std::size_t, ZoneStats>>& window_zones);

}  // namespace burdenmap
