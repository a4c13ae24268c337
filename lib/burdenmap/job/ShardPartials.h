#pragma once
// A shard's zone partials on disk: per window of its range, the zone statistics that window
// produced (exactly what a single run folds into its zone table in window order) and each raster
// band's window moments (what a single run folds into the GeoTIFF's band statistics). The merge
// reads every shard's file and folds them in the same order: the same bits as one run.
//
// Format (little-endian, as every machine a job array runs on): a magic line and format version,
// one record per window, then a footer with the window count and an FNV-1a 64 checksum of every
// byte before it, so a truncated or damaged file is refused, never folded.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/BandStatistics.h"
#include "burdenmap/job/BlockProcessor.h"

namespace burdenmap {

struct WindowPartial {
    std::size_t window = 0;              // index in the run's BlockLayout
    std::vector<WindowMoments> moments;  // per band of the GeoTIFF, then of the raw GeoTIFF
    std::vector<std::pair<std::size_t, ZoneStats>> zones;  // per zone touching the window
};

class ShardPartialsWriter {
public:
    // Creates (or truncates) `path`; throws OutputError naming it.
    explicit ShardPartialsWriter(std::filesystem::path path);
    void write(const WindowPartial& partial);
    // The footer; throws OutputError when the file could not be written completely.
    void finish();
    std::uint64_t windows() const { return windows_; }

private:
    void put(const std::string& bytes);
    std::filesystem::path path_;
    std::ofstream out_;
    std::uint64_t hash_;
    std::uint64_t windows_ = 0;
};

// Reads `path`, handing each window's partial to `visit` in file order; returns the window count.
// Throws InputError naming the file when it is not a partials file, has another format version,
// is truncated or fails its checksum.
std::size_t read_shard_partials(const std::filesystem::path& path, const std::function<void(WindowPartial&&)>& visit);

}  // namespace burdenmap
