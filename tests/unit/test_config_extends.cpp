// Scenario configs: `extends = "base.toml"` (ConfigExtends.cpp). A base config in base/ and the
// scenarios in plans/, so a path resolved against the wrong file's folder shows; each case checks
// what the merged config holds, or that the mistake is refused naming the file and key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/Errors.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using burdenmap::test::TempDir;
using Catch::Matchers::Contains;

namespace {

const std::string kBase = R"(
[study]
name = "Base"
extent = [0, 0, 100, 100]

[zones]
path = "buurten.gpkg"
id = "buurtcode"
population = "inwoners"
income = { low_income_share = "p_low", mean_income = "inkomen" }
table = { path = "kwb.csv", id = "code" }

[[layer]]
name = "road_noise"
path = "lden_road.tif"
unit = "dB Lden"
method = "ges.road_noise"
guidelines = ["who2018.road_lden"]

[[layer]]
name = "rail_noise"
path = "lden_rail.tif"
method = "ges.rail_noise"

[[cumulation]]
name = "noise_count"
rule = "count_at_least"
layers = ["road_noise", "rail_noise"]

[output]
dir = "out-base"
geotiff = "base.tif"
)";

// The text of the error that parsing `file` throws (ConfigError or InputError); fails the test
// when it parses.
std::string error_of(const fs::path& file) {
    try {
        parse_config(file);
    } catch (const ConfigError& e) {
        return e.what();
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL_CHECK("parse_config accepted " << file);
    return "";
}

// base/base.toml (kBase), and plans/<name> over it: `body` after the extends line.
fs::path write_plan(const TempDir& dir, const std::string& body, const std::string& name = "plan.toml") {
    dir.write("base/base.toml", kBase);
    return dir.write("plans/" + name, "extends = \"../base/base.toml\"\n" + body);
}

const LayerConfig& layer(const Config& cfg, const std::string& name) {
    for (const LayerConfig& l : cfg.layers)
        if (l.name == name) return l;
    FAIL("no layer " << name);
    return cfg.layers.front();
}

}  // namespace

TEST_CASE("extends: a layer named as a base layer changes only the keys it gives", "[config][extends]") {
    TempDir dir("extends");
    const fs::path plan = write_plan(dir, R"([[layer]]
name = "road_noise"
path = "lden_screen.tif"
)");
    const Config cfg = parse_config(plan);
    REQUIRE(cfg.layers.size() == 2);
    const LayerConfig& road = cfg.layers[0];
    CHECK(road.name == "road_noise");
    // The scenario's own path against the scenario's folder, the base's against the base's.
    CHECK(road.path == dir.path() / "plans" / "lden_screen.tif");
    CHECK(road.unit == "dB Lden");
    CHECK(road.method == "ges.road_noise");
    CHECK(road.guidelines == std::vector<std::string>{"who2018.road_lden"});
    CHECK(cfg.layers[1].path == dir.path() / "base" / "lden_rail.tif");
    CHECK(cfg.zones.path == dir.path() / "base" / "buurten.gpkg");
    REQUIRE(cfg.zones.table);
    CHECK(cfg.zones.table->path == dir.path() / "base" / "kwb.csv");
    CHECK(cfg.study.name == "Base");

    CHECK(cfg.file == plan);
    REQUIRE(cfg.extends.size() == 1);
    CHECK(cfg.extends[0].file == dir.path() / "base" / "base.toml");
    CHECK(cfg.extends[0].text == kBase);
    REQUIRE(cfg.changes.size() == 1);
    CHECK(cfg.changes[0].key == "layer[road_noise].path");
    CHECK(cfg.changes[0].file.filename() == "plan.toml");
    CHECK_FALSE(cfg.changes[0].added);
    CHECK(cfg.changes_to("layer[road_noise]").size() == 1);
    CHECK(cfg.changes_to("layer[rail_noise]").empty());
    CHECK(cfg.changes_to("layer[road]").empty());  // a prefix of a name is another entry
}

