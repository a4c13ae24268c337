#pragma once
// How a run splits into shards for a job array (Slurm, Kubernetes Indexed Jobs, local processes):
// shard i of N is a contiguous range of the windows of the run's BlockLayout, in its row-major
// order. Contiguity is what makes the merge exact: the merge folds the shards' per-window zone
// partials in window order, which is the order a single run folds them in (job/ShardPartials).
//
// Ranges are balanced by an estimate of each window's work, not by area: cells inside zones cost
// the coverage fractions and zonal statistics, cells outside (sea, land beyond the study) only the
// read and the write. The estimate samples each window's cells (a fixed pattern, so every shard
// and the merge compute the same ranges from the same plan).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

// "I/N" as given to `run --shard` (I from 0 to N-1, as $SLURM_ARRAY_TASK_ID counts).
struct ShardId {
    std::size_t index = 0;
    std::size_t count = 1;
    std::string name() const;  // "shard-I-of-N": the part's folder name
};
// The shard a part folder's name says ("shard-I-of-N"), or nullopt for any other name. I is not
// checked against N: the merge names a stray "shard-5-of-4".
std::optional<ShardId> parse_shard_folder_name(const std::string& name);
// Throws ConfigError naming `option` when the text is not "I/N" with 0 <= I < N.
ShardId parse_shard_id(const std::string& text, const std::string& option = "--shard");

struct ShardRange {
    std::size_t index = 0;
    std::size_t first_window = 0, end_window = 0;  // [first, end) of BlockLayout::windows()
    std::uint64_t cells = 0;       // all cells of its windows
    std::uint64_t zone_cells = 0;  // of those, estimated inside a zone
    std::size_t zones = 0;         // zones whose bounds touch its windows
    std::size_t windows() const { return end_window - first_window; }
};

// The cells a shard may hold: the single-run grid limit (JobPlan), applied per shard.
inline constexpr double max_cells_per_shard = 4e9;

// Per window, the cells estimated inside a zone (8 x 8 sampled cell centres per window).
std::vector<std::uint64_t> window_zone_cells(const JobPlan& plan, const BlockLayout& layout);

// Splits the plan's windows into `count` contiguous ranges balanced by estimated work (a window
// costs three per zone cell and one per other cell). Every range has at least one window;
// with at least two rows of windows per shard, every range is whole rows of windows.
// Throws ConfigError("--shards") when count is 0, exceeds the windows, or a shard would exceed
// max_cells_per_shard.
std::vector<ShardRange> plan_shards(const JobPlan& plan, std::size_t count);

// The windows [first, end) of `layout` as at most three rectangles of cells (a partial first row
// of windows, whole rows, a partial last row), in row-major order: what a shard's raster covers,
// and the sources of the merged VRT.
std::vector<Window> window_rectangles(const BlockLayout& layout, std::size_t first, std::size_t end);

// The bounding rectangle of windows [first, end).
Window bounding_window(const BlockLayout& layout, std::size_t first, std::size_t end);

}  // namespace burdenmap
