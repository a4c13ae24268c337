#pragma once
// The block pipeline's peak memory, estimated before any work: windows in flight (two per thread)
// hold every band of their cells, and each thread also computes coverage fractions and warps. Memory
// does not grow with the grid, but it does with the window size and the thread count, so a run
// whose windows would not fit in this machine's memory is refused up front with the estimate
// (never an out-of-memory crash half-way).
#include <cstddef>
#include <string>

namespace burdenmap {

struct MemoryEstimate {
    double pipeline_bytes = 0;   // what the pipeline needs at its peak
    double available_bytes = 0;  // physical memory, or the cgroup limit when lower
};

// `window_cells`: the largest window; `windows`: how many there are (no more are ever in flight);
// `bands`: float bands per cell (raw + score per layer, and cumulations); `raster_layers`: layers
// read through GDAL's warper; `shared_block_layers`: layers whose source blocks the threads share
// (io/SharedSourceTiles, read with "near").
MemoryEstimate estimate_pipeline_memory(std::size_t window_cells, std::size_t windows, std::size_t bands,
                                        std::size_t raster_layers, int threads, std::size_t shared_block_layers = 0);

// Throws ConfigError (key "--block-size") when the estimate exceeds 90 % of the available memory,
// saying how much is needed and what to change.
void require_pipeline_memory(const MemoryEstimate& estimate, int block_size, int threads);

// Physical memory (sysconf), lowered to the cgroup v2/v1 memory limit when there is one.
double available_memory_bytes();

}  // namespace burdenmap
