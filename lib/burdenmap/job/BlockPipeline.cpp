#include "burdenmap/job/BlockPipeline.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <exception>
#include <memory>
#include <mutex>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/io/SharedSourceTiles.h"
#include "burdenmap/job/MemoryBudget.h"

namespace burdenmap {

namespace {

// A warning GDAL raised in a worker thread (e.g. a corrupt block it read as zeros) would
// otherwise be lost: every reader keeps its own, and here they are summed.
template <class Processors>
ReaderWarningCounts count_reader_warnings(const JobPlan& plan, const Processors& processors) {
    ReaderWarningCounts times(plan.layers.size() + 1);
    for (const auto& p : processors) {
        if (!p) continue;
        const auto per_reader = p->reader_warnings();
        for (std::size_t i = 0; i < per_reader.size(); ++i)
            for (const GdalErrorScope::Warning& w : per_reader[i]) times[i][w.message] += w.times;
    }
    return times;
}

}  // namespace

std::vector<Diagnostic> reader_warning_diagnostics(const JobPlan& plan, const ReaderWarningCounts& times) {
    // A file's open-time warnings were reported at plan time already, as "<its plan-time name>:
    // <message>": each thread opening the same file again must not repeat them.
    const std::vector<Diagnostic> planned = plan.diagnostics.all();
    const auto reported = [&](const std::string& plan_where, const std::string& message) {
        const std::string text = gdal_warning_text(plan_where, message, 1);
        return std::any_of(planned.begin(), planned.end(), [&](const Diagnostic& d) {
            return d.code == "gdal-warning" && (d.message == text || d.message.rfind(text + " (", 0) == 0);
        });
    };
    std::vector<Diagnostic> out;
    for (std::size_t i = 0; i < times.size() && i <= plan.layers.size(); ++i) {
        const bool layer = i < plan.layers.size();
        const std::string plan_where = !layer                         ? plan.population.raster.path.string()
                                       : plan.layers[i].is_raster()   ? plan.layers[i].raster.path.string()
                                                                      : plan.layers[i].source();
        const std::string where = layer ? plan.layers[i].config.path.string() + " (layer '" + plan.layers[i].config.name + "')"
                                        : plan.config.population.raster.string() + " (population.raster)";
        for (const auto& [message, n] : times[i])
            if (!reported(plan_where, message)) out.push_back({"gdal-warning", gdal_warning_text(where, message, n)});
    }
    return out;
}

PipelineResult run_block_pipeline(const JobPlan& plan, const BandSet& bands, const std::vector<Window>& windows,
                                  int threads, const WindowPrepare& prepare, const WindowSink& sink,
                                  const PipelineProgress& progress) {
    PipelineResult result;
    result.threads = threads > 0 ? threads : tbb::info::default_concurrency();
    std::size_t largest = 0, raster_layers = 0, near_layers = 0;
    for (const Window& w : windows) largest = std::max(largest, w.size());
    // The source blocks the threads' readers share, per layer read with "near" (only those reads
    // take a rectangle of source cells per window; io/SharedSourceTiles). Nothing is held until used.
    std::vector<std::shared_ptr<SharedSourceTiles>> shared_tiles;
    for (const LayerPlan& l : plan.layers) {
        const bool shares_blocks = l.is_raster() && l.resampling == "near";
        raster_layers += l.is_raster() ? 1 : 0;
        near_layers += shares_blocks ? 1 : 0;
        shared_tiles.push_back(shares_blocks ? std::make_shared<SharedSourceTiles>(l.raster.path.string(), SharedSourceTiles::kRunBudgetBytes)
                                             : nullptr);
    }
    require_pipeline_memory(estimate_pipeline_memory(largest, windows.size(), bands.zonal.size(), raster_layers, result.threads, near_layers),
                            plan.block_size, result.threads);
    result.zones.resize(plan.zones.size());
    tbb::enumerable_thread_specific<std::unique_ptr<BlockProcessor>> processors;
    std::atomic<bool> cancelled{false};
    // An error in a stage does not leave through TBB: a pipeline cancelled by an exception drops
    // the items in flight without destroying them (each window's cells leaked; LeakSanitizer saw it
    // when a full disk stopped the COG's tile store in the serial stage). The first error is kept,
    // the input stops, the windows in flight pass through untouched, and it is rethrown after.
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto fail = [&] {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
    };
    std::size_t next = 0, done = 0;
    // More threads than cores (--threads 8 on 2 cores) are what was asked for: TBB's worker limit
    // (cores - 1) is raised to match for this run, so the arena gets them instead of TBB printing
    // "the number of workers is currently limited" on stderr (even under --quiet).
    const tbb::global_control workers(tbb::global_control::max_allowed_parallelism,
                                      std::max<std::size_t>(static_cast<std::size_t>(result.threads),
                                                            tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
    tbb::task_arena arena(result.threads);
    arena.execute([&] {
        tbb::parallel_pipeline(
            static_cast<std::size_t>(2 * result.threads),
            tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                                [&](tbb::flow_control& fc) -> std::size_t {
                                                    if (next >= windows.size() || cancelled || failed) {
                                                        fc.stop();
                                                        return 0;
                                                    }
                                                    return next++;
                                                }) &
                tbb::make_filter<std::size_t, std::shared_ptr<WindowResult>>(
                    tbb::filter_mode::parallel,
                    [&](std::size_t i) -> std::shared_ptr<WindowResult> {
                        if (failed) return nullptr;
                        try {
                            auto& processor = processors.local();
                            if (!processor) processor = std::make_unique<BlockProcessor>(plan, bands, shared_tiles);
                            auto r = std::make_shared<WindowResult>(processor->process(i, windows[i]));
                            if (prepare) prepare(*r);
                            return r;
                        } catch (...) {
                            fail();
                            return nullptr;
                        }
                    }) &
                tbb::make_filter<std::shared_ptr<WindowResult>, void>(
                    tbb::filter_mode::serial_in_order, [&](const std::shared_ptr<WindowResult>& r) {
                        if (!r || failed) return;
                        try {
                            if (sink) {
                                const auto t = SteadyClock::now();
                                sink(*r);
                                result.sink_seconds += seconds_since(t);
                            }
                            fold_window_zones(result.zones, r->zones);
                            ++done;
                            if (progress && !progress(double(done) / double(windows.size()))) cancelled = true;
                        } catch (...) {
                            fail();
                        }
                    }));
    });
    if (failure) std::rethrow_exception(failure);
    if (cancelled) throw Cancelled();

    // Bins used, summed over threads (integer sums: the order does not matter).
    for (const LayerPlan& l : plan.layers) result.bin_hits.emplace_back(l.scored() ? l.method->bins().size() : 0, 0);
    for (const auto& p : processors) {
        if (!p) continue;
        for (std::size_t l = 0; l < result.bin_hits.size(); ++l)
            for (std::size_t b = 0; b < result.bin_hits[l].size(); ++b) result.bin_hits[l][b] += p->row_hits()[l][b];
        result.cpu_seconds.read += p->stage_seconds().read;
        result.cpu_seconds.score += p->stage_seconds().score;
        result.cpu_seconds.cumulate += p->stage_seconds().cumulate;
        result.cpu_seconds.zonal += p->stage_seconds().zonal;
    }
    result.reader_warning_counts = count_reader_warnings(plan, processors);
    result.warnings = reader_warning_diagnostics(plan, result.reader_warning_counts);
    return result;
}

}  // namespace burdenmap
