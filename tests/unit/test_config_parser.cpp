// parse_config: small TOML files written into a temp folder per test. Checks what a valid file
// becomes (paths resolved against the config's folder, defaults) and that each kind of mistake is
// a ConfigError naming the key path (DESIGN.md §3: "Unknown keys are errors naming the key path").
#include <catch2/catch.hpp>


#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/Errors.h"
#include "support/ConfigErrorOf.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

// A fresh folder per test, removed afterwards.
using burdenmap::test::TempDir;

// Changes the working directory for the lifetime of the object.
struct ScopedCwd {
    fs::path old;
    explicit ScopedCwd(const fs::path& to) : old(fs::current_path()) { fs::current_path(to); }
    ~ScopedCwd() {
        std::error_code ec;
        fs::current_path(old, ec);
    }
};

const std::string kZones = R"(
[zones]
path = "buurten.gpkg"
id = "buurtcode"
)";

const std::string kLayer = R"(
[[layer]]
name = "road_noise"
path = "lden_road.tif"
method = "ges.road_noise"
)";

// The ConfigError thrown by parsing `text`; fails the test when nothing (or something else) is thrown.
ConfigError error_of(const std::string& text) { return burdenmap::test::config_error_of(text); }

}  // namespace

TEST_CASE("a minimal config: zones and one layer, everything else defaulted", "[config]") {
    TempDir dir("config");
    const std::string text = kZones + kLayer;
    const fs::path file = dir.write("job.toml", text);
    const Config cfg = parse_config(file);

    CHECK(cfg.file == file);
    CHECK(cfg.text == text);
    CHECK(cfg.zones.path == dir.path() / "buurten.gpkg");
    CHECK(cfg.zones.id_field == "buurtcode");
    CHECK(cfg.zones.layer.empty());
    CHECK(cfg.zones.name_field.empty());
    CHECK(cfg.zones.population_field.empty());
    CHECK(cfg.zones.income_fields.empty());
    CHECK(cfg.zones.nodata_values.empty());

    REQUIRE(cfg.layers.size() == 1);
    const LayerConfig& l = cfg.layers[0];
    CHECK(l.name == "road_noise");
    CHECK(l.path == dir.path() / "lden_road.tif");
    CHECK(l.method == "ges.road_noise");
    CHECK(l.band == 1);
    CHECK(l.resampling.empty());
    CHECK(l.kind.empty());  // detected by the plan
    CHECK(l.background == 0.0);
    CHECK_FALSE(l.is_vector());

    // Defaults (Config.h / ConfigParser.cpp).
    CHECK(cfg.study.crs.empty());
    CHECK_FALSE(cfg.study.resolution);
    CHECK_FALSE(cfg.study.extent);
    CHECK(cfg.cumulations.empty());
    CHECK(cfg.method_dirs.empty());
    CHECK(cfg.output.dir.lexically_normal() == dir.path() / "out");
    CHECK(cfg.output.geotiff == "burden.tif");
    CHECK(cfg.output.geopackage == "burden.gpkg");
    CHECK(cfg.output.manifest == "run.json");
    CHECK(cfg.output.raw_geotiff.empty());
    CHECK(cfg.output.csv);
    CHECK_FALSE(cfg.zones.table);
    CHECK(cfg.zones.income_units.empty());
}

TEST_CASE("[zones] table: its columns as \"table:<column>\", income with a unit next to the plain form", "[config][zones_table]") {
    TempDir dir("config");
    const fs::path file = dir.write("job.toml", R"(
[zones]
path = "lsoa.gpkg"
id = "LSOA11CD"
population = "table:pop_2021"
income = { hhi = { field = "table:HHI_mean_2012", unit = "GBP per household" }, imd = "imd_score" }
table = { path = "data/census.csv", id = "LSOA11CD", id_match = "digits", nodata_values = [-9, "NA"] }
[output]
csv = false
)" + kLayer);
    const Config cfg = parse_config(file);
    REQUIRE(cfg.zones.table);
    CHECK(cfg.zones.table->path == dir.path() / "data" / "census.csv");
    CHECK(cfg.zones.table->id == "LSOA11CD");
    CHECK(cfg.zones.table->id_match == IdMatch::digits);
    CHECK(cfg.zones.table->nodata_values == std::vector<double>{-9});
    CHECK(cfg.zones.table->nodata_texts == std::vector<std::string>{"NA"});
    CHECK(cfg.zones.population_field == "table:pop_2021");
    CHECK(table_column(cfg.zones.population_field) == std::optional<std::string>("pop_2021"));
    CHECK_FALSE(table_column("imd_score"));
    using Income = std::vector<std::pair<std::string, std::string>>;
    CHECK(cfg.zones.income_fields == Income{{"hhi", "table:HHI_mean_2012"}, {"imd", "imd_score"}});
    CHECK(cfg.zones.income_units == std::map<std::string, std::string>{{"hhi", "GBP per household"}});
    CHECK_FALSE(cfg.output.csv);
}

