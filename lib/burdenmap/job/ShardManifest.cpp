#include "burdenmap/job/ShardManifest.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "burdenmap/core/Errors.h"
#include "burdenmap/job/RunManifest.h"

namespace burdenmap {
namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

std::string shard_manifest_json(const ShardManifest& m) {
    ordered_json j;
    j["format"] = 1;
    j["tool"] = m.tool;
    j["complete"] = m.complete;
    j["shard"] = {{"index", m.shard.index},
                  {"count", m.shard.count},
                  {"first_window", m.range.first_window},
                  {"end_window", m.range.end_window},
                  {"cells", m.range.cells},
                  {"zone_cells", m.range.zone_cells},
                  {"zones", m.range.zones}};
    j["config"] = {{"path", m.config_path}, {"sha256", m.config_sha256}};
    j["method_dirs"] = m.method_dirs;
    j["inputs"] = m.inputs;
    j["method_tables"] = m.method_tables;
    j["grid"] = {{"cols", m.grid_cols}, {"rows", m.grid_rows}, {"x0", m.grid_x0}, {"y0", m.grid_y0},
                 {"dx", m.grid_dx},     {"dy", m.grid_dy},     {"block_size", m.block_size}};
    j["raster_bounds"] = {m.raster_bounds.col_off, m.raster_bounds.row_off, m.raster_bounds.cols, m.raster_bounds.rows};
    const auto file = [](const ShardFile& f) { return ordered_json{{"name", f.name}, {"bytes", f.bytes}}; };
    j["files"] = {{"raster", file(m.raster)}, {"raw_raster", file(m.raw_raster)}, {"partials", file(m.partials)}};
    j["partial_windows"] = m.partial_windows;
    j["bin_hits"] = m.bin_hits;
    ordered_json warnings = ordered_json::array();
    for (const auto& per_source : m.reader_warnings) {
        ordered_json one = ordered_json::object();
        for (const auto& [message, times] : per_source) one[message] = times;
        warnings.push_back(one);
    }
    j["reader_warnings"] = warnings;
    j["threads"] = m.threads;
    j["peak_rss_mib"] = std::round(m.peak_rss_mib * 10) / 10;
    j["host"] = m.host;
    ordered_json timings = ordered_json::object();
    for (const auto& [stage, s] : m.timings) timings[stage] = std::round(s * 1000) / 1000;
    j["timings_seconds"] = timings;
    return j.dump(2) + "\n";
}

ShardManifest read_shard_manifest(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError(file.string() + ": missing (the shard did not finish: run it again)");
    ShardManifest m;
    try {
        const ordered_json j = ordered_json::parse(in);
        if (j.at("format").get<int>() != 1) throw InputError(file.string() + ": shard manifest format " + j.at("format").dump() + " is not 1");
        m.tool = j.at("tool").get<std::string>();
        m.complete = j.at("complete").get<bool>();
        const auto& s = j.at("shard");
        m.shard.index = s.at("index").get<std::size_t>();
        m.shard.count = s.at("count").get<std::size_t>();
        m.range.index = m.shard.index;
        m.range.first_window = s.at("first_window").get<std::size_t>();
        m.range.end_window = s.at("end_window").get<std::size_t>();
        m.range.cells = s.at("cells").get<std::uint64_t>();
        m.range.zone_cells = s.at("zone_cells").get<std::uint64_t>();
        m.range.zones = s.at("zones").get<std::size_t>();
        m.config_path = j.at("config").at("path").get<std::string>();
        m.config_sha256 = j.at("config").at("sha256").get<std::string>();
        m.method_dirs = j.at("method_dirs").get<std::vector<std::string>>();
        m.inputs = j.at("inputs").get<std::map<std::string, std::string>>();
        m.method_tables = j.at("method_tables").get<std::map<std::string, std::string>>();
        const auto& g = j.at("grid");
        m.grid_cols = g.at("cols").get<int>();
        m.grid_rows = g.at("rows").get<int>();
        m.grid_x0 = g.at("x0").get<double>();
        m.grid_y0 = g.at("y0").get<double>();
        m.grid_dx = g.at("dx").get<double>();
        m.grid_dy = g.at("dy").get<double>();
        m.block_size = g.at("block_size").get<int>();
        const auto b = j.at("raster_bounds").get<std::vector<int>>();
        if (b.size() != 4) throw InputError(file.string() + ": raster_bounds must have 4 numbers");
        m.raster_bounds = Window{b[0], b[1], b[2], b[3]};
        const auto file_of = [&](const char* key) {
            const auto& f = j.at("files").at(key);
            return ShardFile{f.at("name").get<std::string>(), f.at("bytes").get<std::uintmax_t>()};
        };
        m.raster = file_of("raster");
        m.raw_raster = file_of("raw_raster");
        m.partials = file_of("partials");
        m.partial_windows = j.at("partial_windows").get<std::uint64_t>();
        m.bin_hits = j.at("bin_hits").get<std::vector<std::vector<std::uint64_t>>>();
        for (const auto& one : j.at("reader_warnings")) m.reader_warnings.push_back(one.get<std::map<std::string, std::size_t>>());
        m.threads = j.at("threads").get<int>();
        m.peak_rss_mib = j.at("peak_rss_mib").get<double>();
        m.host = j.at("host").get<std::string>();
        for (const auto& [stage, secs] : j.at("timings_seconds").items()) m.timings.emplace_back(stage, secs.get<double>());
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string() + ": not a complete shard manifest (" + e.what() + "): run the shard again");
    }
    return m;
}

std::map<std::string, std::string> method_table_checksums(const std::vector<fs::path>& dirs) {
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        std::error_code ec;
        if (!fs::is_directory(dirs[i], ec)) continue;  // planning refuses a missing folder, naming it
        for (const auto& entry : fs::directory_iterator(dirs[i]))
            if (entry.path().extension() == ".toml")
                out["folder " + std::to_string(i + 1) + ": " + entry.path().filename().string()] = file_sha256(entry.path());
    }
    return out;
}

}  // namespace burdenmap
