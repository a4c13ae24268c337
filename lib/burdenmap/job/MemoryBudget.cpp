#include "burdenmap/job/MemoryBudget.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/SharedSourceTiles.h"

namespace burdenmap {
namespace {

// A cgroup limit file holds a byte count, or "max" when unlimited.
double cgroup_limit(const char* file) {
    std::ifstream in(file);
    std::string text;
    if (!(in >> text) || text == "max") return 0;
    return parse_number(text).value_or(0);
}

}  // namespace

double available_memory_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    double bytes = pages > 0 && page > 0 ? double(pages) * double(page) : 0;
    for (const char* f : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
        const double limit = cgroup_limit(f);
        if (limit > 0 && (bytes == 0 || limit < bytes)) bytes = limit;
    }
    return bytes;
}

MemoryEstimate estimate_pipeline_memory(std::size_t window_cells, std::size_t windows, std::size_t bands,
                                        std::size_t raster_layers, int threads, std::size_t shared_block_layers) {
    MemoryEstimate e;
    const double cells = double(window_cells);
    const double tokens = std::min(2.0 * threads, double(windows)), workers = std::min(double(threads), double(windows));
    // Per window in flight: every band as float, plus the population band.
    const double per_token = cells * 4.0 * double(bands + 1);
    // Per working thread: the coverage fractions of a batch of zones (at most four windows of
    // doubles, BlockProcessor::summarise_zones), the column sums of the zone being computed (one
    // double a cell), and one warped block per raster layer.
    const double per_thread = cells * (40.0 + 4.0 * double(raster_layers));
    e.available_bytes = available_memory_bytes();
    // GDAL's block cache takes up to 5 % of the memory by default; the source blocks the threads
    // share (io/SharedSourceTiles) up to a fixed budget per layer read with "near".
    e.pipeline_bytes = tokens * per_token + workers * per_thread + 0.05 * e.available_bytes +
                       double(shared_block_layers) * double(SharedSourceTiles::kRunBudgetBytes);
    return e;
}

void require_pipeline_memory(const MemoryEstimate& e, int block_size, int threads) {
    if (e.available_bytes <= 0 || e.pipeline_bytes <= 0.9 * e.available_bytes) return;
    const std::string size = std::to_string(block_size);
    throw ConfigError("--block-size", "windows of up to " + size + " x " + size + " cells with " + std::to_string(threads) +
                                          " thread(s) would need about " + fixed_number(e.pipeline_bytes / 1e9, 1) +
                                          " GB of memory, and this machine has " + fixed_number(e.available_bytes / 1e9, 1) +
                                          " GB; use a smaller --block-size (the default 512 needs far less) or fewer --threads");
}

}  // namespace burdenmap