TEST_CASE("an [output] table without dir still puts the outputs in <config folder>/out", "[config]") {
    TempDir dir("config");
    const Config cfg = parse_config(dir.write("job.toml", kZones + kLayer + "[output]\ngeotiff = \"b.tif\"\n"));
    CHECK(cfg.output.dir == dir.path() / "out");
    CHECK(cfg.output.geotiff == "b.tif");
    CHECK(cfg.output.geopackage == "burden.gpkg");
}

TEST_CASE("relative paths resolve against the config's folder, not the working directory", "[config]") {
    TempDir dir("config");
    const std::string text = R"(
[zones]
path = "data/zones/buurten.gpkg"
id = "id"

[[layer]]
name = "no2"
path = "../common/no2.tif"
method = "who2021.no2_annual"

[[layer]]
name = "pm25"
path = "/somewhere/absolute/pm25.tif"
method = "who2021.pm25_annual"

[output]
dir = "results/run1"

[methods]
dirs = ["my_methods", "/opt/methods"]
)";
    const fs::path file = dir.write("sub/job.toml", text);
    const fs::path folder = dir.path() / "sub";

    auto check = [&](const Config& cfg) {
        CHECK(cfg.file == file);
        CHECK(cfg.zones.path == folder / "data/zones/buurten.gpkg");
        CHECK(cfg.layers[0].path == dir.path() / "common/no2.tif");  // sub/../common, normalised
        CHECK(cfg.layers[1].path == fs::path("/somewhere/absolute/pm25.tif"));
        CHECK(cfg.output.dir == folder / "results/run1");
        REQUIRE(cfg.method_dirs.size() == 2);
        CHECK(cfg.method_dirs[0] == folder / "my_methods");
        CHECK(cfg.method_dirs[1] == fs::path("/opt/methods"));
    };

    SECTION("working directory /, absolute config path") {
        ScopedCwd cwd("/");
        check(parse_config(file));
    }
    SECTION("working directory elsewhere, config path relative to it") {
        ScopedCwd cwd(dir.path());
        check(parse_config(fs::path("sub/job.toml")));
    }
}

