#pragma once
// `burdenmap run CONFIG --shard I/N`: one shard of a sharded run. It runs the block pipeline over
// its range of windows (job/ShardPlan) exactly as a single run would, and instead of folding the
// zone statistics it writes, per window, what the single run would fold (job/ShardPartials),
// beside a COG of its windows' cells and a manifest (job/ShardManifest). Everything after the
// pixels (zone table, fairness, styles, report) is the merge's (job/MergeShards).
//
// The part folder PARTS/shard-I-of-N/ appears complete or not at all: it is written under a hidden
// temporary name and renamed into place; running the shard again replaces it.
#include <filesystem>
#include <vector>

#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/RunJob.h"
#include "burdenmap/job/ShardPlan.h"

namespace burdenmap {

struct ShardRunOptions {
    ShardId shard;
    std::filesystem::path parts_dir;
    std::vector<std::filesystem::path> method_dir_overrides;  // --methods-dir, as given to plan_job
    int threads = 0;
    ProgressFn progress;
};

struct ShardRunResult {
    std::filesystem::path folder;  // PARTS/shard-I-of-N
    ShardRange range;
    std::vector<Diagnostic> warnings;  // the plan's, then GDAL's while reading
    double seconds = 0;
};

// The plan must come from plan_job with PlanOptions::shards = options.shard.count.
ShardRunResult run_shard(const JobPlan& plan, const ShardRunOptions& options);

// The folder names of a parts folder: "shard-I-of-N" (and the hidden temporaries of a shard).
std::filesystem::path shard_folder(const std::filesystem::path& parts_dir, const ShardId& shard);

// Peak resident memory of this process so far, in MiB (getrusage).
double peak_rss_mib();

}  // namespace burdenmap
