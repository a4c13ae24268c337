#pragma once
// shard.json: what one shard of a sharded run computed and from what. The merge reads every
// part's manifest and refuses to fold parts that differ in config, inputs, method tables, grid or
// burdenmap version, or that are incomplete (a shard killed before it finished leaves no manifest
// marked complete, and a truncated file shows as a size that differs from the one recorded here).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/job/BlockPipeline.h"
#include "burdenmap/job/ShardPlan.h"

namespace burdenmap {

struct ShardFile {
    std::string name;  // in the part's folder; empty: none
    std::uintmax_t bytes = 0;
};

struct ShardManifest {
    std::string tool;  // burdenmap_version()
    ShardId shard;
    ShardRange range;
    std::string config_path;                   // absolute: the merge plans from the same file
    std::string config_sha256;
    std::vector<std::string> method_dirs;      // absolute; empty: the default folder
    std::map<std::string, std::string> inputs;         // input path → SHA-256 (input_checksums)
    std::map<std::string, std::string> method_tables;  // method table file → SHA-256
    int grid_cols = 0, grid_rows = 0, block_size = 0;
    double grid_x0 = 0, grid_y0 = 0, grid_dx = 0, grid_dy = 0;
    Grid grid() const { return Grid(grid_x0, grid_y0, grid_dx, grid_dy, grid_cols, grid_rows); }
    Window raster_bounds;  // the cells the part rasters hold, in the run's grid
    ShardFile raster, raw_raster, partials;
    std::uint64_t partial_windows = 0;
    std::vector<std::vector<std::uint64_t>> bin_hits;
    ReaderWarningCounts reader_warnings;
    int threads = 0;
    double peak_rss_mib = 0;
    std::string host;
    std::vector<std::pair<std::string, double>> timings;  // stage → wall seconds
    bool complete = false;
};

std::string shard_manifest_json(const ShardManifest& m);
// Throws InputError naming the file when it is missing, not JSON or lacks a key.
ShardManifest read_shard_manifest(const std::filesystem::path& file);

// SHA-256 of every method table (*.toml) in `dirs`, by file name within its folder.
std::map<std::string, std::string> method_table_checksums(const std::vector<std::filesystem::path>& dirs);

}  // namespace burdenmap