TEST_CASE("a full config: study, zones with income, vector layer, cumulations", "[config]") {
    TempDir dir("config");
    const std::string text = R"(
[study]
name = "Test town"
crs = "EPSG:28992"
resolution = 10
extent = [150000, 440000, 158000, 448000.5]

[zones]
path = "buurten.gpkg"
layer = "buurten"
id = "buurtcode"
name = "buurtnaam"
population = "aantal_inwoners"
income = { mean_income = "gemiddeld_inkomen_per_inwoner", low_income_share = "percentage_huishoudens_met_laag_inkomen" }
nodata_values = [-99999999, -99999997.0]

[[layer]]
name = "road_noise"
path = "lden_road.tif"
unit = "dB Lden"
group = "noise"
method = "ges.road_noise"
band = 2
resampling = "average"
kind = "continuous"

[[layer]]
name = "no2"
path = "no2.tif"
group = "air"
method = "air.no2_ladder"

[[layer]]
name = "risk"
path = "risk.gpkg"
layer = "contours"
value = "risk_per_year"
background = 1e-9
method = "es.pr_class"

[[cumulation]]
name = "stapeling"
rule = "count_at_least"
at_least = { road_noise = 6, no2 = 2.5 }

[[cumulation]]
name = "weighted"
rule = "weighted_sum"
layers = ["road_noise", "no2"]
weights = { road_noise = 2, no2 = 0.5 }

[[cumulation]]
name = "noise_cum"
rule = "energetic_sum"
group = "noise"

[[cumulation]]
name = "six_or_more"
rule = "count_at_least"
at_least = 6
missing = "nodata"
)";
    const Config cfg = parse_config(dir.write("job.toml", text));

    CHECK(cfg.study.name == "Test town");
    CHECK(cfg.study.crs == "EPSG:28992");
    REQUIRE(cfg.study.resolution);
    CHECK(*cfg.study.resolution == 10.0);  // an integer in TOML is accepted as a number
    REQUIRE(cfg.study.extent);
    CHECK(cfg.study.extent->xmin == 150000.0);
    CHECK(cfg.study.extent->ymin == 440000.0);
    CHECK(cfg.study.extent->xmax == 158000.0);
    CHECK(cfg.study.extent->ymax == 448000.5);

    CHECK(cfg.zones.layer == "buurten");
    CHECK(cfg.zones.name_field == "buurtnaam");
    CHECK(cfg.zones.population_field == "aantal_inwoners");
    // Income: output name → input field; both entries present (order is not part of the contract).
    REQUIRE(cfg.zones.income_fields.size() == 2);
    auto income = [&](const std::string& key) {
        for (const auto& [k, v] : cfg.zones.income_fields)
            if (k == key) return v;
        return std::string("(missing)");
    };
    CHECK(income("mean_income") == "gemiddeld_inkomen_per_inwoner");
    CHECK(income("low_income_share") == "percentage_huishoudens_met_laag_inkomen");
    CHECK(cfg.zones.nodata_values == std::vector<double>{-99999999.0, -99999997.0});
    CHECK(cfg.zones.nodata_texts.empty());

    REQUIRE(cfg.layers.size() == 3);
    CHECK(cfg.layers[0].unit == "dB Lden");
    CHECK(cfg.layers[0].group == "noise");
    CHECK(cfg.layers[0].band == 2);
    CHECK(cfg.layers[0].resampling == "average");
    CHECK(cfg.layers[0].kind == "continuous");
    CHECK(cfg.layers[1].group == "air");
    const LayerConfig& risk = cfg.layers[2];
    CHECK(risk.is_vector());
    CHECK(risk.vector_layer == "contours");
    CHECK(risk.value_field == "risk_per_year");
    CHECK(risk.background == 1e-9);

    REQUIRE(cfg.cumulations.size() == 4);
    const CumulationConfig& stapeling = cfg.cumulations[0];
    CHECK(stapeling.rule == "count_at_least");
    CHECK_FALSE(stapeling.at_least);
    CHECK(stapeling.at_least_per_layer == std::map<std::string, double>{{"road_noise", 6.0}, {"no2", 2.5}});
    CHECK(stapeling.layers.empty());
    CHECK(stapeling.group.empty());
    CHECK(stapeling.missing == "skip");  // the default: today's count

    const CumulationConfig& weighted = cfg.cumulations[1];
    CHECK(weighted.layers == std::vector<std::string>{"road_noise", "no2"});
    CHECK(weighted.weights == std::map<std::string, double>{{"road_noise", 2.0}, {"no2", 0.5}});

    CHECK(cfg.cumulations[2].group == "noise");
    REQUIRE(cfg.cumulations[3].at_least);
    CHECK(*cfg.cumulations[3].at_least == 6.0);
    CHECK(cfg.cumulations[3].at_least_per_layer.empty());
    CHECK(cfg.cumulations[3].missing == "nodata");
}

