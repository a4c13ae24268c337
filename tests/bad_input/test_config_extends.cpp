// Scenario configs (`extends`) through the binary: a cycle exits 1 naming both files; `validate`
// marks what a scenario changed; `validate`, `run` and `check-sites` all see the one resolved
// config (the scenario's raster, the base's zones), and run.json records the chain.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard job as the base (job.toml, outputs to out/), and plans/plan.toml over it: its
// noise layer reads plans/screen.tif (50 dB where the base's noise.tif has 60), it adds a layer
// that reads the base's raster, and it gives no [output] dir.
fs::path write_scenario(const Job& job) {
    job.write_config();
    RasterSpec quieter;
    quieter.value = [](int, int) { return 50.0; };
    fs::create_directories(job / "plans");
    write_raster(job / "plans" / "screen.tif", quieter);
    const fs::path plan = job / "plans" / "plan.toml";
    std::ofstream(plan) << R"(extends = "../job.toml"
[study]
name = "plan screen"
[[layer]]
name = "noise"
path = "screen.tif"
[[layer]]
name = "noise_before"
path = "../noise.tif"
unit = "dB Lden"
method = "who2018.road_lden"
)";
    return plan;
}

std::string sha256sum(const fs::path& file) {
    const CommandResult r = run_shell("sha256sum " + shell_quote(file.string()));
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, 64);
}

}  // namespace

TEST_CASE("extends: a cycle exits 1 naming both files, in validate and in run", "[bad_input][extends]") {
    Job job("extends-cycle");
    std::ofstream(job / "a.toml") << "extends = \"b.toml\"\n";
    std::ofstream(job / "b.toml") << "extends = \"a.toml\"\n[output]\ndir = \"out\"\n";
    const std::string cycle = (job / "a.toml").string() + " -> " + (job / "b.toml").string() + " -> " + (job / "a.toml").string();
    for (const std::string command : {"validate", "run"}) {
        INFO(command);
        const CommandResult r = e2e::run_burdenmap({"--quiet", command, (job / "a.toml").string()});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "extends: configs that extend each other in a cycle: " + cycle));
    }
    require_nothing_written(job.out());
}

TEST_CASE("extends: validate prints the resolved config and marks what the scenario changed", "[bad_input][extends]") {
    Job job("extends-validate");
    const fs::path plan = write_scenario(job);
    const CommandResult v = e2e::run_burdenmap({"validate", plan.string()});
    INFO("stdout:\n" << v.out << "\nstderr:\n" << v.err);
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "Config: " + plan.string() + "\n  extends " + job.config_path().string() + "\n"));
    CHECK(contains(v.out, "    layer[noise].path (plan.toml)\n"));
    CHECK(contains(v.out, "    layer[noise_before] added (plan.toml)\n"));
    CHECK(contains(v.out, "Study: plan screen * (changed by plan.toml: name)\n"));
    // The base's zones, each layer with its resolved path and its mark.
    CHECK(contains(v.out, "Zones: 4 from " + (job / "zones.gpkg").string() + "\n"));
    CHECK(contains(v.out, "raster " + (job / "plans" / "screen.tif").string() + " band 1"));
    CHECK(contains(v.out, "method who2018.road_lden * (changed by plan.toml: path)\n"));
    CHECK(contains(v.out, "raster " + (job / "noise.tif").string() + " band 1"));
    CHECK(contains(v.out, "method who2018.road_lden * (added by plan.toml)\n"));
    CHECK(contains(v.out, "count_at_least of noise, noise_before\n"));  // the base's cumulation, unmarked

    // The base itself: no scenario block, no marks.
    const CommandResult b = job.validate();
    REQUIRE(b.exit_code == 0);
    CHECK_FALSE(contains(b.out, "Config:"));
    CHECK_FALSE(contains(b.out, " * ("));
}

TEST_CASE("extends: validate, run and check-sites see the same scenario, run.json records the chain", "[bad_input][extends][parity]") {
    Job job("extends-parity");
    // A value for check-sites, in the base: the scenario's noise layer inherits it.
    job.replace("method = \"who2018.road_lden\"", "method = \"who2018.road_lden\"\nstandard = \"bkl.road_municipal_waterboard_lden_standaardwaarde\"");
    const fs::path plan = write_scenario(job);
    REQUIRE(e2e::run_burdenmap({"--quiet", "validate", plan.string()}).exit_code == 0);

    // No [output] dir in the scenario: "out" beside it, not the base's out/.
    const CommandResult r = e2e::run_burdenmap({"--quiet", "run", plan.string()});
    INFO("stderr:\n" << r.err);
    REQUIRE(r.exit_code == 0);
    const fs::path out = job / "plans" / "out";
    require_complete_outputs(out);
    CHECK_FALSE(fs::exists(job.out()));
    const std::string manifest = e2e::read_file(out / "run.json");
    CHECK(contains(manifest, "\"path\": \"" + (job / "plans" / "screen.tif").string() + "\""));
    CHECK(contains(manifest, "\"path\": \"" + (job / "zones.gpkg").string() + "\""));
    CHECK(contains(manifest, "\"extends\": [\n      {\n        \"path\": \"" + job.config_path().string() + "\",\n        \"sha256\": \"" +
                                 sha256sum(job.config_path()) + "\""));
    // The scenario's raster in the run: every zone's noise mean is 50, the added layer's 60.
    for (const std::string id : {"BU01", "BU04"}) {
        CHECK(zone_value(out / "burden.gpkg", id, "noise_mean") == "50");
        CHECK(zone_value(out / "burden.gpkg", id, "noise_before_mean") == "60");
    }

    // check-sites (issue 16, item 5): the scenario's value at a site.
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    sites.features = {{"POINT (155055 463145)", {"mid"}}};
    write_zones(job / "sites.gpkg", sites);
    const fs::path site_out = job / "plans" / "sites-out";
    const CommandResult s = e2e::run_burdenmap({"--quiet", "check-sites", plan.string(), "--sites", (job / "sites.gpkg").string(), "--id",
                                                "name", "--output-dir", site_out.string()});
    INFO("check-sites stderr:\n" << s.err);
    REQUIRE(s.exit_code == 0);
    const auto rows = e2e::read_layer(site_out / "sites.gpkg", "sites");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("noise_value") == "50");
    CHECK(rows[0].at("noise_before_value") == "60");
}

TEST_CASE("extends: merge refuses shards whose base config changed since they ran", "[bad_input][extends][shards]") {
    Job job("extends-shards");
    const fs::path plan = write_scenario(job);
    const fs::path parts = job / "parts";
    for (const char* shard : {"0/2", "1/2"}) {
        const CommandResult r = e2e::run_burdenmap({"--quiet", "run", plan.string(), "--shard", shard, "--output-dir", parts.string(),
                                                    "--block-size", "8"});
        INFO("shard " << shard << " stderr:\n" << r.err);
        REQUIRE(r.exit_code == 0);
    }
    const auto merge = [&](const fs::path& out) {
        return e2e::run_burdenmap({"--quiet", "merge", parts.string(), "--output-dir", out.string()});
    };
    REQUIRE(merge(job / "merged").exit_code == 0);  // the same chain: merged
    std::ofstream(job.config_path(), std::ios::app) << "# the base edited after the shards ran\n";
    const CommandResult r = merge(job / "merged-again");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, plan.string() + " (or a config it extends): changed since the shards ran"));
    require_nothing_written(job / "merged-again");
}
