// The uncertainty keys of a config (UncertaintyConfigParser.cpp): [uncertainty], a layer's
// `error`, a cumulation's at_least_options and weights_range. Each accepted form and default, the
// mistakes refused naming the key path, and the keys given by a scenario over its base (`extends`).
// The CLI's exit codes and messages for the same mistakes: tests/bad_input/test_uncertainty_config.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/Errors.h"
#include "support/ConfigErrorOf.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using burdenmap::test::TempDir;
using Catch::Matchers::Contains;

namespace {

const std::string kZones = "[zones]\npath = \"buurten.gpkg\"\nid = \"buurtcode\"\n\n";
// One layer; `extra` lines go into it.
std::string layer(const std::string& extra) {
    return "[[layer]]\nname = \"no2\"\npath = \"no2.tif\"\nmethod = \"who2021.no2_annual\"\n" + extra + "\n";
}
std::string cumulation(const std::string& rule, const std::string& extra) {
    return "[[cumulation]]\nname = \"stapeling\"\nrule = \"" + rule + "\"\n" + extra + "\n";
}

Config parse(const std::string& text) {
    TempDir dir("uncertainty");
    return parse_config(dir.write("job.toml", text));
}

// Parsing `text` throws a ConfigError naming `key_path` and the file, saying `words`.
void refused(const std::string& text, const std::string& key_path, const std::string& words) {
    INFO(text);
    const ConfigError e = burdenmap::test::config_error_of(text);
    CHECK(e.key_path() == key_path);
    CHECK_THAT(std::string(e.what()), Contains(key_path) && Contains(words) && Contains("job.toml"));
}

}  // namespace

TEST_CASE("[uncertainty]: absent is off, present turns it on with the defaults", "[config][uncertainty]") {
    const Config none = parse(kZones + layer(""));
    CHECK_FALSE(none.uncertainty.enabled);
    CHECK(none.layers[0].error.empty());

    const Config on = parse(kZones + layer("") + "[uncertainty]\n");
    CHECK(on.uncertainty.enabled);
    CHECK(on.uncertainty.draws == 500);
    CHECK(on.uncertainty.seed == 1);
    CHECK(on.uncertainty.percentile_options.empty());
    CHECK(on.uncertainty.exposure_response);
}

TEST_CASE("[uncertainty]: every key given", "[config][uncertainty]") {
    const Config c = parse(kZones + layer("") +
                           "[uncertainty]\ndraws = 100000\nseed = 0\npercentile_options = [\"ces\", \"cejst\", \"ejscreen\"]\n"
                           "exposure_response = false\n");
    CHECK(c.uncertainty.draws == 100000);
    CHECK(c.uncertainty.seed == 0);
    CHECK(c.uncertainty.percentile_options == std::vector<std::string>{"ces", "cejst", "ejscreen"});
    CHECK_FALSE(c.uncertainty.exposure_response);
    // A seed beyond 32 bits is kept whole.
    CHECK(parse(kZones + layer("") + "[uncertainty]\nseed = 9007199254740993\n").uncertainty.seed == 9007199254740993ULL);
    CHECK(parse(kZones + layer("") + "[uncertainty]\ndraws = 1\n").uncertainty.draws == 1);
}

TEST_CASE("[uncertainty]: bad values are refused naming the key", "[config][uncertainty][errors]") {
    const std::string head = kZones + layer("") + "[uncertainty]\n";
    refused(head + "draws = 0\n", "uncertainty.draws", "between 1 and 100000");
    refused(head + "draws = 100001\n", "uncertainty.draws", "between 1 and 100000");
    refused(head + "draws = 1.5\n", "uncertainty.draws", "must be an integer");
    refused(head + "seed = -1\n", "uncertainty.seed", "must not be negative");
    refused(head + "seed = \"1\"\n", "uncertainty.seed", "must be an integer");
    refused(head + "drawz = 10\n", "uncertainty.drawz", "unknown key");
    refused(head + "percentile_options = [\"nope\"]\n", "uncertainty.percentile_options[0]", "not one of ces, cejst, ejscreen");
    refused(head + "percentile_options = [\"ces\", \"given\"]\n", "uncertainty.percentile_options[1]", "'given' passes published percentiles");
    refused(head + "percentile_options = \"ces\"\n", "uncertainty.percentile_options", "must be an array of strings");
    refused(head + "exposure_response = 1\n", "uncertainty.exposure_response", "must be true or false");
    refused("uncertainty = 5\n" + kZones + layer(""), "uncertainty", "must be a table");
}