TEST_CASE("unknown keys are errors naming the key path", "[config][errors]") {
    SECTION("top level") {
        const ConfigError e = error_of("[studdy]\nname = \"x\"\n" + kZones + kLayer);
        CHECK(e.key_path() == "studdy");
        CHECK_THAT(std::string(e.what()), Contains("studdy") && Contains("unknown key") && Contains("study"));
    }
    SECTION("inside [[layer]]") {
        const ConfigError e = error_of(kZones + kLayer + "colour = \"red\"\n");
        CHECK(e.key_path() == "layer[0].colour");
        CHECK_THAT(std::string(e.what()), Contains("layer[0].colour") && Contains("unknown key"));
    }
    SECTION("inside the second [[layer]]") {
        const ConfigError e =
            error_of(kZones + kLayer + "[[layer]]\nname = \"b\"\npath = \"b.tif\"\nmethod = \"m\"\nbnad = 2\n");
        CHECK(e.key_path() == "layer[1].bnad");
    }
    SECTION("inside [zones]") {
        const ConfigError e = error_of(kZones + "populaton = \"inw\"\n" + kLayer);
        CHECK(e.key_path() == "zones.populaton");
    }
    SECTION("inside [[cumulation]]") {
        const ConfigError e =
            error_of(kZones + kLayer + "[[cumulation]]\nname = \"c\"\nrule = \"max\"\nlayer = [\"road_noise\"]\n");
        CHECK(e.key_path() == "cumulation[0].layer");
    }
}

TEST_CASE("wrong types name the key and the type found", "[config][errors]") {
    SECTION("resolution as a string") {
        const ConfigError e = error_of("[study]\nresolution = \"ten\"\n" + kZones + kLayer);
        CHECK(e.key_path() == "study.resolution");
        CHECK_THAT(std::string(e.what()), Contains("study.resolution") && Contains("must be a number") &&
                                              Contains("not a string"));
    }
    SECTION("band as a float") {
        const ConfigError e = error_of(kZones + kLayer + "band = 1.5\n");
        CHECK(e.key_path() == "layer[0].band");
        CHECK_THAT(std::string(e.what()), Contains("integer"));
    }
    SECTION("id as a number") {
        const ConfigError e = error_of("[zones]\npath = \"z.gpkg\"\nid = 5\n" + kLayer);
        CHECK(e.key_path() == "zones.id");
    }
    SECTION("[[layer]] as a plain table") {
        const ConfigError e = error_of(kZones + "[layer]\nname = \"a\"\n");
        CHECK(e.key_path() == "layer");
        CHECK_THAT(std::string(e.what()), Contains("[[layer]]"));
    }
    SECTION("a number in quotes with spaces around it is still a number in quotes, not a text token") {
        const ConfigError e = error_of("[zones]\npath = \"z.gpkg\"\nid = \"id\"\nnodata_values = [\" -99999999 \"]\n" + kLayer);
        CHECK(e.key_path() == "zones.nodata_values[0]");
        CHECK_THAT(std::string(e.what()), Contains("write it without quotes"));
    }
    SECTION("a boolean in nodata_values (numbers and text tokens are allowed)") {
        const ConfigError e = error_of("[zones]\npath = \"z.gpkg\"\nid = \"id\"\nnodata_values = [-1, true]\n" + kLayer);
        CHECK(e.key_path() == "zones.nodata_values[1]");
    }
    SECTION("a number in quotes in nodata_values") {
        const ConfigError e = error_of("[zones]\npath = \"z.gpkg\"\nid = \"id\"\nnodata_values = [-1, \" -99999997\"]\n" + kLayer);
        CHECK(e.key_path() == "zones.nodata_values[1]");
        CHECK_THAT(std::string(e.what()), Contains("write it without quotes"));
    }
    SECTION("at_least as a string") {
        const ConfigError e =
            error_of(kZones + kLayer + "[[cumulation]]\nname = \"c\"\nrule = \"count_at_least\"\nat_least = \"six\"\n");
        CHECK(e.key_path() == "cumulation[0].at_least");
    }
    SECTION("a non-number inside the at_least table") {
        const ConfigError e = error_of(kZones + kLayer +
                                       "[[cumulation]]\nname = \"c\"\nrule = \"count_at_least\"\n"
                                       "at_least = { road_noise = \"six\" }\n");
        CHECK(e.key_path() == "cumulation[0].at_least.road_noise");
    }
    SECTION("a non-number inside weights") {
        const ConfigError e = error_of(kZones + kLayer +
                                       "[[cumulation]]\nname = \"c\"\nrule = \"weighted_sum\"\n"
                                       "weights = { road_noise = true }\n");
        CHECK(e.key_path() == "cumulation[0].weights.road_noise");
    }
    SECTION("an income field that is not a string") {
        const ConfigError e =
            error_of("[zones]\npath = \"z.gpkg\"\nid = \"id\"\nincome = { low_income_share = 5 }\n" + kLayer);
        CHECK(e.key_path() == "zones.income.low_income_share");
        CHECK_THAT(std::string(e.what()), Contains("must be a string"));
    }
}

