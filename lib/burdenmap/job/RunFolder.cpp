#include "burdenmap/job/RunFolder.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/job/RunManifest.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

using nlohmann::json;

std::string text_or(const json& j, const char* key, const std::string& fallback = "") {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// run.json names its outputs by absolute path. A run folder that was moved or copied since keeps
// its files but not those paths: then the same file name inside the folder is the output.
fs::path output_file(const fs::path& dir, const json& outputs, const char* key, const char* fallback_name) {
    const std::string recorded = text_or(outputs, key);
    std::error_code ec;
    if (!recorded.empty()) {
        const fs::path p(recorded);
        // The recorded file only counts when it is inside this folder: a copied folder must not
        // read the original's files.
        if (fs::exists(p, ec) && fs::equivalent(p.parent_path(), dir, ec)) return p;
        return dir / p.filename();
    }
    return dir / fallback_name;
}

std::vector<std::string> class_labels(const json& method) {
    std::vector<std::string> labels;
    const auto bins = method.find("bins");
    if (bins == method.end() || !bins->is_array()) return labels;
    for (const json& bin : *bins) {
        const auto score = bin.find("score");
        if (score == bin.end() || !score->is_number()) continue;
        const double s = score->get<double>();
        if (s < 0 || s > 1000 || s != std::floor(s)) continue;
        const std::size_t k = static_cast<std::size_t>(s);
        if (labels.size() <= k) labels.resize(k + 1);
        if (labels[k].empty()) labels[k] = text_or(bin, "label");  // two bins of one score: the first names it
    }
    return labels;
}

}  // namespace

Grid RunFolder::grid() const {
    const double dy = rows > 0 ? (extent[3] - extent[1]) / rows : cell_size;
    return Grid(extent[0], extent[3], cell_size, dy, cols, rows);
}

RunFolder read_run_folder(const fs::path& dir) {
    RunFolder run;
    run.dir = dir;
    run.manifest = dir / "run.json";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError(dir.string() + ": not a folder (compare reads finished run folders)");
    std::ifstream in(run.manifest);
    if (!in) throw InputError(dir.string() + ": not a run folder (no run.json; compare reads the output folders of `burdenmap run`)");
    json j;
    try {
        j = json::parse(in);
        run.tool = text_or(j, "tool");
        run.study_name = text_or(j.at("study"), "name");
        const json& grid = j.at("grid");
        run.cols = grid.at("cols").get<int>();
        run.rows = grid.at("rows").get<int>();
        run.cell_size = grid.at("cell_size").get<double>();
        run.block_size = grid.value("block_size", 512);
        const auto extent = grid.at("extent").get<std::vector<double>>();
        if (extent.size() != 4) throw InputError(run.manifest.string() + ": grid.extent must hold 4 numbers");
        for (std::size_t i = 0; i < 4; ++i) run.extent[i] = extent[i];
        run.crs_wkt = text_or(grid, "crs_wkt");
        for (const json& l : j.at("layers")) {
            RunLayer layer;
            layer.name = l.at("name").get<std::string>();
            layer.unit = text_or(l, "unit");
            if (const auto m = l.find("method"); m != l.end() && m->is_object()) {
                layer.method = text_or(*m, "id");
                layer.class_labels = class_labels(*m);
            }
            run.layers.push_back(layer);
        }
        for (const json& c : j.at("cumulations"))
            run.cumulations.push_back({c.at("name").get<std::string>(), text_or(c, "rule"), text_or(c, "unit")});
        if (const auto f = j.find("fairness"); f != j.end() && f->is_object()) run.headline_burden = text_or(*f, "headline_burden");
        if (const auto p = j.find("population"); p != j.end() && p->is_object()) {
            run.population_source = text_or(*p, "source");
            if (const auto input = p->find("input"); input != p->end() && input->is_object()) {
                run.population = RunFolder::Population::raster;
                run.population_raster = text_or(*input, "path");
            } else {
                run.population = RunFolder::Population::zones;
            }
        }
        const json outputs = j.value("outputs", json::object());
        run.geopackage = output_file(dir, outputs, "geopackage", "burden.gpkg");
        run.geotiff = output_file(dir, outputs, "geotiff", "burden.tif");
    } catch (const json::exception& e) {
        throw InputError(run.manifest.string() + ": not a complete run manifest (" + e.what() + ")");
    }
    run.manifest_sha256 = file_sha256(run.manifest);
    return run;
}

std::string grid_difference(const RunFolder& base, const RunFolder& plan) {
    std::string out;
    auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    if (base.cols != plan.cols) add("cols " + std::to_string(base.cols) + " vs " + std::to_string(plan.cols));
    if (base.rows != plan.rows) add("rows " + std::to_string(base.rows) + " vs " + std::to_string(plan.rows));
    if (base.cell_size != plan.cell_size) add("cell size " + round_trip_number(base.cell_size) + " vs " + round_trip_number(plan.cell_size));
    const double slack = 1e-6 * base.cell_size;
    for (std::size_t i = 0; i < 4; ++i)
        if (std::fabs(base.extent[i] - plan.extent[i]) > slack) {
            auto box = [](const std::array<double, 4>& e) {
                return round_trip_number(e[0]) + " " + round_trip_number(e[1]) + " " + round_trip_number(e[2]) + " " + round_trip_number(e[3]);
            };
            add("extent " + box(base.extent) + " vs " + box(plan.extent));
            break;
        }
    if (base.crs_wkt != plan.crs_wkt) add("the CRS (grid.crs_wkt) differs");
    return out;
}

}  // namespace burdenmap