TEST_CASE("layer error: one table, defaults, or an array of tables at both scales", "[config][uncertainty]") {
    SECTION("sd alone: scale zone") {
        const Config c = parse(kZones + layer("error = { sd = 2.0 }"));
        REQUIRE(c.layers[0].error.size() == 1);
        CHECK(c.layers[0].error[0].sd == 2.0);
        CHECK(c.layers[0].error[0].sd_rel == 0);
        CHECK(c.layers[0].error[0].scale == "zone");
    }
    SECTION("sd and sd_rel in one table, scale study; an integer sd") {
        const Config c = parse(kZones + layer("error = { sd = 1, sd_rel = 0.2, scale = \"study\" }"));
        REQUIRE(c.layers[0].error.size() == 1);
        CHECK(c.layers[0].error[0].sd == 1.0);
        CHECK(c.layers[0].error[0].sd_rel == 0.2);
        CHECK(c.layers[0].error[0].scale == "study");
    }
    SECTION("an array: one part per scale, in the file's order") {
        const Config c = parse(kZones + layer("error = [{ sd_rel = 0.15 }, { sd = 0.5, scale = \"study\" }]"));
        REQUIRE(c.layers[0].error.size() == 2);
        CHECK(c.layers[0].error[0].sd_rel == 0.15);
        CHECK(c.layers[0].error[0].scale == "zone");
        CHECK(c.layers[0].error[1].sd == 0.5);
        CHECK(c.layers[0].error[1].scale == "study");
    }
    SECTION("sd = 0 beside an sd_rel above 0 is allowed") {
        CHECK(parse(kZones + layer("error = { sd = 0, sd_rel = 0.3 }")).layers[0].error.size() == 1);
    }
    SECTION("an empty array declares none (a scenario's way to drop a base's error)") {
        CHECK(parse(kZones + layer("error = []")).layers[0].error.empty());
    }
}

TEST_CASE("layer error: bad forms are refused naming the key", "[config][uncertainty][errors]") {
    refused(kZones + layer("error = { sd = -1 }"), "layer[0].error.sd", "zero or positive and finite");
    refused(kZones + layer("error = { sd = inf }"), "layer[0].error.sd", "zero or positive and finite");
    refused(kZones + layer("error = { sd = nan }"), "layer[0].error.sd", "zero or positive and finite");
    refused(kZones + layer("error = { sd_rel = -0.1 }"), "layer[0].error.sd_rel", "below 10");
    refused(kZones + layer("error = { sd_rel = 10 }"), "layer[0].error.sd_rel", "below 10");
    refused(kZones + layer("error = { sd = 1, scale = \"city\" }"), "layer[0].error.scale", "'city' is not one of zone");
    refused(kZones + layer("error = {}"), "layer[0].error", "declares no error");
    refused(kZones + layer("error = { sd = 0, sd_rel = 0 }"), "layer[0].error", "declares no error");
    refused(kZones + layer("error = { sdd = 2 }"), "layer[0].error.sdd", "unknown key");
    refused(kZones + layer("error = [{ sd = 1 }, { sd_rel = 0.2 }]"), "layer[0].error", "two tables with scale = \"zone\"");
    refused(kZones + layer("error = [{ sd = 1 }, { sd = -1, scale = \"study\" }]"), "layer[0].error[1].sd", "zero or positive");
    refused(kZones + layer("error = [{ sd = 1 }, 2]"), "layer[0].error[1]", "must be a table");
    refused(kZones + layer("error = 2.0"), "layer[0].error", "must be a table such as { sd = 2.0 }");
}

TEST_CASE("cumulation: at_least_options and weights_range", "[config][uncertainty]") {
    SECTION("count_at_least levels to draw from") {
        const Config c = parse(kZones + layer("") + cumulation("count_at_least", "at_least = 1\nat_least_options = [1, 1.5, 2]"));
        CHECK(c.cumulations[0].at_least_options == std::vector<double>{1, 1.5, 2});
        CHECK(c.cumulations[0].weights_range.empty());
    }
    SECTION("weighted_sum weight ranges, by layer") {
        const Config c = parse(kZones + layer("") + cumulation("weighted_sum", "weights = { no2 = 1 }\nweights_range = { no2 = [0.5, 2.0] }"));
        REQUIRE(c.cumulations[0].weights_range.count("no2"));
        CHECK(c.cumulations[0].weights_range.at("no2") == std::pair<double, double>{0.5, 2.0});
        CHECK(c.cumulations[0].at_least_options.empty());
    }
    SECTION("a range of zero width is allowed") {
        const Config c = parse(kZones + layer("") + cumulation("weighted_sum", "weights_range = { no2 = [1, 1] }"));
        CHECK(c.cumulations[0].weights_range.at("no2") == std::pair<double, double>{1.0, 1.0});
    }
    SECTION("a misspelt rule: left to the job plan, which names the rules") {
        CHECK(parse(kZones + layer("") + cumulation("count_atleast", "at_least_options = [5]")).cumulations[0].at_least_options.size() == 1);
    }
}