TEST_CASE("extends: a new layer and a new cumulation are added at the end, in file order", "[config][extends]") {
    TempDir dir("extends");
    const fs::path plan = write_plan(dir, R"([[layer]]
name = "wind"
path = "wind.tif"
[[layer]]
name = "air"
path = "/abs/no2.tif"
[[cumulation]]
name = "all_count"
rule = "count_at_least"
[[cumulation]]
name = "noise_count"
layers = ["road_noise"]
)");
    const Config cfg = parse_config(plan);
    REQUIRE(cfg.layers.size() == 4);
    CHECK(cfg.layers[2].name == "wind");
    CHECK(cfg.layers[2].path == dir.path() / "plans" / "wind.tif");
    CHECK(cfg.layers[3].name == "air");
    CHECK(cfg.layers[3].path == fs::path("/abs/no2.tif"));  // absolute stays as written
    REQUIRE(cfg.cumulations.size() == 2);
    CHECK(cfg.cumulations[0].name == "noise_count");
    CHECK(cfg.cumulations[0].rule == "count_at_least");  // kept: only `layers` given
    CHECK(cfg.cumulations[0].layers == std::vector<std::string>{"road_noise"});  // replaced whole
    CHECK(cfg.cumulations[1].name == "all_count");
    for (const char* added : {"layer[wind]", "layer[air]", "cumulation[all_count]"}) {
        const auto changes = cfg.changes_to(added);
        REQUIRE(changes.size() == 1);
        CHECK(changes[0].added);
    }
}

TEST_CASE("extends: [zones] merges key by key, population may name a table column", "[config][extends]") {
    TempDir dir("extends");
    const fs::path plan = write_plan(dir, R"([zones]
population = "table:new_dwellings"
income = { low_income_share = "p_low_plan", median = "mediaan" }
)");
    const Config cfg = parse_config(plan);
    CHECK(cfg.zones.population_field == "table:new_dwellings");
    CHECK(cfg.zones.id_field == "buurtcode");
    CHECK(cfg.zones.path == dir.path() / "base" / "buurten.gpkg");
    // The inline table merges too: the base's keys in their place, a new one after them.
    using Income = std::vector<std::pair<std::string, std::string>>;
    CHECK(cfg.zones.income_fields == Income{{"low_income_share", "p_low_plan"}, {"mean_income", "inkomen"}, {"median", "mediaan"}});
    CHECK(cfg.changes_to("zones").size() == 3);
}

TEST_CASE("extends: arrays that are not arrays of tables are replaced whole", "[config][extends]") {
    TempDir dir("extends");
    const fs::path plan = write_plan(dir, R"([study]
extent = [10, 10, 50, 50]
[[layer]]
name = "road_noise"
guidelines = []
)");
    const Config cfg = parse_config(plan);
    REQUIRE(cfg.study.extent);
    CHECK(cfg.study.extent->xmin == 10);
    CHECK(cfg.study.extent->xmax == 50);
    CHECK(layer(cfg, "road_noise").guidelines.empty());
    CHECK(cfg.study.name == "Base");
}

TEST_CASE("extends: [output] dir is not inherited, the output file names are", "[config][extends]") {
    TempDir dir("extends");
    const Config plan = parse_config(write_plan(dir, ""));
    const Config base = parse_config(dir / "base/base.toml");
    CHECK(base.output.dir == dir.path() / "base" / "out-base");
    CHECK(plan.output.dir == dir.path() / "plans" / "out");  // the default: "out" beside the scenario
    CHECK(plan.output.geotiff == "base.tif");

    const Config own = parse_config(write_plan(dir, "[output]\ndir = \"out-plan\"\n", "own.toml"));
    CHECK(own.output.dir == dir.path() / "plans" / "out-plan");
    CHECK(own.output.geotiff == "base.tif");
}

TEST_CASE("extends: a chain of three, each path against its own file's folder", "[config][extends]") {
    TempDir dir("extends");
    write_plan(dir, R"([[layer]]
name = "road_noise"
path = "lden_screen.tif"
[[layer]]
name = "wind"
path = "wind.tif"
)");
    const fs::path plan2 = dir.write("plans/v2/plan2.toml", R"(extends = "../plan.toml"
[study]
name = "Plan 2"
[[layer]]
name = "wind"
unit = "m/s"
[population]
raster = "pop.tif"
)");
    const Config cfg = parse_config(plan2);
    REQUIRE(cfg.extends.size() == 2);
    CHECK(cfg.extends[0].file == dir.path() / "plans" / "plan.toml");
    CHECK(cfg.extends[1].file == dir.path() / "base" / "base.toml");
    CHECK(cfg.study.name == "Plan 2");
    CHECK(layer(cfg, "road_noise").path == dir.path() / "plans" / "lden_screen.tif");
    CHECK(layer(cfg, "rail_noise").path == dir.path() / "base" / "lden_rail.tif");
    CHECK(layer(cfg, "wind").path == dir.path() / "plans" / "wind.tif");
    CHECK(layer(cfg, "wind").unit == "m/s");
    CHECK(cfg.population.raster == dir.path() / "plans" / "v2" / "pop.tif");
    CHECK(cfg.output.dir == dir.path() / "plans" / "v2" / "out");
    // Each change names the file that made it.
    const auto wind = cfg.changes_to("layer[wind]");
    REQUIRE(wind.size() == 2);
    CHECK(wind[0].added);
    CHECK(wind[0].file.filename() == "plan.toml");
    CHECK(wind[1].key == "layer[wind].unit");
    CHECK(wind[1].file.filename() == "plan2.toml");
}