TEST_CASE("missing required parts", "[config][errors]") {
    SECTION("no [zones]") {
        const ConfigError e = error_of(kLayer);
        CHECK(e.key_path() == "zones");
        CHECK_THAT(std::string(e.what()), Contains("required"));
    }
    SECTION("no zones id") {
        const ConfigError e = error_of("[zones]\npath = \"z.gpkg\"\n" + kLayer);
        CHECK(e.key_path() == "zones.id");
    }
    SECTION("no [[layer]]") {
        const ConfigError e = error_of(kZones);
        CHECK(e.key_path() == "layer");
        CHECK_THAT(std::string(e.what()), Contains("at least one"));
    }
    SECTION("an empty method (leave the key out for a layer without one)") {
        const ConfigError e = error_of(kZones + "[[layer]]\nname = \"a\"\npath = \"a.tif\"\nmethod = \"\"\n");
        CHECK(e.key_path() == "layer[0].method");
        CHECK_THAT(std::string(e.what()), Contains("must not be empty"));
    }
    SECTION("a vector layer without value") {
        const ConfigError e = error_of(kZones + kLayer + "layer = \"contours\"\n");
        CHECK(e.key_path() == "layer[0].value");
    }
    SECTION("a cumulation without rule") {
        const ConfigError e = error_of(kZones + kLayer + "[[cumulation]]\nname = \"c\"\n");
        CHECK(e.key_path() == "cumulation[0].rule");
    }
    SECTION("a config file that does not exist") {
        TempDir dir("config");
        const fs::path missing = dir.path() / "nope.toml";
        CHECK_THROWS_WITH(parse_config(missing), Contains(missing.string()));
        CHECK_THROWS_AS(parse_config(missing), ConfigError);
    }
}

