#pragma once
// Everything a run does after the pixels, shared by `run` and `merge`: the zone table from the
// folded zone statistics, population columns, fairness, the CSV tables, the GeoPackage (styled,
// with codebook and manifest) and run.json. A single run hands it its pipeline's result; a merge
// hands it the same numbers folded from the shards' parts, so both write the same bits.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/RunJob.h"

namespace burdenmap {

// What the pixel stage produced.
struct PixelResult {
    std::vector<std::optional<ZoneStats>> zones;       // per plan zone, folded in window order
    std::vector<std::vector<std::uint64_t>> bin_hits;  // per layer, per method bin
    int threads = 0;
    std::vector<Diagnostic> warnings;                     // raised while reading the pixels
    std::vector<std::pair<std::string, double>> timings;  // stage → seconds, in run.json's order
    std::map<std::string, std::string> sha256;            // input checksums; empty: computed here
    std::string shards_json;                              // a merge's per-shard records (a JSON array), else empty
};

// The run's progress callback; a false answer cancels (throws Cancelled).
void report_run_progress(const RunOptions& options, double fraction, const std::string& stage);

// Writes the zone table, CSV tables, GeoPackage and run.json into `dir` for a run whose rasters
// are in `result` already (written, pending in `outputs`), commits every output (`outputs`), and
// fills in the rest of `result` (zones, most burdened, fairness lines, warnings, seconds since
// `start`).
void finish_run(const JobPlan& plan, const BandSet& bands, const std::filesystem::path& dir, const RunOptions& options,
                const PixelResult& pixels, const std::vector<Diagnostic>& stale_removed,
                std::chrono::steady_clock::time_point start, CommitGroup& outputs, RunResult& result);

}  // namespace burdenmap