TEST_CASE("extends: a cycle is refused naming the files, as is a config that extends itself", "[config][extends]") {
    TempDir dir("extends");
    const fs::path a = dir.write("a.toml", "extends = \"b.toml\"\n");
    dir.write("b.toml", "extends = \"a.toml\"\n");
    const std::string cycle = error_of(a);
    CHECK_THAT(cycle, Contains("extends: configs that extend each other in a cycle"));
    CHECK_THAT(cycle, Contains((dir / "a.toml").string() + " -> " + (dir / "b.toml").string() + " -> " + (dir / "a.toml").string()));

    const fs::path self = dir.write("self.toml", "extends = \"./self.toml\"\n");
    CHECK_THAT(error_of(self), Contains("cycle: " + self.string() + " -> " + self.string()));
    CHECK_THROWS_AS(parse_config(a), InputError);  // a problem with the files: exit 1
}

TEST_CASE("extends: a missing base is refused naming the key and the path tried", "[config][extends]") {
    TempDir dir("extends");
    const fs::path plan = dir.write("plans/plan.toml", "extends = \"../base/nope.toml\"\n");
    const std::string e = error_of(plan);
    CHECK_THAT(e, Contains("extends:") && Contains("tried " + (dir / "base" / "nope.toml").string()) && Contains(plan.string()));
    CHECK_THAT(error_of(dir.write("list.toml", "extends = [\"a.toml\", \"b.toml\"]\n")), Contains("extends: must be a string, not an array"));
}

TEST_CASE("extends: an unknown key in the scenario is refused naming the scenario file and the layer", "[config][extends]") {
    TempDir dir("extends");
    const fs::path plan = write_plan(dir, R"([[layer]]
name = "road_noise"
pth = "lden_screen.tif"
)");
    const std::string e = error_of(plan);
    CHECK_THAT(e, Contains("layer[road_noise].pth: unknown key") && Contains("(in " + plan.string() + ")"));
    // A key of the base's section in the scenario, and a duplicate name in one scenario.
    CHECK_THAT(error_of(write_plan(dir, "[zones]\nidd = \"x\"\n", "zones.toml")),
               Contains("zones.idd: unknown key") && Contains("zones.toml)"));
    CHECK_THAT(error_of(write_plan(dir, "[[layer]]\nname = \"wind\"\npath = \"a.tif\"\n[[layer]]\nname = \"wind\"\npath = \"b.tif\"\n", "twice.toml")),
               Contains("layer[wind]: the name 'wind' is used twice") && Contains("twice.toml"));
}

TEST_CASE("extends: fairness indicators merge by name, the fairness table and method folders keep their base's folder", "[config][extends]") {
    TempDir dir("extends");
    dir.write("base/base.toml", kBase + R"(
[methods]
dirs = ["local-methods"]

[fairness]
income = "mean_income"
index = "nl_default"

[[fairness.indicator]]
name = "noise"
from = "road_noise_mean"
group = "exposures"

[[fairness.indicator]]
name = "poor"
from = "table:p_low"
group = "socioeconomic_factors"

[fairness.table]
path = "kwb.csv"
id = "code"
)");
    const fs::path plan = dir.write("plans/plan.toml", R"(extends = "../base/base.toml"
[[fairness.indicator]]
name = "noise"
from = "noise_count_mean"
[[fairness.indicator]]
name = "wind"
from = "wind_mean"
group = "exposures"
)");
    const Config cfg = parse_config(plan);
    REQUIRE(cfg.fairness.indicators.size() == 3);
    CHECK(cfg.fairness.indicators[0].name == "noise");
    CHECK(cfg.fairness.indicators[0].from == "noise_count_mean");
    CHECK(cfg.fairness.indicators[0].group == "exposures");
    CHECK(cfg.fairness.indicators[1].name == "poor");
    CHECK(cfg.fairness.indicators[2].name == "wind");
    CHECK(cfg.fairness.index == "nl_default");
    REQUIRE(cfg.fairness.table);
    CHECK(cfg.fairness.table->path == dir.path() / "base" / "kwb.csv");
    CHECK(cfg.method_dirs == std::vector<fs::path>{dir.path() / "base" / "local-methods"});
    CHECK(cfg.changes_to("fairness.indicator[wind]").size() == 1);
    CHECK(cfg.changes_to("fairness.indicator[noise]").size() == 1);
}
