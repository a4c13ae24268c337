#pragma once
// run.json: what was run, on what, with which versions, what it warned, how long it took. The
// same JSON goes into the GeoPackage's gpkg_metadata, so results carry their provenance.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

struct ManifestExtras {
    std::vector<std::pair<std::string, std::filesystem::path>> outputs;  // kind → final path
    std::vector<std::pair<std::string, double>> timings;                 // stage → seconds
    std::vector<std::vector<std::uint64_t>> row_hits;                    // per layer, per class row
    int threads = 0;
    std::vector<Diagnostic> warnings;
    std::map<std::string, std::string> sha256;  // input path → checksum, from input_checksums()
    const struct FairnessResult* fairness = nullptr;  // when [fairness] is configured
    const struct UncertaintyResult* uncertainty = nullptr;  // when [uncertainty] is configured
    std::string shards_json;  // a merged run: per shard (range, timings, memory, host), a JSON array
};

// SHA-256 of every input file of the plan (config, zones, layers), computed once per run.
std::map<std::string, std::string> input_checksums(const JobPlan& plan);

// The manifest as pretty-printed JSON text.
std::string manifest_json(const JobPlan& plan, const ManifestExtras& extras);

// SHA-256 of a file as lowercase hex ("" when unreadable).
std::string file_sha256(const std::filesystem::path& path);

// The config's checksum as a shard records it and the merge compares it: the file's own SHA-256,
// or for a scenario (`extends`) the SHA-256 of the chain's file checksums, so a base config
// changed since the shards ran is caught too.
std::string config_sha256(const Config& config);

// "burdenmap 0.1.0".
std::string burdenmap_version();

}  // namespace burdenmap
