// An output that is an input: with --overwrite the output would replace the input (or, through a
// link, the run would read what it writes). Every command that writes refuses before any work,
// exit 1, naming both files; the input keeps its bytes and nothing is written. Plain same name, a
// hard link, a symlink at the output's path, the config itself, a method table, the sites, the
// run manifest of `burdenmap report`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// Refused with exit 1, naming the output and the input (`role`, `input`) and the fix; the input
// still holds `before`; `folder` holds just `kept` and no temporary file.
void require_refused(const CommandResult& r, const fs::path& output, const std::string& role, const fs::path& input,
                     const std::string& before, const fs::path& folder, std::vector<std::string> kept) {
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "the output " + output.string()));
    CHECK(contains(r.err, role + ", " + input.string() + " (the same file)"));
    CHECK(contains(r.err, "choose another --output-dir"));
    const bool untouched = e2e::read_file(input) == before;  // a boolean: Catch would print binary files
    CHECK(untouched);
    auto found = final_outputs(folder);
    std::sort(found.begin(), found.end());
    std::sort(kept.begin(), kept.end());
    CHECK(found == kept);
    CHECK(temp_files(folder).empty());
}

}  // namespace

TEST_CASE("outputs as inputs: a raster named like an output in the output folder is refused, untouched",
          "[bad_input][outputs_as_inputs]") {
    Job job("clash-same-name");
    fs::create_directories(job.out());
    fs::rename(job / "noise.tif", job.out() / "burden.tif");
    job.replace("path = \"noise.tif\"", "path = \"out/burden.tif\"");
    const std::string before = e2e::read_file(job.out() / "burden.tif");
    const CommandResult r = job.run({"--overwrite"});
    require_refused(r, job.out() / "burden.tif", "the input of layer 'noise'", job.out() / "burden.tif", before, job.out(),
                    {"burden.tif"});
    // validate refuses it too, with the config's output folder (out), before any run.
    require_refused(job.validate(), job.out() / "burden.tif", "the input of layer 'noise'", job.out() / "burden.tif", before,
                    job.out(), {"burden.tif"});
}

TEST_CASE("outputs as inputs: an output that is a hard link to the zones is refused", "[bad_input][outputs_as_inputs]") {
    Job job("clash-hard-link");
    fs::create_directories(job.out());
    fs::create_hard_link(job / "zones.gpkg", job.out() / "burden.gpkg");
    const std::string before = e2e::read_file(job / "zones.gpkg");
    const CommandResult r = job.run({"--overwrite"});
    require_refused(r, job.out() / "burden.gpkg", "the zones (zones.path)", job / "zones.gpkg", before, job.out(), {"burden.gpkg"});
    CHECK(fs::hard_link_count(job / "zones.gpkg") == 2);
}

TEST_CASE("outputs as inputs: a symlink at run.json pointing at the config is refused", "[bad_input][outputs_as_inputs]") {
    Job job("clash-symlink");
    job.write_config();
    fs::create_directories(job.out());
    fs::create_symlink(job.config_path(), job.out() / "run.json");
    const std::string before = e2e::read_file(job.config_path());
    const CommandResult r = job.run({"--overwrite"});
    require_refused(r, job.out() / "run.json", "the config file", job.config_path(), before, job.out(), {"run.json"});
    CHECK(fs::is_symlink(job.out() / "run.json"));
}

TEST_CASE("outputs as inputs: the config itself as the manifest's target is refused", "[bad_input][outputs_as_inputs]") {
    Job job("clash-config");
    job.replace("dir = \"out\"", "dir = \"out\"\nmanifest = \"job.toml\"");
    job.write_config();
    const std::string before = e2e::read_file(job.config_path());
    // The config's own folder as the output folder: run.json would be written over job.toml.
    const CommandResult r = e2e::run_burdenmap({"--quiet", "run", job.config_path().string(), "--output-dir", job.dir().string(),
                                                "--overwrite"});
    require_refused(r, job.config_path(), "the config file", job.config_path(), before, job.dir(),
                    {"job.toml", "noise.tif", "zones.gpkg"});
}

TEST_CASE("outputs as inputs: an output over a method table of --methods-dir is refused", "[bad_input][outputs_as_inputs]") {
    Job job("clash-method-table");
    const fs::path methods = job / "methods";
    fs::create_directories(methods);
    fs::copy_file(fs::path(e2e::source_dir()) / "data" / "methods" / "who2018-noise.toml", methods / "who2018-noise.toml");
    job.replace("dir = \"out\"", "dir = \"out\"\ngeopackage = \"who2018-noise.toml\"");
    const std::string before = e2e::read_file(methods / "who2018-noise.toml");
    job.write_config();
    const CommandResult r = e2e::run_burdenmap({"--quiet", "run", job.config_path().string(), "--output-dir", methods.string(),
                                                "--methods-dir", methods.string(), "--overwrite"});
    require_refused(r, methods / "who2018-noise.toml", "a method table", methods / "who2018-noise.toml", before, methods,
                    {"who2018-noise.toml"});
}

TEST_CASE("outputs as inputs: check-sites refuses sites that are its own output", "[bad_input][outputs_as_inputs]") {
    Job job("clash-sites");
    job.replace("method = \"who2018.road_lden\"", "method = \"who2018.road_lden\"\nstandard = \"who2018.road_lden\"");
    job.write_config();
    fs::create_directories(job.out());
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    sites.features = {{"POINT (155050 463150)", {"a"}}};
    write_zones(job.out() / "sites.gpkg", sites);
    const std::string before = e2e::read_file(job.out() / "sites.gpkg");
    const CommandResult r = e2e::run_burdenmap({"--quiet", "check-sites", job.config_path().string(), "--sites",
                                                (job.out() / "sites.gpkg").string(), "--output-dir", job.out().string(), "--overwrite"});
    UNSCOPED_INFO("stderr: " << r.err);
    require_refused(r, job.out() / "sites.gpkg", "the sites (--sites)", job.out() / "sites.gpkg", before, job.out(),
                    {"sites.gpkg"});
}

TEST_CASE("outputs as inputs: report refuses to write over the run manifest it reads", "[bad_input][outputs_as_inputs]") {
    Job job("clash-report");
    REQUIRE(job.run().exit_code == 0);
    fs::rename(job.out() / "run.json", job.out() / "map.png");
    const std::string before = e2e::read_file(job.out() / "map.png");
    const CommandResult r = e2e::run_burdenmap({"report", job.out().string(), "--manifest", "map.png", "--overwrite"});
    UNSCOPED_INFO("stderr: " << r.err);
    require_refused(r, job.out() / "map.png", "the run manifest (--manifest)", job.out() / "map.png", before, job.out(),
                    {"burden.gpkg", "burden.qml", "burden.tif", "map.png", "zones.csv"});
}
