#pragma once
// The block pipeline shared by `run` and `check-sites`: windows are issued in order, computed in
// parallel (each thread with its own GDAL handles, BlockProcessor), then handed to a sink and
// merged into the zone table strictly in window order, so results do not depend on the number
// of threads.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <optional>
#include <vector>

#include "burdenmap/core/Window.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

using ReaderWarningCounts = std::vector<std::map<std::string, std::size_t>>;

struct PipelineResult {
    std::vector<std::optional<ZoneStats>> zones;       // per plan zone; empty: touches no cell
    std::vector<std::vector<std::uint64_t>> bin_hits;  // per layer, per method bin
    int threads = 0;
    BlockProcessor::StageSeconds cpu_seconds;  // summed over threads
    double sink_seconds = 0;                    // in the serial, in-order stage (writing)
    // GDAL's warnings while the threads read: per layer, then the population raster, each
    // message with how often it came, summed over threads (so they do not depend on which thread
    // met them, and a sharded run's parts add up to the same counts).
    ReaderWarningCounts reader_warning_counts;
    // The same as "gdal-warning" diagnostics naming the layer and its file (reader_warning_diagnostics).
    std::vector<Diagnostic> warnings;
};

// The counts above as diagnostics, leaving out what the plan reported already (a file's
// open-time warnings, which each thread meets again when it opens the file).
std::vector<Diagnostic> reader_warning_diagnostics(const JobPlan& plan, const ReaderWarningCounts& counts);

// The callbacks, in the order they run for each window:
// 1. prepare: in the parallel stage, right after the window is computed, on any thread: work for
//    the sink that needs no order (e.g. GeoTiffWriter::summarise), so the serial stage stays short;
using WindowPrepare = std::function<void(const WindowResult&)>;
// 2. sink: in the serial stage, strictly in window order (e.g. writing the cells), before the
//    window's zone statistics are folded into PipelineResult::zones; a sink that moves them out
//    (a shard, which saves them for the merge) leaves nothing to fold;
using WindowSink = std::function<void(WindowResult&)>;
// 3. progress: after the merge, with the fraction of windows done; return false to cancel.
using PipelineProgress = std::function<bool(double fraction)>;

// Runs `windows` (in this order) of `plan.grid`; any callback may be empty. Throws Cancelled when
// `progress` returns false, and any error of a window (InputError, ...) as it happened.
PipelineResult run_block_pipeline(const JobPlan& plan, const BandSet& bands, const std::vector<Window>& windows,
                                  int threads, const WindowPrepare& prepare, const WindowSink& sink,
                                  const PipelineProgress& progress);

}  // namespace burdenmap