TEST_CASE("bad values", "[config][errors]") {
    SECTION("duplicate layer names") {
        const ConfigError e = error_of(kZones + kLayer + kLayer);
        CHECK(e.key_path() == "layer[1].name");
        CHECK_THAT(std::string(e.what()), Contains("'road_noise'") && Contains("twice"));
    }
    SECTION("a cumulation named like a layer") {
        const ConfigError e =
            error_of(kZones + kLayer + "[[cumulation]]\nname = \"road_noise\"\nrule = \"max\"\n");
        CHECK(e.key_path() == "cumulation[0].name");
    }
    SECTION("an invalid layer name") {
        const ConfigError e = error_of(kZones + "[[layer]]\nname = \"Road Noise\"\npath = \"a.tif\"\nmethod = \"m\"\n");
        CHECK(e.key_path() == "layer[0].name");
        CHECK_THAT(std::string(e.what()), Contains("'Road Noise'") && Contains("not a valid name"));
    }
    SECTION("names: a leading digit, a dash and 41 characters are invalid; 40 are fine") {
        for (const std::string& bad : std::vector<std::string>{"1road", "road-noise", std::string(41, 'a'), ""}) {
            INFO("name '" << bad << "'");
            const ConfigError e = error_of(kZones + "[[layer]]\nname = \"" + bad + "\"\npath = \"a.tif\"\nmethod = \"m\"\n");
            CHECK(e.key_path() == "layer[0].name");
        }
        TempDir dir("config");
        const std::string ok(40, 'a');
        const Config cfg =
            parse_config(dir.write("ok.toml", kZones + "[[layer]]\nname = \"" + ok + "\"\npath = \"a.tif\"\nmethod = \"m\"\n"));
        CHECK(cfg.layers[0].name == ok);
    }
    SECTION("layers and group together in a cumulation") {
        const ConfigError e = error_of(kZones + kLayer +
                                       "[[cumulation]]\nname = \"c\"\nrule = \"max\"\n"
                                       "layers = [\"road_noise\"]\ngroup = \"noise\"\n");
        CHECK(e.key_path() == "cumulation[0].group");
        CHECK_THAT(std::string(e.what()), Contains("not both"));
    }
    SECTION("an invalid income output name") {
        const ConfigError e =
            error_of("[zones]\npath = \"z.gpkg\"\nid = \"id\"\nincome = { \"Low Income\" = \"x\" }\n" + kLayer);
        CHECK(e.key_path() == "zones.income.Low Income");
    }
    SECTION("resolution zero or negative") {
        CHECK(error_of("[study]\nresolution = 0\n" + kZones + kLayer).key_path() == "study.resolution");
        CHECK(error_of("[study]\nresolution = -10\n" + kZones + kLayer).key_path() == "study.resolution");
    }
    SECTION("extent with 3 numbers or xmin >= xmax") {
        CHECK(error_of("[study]\nextent = [0, 0, 10]\n" + kZones + kLayer).key_path() == "study.extent");
        CHECK(error_of("[study]\nextent = [10, 0, 10, 10]\n" + kZones + kLayer).key_path() == "study.extent");
    }
    SECTION("band 0") {
        CHECK(error_of(kZones + kLayer + "band = 0\n").key_path() == "layer[0].band");
    }
    SECTION("unknown resampling") {
        const ConfigError e = error_of(kZones + kLayer + "resampling = \"lanczos\"\n");
        CHECK(e.key_path() == "layer[0].resampling");
        CHECK_THAT(std::string(e.what()), Contains("'lanczos'"));
    }
    SECTION("unknown kind") {
        const ConfigError e = error_of(kZones + kLayer + "kind = \"thematic\"\n");
        CHECK(e.key_path() == "layer[0].kind");
        CHECK_THAT(std::string(e.what()), Contains("not one of continuous, categorical"));
    }
    SECTION("raster-only and vector-only keys on the wrong kind of layer") {
        CHECK(error_of(kZones + kLayer + "background = 0\n").key_path() == "layer[0].background");
        CHECK(error_of(kZones + kLayer + "layer = \"c\"\nvalue = \"v\"\nband = 2\n").key_path() == "layer[0].band");
        CHECK(error_of(kZones + kLayer + "layer = \"c\"\nvalue = \"v\"\nresampling = \"near\"\n").key_path() ==
              "layer[0].resampling");
    }
    SECTION("an output name with a folder in it") {
        const ConfigError e = error_of(kZones + kLayer + "[output]\ngeotiff = \"sub/burden.tif\"\n");
        CHECK(e.key_path() == "output.geotiff");
    }
}

TEST_CASE("a TOML syntax error gives file:line", "[config][errors]") {
    TempDir dir("config");
    // Line 1 is "[zones]", line 2 path, line 3 the unterminated string.
    const fs::path file = dir.write("broken.toml", "[zones]\npath = \"z.gpkg\"\nid = \"unterminated\n");
    try {
        parse_config(file);
        FAIL("no error for a syntax error");
    } catch (const ConfigError& e) {
        CHECK(e.key_path().empty());
        CHECK_THAT(std::string(e.what()), Contains(file.string() + ":3:"));
    }
}

// Regression: each output name is checked under its own key, raw_geotiff included.
TEST_CASE("output name errors name the offending key", "[config][errors]") {
    CHECK(error_of(kZones + kLayer + "[output]\ngeopackage = \"sub/burden.gpkg\"\n").key_path() ==
          "output.geopackage");
    CHECK(error_of(kZones + kLayer + "[output]\nmanifest = \"\"\n").key_path() ==
          "output.manifest");
    CHECK(error_of(kZones + kLayer + "[output]\nraw_geotiff = \"../raw.tif\"\n").key_path() ==
          "output.raw_geotiff");
}

// Regression: the default study name was applied only when a [study] table existed.
TEST_CASE("the default study name does not depend on whether [study] is present", "[config]") {
    TempDir dir("config");
    const Config with = parse_config(dir.write("with.toml", "[study]\ncrs = \"EPSG:28992\"\n" + kZones + kLayer));
    CHECK(with.study.name == "burdenmap study");
    const Config without = parse_config(dir.write("without.toml", kZones + kLayer));
    CHECK(without.study.name == "burdenmap study");
}

