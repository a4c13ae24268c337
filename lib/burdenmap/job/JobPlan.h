#pragma once
// What a run will do, worked out from metadata only (never pixels): the target grid and CRS, how
// each layer gets onto it, the zones and their index, the cumulation rules. `burdenmap validate`
// prints it; run_job executes it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/ZoneIndex.h"
#include "burdenmap/io/RasterSource.h"
#include "burdenmap/io/VectorLayerSource.h"
#include "burdenmap/io/ZoneSource.h"
#include "burdenmap/job/FairnessPlan.h"
#include "burdenmap/job/TableJoin.h"
#include "burdenmap/job/UncertaintyPlan.h"
#include "burdenmap/job/ZoneTableLayer.h"
#include "burdenmap/score/CumulationRule.h"
#include "burdenmap/score/MethodRegistry.h"

namespace burdenmap {

struct LayerPlan {
    LayerConfig config;
    // Null for a layer without a method: raw statistics only, no score band or columns.
    std::shared_ptr<const ScoringMethod> method;
    bool scored() const { return method != nullptr; }
    // The unit of its values: the config's `unit`, else the unit its method expects.
    std::string unit() const;
    // Raster layers: the source header and the resampling chosen.
    RasterInfo raster;
    std::string resampling;
    bool reprojected = false;
    // "continuous" or "categorical" (class codes), and why: "set in the config", "detected from a
    // colour table", or empty for the default (job/LayerKind).
    std::string kind = "continuous";
    std::string kind_source;
    bool categorical() const { return kind == "categorical"; }
    // Vector layers: the polygons, read once.
    std::shared_ptr<const VectorLayerData> vector;
    // Zone-table layers: the joined values per zone, and the zones to burn for the cells.
    std::shared_ptr<const ZoneTableLayer> zone_table;
    bool is_raster() const { return !vector && !zone_table; }
    std::string describe() const;  // one line for `validate`
    // Where its values come from, for the codebook: the table or vector layer's description, or
    // the raster's file name.
    std::string source() const;
};

// How residents are placed on the grid (see io/PopulationSource and README "Population").
struct PopulationPlan {
    enum class Kind { none, zones, raster } kind = Kind::none;
    RasterInfo raster;  // Kind::raster
    std::string describe() const;
};

struct PlanOptions {
    int block_size = 512;
    std::vector<std::filesystem::path> method_dirs;  // empty: the default folder
    // A sharded run (`plan --shards`, `run --shard I/N`, `merge`): the grid-size limit of 4e9
    // cells applies per shard (job/ShardPlan checks each), so the grid may hold N times as many.
    std::size_t shards = 1;
};

struct JobPlan {
    Config config;
    std::string crs_wkt;
    std::string crs_name;
    Grid grid;
    int block_size = 512;
    std::vector<LayerPlan> layers;
    std::vector<CumulationRule> cumulations;
    std::vector<Zone> zones;
    std::optional<TableJoin> zones_table;  // [zones] table, joined (its values are in `zones`)
    PopulationPlan population;
    std::shared_ptr<const ZoneIndex> zone_index;
    FairnessPlan fairness;  // [fairness], resolved against the zone columns and the joined table
    UncertaintyPlan uncertainty;  // [uncertainty], resolved against the layers, cumulations and fairness columns
    MethodRegistry methods;
    Diagnostics diagnostics;
    // Every table joined to the zones: [zones] table, each zone-table layer's, [fairness.table].
    std::vector<const TableJoin*> joins() const;
};

// One [[cumulation]] (any rule but health_burden) over the planned layers. A layer without a
// method enters energetic_sum, and max or weighted_sum of raw values only when every layer of the
// rule is without one; a count_at_least refuses it, and one of every layer leaves it out.
// Throws ConfigError naming cumulation[ci].* (the layers, the group, a weight or level).
CumulationRule plan_cumulation(const CumulationConfig& c, std::size_t ci, const std::vector<LayerPlan>& layers);

// Throws ConfigError (bad config values, unknown method or layer names) or InputError (files).
JobPlan plan_job(const Config& config, const PlanOptions& options);

// The method-table folders of a config: `override_dirs` (--methods-dir) or the default folder,
// then the [methods] dirs.
std::vector<std::filesystem::path> method_dirs_for(const Config& config, const std::vector<std::filesystem::path>& override_dirs);

// Reads the method tables of a config: the default folder plus [methods] dirs.
MethodRegistry load_methods_for(const Config& config, const std::vector<std::filesystem::path>& override_dirs);

}  // namespace burdenmap