TEST_CASE("cumulation: bad method choices are refused naming the key", "[config][uncertainty][errors]") {
    const std::string head = kZones + layer("");
    refused(head + cumulation("count_at_least", "at_least_options = []"), "cumulation[0].at_least_options", "must not be empty");
    refused(head + cumulation("count_at_least", "at_least_options = [5, nan]"), "cumulation[0].at_least_options[1]", "must be finite");
    refused(head + cumulation("count_at_least", "at_least_options = [5, \"6\"]"), "cumulation[0].at_least_options[1]", "must be a number");
    refused(head + cumulation("max", "at_least_options = [5, 6]"), "cumulation[0].at_least_options", "applies to rule = \"count_at_least\" only");
    refused(head + cumulation("weighted_sum", "weights_range = { no2 = [2, 1] }"), "cumulation[0].weights_range.no2", "0 < low <= high");
    refused(head + cumulation("weighted_sum", "weights_range = { no2 = [0, 1] }"), "cumulation[0].weights_range.no2", "0 < low <= high");
    refused(head + cumulation("weighted_sum", "weights_range = { no2 = [1, inf] }"), "cumulation[0].weights_range.no2", "both finite");
    refused(head + cumulation("weighted_sum", "weights_range = { no2 = [1, 2, 3] }"), "cumulation[0].weights_range.no2", "must be [low, high]");
    refused(head + cumulation("weighted_sum", "weights_range = { no2 = 1 }"), "cumulation[0].weights_range.no2", "must be an array of numbers");
    refused(head + cumulation("weighted_sum", "weights_range = [0.5, 2]"), "cumulation[0].weights_range", "must be a table");
    refused(head + cumulation("count_at_least", "weights_range = { no2 = [0.5, 2] }"), "cumulation[0].weights_range",
            "applies to rule = \"weighted_sum\" only");
}

TEST_CASE("extends: a scenario adds error to a base layer and adds or overrides [uncertainty] keys", "[config][uncertainty][extends]") {
    TempDir dir("uncertainty-extends");
    dir.write("base/base.toml", kZones + layer("") +
                                    "[[layer]]\nname = \"pm25\"\npath = \"pm25.tif\"\nmethod = \"who2021.pm25_annual\"\n"
                                    "error = [{ sd_rel = 0.2 }, { sd = 1, scale = \"study\" }]\n\n"
                                    "[[layer]]\nname = \"pm10\"\npath = \"pm10.tif\"\nerror = { sd = 2 }\n\n"
                                    "[uncertainty]\ndraws = 200\nseed = 7\n");
    const auto plan = [&](const std::string& body) {
        return parse_config(dir.write("plans/plan.toml", "extends = \"../base/base.toml\"\n" + body));
    };
    const auto find = [](const Config& c, const std::string& name) -> const LayerConfig& {
        for (const LayerConfig& l : c.layers)
            if (l.name == name) return l;
        FAIL("no layer " << name);
        return c.layers.front();
    };

    SECTION("the base's keys are inherited") {
        const Config c = plan("");
        CHECK(c.uncertainty.enabled);
        CHECK(c.uncertainty.draws == 200);
        CHECK(c.uncertainty.seed == 7);
        CHECK(find(c, "pm25").error.size() == 2);
    }
    SECTION("error added to a base layer by name; [uncertainty] keys added and overridden") {
        const Config c = plan("[[layer]]\nname = \"no2\"\nerror = { sd_rel = 0.25, scale = \"study\" }\n\n"
                              "[uncertainty]\ndraws = 1000\npercentile_options = [\"ces\", \"ejscreen\"]\n");
        const LayerConfig& no2 = find(c, "no2");
        REQUIRE(no2.error.size() == 1);
        CHECK(no2.error[0].sd_rel == 0.25);
        CHECK(no2.error[0].scale == "study");
        CHECK(no2.method == "who2021.no2_annual");
        CHECK(c.uncertainty.draws == 1000);
        CHECK(c.uncertainty.seed == 7);
        CHECK(c.uncertainty.percentile_options == std::vector<std::string>{"ces", "ejscreen"});
        CHECK(c.changes_to("uncertainty").size() == 2);
        CHECK(c.changes_to("layer[no2]").size() == 1);
    }
    SECTION("an array of error parts replaces the base's whole (unnamed tables do not merge)") {
        const Config c = plan("[[layer]]\nname = \"pm25\"\nerror = [{ sd = 3 }]\n");
        const LayerConfig& pm25 = find(c, "pm25");
        REQUIRE(pm25.error.size() == 1);
        CHECK(pm25.error[0].sd == 3);
        CHECK(pm25.error[0].sd_rel == 0);
        CHECK(pm25.error[0].scale == "zone");
    }
    SECTION("error = [] drops the base's error") {
        CHECK(find(plan("[[layer]]\nname = \"pm25\"\nerror = []\n"), "pm25").error.empty());
    }
    SECTION("an inline error table merges key by key, as every inline table does") {
        const Config c = plan("[[layer]]\nname = \"pm10\"\nerror = { sd_rel = 0.1 }\n");
        const LayerConfig& pm10 = find(c, "pm10");
        REQUIRE(pm10.error.size() == 1);
        CHECK(pm10.error[0].sd == 2);
        CHECK(pm10.error[0].sd_rel == 0.1);
    }
    SECTION("a bad key a scenario gives names the scenario") {
        try {
            plan("[uncertainty]\ndraws = 0\n");
            FAIL_CHECK("a scenario's draws = 0 was accepted");
        } catch (const ConfigError& e) {
            CHECK(e.key_path() == "uncertainty.draws");
            CHECK_THAT(std::string(e.what()), Contains("plan.toml"));
        }
    }
}
