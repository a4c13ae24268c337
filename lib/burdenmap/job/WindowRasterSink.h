#pragma once
// A run's windows into its GeoTIFFs (burden.tif and, when configured, the raw GeoTIFF), shared
// by `run` and a shard: each window's band summaries (moments, overview cells) are computed in the
// pipeline's parallel stage (prepare), its cells handed to GDAL in the serial, in-order stage
// (write), which frees the summaries again.
#include <cstddef>
#include <vector>

#include "burdenmap/core/BandStatistics.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

class WindowRasterSink {
public:
    // `raw` may be null. `windows`: how many windows the pipeline runs (WindowResult::index is
    // below it). `origin`: the cell of the run's grid where the writers' grid starts (a shard
    // writes the rectangle of its windows; a run the whole grid, from 0, 0).
    WindowRasterSink(const JobPlan& plan, GeoTiffWriter& tiff, GeoTiffWriter* raw, std::size_t windows, Window origin = {});

    void prepare(const WindowResult& r);
    // Writes the window's cells; returns its band moments (burden.tif's bands, then the raw
    // GeoTIFF's), which the writers fold into their band statistics and a shard saves.
    std::vector<WindowMoments> write(const WindowResult& r);

private:
    Window in_writer(const Window& w) const;
    const JobPlan& plan_;
    GeoTiffWriter& tiff_;
    GeoTiffWriter* raw_;
    Window origin_;
    struct Summaries {
        std::vector<GeoTiffWriter::WindowSummary> tiff, raw;
    };
    std::vector<Summaries> summaries_;  // per window, between prepare and write
};

}  // namespace burdenmap
