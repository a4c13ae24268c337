#pragma once
// `burdenmap merge PARTS`: the end of a sharded run. It checks that every part of N exists, is
// complete and comes from the same config, inputs, method tables, grid and burdenmap version,
// folds the parts' per-window zone partials in window order (the order a single run folds them
// in, so the zone statistics are the same bits), and then does everything a run does after the
// pixels (job/RunOutputs). The raster is a VRT over the parts' COGs (io/MosaicVrt); `cog` also
// copies it into one cloud-optimised GeoTIFF.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/BandStatistics.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/RunJob.h"
#include "burdenmap/job/ShardManifest.h"

namespace burdenmap {

// The parts of a sharded run, read and checked against each other, and the config they came from.
struct ShardedRun {
    std::filesystem::path parts_dir;
    std::vector<ShardManifest> parts;  // in shard order, all present and complete
    Config config;
    PlanOptions plan_options;          // block size, method folders and shard count of the parts
};

// Throws InputError naming the part and the difference: no parts, parts of different shard
// counts, a missing or incomplete part, another burdenmap version, config, input or method table,
// another grid or block size, a config file changed since the shards ran.
ShardedRun read_sharded_run(const std::filesystem::path& parts_dir);

struct MergeOptions {
    std::filesystem::path output_dir;
    bool cog = false;  // also the one-file GeoTIFF (a copy of the VRT)
    bool overwrite = false;
    int threads = 0;   // the COG copy's compression threads (0: all cores)
    ProgressFn progress;
};

// The files `merge` writes into `output_dir`: run's outputs with the GeoTIFF(s) as .vrt, and with
// `cog` the GeoTIFF too.
std::vector<std::filesystem::path> merge_output_paths(const Config& config, const std::filesystem::path& output_dir, bool cog);

// Every part's per-window partials folded in window order, as a single run folds them: the zone
// statistics by zone index, and each band's statistics (the GeoTIFF's bands, then the raw
// GeoTIFF's). Needs no plan, so it runs while the merge plans (a plan reads every zone: together
// the two are most of a merge's time). Throws InputError naming a truncated, damaged or
// out-of-order part.
struct FoldedPartials {
    std::vector<std::optional<ZoneStats>> zones;  // up to the highest zone index seen
    std::vector<BandStatistics> bands;
    std::size_t zone_bands = 0;  // zonal bands per zone statistics (0: no zone seen)
    double seconds = 0;
};
FoldedPartials fold_shard_partials(const ShardedRun& run);

// `plan` must be plan_job(run.config, run.plan_options), `folded` fold_shard_partials(run). Throws
// InputError when the plan does not split into the parts' ranges (the inputs changed), the
// partials do not fit the plan, or a part's raster is truncated.
RunResult merge_shards(const JobPlan& plan, const ShardedRun& run, FoldedPartials folded, const MergeOptions& options);

}  // namespace burdenmap