TEST_CASE("method is optional: a layer without one has no method id and no inline method", "[config][unscored]") {
    TempDir dir("config");
    const Config c = parse_config(dir.write("raw.toml", kZones + "[[layer]]\nname = \"nox\"\npath = \"nox.tif\"\nunit = \"ug/m3\"\n" +
                                                         "limit = \"eu2008.no2_annual_limit\"\n" + kLayer));
    REQUIRE(c.layers.size() == 2);
    CHECK_FALSE(c.layers[0].has_method());
    CHECK(c.layers[0].method.empty());
    CHECK_FALSE(c.layers[0].inline_method);
    CHECK(c.layers[0].limit == "eu2008.no2_annual_limit");  // check-sites keys stay
    CHECK(c.layers[1].has_method());
}

TEST_CASE("a layer's method may be written inline, with the keys of a method table", "[config][methods]") {
    TempDir dir("config");
    const std::string text = kZones + R"(
[[layer]]
name = "noise"
path = "noise.tif"
[layer.method]
family = "class_table"
source = "local policy"
flag_at = 1
class = [ { upper = 60.0, score = 0, label = "quiet", confidence = "verified" },
          { lower = 60.0, score = 1, label = "loud", confidence = "placeholder" } ]
)";
    const Config c = parse_config(dir.write("inline.toml", text));
    REQUIRE(c.layers.size() == 1);
    REQUIRE(c.layers[0].inline_method);
    CHECK(c.layers[0].method == "inline.noise");
    CHECK(c.layers[0].inline_method->uses_placeholders());
    CHECK(c.layers[0].inline_method->max_score() == 1);
    CHECK(c.layers[0].inline_method->info().jurisdiction == "study");  // optional inline: the study's own rule
    // The same strictness as a method table: a row key typo names its path.
    const std::string bad = kZones + R"(
[[layer]]
name = "noise"
path = "noise.tif"
method = { family = "threshold", standard = 5, confidence = "verified", source = "s", colour = "red" }
)";
    try {
        parse_config(dir.write("bad.toml", bad));
        FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
        CHECK(e.key_path() == "layer[0].method.colour");
    }
}

TEST_CASE("[study] place and jurisdiction, and titles of layers and cumulations", "[config][study-wording]") {
    TempDir dir("config");
    const Config plain = parse_config(dir.write("plain.toml", kZones + kLayer));
    CHECK(plain.study.place.empty());
    CHECK(plain.study.jurisdiction.empty());  // default: none, so no legal value is "here"
    CHECK(plain.layers[0].title.empty());
    const Config c = parse_config(dir.write("titled.toml", "[study]\nname = \"Air and income 2019\"\nplace = \"Greater Lóndon\"\n"
                                                           "jurisdiction = \"EU\"\n" + kZones + kLayer +
                                                           "title = \"NOx\"\n[[cumulation]]\nname = \"c\"\nrule = \"max\"\n"
                                                           "title = \"Highest score\"\n"));
    CHECK(c.study.name == "Air and income 2019");
    CHECK(c.study.place == "Greater Lóndon");
    CHECK(c.study.jurisdiction == "EU");
    CHECK(c.layers[0].title == "NOx");
    CHECK(c.cumulations[0].title == "Highest score");
}

TEST_CASE("nodata_values holds numbers and text tokens in one array (TOML 1.0 mixed arrays)", "[config]") {
    TempDir dir("config");
    const fs::path file = dir.write("job.toml", "[zones]\npath = \"z.gpkg\"\nid = \"id\"\nnodata_values = [-99999999, \"NA\", \"n/a\", \"\", -1.5]\n" +
                                                    kLayer + "[fairness]\nincome = \"i\"\n[fairness.table]\npath = \"t.csv\"\nid = \"id\"\nnodata_values = [\"NA\"]\n");
    const Config cfg = parse_config(file);
    CHECK(cfg.zones.nodata_values == std::vector<double>{-99999999.0, -1.5});
    CHECK(cfg.zones.nodata_texts == std::vector<std::string>{"NA", "n/a", ""});
    REQUIRE(cfg.fairness.table);
    CHECK(cfg.fairness.table->nodata_values.empty());
    CHECK(cfg.fairness.table->nodata_texts == std::vector<std::string>{"NA"});
}
