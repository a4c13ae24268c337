#pragma once
// A finished run's raster (burden.tif, or burden.vrt of a merged sharded run) read back band by
// band, window by window, with bands found by their description. Read-only: GDAL keeps no
// .aux.xml sidecar beside the run's outputs (io/OutputReader's NoSidecars) while it is open.
#include <filesystem>
#include <memory>
#include <string>

#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"

namespace burdenmap {

class RunRaster {
public:
    // Throws InputError naming the file when it is missing or unreadable, or when it does not lie
    // on `grid` (size and geotransform).
    RunRaster(const std::filesystem::path& path, const Grid& grid);
    ~RunRaster();
    RunRaster(const RunRaster&) = delete;
    RunRaster& operator=(const RunRaster&) = delete;

    const std::filesystem::path& path() const;
    // The 1-based band whose description is `description`; throws InputError naming the file, the
    // band and the bands it has when none is.
    int band(const std::string& description) const;
    // One window of a band as Float32, the band's nodata value turned into NaN. Throws InputError
    // naming the file and band when GDAL cannot read it.
    void read(int band, const Window& window, float* out) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
